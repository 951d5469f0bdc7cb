// The impact replay (pure): two compiled versions of the fixture scheme, records classified by both, the changes
// counted by kind and grouped by transition.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../server/engine/index.js';
import { changeKind, replay, years } from '../../server/services/decision-log/replay.js';

const base = JSON.parse(readFileSync(new URL('../http/fixtures/rulesets/demo-enterprise.json', import.meta.url), 'utf8'));
const before = compile(base);
const changed = structuredClone(base);
changed.items.find((i: { id: string }) => i.id === '3').retention = 'D30'; // 一般行政事务通知 10 → 30 years
changed.items.find((i: { id: string }) => i.id === '1.2').retention = 'D10'; // 年度计划 30 → 10 years
const after = compile(changed);
const by = (s: typeof before) => (r: Record<string, unknown>) => s.classify(r, { detail: 'minimal' });

describe('replay', () => {
  it('counts what would change, by kind, and groups the transitions with their ids', () => {
    const records = [
      { id: 1, record: { title: '关于放假的通知' } },
      { id: 2, record: { title: '关于停电的通知' } },
      { id: 3, record: { title: '2026年度计划' } },
      { id: 4, record: { title: '3号合同' } },
      { id: 5, record: { title: '会议室借用登记' } },
    ];
    const impact = replay(records, by(before), by(after));
    expect(impact.records).toBe(5);
    expect(impact.changed).toBe(3);
    expect(impact.counts).toMatchObject({ longer: 2, shorter: 1, nowExcluded: 0, nowFiledFromReview: 0 });
    expect(impact.transitions).toEqual([
      {
        kind: 'longer',
        before: { outcome: 'file', row: '3', retention: 'D10', classCode: 'WS/XZ' },
        after: { outcome: 'file', row: '3', retention: 'D30', classCode: 'WS/XZ' },
        count: 2,
        ids: [1, 2],
      },
      {
        kind: 'shorter',
        before: { outcome: 'file', row: '1.2', retention: 'D30', classCode: expect.any(String) },
        after: { outcome: 'file', row: '1.2', retention: 'D10', classCode: expect.any(String) },
        count: 1,
        ids: [3],
      },
    ]);
  });

  it('tells the kinds apart, outcome first', () => {
    const s = (outcome: 'file' | 'exclude' | 'review', row: string | null, retention: string | null, classCode: string | null = 'A') => ({
      outcome,
      row,
      retention,
      classCode,
    });
    expect(changeKind(s('review', null, null), s('file', '2', 'Y'))).toBe('nowFiledFromReview');
    expect(changeKind(s('file', '2', 'Y'), s('exclude', 'X1', null))).toBe('nowExcluded');
    expect(changeKind(s('file', '2', 'Y'), s('review', '2', null))).toBe('nowReview');
    expect(changeKind(s('exclude', 'X1', null), s('file', '2', 'D10'))).toBe('nowFiledFromExclusion');
    expect(changeKind(s('file', '2', 'Y'), s('file', '2', 'D30'))).toBe('shorter');
    expect(changeKind(s('file', '2', 'D10'), s('file', '3', 'D10'))).toBe('rowChanged');
    expect(changeKind(s('file', '2', 'D10'), s('file', '2', 'D10', 'B'))).toBe('classChanged');
    expect(changeKind(s('file', '2', 'D10'), s('file', '2', 'D10'))).toBeNull();
    expect([years('Y'), years('D30'), years('D5'), years(null)]).toEqual([Number.POSITIVE_INFINITY, 30, 5, 0]);
  });

  it('skips a record one version cannot classify', () => {
    const impact = replay([{ id: 1, record: { title: 'x' } }], by(before), () => null);
    expect(impact).toMatchObject({ records: 1, changed: 0, transitions: [] });
  });
});
