// `sanheyi registry export|verify` and `sanheyi keys` run as an operator would: a signed 登记备份 copy that verifies
// offline with only the public key, and names exactly what changed when a byte did.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type World, approvedScheme, world } from '../http/helpers.js';
import type { RegistryCopy } from '../../server/services/bundles/registry-format.js';
import { sanheyi } from './run-sanheyi.js';

let w: World;
let exported: string;
let keysFile: string;
const db = () => ['--db', w.db.name];

beforeAll(async () => {
  w = await world();
  await approvedScheme(w);
  exported = join(w.dir, 'registry.json');
  keysFile = join(w.dir, 'keys.json');
  const r = await sanheyi(['registry', 'export', '--unit', String(w.ids.unitA), '--out', exported, ...db()]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr).toContain('甲有限公司 · 文书档案三合一表：第 1 版（某档复〔2026〕12号，2026-03-01 起）');
  const k = await sanheyi(['keys', 'public', '--out', keysFile, ...db()]);
  expect(k.code, k.stderr).toBe(0);
});
afterAll(() => w.close());

/** Writes a changed copy of the export and verifies it. */
async function verifyChanged(change: (copy: RegistryCopy) => void) {
  const copy = JSON.parse(readFileSync(exported, 'utf8')) as RegistryCopy;
  change(copy);
  const file = join(w.dir, `changed-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(copy, null, 2));
  return sanheyi(['registry', 'verify', file, '--public-key', keysFile]);
}

describe('sanheyi registry', () => {
  it('exports the approved versions with their approval, audit excerpt and chain head', () => {
    const copy = JSON.parse(readFileSync(exported, 'utf8')) as RegistryCopy;
    expect(copy.format).toBe('sanheyi.registry/1');
    expect(copy.versions).toHaveLength(1);
    expect(copy.versions[0]).toMatchObject({
      number: 1,
      approvalNumber: '某档复〔2026〕12号',
      approval: { decidedBy: 'revX', submittedBy: 'archA' },
    });
    expect(copy.audit.map((e) => e.action)).toEqual(['scheme.create', 'version.submit', 'version.approve']);
    const head = w.app.services.stores.audit.list({ limit: 1 })[0];
    expect(copy.auditHead).toEqual({ id: head.id, hash: head.hash });
  });

  it('verifies offline with the keys file, a PEM key or the bare base64 key (exit 0)', async () => {
    const ok = await sanheyi(['registry', 'verify', exported, '--public-key', keysFile]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^校验通过：甲有限公司/);
    const key = JSON.parse(readFileSync(keysFile, 'utf8')).keys[0].publicKey;
    const pem = join(w.dir, 'key.pem');
    writeFileSync(pem, `-----BEGIN PUBLIC KEY-----\n${key}\n-----END PUBLIC KEY-----\n`);
    expect((await sanheyi(['registry', 'verify', exported, '--public-key', pem])).code).toBe(0);
    expect((await sanheyi(['registry', 'verify', exported, '--public-key', key])).code).toBe(0);
  });

  it('names the version, the document and each digest when a byte of a document changed (exit 1)', async () => {
    const r = await verifyChanged((c) => {
      c.versions[0].document.items[1].scope = c.versions[0].document.items[1].scope.replace('设立', '没立');
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('/versions/0/document  第 1 版的 document 与签名清单中的摘要不符（被改动）');
    expect(r.stdout).toContain('/versions/0/hash  第 1 版的文档与其内容哈希 hash 不符');
    expect(r.stdout).toContain('/versions/0/digests/sm3  第 1 版的文档与其 SM3 摘要不符');
    expect(r.stdout).not.toContain('/signature');
  });

  it('names the field when an approval changed, and the audit entry when the excerpt did', async () => {
    const number = await verifyChanged((c) => (c.versions[0].approvalNumber = '某档复〔2026〕13号'));
    expect(number.code).toBe(1);
    expect(number.stdout).toContain('/versions/0/approvalNumber  第 1 版的 approvalNumber 与签名清单中的摘要不符（被改动）');
    expect(number.stdout).toMatch(/第 1 版的 approvalNumber（某档复〔2026〕13号）与审计记录 #\d+ 中的（某档复〔2026〕12号）不一致/);
    const entry = await verifyChanged((c) => (c.audit[1].actor = 'someone'));
    expect(entry.code).toBe(1);
    expect(entry.stdout).toMatch(/\/audit\/1 {2}审计记录 #\d+ 与签名清单中的摘要不符（被改动）/);
    const dropped = await verifyChanged((c) => c.audit.pop());
    expect(dropped.stdout).toContain('/audit/2  签名清单中的 /audit/2 不见了（被删除）');
  });

  it('refuses a forged manifest (signature) and an unknown key; unreadable input is exit 2', async () => {
    const forged = await verifyChanged((c) => {
      c.versions[0].effectiveFrom = '2026-01-01';
      c.manifest.parts['/versions/0/effectiveFrom'] = 'sha256:' + '0'.repeat(64);
    });
    expect(forged.code).toBe(1);
    expect(forged.stdout).toContain('/signature/value  签名不符');
    const other = join(w.dir, 'other-keys.json');
    writeFileSync(other, JSON.stringify({ keys: [{ id: 'ed25519:0000000000000000', publicKey: 'AAAA' }] }));
    const unknown = await sanheyi(['registry', 'verify', exported, '--public-key', other]);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('/signature/keyId');
    expect((await sanheyi(['registry', 'verify', join(w.dir, 'missing.json'), '--public-key', keysFile])).code).toBe(2);
    expect((await sanheyi(['registry', 'verify', exported])).code).toBe(2);
  });

  it('keeps verifying copies made before `sanheyi keys rotate`', async () => {
    const rotated = await sanheyi(['keys', 'rotate', ...db()]);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(/^已轮换签名密钥：ed25519:[0-9a-f]{16} → ed25519:[0-9a-f]{16}/);
    const list = await sanheyi(['keys', 'list', ...db()]);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
    const after = join(w.dir, 'keys-after.json');
    expect((await sanheyi(['keys', 'public', '--out', after, ...db()])).code).toBe(0);
    expect((await sanheyi(['registry', 'verify', exported, '--public-key', after])).code).toBe(0);
    expect(w.app.services.stores.audit.list({ limit: 1 })[0].action).toBe('signingKey.rotate');
  });
});
