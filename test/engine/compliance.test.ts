// Unit tests for the baseline compliance check (periods are floors: lengthen, never shorten).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCompliance, shortestCode } from '../../server/engine/compliance.js';
import { compile } from '../../server/engine/index.js';
import type { Scheme, SchemeExclusion, SchemeTest } from '../../server/schemas/scheme.js';
import { branches } from './scheme-fixture.js';

/** The fixture's documents have tests and exclusions. */
type Doc = Scheme & { tests: SchemeTest[]; exclusions: SchemeExclusion[] };

function withLists(doc: Scheme): Doc {
  const { tests, exclusions } = doc;
  if (!tests || !exclusions) throw new Error('the fixture has tests and exclusions');
  return { ...doc, tests, exclusions };
}

const baselineDoc = withLists(
  JSON.parse(readFileSync(new URL('../http/fixtures/rulesets/demo-enterprise.json', import.meta.url), 'utf8')) as Scheme,
);
const baseline = compile(baselineDoc);

/** A unit's copy of the baseline, as `POST /units/{unit}/schemes` makes it. */
function unitCopy(): Doc {
  const doc = structuredClone(baselineDoc);
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
    const doc = unitCopy();
    doc.items[2].retention = 'Y'; // 1.2: 30年 → 永久
    doc.items[4].retention = 'D30'; // 3: 10年 → 30年
    const report = checkCompliance(compile(doc), baseline);
    expect(report.requiresJustification).toBe(false);
  });

  it('flags a row whose period is shorter than its baseline row', () => {
    const doc = unitCopy();
    doc.items[1].retention = 'D30'; // 1.1 永久 → 30年
    const report = checkCompliance(compile(doc), baseline);
    const rows = report.findings.filter((f) => f.kind === 'shorterRetention');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      item: '1.1',
      baselineItem: '1.1',
      baselineRetention: 'Y',
      retention: 'D30',
      path: '/items/1/retention',
      in: 'scheme',
      severity: 'error',
    });
    // …and the baseline's own test record for 1.1 now gets a shorter period. Both are proofs: approval is refused.
    expect(report.findings.some((f) => f.kind === 'testShorter' && f.baselineItem === '1.1')).toBe(true);
    expect(report.blocking).toBe(true);
    expect(report.requiresJustification).toBe(false);
  });

  it('compares a split row branch by branch against a fixed baseline period', () => {
    const doc = unitCopy();
    // 1.1 is 永久 in the baseline: every branch of the unit's row must keep 永久.
    doc.items[1].retention = [
      { label: '重要的', when: { '>=': [{ var: 'amount' }, 1] }, code: 'Y' },
      { label: '一般的', code: 'D10' },
    ];
    const report = checkCompliance(compile(doc), baseline);
    const shorter = report.findings.filter((f) => f.kind === 'shorterRetention');
    expect(shorter).toHaveLength(1);
    expect(shorter[0]).toMatchObject({
      item: '1.1',
      branch: '一般的',
      retention: 'D10',
      baselineRetention: 'Y',
      path: '/items/1/retention/1/code',
    });
  });

  it('gives each branch the floor of the baseline branch of the same label (the 一般 floor is not 永久)', () => {
    const doc = unitCopy();
    // Row 2 baseline: 重要的 永久 / 一般的 10年. The unit keeps 一般的 at 10年: nothing to flag.
    expect(checkCompliance(compile(doc), baseline).findings.filter((f) => f.kind === 'shorterRetention')).toEqual([]);
    branches(doc.items[3])[0].code = 'D30'; // 重要的 永久 → 30年: below its floor
    doc.tests[2].expect.retention = 'D30';
    const report = checkCompliance(compile(doc), baseline);
    expect(report.findings.filter((f) => f.kind === 'shorterRetention')).toEqual([
      expect.objectContaining({ item: '2', branch: '重要的', retention: 'D30', baselineRetention: 'Y', path: '/items/3/retention/0/code' }),
    ]);
  });

  it('sets no floor for a branch the baseline row does not have (a baseline row that ships only 重要 → 永久)', () => {
    const base = structuredClone(baselineDoc);
    base.items[3].retention = [{ label: '重要的', when: { '>=': [{ var: 'amount' }, 1000000] }, code: 'Y' }];
    base.items[3].review = '是否重要由档案员判断';
    base.tests = base.tests.filter((t) => t.name !== '一般合同');
    const onlyImportant = compile(base);
    const doc = unitCopy(); // keeps 重要的 永久 and adds the legally correct 一般的 10年
    doc.tests = doc.tests.filter((t) => t.name !== '一般合同');
    const report = checkCompliance(compile(doc), onlyImportant);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.findings.find((f) => f.kind === 'branchWithoutFloor')).toMatchObject({ item: '2', branch: '一般的', severity: 'info' });
  });

  it('a fixed period must reach the longest branch of a split baseline row', () => {
    const doc = unitCopy();
    doc.items[3].retention = 'D30';
    doc.tests[2].expect.retention = 'D30';
    doc.tests[3].expect.retention = 'D30';
    const report = checkCompliance(compile(doc), baseline);
    expect(report.findings.find((f) => f.kind === 'shorterRetention')).toMatchObject({
      item: '2',
      retention: 'D30',
      baselineRetention: 'Y',
      path: '/items/3/retention',
    });
  });

  it('maps renumbered rows by derivedFrom, and same ids only when the scheme names a baseline', () => {
    const doc = unitCopy();
    doc.items[1].id = '1.3';
    doc.items[1].retention = 'D10';
    doc.items.push(doc.items.splice(1, 1)[0]);
    doc.tests[0].expect = { outcome: 'file', item: '1.3', retention: 'D10' };
    const report = checkCompliance(compile(doc), baseline);
    expect(report.findings.find((f) => f.kind === 'shorterRetention')).toMatchObject({ item: '1.3', baselineItem: '1.1' });

    const loose = unitCopy();
    delete loose.baseline;
    for (const it of loose.items) delete it.derivedFrom;
    loose.items[1].retention = 'D10';
    loose.tests[0].expect.retention = 'D10';
    loose.items[1].notDerived = true; // the archivist says this row has no baseline counterpart
    const none = checkCompliance(compile(loose), baseline);
    expect(none.findings.some((f) => f.kind === 'shorterRetention')).toBe(false);
    // The baseline's test records still catch the shortened period.
    expect(none.findings.some((f) => f.kind === 'testShorter')).toBe(true);
  });

  it('flags baseline test records that are no longer filed', () => {
    const doc = unitCopy();
    doc.exclusions.push({ id: 'X2', scope: '年度计划不归档', when: { in: ['年度计划', { var: 'title' }] } });
    const report = checkCompliance(compile(doc), baseline);
    expect(report.findings.find((f) => f.kind === 'testNotFiled')).toMatchObject({
      baselineItem: '1.2',
      in: 'baseline',
      path: '/tests/1',
      test: 1,
      severity: 'error',
    });
    expect(report.blocking).toBe(true);
  });

  it('reports removed baseline rows and undecided test records without requiring a justification', () => {
    const doc = unitCopy();
    doc.items = doc.items.filter((it) => it.id !== '3');
    doc.tests = doc.tests.filter((t) => !t.record.title.includes('通知') || t.expect.outcome === 'exclude');
    const report = checkCompliance(compile(doc), baseline);
    expect(report.findings.find((f) => f.kind === 'baselineRowUnmapped')).toMatchObject({ baselineItem: '3', severity: 'info' });
    expect(report.requiresJustification).toBe(false);
    expect(report.blocking).toBe(false);
  });

  it('shortestCode ranks 永久 > 30年 > 10年 > 5年', () => {
    expect(shortestCode(['Y', 'D10', 'D30'])).toBe('D10');
    expect(shortestCode([])).toBe(null);
  });
});

describe('checkCompliance catches shortening hidden by a fixed period', () => {
  it('flags a branch row made fixed when the baseline test record for its longer branch now gets less', () => {
    const doc = structuredClone(baselineDoc);
    doc.baseline = { id: 'demo-enterprise' };
    doc.items[3].retention = 'D30'; // 2: 重要的 永久 / 一般的 10年 → 30年 for all
    doc.tests[2].expect.retention = 'D30';
    doc.tests[3].expect.retention = 'D30';
    doc.items[3].notDerived = true; // no mapping: only the baseline's test records can prove it
    const report = checkCompliance(compile(doc), baseline);
    expect(report.findings.some((f) => f.kind === 'shorterRetention')).toBe(false);
    expect(report.findings.find((f) => f.kind === 'testShorter')).toMatchObject({
      baselineItem: '2',
      baselineRetention: 'Y',
      retention: 'D30',
    });
  });
});

describe('checkCompliance of a table imported or written by hand (no derivedFrom)', () => {
  const national = compile(JSON.parse(readFileSync(new URL('../../rulesets/enterprise-baseline.json', import.meta.url), 'utf8')));
  /** A table as the importer makes it: the unit's own rows, conditions still to be written. */
  const imported = (rows: [string, string][]) =>
    compile({
      format: 'sanheyi.scheme/1',
      title: '某公司三合一表',
      unit: '某公司',
      kind: 'enterprise',
      classes: [{ code: 'KJ', name: '会计档案' }],
      items: rows.map(([scope, retention], i) => ({ id: String(i + 1), scope, retention, class: 'KJ', needsCondition: true })),
    });

  it('maps rows by their wording to the 79号令 rows and proves a shorter period, citing the source', () => {
    const report = checkCompliance(
      imported([
        ['会计凭证', 'D10'],
        ['年度财务会计报告', 'D10'],
        ['银行对账单', 'D10'],
      ]),
      national,
    );
    const shorter = report.findings.filter((f) => f.kind === 'shorterRetention');
    expect(shorter.map((f) => [f.item, f.baselineRetention, f.mapping])).toEqual([
      ['1', 'D30', 'wording'],
      ['1', 'D30', 'wording'],
      ['2', 'Y', 'wording'],
    ]);
    expect(shorter.every((f) => f.severity === 'error' && /79号令/.test(f.basis ?? '') && /79号令/.test(f.message))).toBe(true);
    expect(report.blocking).toBe(true);
    expect(report.findings.find((f) => f.kind === 'suggestedMapping' && f.item === '3')).toMatchObject({ severity: 'info', score: 1 });
  });

  it('suggests without proving when the wording is only close, and not at all once the archivist says notDerived', () => {
    const report = checkCompliance(imported([['财务报告', 'D10']]), national);
    expect(report.findings.filter((f) => f.kind === 'shorterRetention')).toEqual([]);
    expect(report.findings.find((f) => f.kind === 'suggestedMapping')).toMatchObject({ item: '1', severity: 'info' });
  });
});

describe('checkCompliance suggests mappings where the baseline’s records land', () => {
  it('names the baseline row whose test record a row without a mapping files', () => {
    const doc = unitCopy();
    delete doc.baseline;
    for (const it of doc.items) delete it.derivedFrom;
    doc.items[2].scope = '本公司年度经营目标与工作安排'; // wording unlike the baseline's 1.2, records still land on it
    const report = checkCompliance(compile(doc), baseline);
    const suggestion = report.findings.find((f) => f.kind === 'suggestedMapping' && f.item === '1.2');
    expect(suggestion).toMatchObject({ severity: 'info', suggested: ['1.2'], path: '/items/2' });
    expect(suggestion!.message).toMatch(/测试记录在本方案中由条款 1\.2 归档/);
    doc.items[2].notDerived = true;
    expect(checkCompliance(compile(doc), baseline).findings.some((f) => f.kind === 'suggestedMapping' && f.item === '1.2')).toBe(false);
  });
});

describe('checkCompliance and records the baseline decides only by its default', () => {
  it('sets no floor from a baseline test record filed by the 从长 default', () => {
    const base = structuredClone(baselineDoc);
    base.items[3].retention = [{ label: '重要的', when: { '>=': [{ var: 'amount' }, 1000000] }, code: 'Y' }];
    base.items[3].default = '从长';
    base.tests.push({
      name: '金额不明的合同',
      record: { title: '某项目合同', date: '2024-05-01' },
      expect: { outcome: 'file', item: '2', retention: 'Y' },
    });
    base.tests = base.tests.filter((t) => t.name !== '一般合同');
    const doc = unitCopy(); // the unit adds 一般的 10年: an unknown amount is 一般 in its own table
    doc.tests = doc.tests.filter((t) => t.name !== '一般合同');
    const report = checkCompliance(compile(doc), compile(base));
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('checkCompliance with the unit’s own parameters', () => {
  it('classifies the baseline’s test records with the unit’s 大额资金标准 before comparing', () => {
    const base = structuredClone(baselineDoc);
    base.parameters = [{ name: 'largeAmount', label: '大额资金标准', type: 'number', value: 1000000 }];
    branches(base.items[3])[0].when = { '>=': [{ var: 'amount' }, { param: 'largeAmount' }] };
    const withParam = compile(base);
    const doc = unitCopy();
    doc.parameters = [{ name: 'largeAmount', label: '大额资金标准', type: 'number', value: 10000000 }];
    branches(doc.items[3])[0].when = { '>=': [{ var: 'amount' }, { param: 'largeAmount' }] };
    doc.tests[2].expect.retention = 'D10'; // 5,000,000 is below this unit's own standard: 一般
    const report = checkCompliance(compile(doc), withParam);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
