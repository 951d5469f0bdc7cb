// The standard record fields every scheme may use, with their Chinese labels (condition builder, reasons).
import { MANUSCRIPTS, ORIGINS, ROLES } from './record.js';

export type FieldType = 'string' | 'enum' | 'number' | 'boolean' | 'date' | 'stringArray';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Allowed values of an enumeration, with optional Chinese labels. */
  values?: readonly string[];
  valueLabels?: Readonly<Record<string, string>>;
}

export const ORIGIN_LABELS: Record<(typeof ORIGINS)[number], string> = {
  own: '本单位',
  superior: '上级机关',
  peer: '同级机关',
  subordinate: '下级（所属）单位',
  external: '外单位',
};

export const ROLE_LABELS: Record<(typeof ROLES)[number], string> = { host: '主办', co: '协办' };

export const STANDARD_FIELDS: readonly FieldDef[] = [
  { name: 'title', label: '题名', type: 'string' },
  { name: 'docNumber', label: '文号', type: 'string' },
  { name: 'author', label: '责任者', type: 'string' },
  { name: 'origin', label: '来源', type: 'enum', values: Object.keys(ORIGIN_LABELS), valueLabels: ORIGIN_LABELS },
  { name: 'role', label: '主办/协办', type: 'enum', values: Object.keys(ROLE_LABELS), valueLabels: ROLE_LABELS },
  { name: 'date', label: '形成日期', type: 'date' },
  { name: 'docType', label: '文种', type: 'string' },
  { name: 'department', label: '机构', type: 'string' },
  { name: 'securityLevel', label: '密级', type: 'string' },
  { name: 'carrier', label: '载体', type: 'string' },
  { name: 'manuscript', label: '稿本', type: 'enum', values: MANUSCRIPTS },
  { name: 'actionRequired', label: '需本单位办理', type: 'boolean' },
  { name: 'businessType', label: '业务类型', type: 'string' },
  { name: 'amount', label: '金额', type: 'number' },
  { name: 'keywords', label: '关键词', type: 'stringArray' },
];

export const STANDARD_FIELD_NAMES = new Set(STANDARD_FIELDS.map((f) => f.name));
