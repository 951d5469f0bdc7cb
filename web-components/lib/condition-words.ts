// Words a new condition starts from: the free-text fields searched by keyword, and the 15 法定公文文种
// (《党政机关公文处理工作条例》第八条; GB/T 9704-2012) offered when a condition names a 文种.

/** Free-text fields: a new condition on them looks for keywords (题名 包含任一关键词), not for one exact text. */
export const TEXT_FIELDS: ReadonlySet<string> = new Set(['title', 'abstract', 'descriptor']);

export const OFFICIAL_DOC_TYPES: readonly string[] = [
  '决议',
  '决定',
  '命令',
  '公报',
  '公告',
  '通告',
  '意见',
  '通知',
  '通报',
  '报告',
  '请示',
  '批复',
  '议案',
  '函',
  '纪要',
];

/** Suggestions for a field's values (the 文种 list for docType). */
export function suggestionsFor(field: string | undefined): string[] {
  return field === 'docType' ? [...OFFICIAL_DOC_TYPES] : [];
}
