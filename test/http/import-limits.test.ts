// The import's limits over HTTP: hostile tables answered 413 at once with errors[] naming the body, nothing created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankLinesCsv, inflateBombXlsx, mergeBombXlsx, rowBombXlsx } from '../spreadsheet/hostile-files.js';
import { type Res, type World, expectProblem, world } from './helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(async () => {
  await w.app.services.imports.close();
  w.close();
});

async function upload(data: Uint8Array, type: string, dryRun: boolean): Promise<Res> {
  const qs = dryRun ? 'dryRun=true' : 'name=%E5%A4%A7%E8%A1%A8';
  const res = await w.app.request(`/api/v1/units/${w.ids.unitA}/schemes/import?${qs}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.tokens.archA}`, 'content-type': type },
    body: new Uint8Array(data),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text, headers: res.headers };
}

const count = () => (w.db.prepare('SELECT count(*) AS n FROM schemes').get() as { n: number }).n;

describe('POST /units/{unit}/schemes/import with a hostile table', () => {
  it.each([
    ['1 MB CSV of blank lines (147 s before)', blankLinesCsv, 'text/csv', true, 'CSV 行数过多'],
    ['xlsx of a million rows (122 s and 3.1 GB before)', () => rowBombXlsx(), XLSX, false, '工作表行数过多'],
    ['xlsx inflating to 60 MB', () => inflateBombXlsx(60), XLSX, true, '工作簿解压后超过 48 MB 上限'],
    ['xlsx merging the whole grid', mergeBombXlsx, XLSX, false, '合并单元格范围过大'],
  ] as const)('%s → 413 in seconds', async (_, make, type, dryRun, message) => {
    const before = count();
    const start = performance.now();
    const r = await upload(make(), type, dryRun);
    expect(performance.now() - start).toBeLessThan(10_000);
    expectProblem(r, 413);
    expect(r.body.detail).toContain(message);
    expect(r.body.errors).toEqual([{ path: '/', message: expect.stringContaining(message) }]);
    expect(count()).toBe(before);
  });

  it('a body over 10 MB → 413 naming the body in errors[]', async () => {
    const r = await upload(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41), 'text/csv', true);
    expectProblem(r, 413);
    expect(r.body.errors).toEqual([{ path: '/', message: '表格文件超过 10 MB 上限' }]);
  });
});
