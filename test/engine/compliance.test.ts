// Unit tests for the baseline compliance check (periods are floors: lengthen, never shorten).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCompliance, shortestCode } from '../../server/engine/compliance.js';
import { compile } from '../../server/engine/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';

const baselineDoc = JSON.parse(readFileSync(new URL('../http/fixtures/rulesets/demo-enterprise.json', import.meta.url), 'utf8')) as Scheme;
const baseline = compile(baselineDoc);

/** A unit's copy of the baseline, as `POST /units/{unit}/schemes` makes it. */
function unitCopy(): Scheme {
  const doc = structuredClone(baselineDoc) as any;
  doc.unit = '某某有限公司';
  doc.fonds = 'Q001';
  doc.baseline = { id: 'demo-enterprise', hash: baseline.hash };
  delete doc.id;
  for (const it of doc.items) it.derivedFrom = it.id;
  return doc;
}

describe('checkCompliance', () => {
  it('finds nothing to justify in an unchanged copy', () => {
    const report = checkCompliance(compile(unitCopy()), baseline);
    expect(report.requiresJustification).toBe(false);
    expect(report.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(report.baseline.id).toBe('demo-enterprise');
  });

  it('allows lengthening a period', () => {
    const doc = unitCopy() as any;
    doc.items[2].retention = 'Y'; // 1.2: 30年 → 永久
    doc.items[4].retention = 'D30'; // 3: 10年 → 30年
    const report = checkCompliance(compile(doc), baseline);
    expect(report.requiresJustification).toBe(false);
  });

  it('flags a row whose period is shorter than its baseline row', () => {
    const doc = unitCopy() as any;
    doc.items[1].retention = 'D30'; // 1.1 永久 → 30年
    const report = checkCompliance(compile(doc), baseline);
    const rows = report.findings.filter((f) => f.kind === 'shorterRetention');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ item: '1.1', baselineItem: '1.1', baselineRetention: 'Y', retention: 'D30', path: '/items/1/retention', in: 'scheme', severity: 'error' });
    // …and the baseline's own test record for 1.1 now gets a shorter period.
    expect(report.findings.some((f) => f.kind === 'testShorter' && f.baselineItem === '1.1')).toBe(true);
    expect(report.requiresJustification).toBe(true);
  });

  it('compares the shortest branch of a row', () => {
    const doc = unitCopy() as any;
    // Row 2 baseline: 重要的 永久 / 一般的 10年 (shortest 10年). A branch giving 5 years would undercut it —
    // but D5 needs an event start, so undercut with a fixed 10-year period on a 永久 row instead.
    doc.items[1].retention = [{ label: '重要的', when: { '>=': [{ var: 'amount' }, 1] }, code: 'Y' }, { label: '一般的', code: 'D10' }];
    const report = checkCompliance(compile(doc), baseline);
    expect(report.findings.find((f) => f.kind === 'shorterRetention')).toMatchObject({ item: '1.1', retention: 'D10' });
  });

  it('maps renumbered rows by derivedFrom, and same ids only when the scheme names a baseline', () => {
    const doc = unitCopy() as any;
    doc.items[1].id = '1.3';
    doc.items[1].retention = 'D10';
    doc.items.push(doc.items.splice(1, 1)[0]);
    doc.tests[0].expect = { outcome: 'file', item: '1.3', retention: 'D10' };
    const report = checkCompliance(compile(doc), baseline);
    expect(report.findings.find((f) => f.kind === 'shorterRetention')).toMatchObject({ item: '1.3', baselineItem: '1.1' });

    const loose = unitCopy() as any;
    delete loose.baseline;
    for (const it of loose.items) delete it.derivedFrom;
    loose.items[1].retention = 'D10';
    loose.tests[0].expect.retention = 'D10';
    const none = checkCompliance(compile(loose), baseline);
    expect(none.findings.some((f) => f.kind === 'shorterRetention')).toBe(false);
    // The baseline's test records still catch the shortened period.
    expect(none.findings.some((f) => f.kind === 'testShorter')).toBe(true);
  });

  it('flags baseline test records that are no longer filed', () => {
    const doc = unitCopy() as any;
    doc.exclusions.push({ id: 'X2', scope: '年度计划不归档', when: { in: ['年度计划', { var: 'title' }] } });
    const report = checkCompliance(compile(doc), baseline);
    expect(report.findings.find((f) => f.kind === 'testNotFiled')).toMatchObject({ baselineItem: '1.2', in: 'baseline', path: '/tests/1', test: 1 });
    expect(report.requiresJustification).toBe(true);
  });

  it('reports removed baseline rows and undecided test records without requiring a justification', () => {
    const doc = unitCopy() as any;
    doc.items = doc.items.filter((it: any) => it.id !== '3');
    doc.tests = doc.tests.filter((t: any) => !t.record.title.includes('通知') || t.expect.outcome === 'exclude');
    const report = checkCompliance(compile(doc), baseline);
    expect(report.findings.find((f) => f.kind === 'baselineRowUnmapped')).toMatchObject({ baselineItem: '3', severity: 'info' });
    expect(report.requiresJustification).toBe(false);
  });

  it('shortestCode ranks 永久 > 30年 > 10年 > 5年', () => {
    expect(shortestCode(['Y', 'D10', 'D30'])).toBe('D10');
    expect(shortestCode([])).toBe(null);
  });
});

describe('checkCompliance catches shortening hidden by a fixed period', () => {
  it('flags a branch row made fixed when the baseline test record for its longer branch now gets less', () => {
    const doc = structuredClone(baselineDoc) as any;
    doc.baseline = { id: 'demo-enterprise' };
    doc.items[3].retention = 'D30'; // 2: 重要的 永久 / 一般的 10年 → 30年 for all
    doc.tests[2].expect.retention = 'D30';
    doc.tests[3].expect.retention = 'D30';
    const report = checkCompliance(compile(doc), baseline);
    expect(report.findings.some((f) => f.kind === 'shorterRetention')).toBe(false);
    expect(report.findings.find((f) => f.kind === 'testShorter')).toMatchObject({ baselineItem: '2', baselineRetention: 'Y', retention: 'D30' });
  });
});
