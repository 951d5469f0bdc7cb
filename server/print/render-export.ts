// One export renderer for the service and the CLI: a scheme document and its version meta as xlsx, csv, html or pdf.
import type { Scheme } from '../schemas/scheme.js';
import { type ExportMeta, exportCsv, exportXlsx } from '../spreadsheet/export.js';
import { renderPrintHtml } from './html.js';

export const EXPORT_FORMATS = ['xlsx', 'csv', 'html', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  xlsx: XLSX_TYPE,
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export function isExportFormat(text: string): text is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(text);
}

/** The format a file name asks for by its extension, if any. */
export function formatOfFileName(name: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => name.toLowerCase().endsWith(`.${f}`));
}

/** A file name without path separators, control or reserved characters. */
export function safeFileName(name: string, fallback = '方案'): string {
  return (
    name
      .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_')
      .trim()
      .slice(0, 120) || fallback
  );
}

/** Turns the print view into a PDF: the service's queue, or the CLI's direct launch. */
export type PdfRenderer = (html: string) => Promise<Uint8Array>;

export interface RenderedExport {
  /** Text for csv/html (the CSV starts with a BOM for Excel), bytes for xlsx/pdf. */
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
}

export async function renderExport(format: ExportFormat, doc: Scheme, meta: ExportMeta, pdf: PdfRenderer): Promise<RenderedExport> {
  const contentType = EXPORT_TYPES[format];
  switch (format) {
    case 'xlsx':
      return { body: new Uint8Array(await exportXlsx(doc, meta)), contentType };
    case 'csv':
      return { body: exportCsv(doc), contentType };
    case 'html':
      return { body: renderPrintHtml(doc, meta), contentType };
    case 'pdf':
      return { body: new Uint8Array(await pdf(renderPrintHtml(doc, meta))), contentType };
  }
}
