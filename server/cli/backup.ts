// `sanheyi backup <file>`: a consistent online copy of the database (the service may keep running), verified.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readAuditKey } from '../store/audit-key.js';
import { BackupAbortedError, backupDatabase } from '../store/backup.js';
import { openDatabase } from '../store/db.js';
import { parseCommand } from './args.js';
import { configFor } from './console.js';

const USAGE = `用法: sanheyi backup <备份文件> [--db 数据库文件] [--timeout 秒]

在服务运行时制作数据库的一致性副本（SQLite 在线备份，分步复制，服务可继续写入），随后校验副本：完整性检查
（integrity_check）、以审计密钥校验审计日志哈希链、每个非草稿版本与审计日志相符。副本内含单位方案所依据的基线，
并锚定审计日志的末条（以审计密钥签名）。进度显示在标准错误上。
副本先写入同目录下的临时文件，校验后才以 <备份文件> 出现；超时（默认 600 秒）、中断或出错时不留下任何文件。
备份文件已存在时拒绝覆盖。审计密钥文件不在备份内，请另行妥善保管。恢复见 sanheyi restore。
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { db: { type: 'string' }, timeout: { type: 'string' } }, USAGE, (p) => p.length === 1);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const timeout = values.timeout === undefined ? 600 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    process.stderr.write(`--timeout ${values.timeout} 无效，应为正数（秒）\n`);
    return 2;
  }
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
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let shown = -1;
  try {
    const check = await backupDatabase(db, dest, {
      key: readAuditKey(config.auditKeyFile),
      timeoutMs: timeout * 1000,
      signal: abort.signal,
      onProgress: (copied, total) => {
        const percent = total ? Math.floor((copied / total) * 10) * 10 : 100;
        if (percent !== shown) {
          shown = percent;
          process.stderr.write(`备份中… ${percent}%（${copied}/${total} 页）\n`);
        }
      },
    });
    if (!check.ok) {
      process.stderr.write(`备份已写入 ${dest}，但校验未通过：\n  ${check.problems.join('\n  ')}\n`);
      return 1;
    }
    const head = check.chain?.anchor;
    process.stdout.write(
      `已备份到 ${dest}\n  完整性检查：ok\n  数据库版本：${check.schema}\n  审计日志：${check.chain!.entries} 条，哈希链完整` +
        `${head ? `\n  锚定末条：第 ${head.id} 条 ${head.hash}` : ''}${check.restarts ? `\n  期间有写入，复制重新开始 ${check.restarts} 次` : ''}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof BackupAbortedError) {
      process.stderr.write(`${e.message}，未写入备份文件\n`);
      return 1;
    }
    throw e;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    db.close();
  }
}
