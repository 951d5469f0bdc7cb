// The scheme document built from the rows and classes read, checked by the validator before it is returned.
import { validateScheme } from '../../engine/validate.js';
import { escapePointer } from '../../schemas/ajv.js';
import { UNDECLARED_CODES } from '../../schemas/retention-codes.js';
import { SCHEME_FORMAT, type SchemeItem } from '../../schemas/scheme.js';
import { KNOWN_EVENT_FIELDS } from '../retention-text.js';
import { type Logic, suggestCondition } from '../suggest.js';
import { classPath, countClasses, toSchemeClass } from './classes.js';
import { headingIdsOf } from './clause-ids.js';
import { fileIssue } from './issues.js';
import type { TableReader } from './reader.js';
import { readTitleBlock } from './title-block.js';
import { BRANCH_REVIEW, IMPORTED_BRANCH_WHEN, type ImportIssue, type ImportResult } from './types.js';
import { nonEmpty } from './columns.js';

/** On a row whose 保管期限 cell was empty: what the archivist still has to decide. */
export const MISSING_RETENTION_NOTE = '导入时保管期限为空，暂按永久（从长）导入；请核定保管期限后删去此备注';

export function build(t: TableReader): ImportResult {
  const parents = headingIdsOf(t.tableRows);
  const items: SchemeItem[] = [];
  const suggestions: Record<string, Logic> = {};
  let headings = 0;
  let branchItems = 0;
  for (const d of t.tableRows) {
    const item: Record<string, unknown> = { id: d.id!, scope: d.scope };
    const heading = parents.has(d.id!);
    if (d.klass && (!heading || d.classExplicit)) item.class = classPath(d.klass);
    if (!heading) {
      if (d.branches) {
        item.retention = d.branches.map((b) => ({ label: b.label, when: IMPORTED_BRANCH_WHEN, code: b.code }));
        item.review = BRANCH_REVIEW;
        branchItems++;
      } else if (d.retentionMissing) {
        item.retention = 'Y';
        item.editorNote = MISSING_RETENTION_NOTE;
      } else item.retention = d.retention;
      if (d.event)
        item.retentionStart = { event: d.event, dateField: eventField(t, d.event), ...(d.eventThen ? { then: d.eventThen } : {}) };
      item.needsCondition = true;
      const suggestion = suggestCondition(d.scope);
      if (suggestion) suggestions[d.id!] = suggestion;
    } else headings++;
    if (d.basis) item.basis = d.basis;
    if (d.department) item.department = d.department;
    if (d.note) item.note = d.note;
    items.push(item as SchemeItem);
  }

  const meta = readTitleBlock(t);
  const unit = t.options.unit?.trim() || meta.unit;
  if (!unit) {
    return {
      ok: false,
      errors: [fileIssue('缺少单位名称：请指定单位（--unit），表格标题中也没有找到单位名称', t.sheet.name)],
      warnings: t.warnings,
      preview: t.view,
    };
  }
  let kind = t.options.kind ?? meta.kind;
  if (!kind) {
    kind = 'enterprise';
    t.warn(-1, -1, '未指定单位类型，按企业（10号令）处理');
  }
  const doc: Record<string, unknown> = {
    format: SCHEME_FORMAT,
    title: t.options.title?.trim() || meta.title || `${unit}档案分类方案、归档范围和保管期限表`,
    description: `由${t.options.filename ? `“${t.options.filename}”` : '表格'}导入（工作表“${t.sheet.name}”），条件待补充。`,
    unit,
    kind,
    classes: t.roots.map(toSchemeClass),
    items,
  };
  // Periods beyond Y/D30/D10/D5 (定期2年 of 79号令附表2) are declared, as the scheme format asks.
  const codes = items.flatMap((it) => (Array.isArray(it.retention) ? it.retention.map((b) => b.code) : it.retention ? [it.retention] : []));
  const periods = [...new Set(codes.filter((c) => !UNDECLARED_CODES.has(c)))].sort();
  if (periods.length) doc.periods = periods;
  if (t.eventFields.size) doc.fields = [...t.eventFields.values()].map((f) => ({ ...f, type: 'date' }));
  const fonds = t.options.fonds?.trim() || meta.fonds;
  if (fonds) doc.fonds = fonds;
  if (t.all.some((s) => s !== t.sheet && /不归档/.test(s.name) && nonEmpty(s))) {
    t.issue(t.warnings, -1, -1, '不归档范围未导入：不归档条目必须有判断条件，请在构建器中补充', t.all.find((s) => /不归档/.test(s.name))!);
  }

  const checked = validateScheme(doc);
  if (!checked.ok) {
    // Not expected: every rule above mirrors the validator. Located on the row when the path names an item.
    const errors = checked.errors.map((e) => {
      const m = /^\/items\/(\d+)/.exec(e.path);
      const d = m ? t.tableRows[Number(m[1])] : undefined;
      const out: ImportIssue = d
        ? {
            sheet: t.sheet.name,
            row: d.line + 1,
            column: 0,
            path: `/${escapePointer(t.sheet.name)}/R${d.line + 1}`,
            message: `第 ${d.line + 1} 行：${e.message}（${e.path}）`,
          }
        : fileIssue(`${e.message}（${e.path}）`, t.sheet.name);
      return out;
    });
    return { ok: false, errors, warnings: t.warnings, preview: t.view };
  }
  return {
    ok: true,
    document: checked.scheme,
    warnings: t.warnings,
    suggestions,
    preview: t.view,
    stats: {
      rows: t.tableRows.filter((d) => !d.synthetic).length,
      items: items.length,
      headings,
      branchItems,
      classes: countClasses(t.roots),
      generatedIds: t.tableRows.filter((d) => d.idGenerated).length,
      legacyRetention: t.legacy,
    },
  };
}

/** The declared date field a start event reads (a known one, else extra.eventDate1, 2 …). */
export function eventField(t: TableReader, event: string): string {
  let f = t.eventFields.get(event);
  if (!f) {
    f = KNOWN_EVENT_FIELDS[event] ?? { name: `extra.eventDate${t.eventFields.size + 1}`, label: `${event}日期`.slice(0, 50) };
    t.eventFields.set(event, f);
  }
  return f.name;
}
