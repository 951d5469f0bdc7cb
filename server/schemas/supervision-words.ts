// The vocabulary of the supervision view: table states, revision statuses, unit changes and sort keys, with the one
// set of words the page, the export and the API descriptions use (browser-safe).

/** none: no table; draft: being drafted; submitted: awaiting the supervisor; approved: a version in force; rejected. */
export const TABLE_STATES = ['none', 'draft', 'submitted', 'approved', 'rejected'] as const;
export type TableStateKind = (typeof TABLE_STATES)[number];

export const TABLE_STATE_LABELS: Readonly<Record<TableStateKind, string>> = {
  none: '尚无三合一表',
  draft: '草拟中',
  submitted: '已提交待审批',
  approved: '已批准施行',
  rejected: '已退回',
};

export const UNIT_CHANGE_KINDS = ['restructuring', 'main_business', 'functions'] as const;
export type UnitChangeKind = (typeof UNIT_CHANGE_KINDS)[number];

export const UNIT_CHANGE_LABELS: Readonly<Record<UnitChangeKind, string>> = {
  restructuring: '改制、重组或资本结构重大变化',
  main_business: '主营业务范围重大变化',
  functions: '内设机构或职能调整',
};

export const REVISION_STATUSES = ['due', 'soon', 'ok', 'none'] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

export const REVISION_LABELS: Readonly<Record<RevisionStatus, string>> = {
  due: '到期需修订',
  soon: '即将到期',
  ok: '未到期',
  none: '无施行中的表',
};

export const FINDINGS_FILTERS = ['open', 'waived', 'none'] as const;
export type FindingsFilter = (typeof FINDINGS_FILTERS)[number];

export const FINDINGS_LABELS: Readonly<Record<FindingsFilter, string>> = {
  open: '待审版本有国家基线问题',
  waived: '施行版本有经说明接受的问题',
  none: '无国家基线问题',
};

export const SORTS = ['urgency', 'name', 'fonds', 'age', 'review'] as const;
export type SortKey = (typeof SORTS)[number];
