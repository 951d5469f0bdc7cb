// `sanheyi serve`: runs the rules service (same as `npm start`), with --port/--db/--host overriding the environment.
import { readConfig } from '../config.js';
import { startServer } from '../http/server.js';
import { parseCommand } from './args.js';

const USAGE = `用法: sanheyi serve [--port 端口] [--db 数据库文件] [--host 地址]

启动规则服务（HTTP API 与网页工作台）。未指定的选项取环境变量 PORT、SANHEYI_DB、HOST，
其余配置见 docs/service.md。首次启动时创建管理员 admin（密码取 SANHEYI_ADMIN_PASSWORD，未设置则随机生成并显示一次）。
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    { port: { type: 'string' }, db: { type: 'string' }, host: { type: 'string' } },
    USAGE,
    (p) => p.length === 0,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  try {
    const env = { ...process.env };
    if (values.port !== undefined) env.PORT = values.port;
    if (values.db !== undefined) env.SANHEYI_DB = values.db;
    if (values.host !== undefined) env.HOST = values.host;
    // Listen for the signals before starting, so that a stop request during start-up is not lost.
    let signalled!: () => void;
    const stopped = new Promise<void>((resolve) => (signalled = resolve));
    process.once('SIGTERM', () => signalled());
    process.once('SIGINT', () => signalled());
    const server = await startServer(readConfig(env));
    await stopped;
    await server.close();
    return 0;
  } catch (e) {
    process.stderr.write(`启动失败：${(e as Error).message}\n`);
    return 1;
  }
}
