// `sanheyi restore <file>`: verifies a backup, then puts it in place of the database while the service is stopped.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { configFor } from './console.js';
import { verifyDatabaseFile } from '../store/backup.js';
import { parseCommand } from './args.js';

const USAGE = `用法: sanheyi restore <备份文件> [--db 数据库文件] [--force]

先校验备份（完整性检查、数据库版本、审计日志哈希链），再用它替换数据库。必须先停止服务。
原数据库保留为 <数据库文件>.before-restore-<时间>。
数据库旁存在 -wal / -shm 文件时视为服务仍在运行而拒绝；确认服务已停止（例如异常退出后）可加 --force。
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { db: { type: 'string' }, force: { type: 'boolean' } }, USAGE, (p) => p.length === 1);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const source = resolve(positionals[0]);
  const target = configFor(values.db).dbFile;
  if (source === target) {
    process.stderr.write('备份文件与数据库是同一个文件\n');
    return 2;
  }
  const check = verifyDatabaseFile(source);
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
  process.stdout.write(
    `已从 ${source} 恢复到 ${target}\n  审计日志：${check.chain!.entries} 条，哈希链完整${kept ? `\n  原数据库保留为 ${kept}` : ''}\n`,
  );
  return 0;
}
