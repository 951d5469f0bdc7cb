// HTTP clients get the same readable validation messages as the CLI: what is expected, not a regular expression.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TryResponse } from '../../server/schemas/api/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { type World, draft, newScheme, world } from './helpers.js';

let w: World;
let scheme: number;
beforeAll(async () => {
  w = await world();
  scheme = await newScheme(w);
});
afterAll(() => w.close());

describe('record errors in words', () => {
  it('says a missing field must be filled in and what a date looks like', async () => {
    const { doc } = await draft(w, scheme, 1);
    const r = await w.as<TryResponse>('archA', 'POST', '/api/v1/try', { document: doc, records: [{ date: '2024/05/01' }] });
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([null]);
    expect(r.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/records/0/title', message: '必须填写' },
        { path: '/records/0/date', message: '日期格式应为 YYYY-MM-DD（或 YYYY-MM-DDThh:mm:ss+08:00）' },
      ]),
    );
  });

  it('names a bad custom field name instead of quoting the pattern', async () => {
    const { doc } = await draft(w, scheme, 1);
    const r = await w.as<TryResponse>('archA', 'POST', '/api/v1/try', {
      document: doc,
      records: [{ title: '计划', extra: { '1bad': 'x' } }],
    });
    expect(r.body.errors).toContainEqual({ path: '/records/0/extra', message: '名称“1bad”只能由字母、数字和下划线组成，且以字母开头' });
  });
});

describe('scheme errors in words', () => {
  it('gives a bad period code one message at its place, without the pattern or the alternatives', async () => {
    const { doc } = await draft(w, scheme, 1);
    const row = (doc as Scheme).items.findIndex((it) => typeof it.retention === 'string');
    const bad = structuredClone(doc) as unknown as { items: Record<string, unknown>[] };
    bad.items[row].retention = 'D300';
    const r = await w.as<TryResponse>('archA', 'POST', '/api/v1/try', { document: bad, records: [] });
    expect(r.body.errors).toEqual([
      { path: `/document/items/${row}/retention`, message: '保管期限应为永久（Y）或定期若干年（如 D10、D30）' },
    ]);
  });
});
