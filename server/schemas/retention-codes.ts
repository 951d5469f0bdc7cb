// Retention codes. 文书 (DA/T 22-2015 5.4.3 c): 永久 Y, 定期30年 D30, 定期10年 D10 — the only codes a 文书 row may use.
// Other 门类 may declare further periods D<n> in the scheme's `periods` (e.g. 79号令's 5 years after 固定资产报废清理,
// 附表2's 所属单位报送的 2 years).
export const RETENTION_CODES = ['Y', 'D30', 'D10', 'D5'] as const;
/** The codes of 文书 rows (DA/T 22-2015 5.4.3 c). */
export const DOCUMENT_CODES: readonly RetentionCode[] = ['Y', 'D30', 'D10'];
/** Any code: Y, or D followed by 1–99 years. */
export const RETENTION_CODE_PATTERN = '^(Y|D[1-9][0-9]?)$';
/** `Y` or `D<n>` (RETENTION_CODE_PATTERN); a plain string, as the document schema gives it. */
export type RetentionCode = string;

export interface RetentionDef {
  code: RetentionCode;
  label: string;
  /** Years kept; null for 永久. */
  years: number | null;
  /** Higher keeps longer: the rank used by the longest-retention-wins policy (D<n> ranks n, Y ranks 100). */
  rank: number;
}

const defs: Record<string, RetentionDef> = { Y: Object.freeze({ code: 'Y', label: '永久', years: null, rank: 100 }) };
for (let n = 1; n <= 99; n++) defs[`D${n}`] = Object.freeze({ code: `D${n}`, label: `定期${n}年`, years: n, rank: n });

/** Every valid code's definition, by code. */
export const RETENTIONS: Readonly<Record<RetentionCode, RetentionDef>> = Object.freeze(defs);

export function isRetentionCode(code: unknown): code is RetentionCode {
  return typeof code === 'string' && Object.hasOwn(RETENTIONS, code);
}

/** Codes every scheme may use without declaring them: the 文书 codes and 79号令's event-based 5 years. */
export const UNDECLARED_CODES: ReadonlySet<string> = new Set(RETENTION_CODES);
