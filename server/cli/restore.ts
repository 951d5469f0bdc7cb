// `sanheyi restore <file>`: verifies a backup, then puts it in place of the database while the service is stopped.
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { configFor } from './console.js';
import { readAuditKey } from '../store/audit-key.js';
import { defaultAuditHeadFile, writeHeadFile } from '../store/audit-head.js';
import { AuditStore } from '../store/audit-store.js';
import { verifyDatabaseFile } from '../store/backup.js';
import { parseCommand } from './args.js';

const USAGE = `用法: sanheyi restore <备份文件> [--db 数据库文件] [--audit-key 审计密钥文件] [--force]

先校验备份（完整性检查、数据库版本、以审计密钥校验审计日志哈希链、每个非草稿版本与审计日志相符），再用它替换数据库。
必须先停止服务。审计密钥默认取数据库旁的 <数据库文件>.audit-key（或 SANHEYI_AUDIT_KEY）；在另一台机器上恢复时用
--audit-key 指明原服务的密钥文件，恢复后它被复制到数据库旁。
原数据库保留为 <数据库文件>.before-restore-<时间>。
数据库旁存在 -wal / -shm 文件时视为服务仍在运行而拒绝；确认服务已停止（例如异常退出后）可加 --force。
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    { db: { type: 'string' }, 'audit-key': { type: 'string' }, force: { type: 'boolean' } },
    USAGE,
    (p) => p.length === 1,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const source = resolve(positionals[0]);
  const config = configFor(values.db);
  const target = config.dbFile;
  const keyFile = values['audit-key'] ? resolve(values['audit-key']) : config.auditKeyFile;
  if (source === target) {
    process.stderr.write('备份文件与数据库是同一个文件\n');
    return 2;
  }
  let key: ReturnType<typeof readAuditKey>;
  try {
    key = readAuditKey(keyFile);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
  const check = verifyDatabaseFile(source, { key });
  if (!check.ok) {
    process.stderr.write(`备份校验未通过，未做任何改动：\n  ${check.problems.join('\n  ')}\n`);
    return 1;
  }
  const sidecars = [`${target}-wal`, `${target}-shm`];
  if (sidecars.some(existsSync) && !values.force) {
    process.stderr.write(
      `数据库似乎仍在使用（存在 ${sidecars.filter(existsSync).join('、')}）。请先停止服务；确认已停止后可加 --force。\n`,
    );
    return 1;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let kept: string | null = null;
  if (existsSync(target) && statSync(target).size > 0) {
    kept = `${target}.before-restore-${stamp}`;
    renameSync(target, kept);
    for (const f of sidecars) if (existsSync(f)) renameSync(f, `${kept}${f.slice(target.length)}`);
  }
  // Copy next to the target, then rename: the database file is never half-written.
  mkdirSync(dirname(target), { recursive: true });
  const tmp = resolve(dirname(target), `.restore-${stamp}.db`);
  copyFileSync(source, tmp);
  renameSync(tmp, target);
  for (const f of sidecars) rmSync(f, { force: true });
  // The key goes beside the restored database (if it came from elsewhere), and the head anchor becomes the copy's.
  if (key && keyFile !== config.auditKeyFile && !existsSync(config.auditKeyFile)) {
    copyFileSync(keyFile, config.auditKeyFile);
    chmodSync(config.auditKeyFile, 0o600);
  }
  const restored = new Database(target, { readonly: true });
  try {
    const head = new AuditStore(restored).chainHead();
    if (head) writeHeadFile(defaultAuditHeadFile(target), head, new Date().toISOString());
    else rmSync(defaultAuditHeadFile(target), { force: true });
  } finally {
    restored.close();
  }
  process.stdout.write(
    `已从 ${source} 恢复到 ${target}\n  审计日志：${check.chain!.entries} 条，哈希链完整${kept ? `\n  原数据库保留为 ${kept}` : ''}\n`,
  );
  return 0;
}
