// The columns of a 三合一 table as the spreadsheet import and export name them: the scheme field each maps to and
// its header words. Pure data, shared with the browser's import dialog.

export const TABLE_FIELDS = [
  'classCode',
  'className',
  'class1',
  'class2',
  'class3',
  'class4',
  'id',
  'scope',
  'branch',
  'retention',
  'basis',
  'department',
  'note',
] as const;
export type TableField = (typeof TABLE_FIELDS)[number];

export const FIELD_LABELS: Record<TableField, string> = {
  classCode: '类目号',
  className: '类目名称',
  class1: '一级类目',
  class2: '二级类目',
  class3: '三级类目',
  class4: '四级类目',
  id: '条款号',
  scope: '归档范围',
  branch: '分支（重要的/一般的）',
  retention: '保管期限',
  basis: '依据',
  department: '责任部门',
  note: '备注',
};

export const LEVEL_FIELDS = ['class1', 'class2', 'class3', 'class4'] as const;

/** The header words of a field, or the name itself when it is none of the table's (a mapping typed by hand). */
export function fieldLabel(field: string): string {
  return (FIELD_LABELS as Record<string, string>)[field] ?? field;
}
