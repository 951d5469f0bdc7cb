// The rows above the header: the table's title, 单位, 全宗号 and 单位类型.
import { normalizeWidth } from '../retention-text.js';
import type { TableReader } from './reader.js';
import type { UnitKind } from './types.js';

/** Title, 单位, 全宗号 and 单位类型 from the rows above the header. */
export function readTitleBlock(t: TableReader): { title?: string; unit?: string; fonds?: string; kind?: UnitKind } {
  const out: { title?: string; unit?: string; fonds?: string; kind?: UnitKind } = {};
  const end = t.headerRow ?? 0;
  for (let r = 0; r < end; r++) {
    const texts = (t.sheet.rows[r] ?? []).map((c) => c.text.trim()).filter(Boolean);
    if (!texts.length) continue;
    const line = texts.join(' ');
    const unit = /(?:单位名称|立档单位|编制单位|单位)[:：]\s*([^\s　]+)/.exec(line);
    const fonds = /全宗号[:：]\s*([A-Za-z0-9]{1,16})/.exec(normalizeWidth(line));
    const kind = /单位类型[:：]\s*(企业|机关)/.exec(line);
    if (unit) out.unit ??= unit[1];
    if (fonds) out.fonds ??= fonds[1];
    if (kind) out.kind ??= kind[1] === '机关' ? 'organ' : 'enterprise';
    if (!out.title && !unit && !fonds && texts.length === 1 && texts[0].length >= 6 && !/[:：]/.test(texts[0])) {
      out.title = texts[0].replace(/\s+/g, '');
    }
  }
  if (!out.unit && out.title) {
    const m = /^(.+?)(?:档案分类方案|文件材料归档范围|文书档案|档案保管期限|档案)/.exec(out.title);
    if (m && m[1].length >= 2) out.unit = m[1];
  }
  return out;
}
