// `sanheyi decision-log purge` on a real database file: entries past the unit's window go, recent ones stay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DecisionLogStore, type LogRow } from '../../server/store/decision-log-store.js';
import { openDatabase } from '../../server/store/db.js';
import { sanheyi } from './run-sanheyi.js';

const dir = mkdtempSync(join(tmpdir(), 'sanheyi-cli-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const row = (id: number, at: string): LogRow => ({
  id,
  unitId: 2,
  at,
  schemeId: 1,
  version: 1,
  outcome: 'file',
  itemId: '1',
  exclusionId: null,
  classCode: 'WS',
  retention: 'Y',
  needs: null,
  record: '{"title":"x"}',
  requestId: null,
  apiKeyId: null,
  userId: null,
  source: 'single',
});

it('purges entries older than 400 days by default', async () => {
  const file = join(dir, 'db.sqlite');
  const db = openDatabase(file);
  db.exec(`INSERT INTO orgs (id, type, name, created_at) VALUES (1, 'bureau', '档案局', '2020-01-01');
    INSERT INTO orgs (id, type, name, fonds, kind, supervisor_id, created_at) VALUES (2, 'unit', '甲', 'A1', 'enterprise', 1, '2020-01-01')`);
  const old = new Date(Date.now() - 401 * 86_400_000).toISOString();
  const recent = new Date(Date.now() - 399 * 86_400_000).toISOString();
  new DecisionLogStore(db).insertMany([row(1, old), row(2, recent), row(3, old)]);
  db.close();
  const r = await sanheyi(['decision-log', 'purge', '--db', file]);
  expect(r.stderr).toBe('');
  expect(r.stdout).toBe('已删除 2 条过期的分类记录\n');
  expect(r.code).toBe(0);
  const after = openDatabase(file);
  expect(after.prepare('SELECT id FROM decision_log').pluck().all()).toEqual([2]);
  after.close();
  expect((await sanheyi(['decision-log', 'tidy', '--db', file])).code).toBe(2);
});
