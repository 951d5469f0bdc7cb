// Submitting an incomplete table (#12): rows without a condition, no test records, or accounting rows filed under
// 文书 are refused by the service itself (not only the page), 422 incomplete-table naming each place.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldError, SchemeWithVersions, VersionMeta } from '../../server/schemas/api/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { type World, draft, expectProblem, put, submit, world } from './helpers.js';

const RULESETS = fileURLToPath(new URL('../../rulesets/', import.meta.url));
let w: World;
beforeAll(async () => {
  w = await world({ rulesetsDir: RULESETS });
});
afterAll(() => w.close());

async function fromBaseline(name: string): Promise<{ id: number; doc: Scheme; etag: string }> {
  const r = await w.as<SchemeWithVersions>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/schemes`, {
    name,
    baseline: 'enterprise-baseline',
  });
  expect(r.status).toBe(201);
  const { doc, etag } = await draft(w, r.body.id, 1);
  return { id: r.body.id, doc: doc as Scheme, etag };
}

const index = (doc: Scheme, id: string) => doc.items.findIndex((it) => it.id === id);

describe('submitting an incomplete table', () => {
  it('refuses rows without a condition, a table without tests, and accounting rows under 文书, naming each', async () => {
    const { id, doc, etag } = await fromBaseline('不完整的三合一表');
    const open = index(doc, '1.1');
    const voucher = index(doc, '8.1.1'); // 原始凭证, 79号令附表1
    const moved = index(doc, '8.1.2'); // derived from an accounting row; its source no longer says so
    delete doc.items[open].when;
    doc.items[open].needsCondition = true;
    doc.items[voucher].class = 'WS/JG';
    doc.items[moved].class = 'WS/XZ';
    delete doc.items[moved].basis;
    doc.tests = [];
    expect((await put(w, id, 1, doc, etag)).status).toBe(200);

    const r = await submit(w, id);
    expectProblem(r, 422);
    expect(r.body.type).toBe('https://sanheyi.dev/problems/incomplete-table');
    expect(r.body.detail).toBe('三合一表还不完整，以下 4 处须先补齐才能提交');
    expect((r.body.errors as FieldError[]).map((e) => e.path)).toEqual([
      `/items/${open}/when`,
      `/items/${voucher}/class`,
      `/items/${moved}/class`,
      '/tests',
    ]);
    expect(r.body.errors[1].message).toBe('是会计档案，却放在文书档案类目 WS/JG 下，请改放到会计档案类目');
    const meta = await w.as<VersionMeta>('archA', 'GET', `/api/v1/schemes/${id}/versions/1`);
    expect(meta.body.state).toBe('draft');
  });

  it('submits the complete copy of the baseline: heading rows need no condition', async () => {
    const { id, doc } = await fromBaseline('完整的三合一表');
    expect(doc.items.some((it) => it.when === undefined)).toBe(true); // the heading rows
    const r = await submit(w, id);
    expect(r.status, r.text).toBe(200);
    expect(r.body.state).toBe('submitted');
  });
});
