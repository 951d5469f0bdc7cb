// The two output formats of `sanheyi classify`: JSON Lines (the full result) and CSV (one row of columns per record).
import type { ClassifyResult } from '../../engine/index.js';
import type { FieldError } from '../../schemas/ajv.js';
import { csvRow } from '../../schemas/csv-cell.js';

export interface Writer {
  header(): string;
  result(line: number, r: ClassifyResult): string;
  bad(line: number, errors: FieldError[]): string;
}

const errorText = (errors: FieldError[]) => errors.map((e) => `${e.path} ${e.message}`).join('；');

export function jsonlWriter(): Writer {
  return {
    header: () => '',
    result: (line, r) => JSON.stringify({ line, ...r }) + '\n',
    bad: (line, errors) => JSON.stringify({ line, error: errorText(errors), errors }) + '\n',
  };
}

export const CSV_COLUMNS = [
  'line',
  'outcome',
  'classCode',
  'classPath',
  'retention',
  'retentionLabel',
  'retentionStart',
  'expiresOn',
  'archivalCode',
  'item',
  'exclusion',
  'reasons',
] as const;

export function csvWriter(bom: boolean): Writer {
  const row = (cells: (string | number | null | undefined)[]) => csvRow(cells) + '\n';
  return {
    header: () => (bom ? '\ufeff' : '') + row([...CSV_COLUMNS]),
    result: (line, r) =>
      row([
        line,
        r.outcome,
        r.classCode,
        r.classPath?.join(' > '),
        r.retention?.code,
        r.retention?.label,
        r.retentionStart,
        r.expiresOn,
        r.archivalCode,
        r.item?.id,
        r.exclusion?.id,
        r.reasons.join('；'),
      ]),
    bad: (line, errors) => row([line, 'error', '', '', '', '', '', '', '', '', '', errorText(errors)]),
  };
}
