// The import endpoint keeps a table's structure (#12): headingClasses=true makes top-level headings classes, accounting
// rows go under 会计档案, and an empty 保管期限 cell is a warning, not a refused table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportIssue } from '../../server/schemas/api/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { type World, world } from './helpers.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.close());

const CSV = ['条款号,归档范围,保管期限', '1,行政管理文件,', '1.1,印章启用通知,永久', '1.2,规章制度,', '2,记账凭证,定期30年', ''].join('\n');

async function dryRun(query: string) {
  const res = await w.app.request(`/api/v1/units/${w.ids.unitA}/schemes/import?dryRun=true${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.tokens.archA}`, 'content-type': 'text/csv' },
    body: CSV,
  });
  return { status: res.status, body: (await res.json()) as { document: Scheme; warnings: ImportIssue[]; errors?: unknown[] } };
}

describe('importing keeps the structure', () => {
  it('files by 门类, flags the empty period, and makes headings classes when asked', async () => {
    const plain = await dryRun('');
    expect(plain.status).toBe(200);
    expect(plain.body.document.items.map((i) => [i.id, i.class ?? null, i.retention ?? null])).toEqual([
      ['1', null, null],
      ['1.1', 'WS', 'Y'],
      ['1.2', 'WS', 'Y'],
      ['2', 'KJ', 'D30'],
    ]);
    expect(plain.body.warnings.find((x) => x.path === '/CSV/R4/C3')?.message).toContain('保管期限为空');
    const headed = await dryRun('&headingClasses=true');
    expect(headed.body.document.items.map((i) => i.class ?? null)).toEqual([null, 'WS/1', 'WS/1', 'KJ']);
    expect(headed.body.document.classes[0]).toEqual({ code: 'WS', name: '文书档案', children: [{ code: '1', name: '行政管理文件' }] });
    const bad = await dryRun('&headingClasses=yes');
    expect(bad.status).toBe(400);
  });
});
