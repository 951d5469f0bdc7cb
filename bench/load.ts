// A small HTTP/1.1 load generator, run in a child process by the HTTP benchmarks so that it does not share the
// server's event loop: keep-alive connections over raw sockets, one request in flight per connection, requests
// written from prepared bytes and responses parsed only as far as status, length and chunk framing.
//
// Closed loop (default): each connection sends its next request as soon as the previous response ends; the figure
// is throughput. Fixed rate (`rate`): requests are due at a steady pace spread over the connections, and latency is
// counted from when a request was due, not when it could be sent (no coordinated omission).
import { connect, type Socket } from 'node:net';

export interface LoadJob {
  port: number;
  /** Complete requests (head and body), used in turn. */
  requests: Buffer[];
  connections: number;
  ms: number;
  /** Requests per second over all connections; closed loop when absent. */
  rate?: number;
  /** Stop after this many requests (sent over all connections), even before `ms`. */
  count?: number;
}

export interface LoadResult {
  requests: number;
  /** Responses whose status was not 2xx (and connections that failed). */
  failures: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** The first non-2xx status seen, with the start of its body, to say why. */
  firstFailure?: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** Parses one response at a time from a socket's data; calls `done(status, body)` when it is complete. */
class ResponseParser {
  private buf: Buffer = Buffer.alloc(0);
  private status = 0;
  private headerDone = false;
  private length = -1;
  private chunked = false;
  private bodyStart = 0;
  /** Chunked: where the next chunk-size line starts. */
  private cursor = 0;

  constructor(private readonly done: (status: number, body: Buffer) => void) {}

  push(data: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
    for (;;) if (!this.step()) return;
  }

  private step(): boolean {
    if (!this.headerDone) {
      const end = this.buf.indexOf(HEADER_END);
      if (end < 0) return false;
      const head = this.buf.toString('latin1', 0, end);
      this.status = Number(head.slice(9, 12));
      const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      this.chunked = /\r\ntransfer-encoding:\s*chunked/i.test(head);
      this.length = cl ? Number(cl[1]) : -1;
      this.bodyStart = end + 4;
      this.cursor = this.bodyStart;
      this.headerDone = true;
    }
    if (!this.chunked) {
      const length = Math.max(0, this.length);
      if (this.buf.length < this.bodyStart + length) return false;
      this.finish(this.buf.subarray(this.bodyStart, this.bodyStart + length), this.bodyStart + length);
      return true;
    }
    // Chunked: walk the chunk-size lines; the body is not reassembled (only the first chunk is kept, for messages).
    for (;;) {
      const nl = this.buf.indexOf('\r\n', this.cursor);
      if (nl < 0) return false;
      const size = Number.parseInt(this.buf.toString('latin1', this.cursor, nl), 16);
      if (size === 0) {
        if (this.buf.length < nl + 4) return false;
        this.finish(this.buf.subarray(this.bodyStart, Math.min(nl, this.bodyStart + 512)), nl + 4);
        return true;
      }
      if (this.buf.length < nl + 2 + size + 2) return false;
      this.cursor = nl + 2 + size + 2;
    }
  }

  private finish(body: Buffer, consumed: number): void {
    const status = this.status;
    this.buf = this.buf.subarray(consumed);
    this.headerDone = false;
    this.done(status, body);
  }
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const started = performance.now();
  const deadline = started + job.ms;
  const interval = job.rate ? (1000 * job.connections) / job.rate : 0;

  const runConnection = (index: number) =>
    new Promise<void>((resolve) => {
      const socket: Socket = connect({ port: job.port, host: '127.0.0.1', noDelay: true });
      let due = started + (interval * index) / job.connections;
      let sentAt = 0;
      const send = () => {
        const now = performance.now();
        if (now >= deadline || (job.count !== undefined && next >= job.count)) {
          socket.end();
          resolve();
          return;
        }
        if (interval && now < due) {
          setTimeout(send, due - now);
          return;
        }
        sentAt = interval ? due : now;
        due += interval;
        socket.write(job.requests[next++ % job.requests.length]);
      };
      const parser = new ResponseParser((status, body) => {
        latencies.push(performance.now() - sentAt);
        if (status < 200 || status > 299) {
          failures++;
          firstFailure ??= `${status} ${body.toString('utf8', 0, Math.min(body.length, 300))}`;
        }
        send();
      });
      socket.on('connect', send);
      socket.on('data', (d: Buffer) => parser.push(d));
      socket.on('error', (e) => {
        failures++;
        firstFailure ??= String(e);
        resolve();
      });
      socket.on('close', () => resolve());
    });

  await Promise.all(Array.from({ length: job.connections }, (_, i) => runConnection(i)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN);
  return {
    requests: latencies.length,
    failures,
    seconds,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    firstFailure,
  };
}

/** Builds one request's bytes. */
export function httpRequest(path: string, headers: Record<string, string>, body: string | Buffer): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const head = [
    `POST ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    `Content-Length: ${bytes.length}`,
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}

// As a child process: jobs arrive over IPC ({id, job}, requests as base64), results go back ({id, result}).
if (process.send && process.argv.includes('--load-child')) {
  process.on('message', async (msg: { id: number; job: Omit<LoadJob, 'requests'> & { requests: string[] } }) => {
    const job = { ...msg.job, requests: msg.job.requests.map((r) => Buffer.from(r, 'base64')) };
    const result = await runLoad(job);
    process.send!({ id: msg.id, result });
  });
}
