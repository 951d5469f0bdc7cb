// The import endpoint's query and upload at the edge: name/dryRun/mapping/headerRow and the declared table type.
import { escapePointer, type FieldError } from '../schemas/ajv.js';
import type { ImportQuery } from '../schemas/api/spreadsheets.js';
import { XLSX_TYPE } from '../print/render-export.js';
import { AppError } from '../services/errors.js';
import type { ImportParams } from '../services/spreadsheets-service.js';
import type { TableFormat } from '../spreadsheet/grid.js';
import { parseFieldName } from '../spreadsheet/headers.js';

/** Largest table accepted for import. */
export const IMPORT_LIMIT = 10 * 1024 * 1024;
const IMPORT_TYPES: Record<string, TableFormat> = { [XLSX_TYPE]: 'xlsx', 'text/csv': 'csv' };
const MAX_MAPPING = 100;

/** The table options of an import request, and whether it is only a preview (then `name` may be absent). */
export function importParams(q: ImportQuery): { dryRun: boolean; name: string | undefined; params: ImportParams } {
  const dryRun = q.dryRun === 'true';
  if (!dryRun && q.name === undefined)
    throw new AppError('invalid_request', '请用查询参数 name 指定方案名称', [{ path: '/query/name', message: '缺少方案名称' }]);
  const mapping = q.mapping === undefined ? undefined : parseMapping(q.mapping);
  return {
    dryRun,
    name: q.name,
    params: {
      filename: q.filename,
      sheet: q.sheet,
      headerRow: q.headerRow === undefined ? undefined : Number(q.headerRow),
      mapping,
      ...(q.headingClasses === 'true' ? { headingClasses: true } : {}),
    },
  };
}

/** The table format the Content-Type declares: 415 unless it is .xlsx or text/csv. */
export function declaredTableFormat(mediaType: string): TableFormat {
  const declared = IMPORT_TYPES[mediaType];
  if (!declared) {
    throw new AppError(
      'unsupported_media_type',
      `请上传 .xlsx 或 .csv 表格（内容类型 ${XLSX_TYPE} 或 text/csv），收到“${mediaType || '（无）'}”`,
      [{ path: '/header/Content-Type', message: `应为 ${XLSX_TYPE} 或 text/csv` }],
    );
  }
  return declared;
}

/** The mapping query parameter: a JSON object of column → field, each field one the importer knows. */
function parseMapping(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('invalid_request', 'mapping 应为 JSON 对象，如 {"C":"归档范围","D":"保管期限"}', [
      { path: '/query/mapping', message: 'JSON 格式错误' },
    ]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AppError('invalid_request', 'mapping 应为 JSON 对象（列 → 字段）', [{ path: '/query/mapping', message: '应为对象' }]);
  }
  const entries = Object.entries(value);
  const errors: FieldError[] = [];
  if (entries.length === 0) errors.push({ path: '/query/mapping', message: '至少指定一列' });
  if (entries.length > MAX_MAPPING) errors.push({ path: '/query/mapping', message: `最多 ${MAX_MAPPING} 列` });
  for (const [key, field] of entries) {
    const path = `/query/mapping/${escapePointer(key)}`;
    if (key.trim() === '' || key.length > 100) errors.push({ path, message: '列应为字母（C）、序号（3）或表头文字（≤ 100 字）' });
    else if (typeof field !== 'string') errors.push({ path, message: '字段应为字符串，如“归档范围”' });
    else if (parseFieldName(field) === undefined) errors.push({ path, message: `未知字段“${field.slice(0, 50)}”` });
  }
  if (errors.length)
    throw new AppError(
      'invalid_request',
      `mapping 不符合要求：${errors
        .slice(0, 3)
        .map((e) => `${e.path} ${e.message}`)
        .join('；')}`,
      errors,
    );
  return value as Record<string, string>;
}
