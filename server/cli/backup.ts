// `sanheyi backup <file>`: a consistent online copy of the database (the service may keep running), verified.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configFor } from './console.js';
import { backupDatabase } from '../store/backup.js';
import { openDatabase } from '../store/db.js';
import { readAuditKey } from '../store/audit-key.js';
import { parseCommand } from './args.js';

const USAGE = `用法: sanheyi backup <备份文件> [--db 数据库文件]

在服务运行时制作数据库的一致性副本（SQLite 在线备份），随后校验副本：完整性检查（integrity_check）和审计日志哈希链。
备份文件已存在时拒绝覆盖。恢复见 sanheyi restore。
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { db: { type: 'string' } }, USAGE, (p) => p.length === 1);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const dest = resolve(positionals[0]);
  if (existsSync(dest)) {
    process.stderr.write(`备份文件已存在：${dest}\n`);
    return 2;
  }
  const config = configFor(values.db);
  if (!existsSync(config.dbFile)) {
    process.stderr.write(`数据库不存在：${config.dbFile}\n`);
    return 2;
  }
  // No migrations: a backup must copy the database as it is.
  const db = openDatabase(config.dbFile, { migrate: false });
  try {
    const check = await backupDatabase(db, dest, { key: readAuditKey(config.auditKeyFile) });
    if (!check.ok) {
      process.stderr.write(`备份已写入 ${dest}，但校验未通过：\n  ${check.problems.join('\n  ')}\n`);
      return 1;
    }
    process.stdout.write(
      `已备份到 ${dest}\n  完整性检查：ok\n  数据库版本：${check.schema}\n  审计日志：${check.chain!.entries} 条，哈希链完整\n`,
    );
    return 0;
  } finally {
    db.close();
  }
}
