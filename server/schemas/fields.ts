// The standard record fields every scheme may use, with their Chinese labels (condition builder, reasons).
import {
  HANDLING_MODES,
  ISSUER_LEVELS,
  JOINT_ROLES,
  MANUSCRIPTS,
  type ORIGINS,
  RECEIVER_ROLES,
  REPORT_PERIODS,
  type ROLES,
} from './record.js';

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
  { name: 'docAgency', label: '文号机关代字', type: 'string' },
  { name: 'docYear', label: '文号年份', type: 'number' },
  { name: 'docSerial', label: '文号序号', type: 'number' },
  { name: 'author', label: '责任者', type: 'string' },
  { name: 'issuer', label: '发文机关', type: 'string' },
  { name: 'issuerLevel', label: '发文机关层级', type: 'enum', values: ISSUER_LEVELS },
  { name: 'origin', label: '来源', type: 'enum', values: Object.keys(ORIGIN_LABELS), valueLabels: ORIGIN_LABELS },
  { name: 'principalReceiver', label: '主送机关', type: 'string' },
  { name: 'copyTo', label: '抄送机关', type: 'string' },
  { name: 'receiverRole', label: '本单位收文方式', type: 'enum', values: RECEIVER_ROLES },
  { name: 'releaseScope', label: '发布层次', type: 'string' },
  { name: 'signer', label: '签发人', type: 'string' },
  { name: 'signedOn', label: '签发日期', type: 'date' },
  { name: 'handlingMode', label: '办理方式', type: 'enum', values: HANDLING_MODES },
  { name: 'handlingStatus', label: '办理状态', type: 'string' },
  { name: 'role', label: '主办/协办', type: 'enum', values: Object.keys(ROLE_LABELS), valueLabels: ROLE_LABELS },
  { name: 'jointWith', label: '联合单位', type: 'stringArray' },
  { name: 'jointRole', label: '联合行文角色', type: 'enum', values: JOINT_ROLES },
  { name: 'date', label: '形成日期', type: 'date' },
  { name: 'docType', label: '文种', type: 'string' },
  { name: 'department', label: '机构', type: 'string' },
  { name: 'securityLevel', label: '密级', type: 'string' },
  { name: 'secrecyPeriod', label: '保密期限', type: 'string' },
  { name: 'precedence', label: '紧急程度', type: 'string' },
  { name: 'carrier', label: '载体', type: 'string' },
  { name: 'manuscript', label: '稿本', type: 'enum', values: MANUSCRIPTS },
  { name: 'hasLeaderInstructions', label: '有领导批示', type: 'boolean' },
  { name: 'actionRequired', label: '需本单位办理', type: 'boolean' },
  { name: 'businessType', label: '业务类型', type: 'string' },
  { name: 'amount', label: '金额', type: 'number' },
  { name: 'keywords', label: '关键词', type: 'stringArray' },
  { name: 'descriptor', label: '主题词', type: 'string' },
  { name: 'abstract', label: '摘要', type: 'string' },
  { name: 'assetScrappedOn', label: '固定资产报废清理日期', type: 'date' },
  { name: 'contract.type', label: '合同类型', type: 'string' },
  { name: 'contract.counterparty', label: '合同相对方', type: 'string' },
  { name: 'contract.amount', label: '合同金额', type: 'number' },
  { name: 'contract.currency', label: '合同币种', type: 'string' },
  { name: 'contract.termStart', label: '合同期限起', type: 'date' },
  { name: 'contract.termEnd', label: '合同期限止', type: 'date' },
  { name: 'contract.performedOn', label: '合同履行完毕日期', type: 'date' },
  { name: 'contract.endedOn', label: '合同终止日期', type: 'date' },
  { name: 'accounting.year', label: '会计年度', type: 'number' },
  { name: 'accounting.period', label: '会计期间', type: 'string' },
  { name: 'accounting.reportPeriod', label: '报告期', type: 'enum', values: REPORT_PERIODS },
  { name: 'accounting.fromSubordinate', label: '所属单位报送', type: 'boolean' },
  { name: 'accounting.pendingMatters', label: '涉及未了事项', type: 'boolean' },
  { name: 'accounting.voucherRange', label: '凭证号起止', type: 'string' },
  { name: 'accounting.volumes', label: '册数', type: 'number' },
];

/**
 * `relatedTo` (来文↔复文, 请示↔批复) is a list of objects: conditions read it with some/all/none, whose inner conditions
 * may read these fields of one entry. It is not a builder field (the builder edits it as checked JSON).
 */
export const RELATION_LIST = 'relatedTo';
export const RELATION_FIELDS: ReadonlySet<string> = new Set(['relation', 'docNumber', 'title']);

/** Standard date fields an event-based retention start may count from. */
export const EVENT_DATE_FIELDS: ReadonlySet<string> = new Set(
  STANDARD_FIELDS.filter((f) => f.type === 'date' && f.name !== 'date').map((f) => f.name),
);

export const STANDARD_FIELD_NAMES = new Set(STANDARD_FIELDS.map((f) => f.name));
