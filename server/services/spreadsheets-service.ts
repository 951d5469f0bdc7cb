// Spreadsheets in and out: a 三合一 table imported as a new scheme (or only previewed), a version exported as a file.
import { createHash } from 'node:crypto';
import { EXPORT_TYPES, type ExportFormat, XLSX_TYPE, renderExport, safeFileName } from '../print/render-export.js';
import type { PdfQueue } from '../print/pdf-queue.js';
import type { Scheme } from '../schemas/scheme.js';
import type { ExportMeta } from '../spreadsheet/export.js';
import { type TableFormat, detectFormat } from '../spreadsheet/grid.js';
import type { ImportRunner } from '../spreadsheet/import-runner.js';
import type { Logic } from '../spreadsheet/suggest.js';
import type { ImportIssue, ImportPreview, ImportResult, ImportStats } from '../spreadsheet/import/index.js';
import type { Org } from '../store/orgs-store.js';
import type { Principal } from './access.js';
import { AppError } from './errors.js';
import type { Drafts } from './schemes/drafts.js';
import type { SchemeAccess, UnitTarget } from './schemes/scheme-access.js';
import type { SchemeWithVersions, SchemesService } from './schemes/schemes-service.js';

/** What the caller chose about the table: which sheet, which header row, which column is which field. */
export interface ImportParams {
  filename?: string;
  sheet?: string;
  headerRow?: number;
  mapping?: Record<string, string>;
  /** Top-level heading rows become classes (a table without class columns). */
  headingClasses?: boolean;
}

/** The uploaded bytes and the table format the upload declared (its Content-Type). */
export interface Upload {
  bytes: Uint8Array;
  format: TableFormat;
}

export interface ImportPreviewResult {
  preview: ImportPreview;
  warnings: ImportIssue[];
  suggestions: Record<string, Logic>;
  document: Scheme;
  stats: ImportStats;
}

export type ImportedScheme = SchemeWithVersions & { warnings: ImportIssue[]; suggestions: Record<string, Logic> };

/** An export ready to send: its ETag (known before rendering, for 304) and the rendering itself. */
export interface PlannedExport {
  etag: string;
  contentType: string;
  /** The file name shown to the user, and an ASCII one for old clients. */
  filename: string;
  asciiFilename: string;
  render(): Promise<string | Uint8Array<ArrayBuffer>>;
}

export class SpreadsheetsService {
  constructor(
    private readonly access: SchemeAccess,
    private readonly drafts: Drafts,
    private readonly schemes: SchemesService,
    private readonly pdf: PdfQueue,
    private readonly imports: ImportRunner,
  ) {}

  /** The unit, if the user may import into it; the route asks before reading the upload and passes it back. */
  importTarget(p: Principal | null, unitId: number): UnitTarget {
    return this.access.creatableIn(p, unitId);
  }

  /** The document the table would become, with the preview, warnings and suggestions; nothing is saved. */
  async previewImport(t: UnitTarget, upload: Upload, params: ImportParams): Promise<ImportPreviewResult> {
    const { unit } = t;
    const result = ok(await this.readUpload(upload, params, unit), params);
    return {
      preview: result.preview,
      warnings: result.warnings,
      suggestions: result.suggestions,
      document: fromUnit(result.document, unit),
      stats: result.stats,
    };
  }

  /** A new scheme whose first draft is the table; the audit entry records where it came from. */
  async importScheme(t: UnitTarget, upload: Upload, params: ImportParams & { name: string }): Promise<ImportedScheme> {
    const { unit } = t;
    const result = ok(await this.readUpload(upload, params, unit), params);
    const importedFrom = {
      format: upload.format,
      filename: params.filename ?? null,
      sheet: result.preview.sheet,
      headerRow: result.preview.headerRow,
      ...(params.mapping ? { mapping: params.mapping } : {}),
      ...(params.headingClasses ? { headingClasses: true } : {}),
      stats: result.stats,
      warnings: result.warnings.length,
    };
    const created = this.drafts.create(
      t,
      { name: params.name, document: fromUnit(result.document, unit) },
      importedFrom,
      result.suggestions,
    );
    return { ...created, warnings: result.warnings, suggestions: result.suggestions };
  }

  /** A version as a file: the table (xlsx/csv) or the print view (html/pdf) with the version's approval printed on it. */
  exportVersion(p: Principal | null, schemeId: number, n: number, format: ExportFormat, requestId?: string): PlannedExport {
    const { scheme, version, reviewer } = this.schemes.forExport(this.access.readable(p, schemeId), n);
    const meta: ExportMeta = {
      version: version.number,
      state: version.state,
      ...(version.approvalNumber ? { approvalNumber: version.approvalNumber } : {}),
      ...(version.decidedOn ? { decidedOn: version.decidedOn } : {}),
      ...(version.effectiveFrom ? { effectiveFrom: version.effectiveFrom } : {}),
      ...(reviewer && (version.state === 'approved' || version.state === 'superseded') ? { reviewer } : {}),
      ...(version.comment && version.state !== 'rejected' ? { comment: version.comment } : {}),
      ...(version.justification && version.state !== 'rejected' ? { justification: version.justification } : {}),
      ...(version.backdateReason ? { backdateReason: version.backdateReason } : {}),
    };
    // What the file shows is the content (its hash) and the meta printed with it; the format names the file type.
    const etag = `"${createHash('sha256')
      .update(JSON.stringify([version.hash, meta]))
      .digest('hex')
      .slice(0, 32)}.${format}"`;
    return {
      etag,
      contentType: EXPORT_TYPES[format],
      filename: `${safeFileName(scheme.name)}（第${n}版）.${format}`,
      asciiFilename: `scheme-${schemeId}-v${n}.${format}`,
      render: async () => (await renderExport(format, version.document, meta, (html) => this.pdf.render(html, requestId))).body,
    };
  }

  /**
   * Reads the table as the declared type (the bytes must agree) in the import worker, with the unit's name, 全宗号 and
   * kind. Over a size limit (rows, cells, inflated size, the worker's memory) → 413; too slow → 422; queue full → 503.
   */
  private async readUpload(upload: Upload, p: ImportParams, unit: Org): Promise<ImportResult> {
    const { bytes, format } = upload;
    const fileError = (message: string): ImportResult => ({
      ok: false,
      errors: [{ sheet: '', row: 0, column: 0, path: '/', message }],
      warnings: [],
    });
    let sniffed: TableFormat;
    try {
      sniffed = detectFormat(bytes); // refuses legacy .xls
    } catch (e) {
      return fileError((e as Error).message);
    }
    if (format === 'csv' && sniffed === 'xlsx') {
      throw new AppError('unsupported_media_type', '文件是 Excel（.xlsx）工作簿，但内容类型为 text/csv', [
        { path: '/header/Content-Type', message: `应为 ${XLSX_TYPE}` },
      ]);
    }
    if (format === 'xlsx' && sniffed !== 'xlsx') return fileError('文件不是有效的 .xlsx 工作簿');
    const options = {
      filename: p.filename,
      sheet: p.sheet,
      headerRow: p.headerRow,
      mapping: p.mapping,
      headingClasses: p.headingClasses,
      unit: unit.name,
      kind: unit.kind ?? undefined,
      fonds: unit.fonds ?? undefined,
    };
    const answer = await this.imports.run({ bytes, format, options });
    switch (answer.kind) {
      case 'result':
        return answer.result;
      case 'file':
      case 'timeout':
        return fileError(answer.message);
      case 'limit':
        throw new AppError('payload_too_large', `表格超出导入上限：${answer.message}`, [{ path: '/', message: answer.message }]);
      case 'busy':
        throw new AppError('busy', answer.message);
      case 'crash':
        throw new Error(`import worker failed: ${answer.message}`);
    }
  }
}

/** The result if the table imported; otherwise 422 `invalid_table` with the issues, and the preview when there is one. */
function ok(result: ImportResult, params: ImportParams): Extract<ImportResult, { ok: true }> {
  if (result.ok) return result;
  const detail = !result.needsMapping
    ? `表格有 ${result.errors.length} 处错误，未导入任何内容`
    : params.mapping
      ? `列与字段的对应关系无法应用：${result.errors
          .slice(0, 3)
          .map((e) => e.message)
          .join('；')}`
      : '无法确定表格各列的含义，请用 mapping 指定列与字段的对应关系（如 {"C":"归档范围","D":"保管期限"}）';
  throw new AppError('invalid_table', detail, result.errors, {
    ...(result.needsMapping ? { needsMapping: true } : {}),
    ...(result.preview ? { preview: result.preview } : {}),
    warnings: result.warnings,
  });
}

/** The unit's own name, 全宗号 and kind, whatever the table said. */
function fromUnit(doc: Scheme, unit: Org): Scheme {
  const out: Scheme = { ...doc, unit: unit.name, kind: unit.kind ?? doc.kind, version: 1 };
  if (unit.fonds) out.fonds = unit.fonds;
  else delete out.fonds;
  return out;
}
