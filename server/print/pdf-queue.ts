// PDF renders one at a time (each launches Chromium), with a short waiting line; injected into the services.
import { existsSync } from 'node:fs';
import type { Logger } from '../log.js';
import { AppError } from '../services/errors.js';

export interface PdfQueueOptions {
  /** The Chromium binary (Config.chromiumPath). */
  executablePath: string;
  /** At most this many renders wait behind the running one; more are refused with 503. */
  maxWaiting?: number;
  log?: Logger;
  /** The renderer; the real one launches Chromium through playwright-core. */
  render?: (html: string, executablePath: string) => Promise<Buffer>;
}

export class PdfQueue {
  /** Renders running now, waiting now, and the most ever running at once (1 unless the queue is broken). */
  readonly stats = { running: 0, waiting: 0, maxRunning: 0, rendered: 0 };
  private tail: Promise<void> = Promise.resolve();
  private readonly maxWaiting: number;
  private readonly log: Logger;

  constructor(private readonly options: PdfQueueOptions) {
    this.maxWaiting = options.maxWaiting ?? 8;
    this.log = options.log ?? (() => {});
  }

  /** A4 PDF of a print-view HTML document; 503 `pdf_unavailable` without Chromium, when too many wait, or on failure. */
  async render(html: string, requestId?: string): Promise<Buffer> {
    const { executablePath } = this.options;
    if (!existsSync(executablePath)) {
      throw new AppError('pdf_unavailable', `服务器未安装 Chromium（${executablePath}），无法生成 PDF；可导出 HTML 后用浏览器打印`);
    }
    return this.oneAtATime(async () => {
      try {
        const render =
          this.options.render ?? (async (h: string, path: string) => (await import('./pdf.js')).renderPdf(h, { executablePath: path }));
        return await render(html, executablePath);
      } catch (e) {
        this.log({
          time: new Date().toISOString(),
          level: 'error',
          msg: 'pdf render failed',
          requestId,
          error: (e as Error)?.stack ?? String(e),
        });
        throw new AppError('pdf_unavailable', '生成 PDF 失败（Chromium 无法启动或超时），请稍后重试，或导出 HTML 后用浏览器打印');
      }
    });
  }

  private oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    const stats = this.stats;
    if (stats.waiting >= this.maxWaiting) return Promise.reject(new AppError('pdf_unavailable', '正在生成的 PDF 过多，请稍后重试'));
    stats.waiting++;
    const run = this.tail.then(async () => {
      stats.waiting--;
      stats.running++;
      stats.maxRunning = Math.max(stats.maxRunning, stats.running);
      try {
        return await task();
      } finally {
        stats.running--;
        stats.rendered++;
      }
    });
    this.tail = run.then(
      () => {},
      () => {},
    );
    return run;
  }
}
