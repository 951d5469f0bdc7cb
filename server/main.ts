// `npm start`: read the configuration, serve, and close the server and database cleanly on SIGTERM/SIGINT.
import { readConfig } from './config.js';
import { startServer } from './http/server.js';

// Listen for the signals before starting, so that a stop request during start-up is not lost.
let stopRequested = false;
let stop = () => {
  stopRequested = true;
};
process.once('SIGTERM', () => stop());
process.once('SIGINT', () => stop());

try {
  const server = await startServer(readConfig());
  stop = () => void server.close().then(() => process.exit(0));
  if (stopRequested) stop();
} catch (e) {
  process.stderr.write(`启动失败：${(e as Error).message}\n`);
  process.exit(1);
}
