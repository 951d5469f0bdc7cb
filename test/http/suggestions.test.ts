// An import's suggested conditions are kept with the scheme on the service (#12), not in the page's session: read
// with what is still open in the draft, and dropped only by those who may edit the unit's drafts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SchemeSuggestions, SchemeWithVersions } from '../../server/schemas/api/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { type World, draft, expectProblem, put, world } from './helpers.js';

let w: World;
beforeAll(async () => {
  w = await world();
});
afterAll(() => w.close());

const CSV = ['条款号,归档范围,保管期限', '1,董事会会议纪要,永久', '2,工作总结,定期30年', '3,合同协议,定期30年', ''].join('\n');

async function imported(): Promise<{ id: number; suggestions: Record<string, unknown> }> {
  const res = await w.app.request(`/api/v1/units/${w.ids.unitA}/schemes/import?name=${encodeURIComponent('导入的表')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${w.tokens.archA}`, 'content-type': 'text/csv' },
    body: CSV,
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { id: number; suggestions: Record<string, unknown> };
  return { id: body.id, suggestions: body.suggestions };
}

describe('suggested conditions kept with the imported scheme', () => {
  it('are read back with the count still open in the draft, and applying one counts it off', async () => {
    const { id, suggestions } = await imported();
    const ids = Object.keys(suggestions);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const first = await w.as<SchemeSuggestions>('archA', 'GET', `/api/v1/schemes/${id}/suggestions`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ suggestions, pending: ids.length, draft: 1 });
    // The reviewer of the unit reads them too (they are not rules).
    expect((await w.as('revX', 'GET', `/api/v1/schemes/${id}/suggestions`)).status).toBe(200);

    const { doc, etag } = await draft(w, id, 1);
    const row = (doc as Scheme).items.find((it) => it.id === ids[0])!;
    row.when = suggestions[ids[0]] as Scheme['items'][number]['when'];
    delete row.needsCondition;
    expect((await put(w, id, 1, doc, etag)).status).toBe(200);
    const after = await w.as<SchemeSuggestions>('archA', 'GET', `/api/v1/schemes/${id}/suggestions`);
    expect(after.body.pending).toBe(ids.length - 1);
    expect(after.body.suggestions).toEqual(suggestions);
  });

  it('are dropped only by the unit’s archivist (or an admin), and are hidden from other units', async () => {
    const { id } = await imported();
    expectProblem(await w.as('archB', 'GET', `/api/v1/schemes/${id}/suggestions`), 404);
    expectProblem(await w.as('revX', 'DELETE', `/api/v1/schemes/${id}/suggestions`), 403);
    expect((await w.as('archA', 'DELETE', `/api/v1/schemes/${id}/suggestions`)).status).toBe(204);
    const gone = await w.as<SchemeSuggestions>('archA', 'GET', `/api/v1/schemes/${id}/suggestions`);
    expect(gone.body).toEqual({ suggestions: {}, pending: 0, draft: 1 });
  });

  it('a scheme made from a baseline has none', async () => {
    const r = await w.as<SchemeWithVersions>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/schemes`, {
      name: '基线表',
      baseline: 'demo-enterprise',
    });
    const got = await w.as<SchemeSuggestions>('archA', 'GET', `/api/v1/schemes/${r.body.id}/suggestions`);
    expect(got.body).toEqual({ suggestions: {}, pending: 0, draft: 1 });
  });
});
