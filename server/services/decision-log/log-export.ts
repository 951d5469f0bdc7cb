// The decision log as a file for the unit's archivists: .xlsx (exceljs) or .csv (UTF-8 with BOM, every cell
// neutralised against formula injection by the shared csv-cell rule).
import ExcelJS from 'exceljs';
import { csvRow } from '../../schemas/csv-cell.js';
import type { LogEntry } from '../../store/decision-log-store.js';
import { OUTCOME_WORDS } from '../../schemas/impact-words.js';

export const LOG_HEADERS = [
  '编号',
  '时间',
  '版本',
  '结论',
  '条款',
  '不归档条目',
  '类目',
  '保管期限',
  '待确认字段',
  '题名',
  '记录',
  '请求编号',
  '调用方',
  '方式',
];

const SOURCE_WORDS = { single: '单条', batch: '批量', ndjson: 'NDJSON' } as const;

/** Beijing time, as archivists read it. */
const chinaTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

export function logCells(e: LogEntry): (string | number)[] {
  return [
    e.id,
    chinaTime(e.at),
    e.version ?? '',
    OUTCOME_WORDS[e.outcome],
    e.itemId ?? '',
    e.exclusionId ?? '',
    e.classCode ?? '',
    e.retention ?? '',
    (e.needs ?? []).join('、'),
    typeof e.record.title === 'string' ? e.record.title : '',
    JSON.stringify(e.record),
    e.requestId ?? '',
    e.apiKeyId !== null ? `API 密钥 ${e.apiKeyId}` : e.userId !== null ? `用户 ${e.userId}` : '',
    SOURCE_WORDS[e.source],
  ];
}

export function logCsv(entries: Iterable<LogEntry>): string {
  const lines = [csvRow(LOG_HEADERS)];
  for (const e of entries) lines.push(csvRow(logCells(e)));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function logXlsx(entries: Iterable<LogEntry>, title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('分类记录', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([title]).font = { bold: true, size: 14 };
  const head = ws.addRow(LOG_HEADERS);
  head.font = { bold: true };
  ws.columns = [8, 20, 6, 10, 10, 10, 12, 8, 16, 40, 60, 24, 14, 8].map((width) => ({ width }));
  for (const e of entries) ws.addRow(logCells(e));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
