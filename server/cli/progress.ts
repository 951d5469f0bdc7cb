// A progress line on stderr for long runs (only on a terminal): a bar by bytes read, records done, records per second.

export class Progress {
  private readonly enabled = !!process.stderr.isTTY;
  private readonly start = performance.now();
  private last = 0;
  private shown = false;
  private done = 0;

  constructor(
    private readonly totalBytes: number,
    private readonly bytesRead: () => number,
  ) {}

  tick(done: number): void {
    this.done = done;
    if (!this.enabled || (done & 63) !== 0) return;
    const now = performance.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.draw(now);
  }

  private draw(now: number): void {
    const rate = Math.round(this.done / Math.max((now - this.start) / 1000, 1e-3));
    let bar = '';
    if (this.totalBytes > 0) {
      const share = Math.min(1, this.bytesRead() / this.totalBytes);
      const filled = Math.round(share * 24);
      bar = `[${'█'.repeat(filled)}${'░'.repeat(24 - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  `;
    }
    process.stderr.write(`\r\x1b[K${bar}已处理 ${this.done.toLocaleString('en-US')} 条  ${rate.toLocaleString('en-US')} 条/秒`);
    this.shown = true;
  }

  /** Writes a message above the bar. */
  log(text: string): void {
    this.clear();
    process.stderr.write(text);
  }

  clear(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
    this.shown = false;
  }
}
