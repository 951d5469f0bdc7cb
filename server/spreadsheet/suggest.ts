// Suggests a JSON-Logic condition from a row's 归档范围 wording: 文种 words → docType, salient words → title keywords.
import { replaceBracketed, stripTrailingWords } from './text-scan.js';

/** 文种 (document types) as they appear in 归档范围 wording and in records' docType. Longer names first. */
export const DOC_TYPES = [
  '会议纪要',
  '大事记',
  '请示',
  '批复',
  '决议',
  '决定',
  '纪要',
  '报告',
  '通知',
  '通报',
  '合同',
  '协议',
  '章程',
  '计划',
  '总结',
  '规划',
  '方案',
  '意见',
  '公告',
  '公报',
  '命令',
  '议案',
  '提案',
  '函',
  '规定',
  '办法',
  '制度',
  '细则',
  '条例',
  '简报',
  '名册',
  '报表',
  '证书',
  '记录',
  '预算',
  '决算',
  '审计报告',
  '任免',
  '批示',
];

/** Words that say nothing about which records a row covers. */
const STOP = new Set([
  '文件',
  '材料',
  '文件材料',
  '有关',
  '相关',
  '形成',
  '形成的',
  '本企业',
  '本单位',
  '本机关',
  '工作',
  '其他',
  '其它',
  '一般',
  '重要',
  '重要的',
  '一般的',
  '各项',
  '各类',
  '各种',
  '方面',
  '关于',
  '以及',
  '上级',
  '上级机关',
  '机关',
  '下级',
  '单位',
  '所属',
  '情况',
  '活动',
  '事项',
  '问题',
  '资料',
  '等等',
  '及其',
  '的',
  '等',
  '同上',
  '主要',
  '对',
  '和',
  '与',
  '或',
  '企业',
  '本公司',
  '公司',
  '文件汇编',
  '原件',
  '复印件',
  '相关文件',
  '会议',
  '有关会议',
  '其他会议',
]);

const MAX_KEYWORDS = 6;

/** Filler that ends a term (“…文件材料”, “…工作情况”); stripped by a scan, never by an alternation under `+$`. */
const TRAILING_FILLER = ['文件材料', '文件', '材料', '资料', '工作', '情况', '事项', '活动', '方面', '汇编', '原件', '及其', '有关'];
/** A part longer than this cannot shrink to a keyword (≤ 12 characters) by stripping a few filler words. */
const MAX_PART = 40;

/** Salient keywords of a scope text: the clause's subject terms, without 文种 and filler words. */
export function scopeKeywords(scope: string): string[] {
  const cut = replaceBracketed(scope, (inner) => '、' + inner + '、').split(
    /[、，,；;：:。.《》〈〉“”"'‘’\s/／及和与或]+|等|的|形成|关于|包括|其中/,
  );
  const out: string[] = [];
  const seen = new Set<string>();
  for (let part of cut) {
    if (part.length > MAX_PART) continue;
    let before = '';
    while (before !== part) {
      before = part;
      part = part.trim().replace(/^(各|本|有关|相关|其他|其它|重要|一般|主要|上级|下级|所属|对|在|为|向|由|企业|单位)+/, '');
      part = stripTrailingWords(part, TRAILING_FILLER);
      for (const t of DOC_TYPES)
        if (part.endsWith(t) && part.length > t.length) part = part.length - t.length >= 3 ? part.slice(0, -t.length) : '';
    }
    if (part.length < 2 || part.length > 12 || STOP.has(part) || DOC_TYPES.includes(part) || /^\d/.test(part)) continue;
    if (seen.has(part)) continue;
    seen.add(part);
    out.push(part);
    if (out.length >= MAX_KEYWORDS) break;
  }
  return out;
}

/** 文种 words found in the scope, longest match first, without words contained in a longer one already found. */
export function scopeDocTypes(scope: string): string[] {
  const found: string[] = [];
  for (const t of DOC_TYPES) {
    if (t === '函' ? !/(^|[、，,；;：:\s])函([、，,；;。等\s]|$)/.test(scope) : !scope.includes(t)) continue;
    if (found.some((f) => f.includes(t))) continue;
    found.push(t);
  }
  return found;
}

export type Logic = Record<string, unknown>;

/**
 * A suggested condition for a row, or null when the wording gives nothing usable. Not applied: the archivist
 * confirms it in the condition builder.
 */
export function suggestCondition(scope: string): Logic | null {
  const types = scopeDocTypes(scope);
  const keywords = scopeKeywords(scope);
  const byType: Logic | null = types.length ? { in: [{ var: 'docType' }, types] } : null;
  const byTitle: Logic | null = keywords.length
    ? keywords.length === 1
      ? { in: [keywords[0], { var: 'title' }] }
      : { or: keywords.map((k) => ({ in: [k, { var: 'title' }] })) }
    : null;
  if (byType && byTitle) return { and: [byTitle, byType] };
  return byTitle ?? byType;
}
