// Spreadsheets in and out: a 三合一 table (.xlsx/.csv) imported as a new scheme (or previewed), a version exported as xlsx/csv/html/pdf.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { idParam, mediaType, query, readBytes } from '../http/body.js';
import type { AppEnv } from '../http/env.js';
import { checks } from '../http/schemas.js';
import { renderPrintHtml } from '../print/html.js';
import { escapePointer, type FieldError } from '../schemas/ajv.js';
import type { Scheme } from '../schemas/scheme.js';
import { AppError } from '../services/errors.js';
import type { Logger, Services } from '../services/index.js';
import { etagOf } from '../services/schemes-service.js';
import { type ExportMeta, exportCsv, exportXlsx } from '../spreadsheet/export.js';
import { GridError, type TableFormat, detectFormat, readGrid } from '../spreadsheet/grid.js';
import { parseFieldName } from '../spreadsheet/headers.js';
import { type ImportResult, importSheets } from '../spreadsheet/import.js';
import type { Org } from '../store/orgs-store.js';

/** Largest table accepted for import. */
export const IMPORT_LIMIT = 10 * 1024 * 1024;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const IMPORT_TYPES: Record<string, TableFormat> = { [XLSX_TYPE]: 'xlsx', 'text/csv': 'csv' };
const MAX_MAPPING = 100;

type ExportFormat = 'xlsx' | 'csv' | 'html' | 'pdf';
const EXPORT_TYPES: Record<ExportFormat, string> = {
  xlsx: XLSX_TYPE,
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};
/** The print view is self-contained: no script, no fetch, only its own styles and inline images/fonts. */
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export const spreadsheets = (s: Services, log: Logger) =>
  new Hono<AppEnv>()
    .post('/units/:unit/schemes/import', async (c) => {
      const unitId = idParam(c, 'unit', '单位');
      // Authorise before reading a byte of the body: the same rule as creating a scheme.
      const { unit } = s.schemes.creatableIn(c.get('principal'), unitId);
      const q = query(c, checks.importQuery);
      const dryRun = q.dryRun === 'true';
      if (!dryRun && q.name === undefined) throw new AppError('invalid_request', '请用查询参数 name 指定方案名称', [{ path: '/query/name', message: '缺少方案名称' }]);
      const mapping = q.mapping === undefined ? undefined : parseMapping(q.mapping);
      const declared = IMPORT_TYPES[mediaType(c)];
      if (!declared) {
        throw new AppError('unsupported_media_type', `请上传 .xlsx 或 .csv 表格（内容类型 ${XLSX_TYPE} 或 text/csv），收到“${mediaType(c) || '（无）'}”`, [
          { path: '/header/Content-Type', message: `应为 ${XLSX_TYPE} 或 text/csv` },
        ]);
      }
      const bytes = await readBytes(c.req.raw, IMPORT_LIMIT, '表格文件');
      if (bytes.length === 0) throw new AppError('invalid_request', '请求体为空，需要表格文件', [{ path: '/', message: '缺少表格文件' }]);

      const result = await importBytes(bytes, declared, {
        filename: q.filename, sheet: q.sheet, headerRow: q.headerRow === undefined ? undefined : Number(q.headerRow), mapping, unit,
      });
      if (!result.ok) {
        const detail = !result.needsMapping
          ? `表格有 ${result.errors.length} 处错误，未导入任何内容`
          : mapping
            ? `列与字段的对应关系无法应用：${result.errors.slice(0, 3).map((e) => e.message).join('；')}`
            : '无法确定表格各列的含义，请用 mapping 指定列与字段的对应关系（如 {"C":"归档范围","D":"保管期限"}）';
        throw new AppError('invalid_table', detail, result.errors, {
          ...(result.needsMapping ? { needsMapping: true } : {}),
          ...(result.preview ? { preview: result.preview } : {}),
          warnings: result.warnings,
        });
      }
      const document = fromUnit(result.document, unit);
      if (dryRun) {
        return c.json({ preview: result.preview, warnings: result.warnings, suggestions: result.suggestions, document, stats: result.stats });
      }
      const importedFrom = {
        format: declared, filename: q.filename ?? null, sheet: result.preview.sheet, headerRow: result.preview.headerRow,
        ...(mapping ? { mapping } : {}), stats: result.stats, warnings: result.warnings.length,
      };
      const created = s.schemes.create(c.get('principal'), unitId, { name: q.name!, document }, importedFrom);
      c.header('Location', `/api/v1/schemes/${created.id}`);
      c.header('ETag', etagOf(created.versions[0]));
      return c.json({ ...created, warnings: result.warnings, suggestions: result.suggestions }, 201);
    })
    .get('/schemes/:scheme/versions/:n/export', async (c) => {
      const schemeId = idParam(c, 'scheme', '方案');
      const n = idParam(c, 'n', '方案版本');
      const { format } = query(c, checks.exportQuery);
      const { scheme, version, reviewer } = s.schemes.forExport(c.get('principal'), schemeId, n);
      const meta: ExportMeta = {
        version: version.number,
        state: version.state,
        ...(version.approvalNumber ? { approvalNumber: version.approvalNumber } : {}),
        ...(version.decidedOn ? { decidedOn: version.decidedOn } : {}),
        ...(version.effectiveFrom ? { effectiveFrom: version.effectiveFrom } : {}),
        ...(reviewer && (version.state === 'approved' || version.state === 'superseded') ? { reviewer } : {}),
      };
      // What the file shows is the content (its hash) and the meta printed with it; the format names the file type.
      const etag = `"${createHash('sha256').update(JSON.stringify([version.hash, meta])).digest('hex').slice(0, 32)}.${format}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', 'private, no-cache');
      if (noneMatch(c.req.header('if-none-match'), etag)) return c.body(null, 304);

      const doc = version.document;
      let data: Uint8Array<ArrayBuffer> | string;
      if (format === 'xlsx') data = new Uint8Array(await exportXlsx(doc, meta));
      else if (format === 'csv') data = exportCsv(doc);
      else if (format === 'html') data = renderPrintHtml(doc, meta);
      else data = new Uint8Array(await pdf(renderPrintHtml(doc, meta), log, c.get('requestId')));

      c.header('Content-Type', EXPORT_TYPES[format]);
      c.header('Content-Disposition', disposition(format === 'html' ? 'inline' : 'attachment', `${safeName(scheme.name)}（第${n}版）.${format}`, `scheme-${schemeId}-v${n}.${format}`));
      if (format === 'html') c.header('Content-Security-Policy', HTML_CSP);
      return c.body(data, 200);
    });

// ── import ───────────────────────────────────────────────────────────────────

/** The mapping query parameter: a JSON object of column → field, each field one the importer knows. */
function parseMapping(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('invalid_request', 'mapping 应为 JSON 对象，如 {"C":"归档范围","D":"保管期限"}', [{ path: '/query/mapping', message: 'JSON 格式错误' }]);
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
  if (errors.length) throw new AppError('invalid_request', `mapping 不符合要求：${errors.slice(0, 3).map((e) => `${e.path} ${e.message}`).join('；')}`, errors);
  return value as Record<string, string>;
}

interface ImportParams {
  filename?: string;
  sheet?: string;
  headerRow?: number;
  mapping?: Record<string, string>;
  unit: Org;
}

/** Reads the table as the declared type (the bytes must agree) and imports it with the unit's name, 全宗号 and kind. */
async function importBytes(bytes: Uint8Array, declared: TableFormat, p: ImportParams): Promise<ImportResult> {
  const fileError = (message: string): ImportResult => ({ ok: false, errors: [{ sheet: '', row: 0, column: 0, path: '/', message }], warnings: [] });
  try {
    const sniffed = detectFormat(bytes); // refuses legacy .xls
    if (declared === 'csv' && sniffed === 'xlsx') {
      throw new AppError('unsupported_media_type', '文件是 Excel（.xlsx）工作簿，但内容类型为 text/csv', [{ path: '/header/Content-Type', message: `应为 ${XLSX_TYPE}` }]);
    }
    if (declared === 'xlsx' && sniffed !== 'xlsx') return fileError('文件不是有效的 .xlsx 工作簿');
    const sheets = await readGrid(bytes, declared);
    return importSheets(sheets, declared, {
      filename: p.filename, sheet: p.sheet, headerRow: p.headerRow, mapping: p.mapping,
      unit: p.unit.name, kind: p.unit.kind ?? undefined, fonds: p.unit.fonds ?? undefined,
    });
  } catch (e) {
    if (e instanceof GridError) return fileError(e.message);
    throw e;
  }
}

/** The unit's own name, 全宗号 and kind, whatever the table said. */
function fromUnit(doc: Scheme, unit: Org): Scheme {
  const out: Scheme = { ...doc, unit: unit.name, kind: unit.kind ?? doc.kind, version: 1 };
  if (unit.fonds) out.fonds = unit.fonds;
  else delete out.fonds;
  return out;
}

// ── export ───────────────────────────────────────────────────────────────────

function noneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').map((t) => t.trim()).some((t) => t === '*' || t === etag || t === `W/${etag}`);
}

/** A file name without path separators, control or reserved characters. */
function safeName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_').trim().slice(0, 120) || '方案';
}

/** RFC 6266: an ASCII fallback and the UTF-8 name (RFC 8187 encoding). */
function disposition(kind: 'inline' | 'attachment', name: string, fallback: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** PDF renders run one at a time (each launches Chromium); at most MAX_WAITING wait behind the running one. */
const MAX_WAITING = 8;
export const pdfRenders = { running: 0, waiting: 0, maxRunning: 0 };
let tail: Promise<void> = Promise.resolve();

function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  if (pdfRenders.waiting >= MAX_WAITING) return Promise.reject(new AppError('pdf_unavailable', '正在生成的 PDF 过多，请稍后重试'));
  pdfRenders.waiting++;
  const run = tail.then(async () => {
    pdfRenders.waiting--;
    pdfRenders.running++;
    pdfRenders.maxRunning = Math.max(pdfRenders.maxRunning, pdfRenders.running);
    try {
      return await task();
    } finally {
      pdfRenders.running--;
    }
  });
  tail = run.then(() => {}, () => {});
  return run;
}

async function pdf(html: string, log: Logger, requestId: string): Promise<Buffer> {
  // Read per request (not at start-up), as print/pdf.ts does: Debian's chromium unless SANHEYI_CHROMIUM names another.
  const executablePath = process.env.SANHEYI_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new AppError('pdf_unavailable', `服务器未安装 Chromium（${executablePath}），无法生成 PDF；可导出 HTML 后用浏览器打印`);
  return oneAtATime(async () => {
    try {
      const { renderPdf } = await import('../print/pdf.js');
      return await renderPdf(html, { executablePath });
    } catch (e) {
      log({ time: new Date().toISOString(), level: 'error', msg: 'pdf render failed', requestId, error: (e as Error)?.stack ?? String(e) });
      throw new AppError('pdf_unavailable', '生成 PDF 失败（Chromium 无法启动或超时），请稍后重试，或导出 HTML 后用浏览器打印');
    }
  });
}
