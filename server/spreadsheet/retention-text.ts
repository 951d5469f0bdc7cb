// Reads a 保管期限 cell (永久, 定期30年, 30年, D30, old 长期/短期 and 3/5/15/25 years) into today's retention codes.
import { RETENTIONS, type RetentionCode } from '../schemas/retention-codes.js';
import { trimTrailingChars } from './text-scan.js';

export interface ParsedRetention {
  code: RetentionCode;
  /** Set when the cell holds an old value mapped to a current code: the sentence for the archivist. */
  legacy?: string;
}

/** Old values and the current code that is never shorter (8号令 2006; 79号令 2015 merged 3/5/10/15/25 into 10/30). */
const LEGACY: Record<string, { code: RetentionCode; why: string }> = {
  长期: { code: 'D30', why: '旧制“长期”按现行对应关系改为定期30年' },
  短期: { code: 'D10', why: '旧制“短期”按现行对应关系改为定期10年' },
  '3': { code: 'D10', why: '旧会计档案期限3年已并入定期10年（取不短于原期限的现行期限）' },
  '5': { code: 'D10', why: '旧会计档案期限5年已并入定期10年（取不短于原期限的现行期限）' },
  '15': { code: 'D30', why: '旧会计档案期限15年已并入定期30年（取不短于原期限的现行期限）' },
  '25': { code: 'D30', why: '旧会计档案期限25年已并入定期30年（取不短于原期限的现行期限）' },
};

const CURRENT_YEARS: Record<string, RetentionCode> = { '30': 'D30', '10': 'D10' };

/**
 * Longer text is not a period (the longest real ones, with a start event, have about 40 characters); the patterns
 * below with two lazy groups would take quadratic time on a long cell.
 */
const MAX_PERIOD_TEXT = 200;

/** Full-width digits and letters to ASCII, all whitespace removed. */
export function normalizeWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Parses one period. Returns null for text that is not a known period (e.g. "8年"), so the caller reports it.
 * `allowD5`: 定期5年 is a current code, but only for event-based rows; elsewhere "5年" is the old accounting value.
 */
export function parseRetention(raw: string, allowD5 = false): ParsedRetention | null {
  if (raw.length > MAX_PERIOD_TEXT) return null;
  let t = trimTrailingChars(normalizeWidth(raw).replace(/\s+/g, ''), '。.；;，,');
  if (!t) return null;
  t = t.replace(/^保管期限[:：]?/, '');
  const upper = t.toUpperCase();
  if (upper === 'Y' || /^永久(保存|保管)?$/.test(t)) return { code: 'Y' };
  if (upper === 'D30') return { code: 'D30' };
  if (upper === 'D10') return { code: 'D10' };
  if (upper === 'D5') return allowD5 ? { code: 'D5' } : { code: 'D10', legacy: LEGACY['5'].why };
  if (upper === 'C' || /^长期(保存|保管)?$/.test(t)) return { code: LEGACY.长期.code, legacy: LEGACY.长期.why };
  if (upper === 'D' || /^短期(保存|保管)?$/.test(t)) return { code: LEGACY.短期.code, legacy: LEGACY.短期.why };
  const years = /^(?:定期)?(\d{1,3})(?:年|年期)?(?:保存|保管)?$/.exec(t);
  if (years) {
    const n = String(Number(years[1]));
    if (CURRENT_YEARS[n]) return { code: CURRENT_YEARS[n] };
    if (n === '5' && allowD5) return { code: 'D5' };
    const old = LEGACY[n];
    if (old) return { code: old.code, legacy: old.why };
    // “定期2年” (79号令附表2: 所属单位报送的保管2年) as exported: a period a scheme declares outside 文书 (DA/T 22 5.4.3).
    if (t.startsWith('定期') && Number(n) >= 1 && Number(n) <= 99) return { code: `D${n}` };
  }
  return null;
}

/** The Chinese label printed in tables: 永久 / 定期30年 / 定期10年 / 定期5年. */
export function retentionText(code: RetentionCode): string {
  return RETENTIONS[code].label;
}

export interface InlineBranch {
  label?: string;
  text: string;
}

/**
 * Splits a cell holding several periods: "永久/10年", "重要的永久，一般的10年", "重要的：永久；一般的：30年".
 * Returns null when the cell holds a single value.
 */
export function splitInlineRetention(raw: string): InlineBranch[] | null {
  if (raw.length > MAX_PERIOD_TEXT) return null;
  const t = normalizeWidth(raw).trim();
  const parts = t.split(/\s*[/／、，,；;\n]\s*|\s+/).filter(Boolean);
  if (parts.length < 2) return null;
  const out: InlineBranch[] = [];
  for (const p of parts) {
    const m = /^(.{1,20}?的)[:：]?(.+)$/.exec(p);
    if (m && parseRetention(m[2])) out.push({ label: m[1], text: m[2] });
    else out.push({ text: p });
  }
  return out;
}

/**
 * Event-based periods: "定期5年（自固定资产报废清理次日起算）", "固定资产报废清理后保管5年", and counted from 1 January after
 * the event's year: "定期5年（自固定资产报废清理的次年1月1日起算）" (then: fiscalYearEndNextDay).
 */
export function parseEventRetention(raw: string): { code: RetentionCode; event: string; then?: 'fiscalYearEndNextDay' } | null {
  if (raw.length > MAX_PERIOD_TEXT) return null;
  const t = normalizeWidth(raw).trim().replace(/\s+/g, '');
  const y = /^(.+?)[(（]自[“"]?(.+?)[”"]?(?:当年)?的次年1月1日起算[)）]$/.exec(t);
  if (y) {
    const p = parseRetention(y[1], true);
    return p && !p.legacy ? { code: p.code, event: y[2], then: 'fiscalYearEndNextDay' } : null;
  }
  let m = /^(.+?)[(（]自?[“"]?(.+?)[”"]?(?:之日)?(?:次日)?(?:后)?起算[)）]$/.exec(t);
  if (m) {
    const p = parseRetention(m[1], true);
    return p && !p.legacy ? { code: p.code, event: m[2] } : null;
  }
  m = /^(.+?)后(?:保管|保存)(.+)$/.exec(t);
  if (m) {
    const p = parseRetention(m[2], true);
    return p && !p.legacy ? { code: p.code, event: m[1] } : null;
  }
  return null;
}

/** The period as printed, with its start event when it counts from one (and from which day). */
export function retentionCellText(code: RetentionCode, event?: string, then?: string): string {
  if (!event) return RETENTIONS[code].label;
  return then === 'fiscalYearEndNextDay'
    ? `${RETENTIONS[code].label}（自${event}的次年1月1日起算）`
    : `${RETENTIONS[code].label}（自${event}次日起算）`;
}

/** Date fields for known start events (79号令 附表 固定资产卡片), so an imported row names the field a baseline uses. */
export const KNOWN_EVENT_FIELDS: Record<string, { name: string; label: string }> = {
  固定资产报废清理: { name: 'extra.assetScrappedOn', label: '固定资产报废清理日期' },
};
