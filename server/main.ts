// `npm start`: read the configuration, serve, and close the server and database cleanly on SIGTERM/SIGINT.
import { readConfig } from './config.js';
import { startServer } from './http/server.js';

try {
  const server = await startServer(readConfig());
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (e) {
  process.stderr.write(`启动失败：${(e as Error).message}\n`);
  process.exit(1);
}
