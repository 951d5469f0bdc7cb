// POST /try is open to every signed-in user: its document size and its work (records × rows and conditions) are capped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { miniScheme } from '../engine/scheme-fixture.js';
import { type World, expectProblem, world } from './helpers.js';
import type { TryResponse } from '../../server/schemas/api/index.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.close());

/** A valid scheme whose rows hold conditions no index can narrow (negations): every record evaluates them all. */
function heavyScheme(rows: number, terms: number) {
  const doc = miniScheme();
  doc.tests = [];
  doc.items.push({ id: '9', scope: '压力测试' });
  for (let i = 0; i < rows; i++) {
    const when = { and: Array.from({ length: terms }, (_, j) => ({ '!': { in: [`无${i}_${j}`, { var: 'title' }] } })) };
    doc.items.push({ id: `9.${i + 1}`, scope: '条款', class: 'WS', retention: 'D10', basis: '测试', when });
  }
  return doc;
}

const records = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `关于第${i}次会议的纪要`, date: '2024-01-01' }));

describe('POST /try limits', () => {
  it('a document over 1,000,000 characters → 413 naming /document', async () => {
    const doc = miniScheme();
    doc.description = 'x'.repeat(20_000);
    doc.items[0].editorNote = 'y'.repeat(2_000);
    (doc as Record<string, unknown>).padding = Array.from({ length: 600 }, () => 'z'.repeat(2_000));
    const r = await w.as('archA', 'POST', '/api/v1/try', { document: doc, records: records(1) });
    expectProblem(r, 413);
    expect(r.body.errors).toEqual([{ path: '/document', message: expect.stringContaining('方案文档过大') }]);
  });

  it('records × rows and condition nodes over 10,000,000 → 413 naming /records, with how many would fit', async () => {
    const doc = heavyScheme(50, 40); // about 12,500 values under items
    const r = await w.as('archA', 'POST', '/api/v1/try', { document: doc, records: records(1000) });
    expectProblem(r, 413);
    expect(r.body.errors[0].path).toBe('/records');
    const fits = Number(/不超过 (\d+) 条记录/.exec(r.body.detail)?.[1]);
    expect(fits).toBeGreaterThan(500);
    expect(fits).toBeLessThan(1000);
    const ok = await w.as<TryResponse>('archA', 'POST', '/api/v1/try', { document: doc, records: records(fits) });
    expect(ok.status).toBe(200);
    expect(ok.body.valid).toBe(true);
    expect(ok.body.results).toHaveLength(fits);
  });

  it('a shipped-size document tries 1,000 records at once', async () => {
    const doc = heavyScheme(20, 20);
    const r = await w.as('archA', 'POST', '/api/v1/try', { document: doc, records: records(1000) });
    expect(r.status).toBe(200);
  });
});
