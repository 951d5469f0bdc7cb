// Retention codes (DA/T 22-2015 5.4.3 c: 永久 Y, 定期30年 D30, 定期10年 D10) and the 79号令 event-based 5 years.
export const RETENTION_CODES = ['Y', 'D30', 'D10', 'D5'] as const;
export type RetentionCode = (typeof RETENTION_CODES)[number];

export interface RetentionDef {
  code: RetentionCode;
  label: string;
  /** Years kept; null for 永久. */
  years: number | null;
  /** Higher keeps longer: the rank used by the longest-retention-wins policy. */
  rank: number;
}

export const RETENTIONS: Readonly<Record<RetentionCode, RetentionDef>> = {
  Y: { code: 'Y', label: '永久', years: null, rank: 4 },
  D30: { code: 'D30', label: '定期30年', years: 30, rank: 3 },
  D10: { code: 'D10', label: '定期10年', years: 10, rank: 2 },
  // Only for event-based rows such as 79号令 附表1 row 6 (固定资产卡片: 固定资产报废清理后保管5年).
  D5: { code: 'D5', label: '定期5年', years: 5, rank: 1 },
};
