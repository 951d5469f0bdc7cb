// The national floor holds for every scheme however it was made: a table imported from a spreadsheet, with no
// baseline named and no derivedFrom, is checked against the national baseline of the unit's kind (#10).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Compliance, ImportedScheme, Problem } from '../../server/schemas/api/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { type Res, type World, draft, expectProblem, put, submit, world } from './helpers.js';

const RULESETS = fileURLToPath(new URL('../../rulesets/', import.meta.url));
let w: World;
beforeAll(async () => {
  w = await world({ rulesetsDir: RULESETS });
});
afterAll(() => w.close());

const CSV = ['条款号,归档范围,保管期限', '1,会计凭证,定期10年', '2,年度财务会计报告,定期10年', '3,银行对账单,定期10年', ''].join('\n');

describe('an imported table below the 79号令 floors', () => {
  it('shows both floor errors with their 79号令 source, and cannot be submitted', async () => {
    const res = await w.app.request(`/api/v1/units/${w.ids.unitA}/schemes/import?name=${encodeURIComponent('会计档案三合一表')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.tokens.archA}`, 'content-type': 'text/csv' },
      body: CSV,
    });
    const imported = (await res.json()) as ImportedScheme;
    expect(res.status, JSON.stringify(imported)).toBe(201);
    const scheme = imported.id;
    const compliance = await w.as<Compliance>('revX', 'GET', `/api/v1/schemes/${scheme}/versions/1/compliance`);
    expect(compliance.status).toBe(200);
    expect(compliance.body.baseline).toMatchObject({ id: 'enterprise-baseline' });
    expect(compliance.body.blocking).toBe(true);
    const errors = compliance.body.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.item, f.baselineRetention, f.retention])).toEqual([
      ['1', 'D30', 'D10'],
      ['1', 'D30', 'D10'],
      ['2', 'Y', 'D10'],
    ]);
    expect(errors.every((f) => f.kind === 'shorterRetention' && /79号令附表1/.test(f.basis ?? '') && /79号令附表1/.test(f.message))).toBe(
      true,
    );
    expect(errors.filter((f) => f.item === '3')).toEqual([]); // 银行对账单 10年 is the floor itself
    // Imported rows have no conditions and the table no tests: that is refused first, naming each place.
    const incomplete: Res<Problem> = await submit(w, scheme);
    expectProblem(incomplete, 422);
    expect(incomplete.body.type).toMatch(/incomplete-table$/);
    expect(incomplete.body.errors.map((e) => e.path)).toEqual(['/items/0/when', '/items/1/when', '/items/2/when', '/tests']);
    const { doc, etag }: { doc: Scheme; etag: string } = await draft(w, scheme, 1);
    doc.items.forEach((it) => {
      it.when = { in: [it.scope, { var: 'title' }] };
      delete it.needsCondition;
    });
    doc.tests = [
      {
        name: '凭证',
        record: { title: '2024年1月会计凭证', date: '2024-01-31' },
        expect: { outcome: 'file', item: '1', retention: 'D10' },
      },
    ];
    expect((await put(w, scheme, 1, doc, etag)).status).toBe(200);
    const refused: Res<Problem> = await submit(w, scheme);
    expectProblem(refused, 422);
    expect(refused.body.type).toMatch(/below-floor$/);
    expect(refused.body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['/items/0/retention', '/items/1/retention']));
  });
});
