// Words for a version's impact: the summary sentence, each kind of change and each side of one (browser-safe:
// the workbench and the server's export of changed records say the same).
import type { ChangeKind } from './api/impact.js';

export const KIND_WORDS: Record<ChangeKind, string> = {
  shorter: '期限变短',
  longer: '期限变长',
  nowExcluded: '改为不归档',
  nowReview: '改为需人工判断',
  nowFiledFromReview: '原需人工判断、现可归档',
  nowFiledFromExclusion: '原不归档、现归档',
  rowChanged: '期限不变、改归其他条款',
  classChanged: '仅类目改变',
};

/** “312 条记录的结论会改变：40 条期限变短，12 条改为不归档，260 条原需人工判断、现可归档”. */
export function impactSentence(records: number, changed: number, counts: Record<ChangeKind, number>): string {
  if (records === 0) return '没有可重放的分类记录。';
  if (changed === 0) return `重放 ${records} 条分类记录，结论都不会改变。`;
  const parts = (Object.keys(KIND_WORDS) as ChangeKind[]).filter((k) => counts[k] > 0).map((k) => `${counts[k]} 条${KIND_WORDS[k]}`);
  return `重放 ${records} 条分类记录，${changed} 条的结论会改变：${parts.join('，')}。`;
}

/** A classification's outcome in words (also the decision log's exports). */
export const OUTCOME_WORDS = { file: '归档', exclude: '不归档', review: '需人工判断' } as const;

/** One side of a transition: “条款 2 · 永久” / “需人工判断（条款 2）” / “不归档（X1）”. */
export function sideText(s: { outcome: 'file' | 'exclude' | 'review'; row: string | null; retention: string | null }): string {
  if (s.outcome === 'file') return `条款 ${s.row ?? '—'} · ${s.retention ?? ''}`;
  return `${OUTCOME_WORDS[s.outcome]}${s.row ? `（${s.row}）` : ''}`;
}
