// Words and formats shown to people: states, outcomes, retentions, dates, finding kinds (zh-CN).
import { RETENTIONS, type RetentionCode } from '../../server/schemas/retention-codes.js';
import type { SchemeItem } from '../../server/schemas/scheme.js';
import { VERSION_STATE_LABELS } from '../../server/schemas/version-states.js';
import type { Role, VersionState } from './api.js';
import { chinaDate } from '../../server/engine/browser.js';

/** The one set of words for version states (server/schemas/version-states.ts), as the export and print view use. */
export const STATE_LABELS: Readonly<Record<VersionState, string>> = VERSION_STATE_LABELS;

/** A field's or parameter's value in words: 是/否, a list joined with 、, an enumeration value by its label. */
export function valueText(value: unknown, labels?: Readonly<Record<string, string>>): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return labels?.[value] ?? value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('、');
  return JSON.stringify(value);
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = { archivist: '档案员', reviewer: '审核员', admin: '管理员' };

export const OUTCOME_LABELS = { file: '归档', exclude: '不归档', review: '需人工判断' } as const;

export const FINDING_LABELS: Readonly<Record<string, string>> = {
  failingTest: '测试未通过',
  unreachable: '条款永远匹配不到',
  needsCondition: '缺少条件',
  overlap: '条款重叠',
  emptyClass: '空类目',
  uncoveredRow: '条款无测试覆盖',
  uncoveredBranch: '分支无测试覆盖',
  uncoveredExclusion: '不归档条目无测试覆盖',
  shorterDefault: '默认分支短于最长分支',
  unusedParameter: '参数未被条件引用',
};

export const SEVERITY_LABELS = { error: '错误', warning: '警告', info: '提示' } as const;

export function retentionLabel(code: string | undefined): string {
  return code && code in RETENTIONS ? RETENTIONS[code as RetentionCode].label : (code ?? '');
}

/** 永久, or 重要的：永久；一般的：定期10年 for a row with branches. */
export function retentionText(retention: SchemeItem['retention']): string {
  if (retention === undefined) return '';
  if (typeof retention === 'string') return retentionLabel(retention);
  return retention.map((b) => `${b.label}：${retentionLabel(b.code)}`).join('；');
}

/** Lowest and highest rank a row's retention can give (a fixed retention gives one rank). */
export function retentionRanks(retention: SchemeItem['retention']): [number, number] | null {
  if (retention === undefined) return null;
  const codes = typeof retention === 'string' ? [retention] : retention.map((b) => b.code);
  const ranks = codes.map((c) => RETENTIONS[c as RetentionCode]?.rank ?? 0);
  return [Math.min(...ranks), Math.max(...ranks)];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2024-05-01 14:03 in local time; a bare date stays as it is. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function today(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The calendar date in China (UTC+8) — the service's days (decision dates, effective dates) — whatever the browser's zone. */
export const chinaDay = (at: Date = new Date()): string => chinaDate(at);

/** "/items/3/when/or/0" → { index: 3, rest: "when/or/0" } for pointers into a scheme's rows. */
export function itemPointer(path: string): { collection: string; index: number; rest: string } | null {
  const m = /^\/(items|exclusions|fields|tests|classes)\/(\d+)(?:\/(.*))?$/.exec(path);
  return m ? { collection: m[1], index: Number(m[2]), rest: m[3] ?? '' } : null;
}

/** Words for the part of a row a validation path names. */
export function partLabel(rest: string): string {
  const head = rest.split('/')[0];
  const words: Record<string, string> = {
    id: '条款号',
    scope: '归档范围',
    class: '类目',
    when: '条件',
    retention: '保管期限',
    retentionStart: '起算',
    review: '人工判断说明',
    basis: '依据',
    department: '部门',
    note: '备注',
    name: '名称',
    label: '名称',
    values: '可选值',
    record: '记录',
    expect: '预期',
    title: '表名',
    unit: '单位',
    fonds: '全宗号',
    description: '说明',
    departments: '机构代码',
    archivalCode: '档号',
    parameters: '参数',
    periods: '定期期限',
    derivedFrom: '对应的基线条款',
    intendedOverlaps: '允许重叠的条款',
    default: '默认分支',
    editorNote: '编辑备注',
  };
  return words[head] ?? head;
}
