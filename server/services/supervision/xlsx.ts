// The supervision rows as an xlsx workbook (exceljs): one sheet of units with the filters applied, one of counts.
import ExcelJS from 'exceljs';
import { ageWords, countWords, figureWords, findingWords, revisionWords, stateWords } from '../../schemas/supervision-row-words.js';
import { TABLE_STATE_LABELS, TABLE_STATES } from '../../schemas/supervision-words.js';
import type { SupervisionCounts, SupervisionRow } from './rows.js';

const HEAD = [
  '全宗号',
  '单位',
  '类型',
  '监管组织',
  '三合一表状态',
  '批复文号',
  '批复日期',
  '施行起',
  '施行年限',
  '修订',
  '国家基线问题',
  '分类调用',
  '常见待审条款',
  '常见缺失字段',
];
const WIDTHS = [10, 28, 8, 20, 30, 22, 12, 12, 12, 40, 36, 40, 30, 30];

export function rowCells(r: SupervisionRow): string[] {
  const f = r.inForce;
  return [
    r.unit.fonds ?? '',
    r.unit.name,
    r.unit.kind === 'organ' ? '机关' : '企业',
    r.supervisor?.name ?? '',
    stateWords(r),
    f?.approvalNumber ?? '',
    f?.approvedOn ?? '',
    f?.effectiveFrom ?? '',
    f ? ageWords(f.ageDays) : '',
    revisionWords(r),
    findingWords(r),
    figureWords(r),
    countWords(r.figures.topReviewRows, '条款 '),
    countWords(r.figures.topMissingFields),
  ];
}

export async function supervisionXlsx(
  rows: readonly SupervisionRow[],
  counts: SupervisionCounts,
  today: string,
  filterWords: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sanheyi';
  wb.title = '三合一表监管情况';
  const ws = wb.addWorksheet('单位', { views: [{ state: 'frozen', ySplit: 2, activeCell: 'A3' }] });
  ws.columns = WIDTHS.map((width) => ({ width }));
  ws.addRow([`三合一表监管情况（${today}）${filterWords ? `　筛选：${filterWords}` : ''}　共 ${rows.length} 家`]);
  ws.mergeCells(1, 1, 1, HEAD.length);
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  const head = ws.addRow(HEAD);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
  });
  for (const r of rows) {
    const row = ws.addRow(rowCells(r));
    row.eachCell((c) => {
      c.numFmt = '@';
      c.alignment = { vertical: 'top', wrapText: true };
    });
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: HEAD.length } };

  const sum = wb.addWorksheet('统计');
  sum.columns = [{ width: 30 }, { width: 10 }];
  sum.addRow(['项目', '单位数']).font = { bold: true };
  sum.addRow(['监管单位', counts.units]);
  for (const s of TABLE_STATES) sum.addRow([TABLE_STATE_LABELS[s], counts.states[s]]);
  sum.addRow(['尚无施行中的三合一表', counts.withoutApproved]);
  sum.addRow(['到期需修订', counts.revisionDue]);
  sum.addRow(['半年内到期', counts.revisionSoon]);
  sum.addRow(['待审版本有国家基线问题', counts.withOpenFindings]);
  sum.addRow(['施行版本有经说明接受的问题', counts.withWaivedFindings]);
  sum.addRow(['近 30 天分类调用（次）', counts.calls]);
  sum.addRow(['其中待人工判断（次）', counts.review]);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
