// `sanheyi decision-log purge`: deletes decision-log entries older than each unit's retention window (the server
// does the same every hour).
import { existsSync } from 'node:fs';
import { DecisionLogStore } from '../store/decision-log-store.js';
import { openDatabase } from '../store/db.js';
import { parseCommand } from './args.js';
import { configFor } from './console.js';

const USAGE = `用法: sanheyi decision-log purge [--db 数据库文件]

删除超过各单位保留期限（默认 400 天）的分类记录及其人工判断结论。服务运行时每小时自动执行一次。
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { db: { type: 'string' } }, USAGE, (p) => p.length === 1 && p[0] === 'purge');
  if (typeof parsed === 'number') return parsed;
  const config = configFor(parsed.values.db);
  if (!existsSync(config.dbFile)) {
    process.stderr.write(`数据库不存在：${config.dbFile}\n`);
    return 2;
  }
  const db = openDatabase(config.dbFile, { synchronous: config.synchronous });
  try {
    const n = new DecisionLogStore(db).purge(new Date());
    process.stdout.write(`已删除 ${n} 条过期的分类记录\n`);
    return 0;
  } finally {
    db.close();
  }
}
