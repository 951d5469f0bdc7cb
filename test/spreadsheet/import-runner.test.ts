// The import worker: limits checked before parsing, a deadline and a heap limit that end only that import.
import { afterAll, describe, expect, it } from 'vitest';
import { ImportRunner, type WorkerAnswer } from '../../server/spreadsheet/import-runner.js';
import { blankLinesCsv, inflateBombXlsx, mergeBombXlsx, rowBombXlsx, tableXlsx } from './hostile-files.js';

const options = { unit: '某单位', kind: 'enterprise' as const };
const small = Buffer.from('条款号,归档范围,保管期限\n1,会议纪要,永久\n', 'utf8');
const runners: ImportRunner[] = [];
const runner = (o: ConstructorParameters<typeof ImportRunner>[0] = {}) => {
  const r = new ImportRunner(o);
  runners.push(r);
  return r;
};
afterAll(async () => {
  for (const r of runners) await r.close();
});

async function timed(run: () => Promise<WorkerAnswer>): Promise<{ answer: WorkerAnswer; ms: number }> {
  const start = performance.now();
  const answer = await run();
  return { answer, ms: performance.now() - start };
}

describe('hostile tables end fast, over a limit', () => {
  const r = runner();
  it.each([
    ['1 MB of blank lines (CSV)', () => blankLinesCsv(), 'csv', /CSV 行数过多/],
    ['a million rows (xlsx)', () => rowBombXlsx(), 'xlsx', /行数过多/],
    ['a part inflating to 60 MB', () => inflateBombXlsx(60), 'xlsx', /解压后超过 48 MB/],
    ['one merge over the whole grid', () => mergeBombXlsx(), 'xlsx', /合并单元格范围过大/],
  ] as const)('%s', async (_, make, format, message) => {
    const { answer, ms } = await timed(() => r.run({ bytes: make(), format, options }));
    expect(answer.kind).toBe('limit');
    expect(answer.kind === 'limit' && answer.message).toMatch(message);
    // Before: 122 s (xlsx) and 147 s (CSV). The first call also starts the worker.
    expect(ms).toBeLessThan(10_000);
  });

  it('then imports an ordinary table in the same worker', async () => {
    const answer = await r.run({ bytes: small, format: 'csv', options });
    expect(answer.kind === 'result' && answer.result.ok).toBe(true);
  });
});

describe('a table that takes too long or too much memory', () => {
  it('is stopped at the deadline, and the next import gets a fresh worker', async () => {
    const r = runner({ timeoutMs: 300 });
    const slow = await r.run({ bytes: tableXlsx(19_000), format: 'xlsx', options });
    expect(slow).toEqual({ kind: 'timeout', message: expect.stringMatching(/未能在 0 秒内读完|未能在 \d+ 秒内读完/) });
    expect(r.stats.replaced).toBe(1);
    // A worker under tsx needs a few seconds to start on a busy machine: give this one a longer deadline.
    const next = await runner({ timeoutMs: 60_000 }).run({ bytes: small, format: 'csv', options });
    expect(next.kind === 'result' && next.result.ok).toBe(true);
  });

  it('is stopped when its heap passes the limit', async () => {
    const r = runner({ memoryMb: 16, timeoutMs: 60_000 });
    const big = await r.run({ bytes: tableXlsx(19_000), format: 'xlsx', options });
    expect(big).toEqual({ kind: 'limit', message: '读取表格所需内存超过 16 MB 上限' });
  });

  it('answers busy when too many wait', async () => {
    const r = runner({ maxWaiting: 1, timeoutMs: 60_000 });
    const answers = await Promise.all([0, 1, 2].map(() => r.run({ bytes: small, format: 'csv', options })));
    expect(answers.map((a) => a.kind)).toEqual(['result', 'busy', 'busy']);
  });
});
