// A unit A scheme whose contract row (2) cannot decide without `amount`: contracts without one go to review.
import { expect } from 'vitest';
import { type World, approve, draft, newScheme, put, submit } from './helpers.js';
import type { ApiKeyCreated } from '../../server/schemas/api/index.js';

export async function reviewingScheme(w: World): Promise<{ scheme: number; key: string }> {
  const scheme = await newScheme(w);
  const { doc, etag } = await draft(w, scheme, 1);
  const row = doc.items.find((i) => i.id === '2')!;
  row.retention = [
    { label: '重要的', when: { '>=': [{ var: 'amount' }, 1000000] }, code: 'Y' },
    { label: '一般的', when: { and: [{ '!!': [{ var: 'amount' }] }, { '<': [{ var: 'amount' }, 1000000] }] }, code: 'D10' },
  ];
  row.review = '合同金额未知，请按合同金额判断';
  expect((await put(w, scheme, 1, doc, etag)).status).toBe(200);
  expect((await submit(w, scheme)).status).toBe(200);
  expect((await approve(w, scheme)).status).toBe(200);
  const key = (await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: 'OA 系统' })).body.key;
  return { scheme, key };
}
