// A benchmark world: a temp SQLite database with `units` units, each with an approved generated 300-row scheme
// (a different seed per unit, so different compiled versions) and an API key; records for each unit's scheme.
import { mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../server/app.js';
import { contentHash } from '../server/engine/index.js';
import type { ClassifiableRecord } from '../server/schemas/record.js';
import { auditEvents } from '../server/services/audit-events.js';
import type { Logger } from '../server/services/index.js';
import { openDatabase } from '../server/store/db.js';
import { generateRecords, generateScheme } from './generate.js';

export interface BenchUnit {
  id: number;
  key: string;
  schemeId: number;
  hash: string;
  /** Records parsed from JSON, as the API receives them. */
  records: ClassifiableRecord[];
}

export interface BenchWorld {
  app: App;
  units: BenchUnit[];
  /** The SQLite file (its audit key file beside it), for a service started on it (bench/soak.ts). */
  dbFile: string;
  /** Closes the database and removes its folder. */
  close(): void;
  /** Closes the database and keeps the files (the caller removes `dirname(dbFile)` when done). */
  release(): void;
}

/**
 * The request log as production writes it (one synchronous write per flush, as to stdout on a pipe or file), to
 * /dev/null: logging is part of what the server costs.
 */
export function devNullLogger(): Logger {
  const fd = openSync('/dev/null', 'w');
  let buffer = '';
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    writeSync(fd, buffer);
    buffer = '';
  };
  return (entry) => {
    buffer += JSON.stringify(entry) + '\n';
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
}

export function benchWorld(options: { units: number; rows?: number; recordsPerUnit: number; log?: Logger }): BenchWorld {
  const dir = mkdtempSync(join(tmpdir(), 'sanheyi-bench-'));
  const dbFile = join(dir, 'bench.db');
  const db = openDatabase(dbFile);
  const app = createApp({ db, log: options.log ?? devNullLogger() });
  const { stores } = app.services;
  const at = new Date().toISOString();
  const bureau = stores.orgs.create({ type: 'bureau', name: '测试档案局' }, at);
  const userOf = (username: string, role: 'archivist' | 'reviewer', orgId: number) =>
    stores.users.create({ username, displayName: username, role, orgId, passwordHash: 'scrypt$1$1$1$x$x' }, at);
  const reviewerUser = userOf('reviewer', 'reviewer', bureau.id);
  const reviewer = reviewerUser.id;
  const units: BenchUnit[] = [];
  const insert = db.transaction(() => {
    for (let i = 0; i < options.units; i++) {
      const unit = stores.orgs.create(
        {
          type: 'unit',
          name: `测试单位${i + 1}`,
          fonds: `B${String(i + 1).padStart(4, '0')}`,
          kind: 'enterprise',
          supervisorId: bureau.id,
        },
        at,
      );
      const archivistUser = userOf(`archivist${i + 1}`, 'archivist', unit.id);
      const archivist = archivistUser.id;
      const gen = generateScheme(i + 1, options.rows ?? 300);
      const hash = contentHash(gen.scheme);
      const schemeId = stores.schemes.createScheme(
        { unitId: unit.id, name: '文书档案', baselineId: null, baselineHash: null, createdBy: archivist },
        at,
      );
      const v = stores.schemes.createVersion(
        { schemeId, number: 1, document: gen.scheme, hash, copiedFrom: null, createdBy: archivist },
        at,
      );
      const scheme = { id: schemeId, unitId: unit.id };
      stores.schemes.submit(v.id, archivist, at);
      // The workflow's audit entries: classification only uses versions the audit log says were approved.
      const submitted = stores.schemes.metaById(v.id)!;
      stores.audit.append(auditEvents.versionSubmitted(at, { user: archivistUser, scheme }, v, submitted, { passed: 0, failed: 0 }));
      stores.schemes.approve(
        v.id,
        {
          by: reviewer,
          approvalNumber: `测档复〔2026〕${i + 1}号`,
          decidedOn: '1990-01-01',
          effectiveFrom: '1990-01-01',
          comment: null,
          justification: null,
        },
        at,
      );
      stores.audit.append(auditEvents.versionApproved(at, { user: reviewerUser, scheme }, stores.schemes.metaById(v.id)!, 0));
      const records = JSON.parse(JSON.stringify([...generateRecords(gen, options.recordsPerUnit, 1000 + i)])) as ClassifiableRecord[];
      units.push({ id: unit.id, key: '', schemeId, hash, records });
    }
  });
  insert();
  for (const u of units) u.key = app.services.apiKeys.issue(u.id, '基准测试', 1, { actorId: null, actor: 'system' }).key;
  return {
    app,
    units,
    dbFile,
    release: () => db.close(),
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
