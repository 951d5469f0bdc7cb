// Importing a 三合一 table from a spreadsheet: the dry run (preview) and the import itself.
import type { Scheme } from '../../server/schemas/scheme.js';
import type { SchemeSuggestions } from '../../server/schemas/api/index.js';
import { type Api, enc, type Id, type ImportIssue, type ImportPreview, type ImportStats, type SchemeInfo } from './api.js';

export type { SchemeSuggestions };

/** A JSON-Logic condition suggested from a row's wording (import), per clause id. */
export type Suggestions = Record<string, Record<string, unknown>>;

/** POST /units/{unit}/schemes/import?dryRun=true → 200. */
export interface ImportDryRun {
  preview: ImportPreview;
  warnings: ImportIssue[];
  suggestions: Suggestions;
  document: Scheme;
  stats: ImportStats;
}

/** POST /units/{unit}/schemes/import → 201: the new scheme, plus what the import noticed and suggests. */
export type ImportCreated = SchemeInfo & { warnings: ImportIssue[]; suggestions: Suggestions };

export interface ImportQuery {
  name?: string;
  dryRun?: boolean;
  sheet?: string;
  /** 1-based; 0 = no header row. */
  headerRow?: number;
  /** Column letter → field (`scope`, `retention`, …, or `忽略`). */
  mapping?: Record<string, string>;
  filename?: string;
  /** A table without class columns: its top-level heading rows become classes. */
  headingClasses?: boolean;
}

/**
 * Imports a 三合一 table (the file's bytes as the body). Dry run → the preview; otherwise 201 with the new scheme.
 * A table the service cannot read throws ApiError 422 `invalid-table` (`extra.needsMapping`, `extra.preview`).
 */
export function importTable(
  api: Api,
  unit: Id,
  file: Blob,
  type: string,
  q: ImportQuery & { dryRun: true },
  signal?: AbortSignal,
): Promise<ImportDryRun>;
export function importTable(api: Api, unit: Id, file: Blob, type: string, q: ImportQuery, signal?: AbortSignal): Promise<ImportCreated>;
export async function importTable(
  api: Api,
  unit: Id,
  file: Blob,
  type: string,
  q: ImportQuery,
  signal?: AbortSignal,
): Promise<ImportDryRun | ImportCreated> {
  const query = {
    name: q.name,
    dryRun: q.dryRun ? 'true' : undefined,
    sheet: q.sheet,
    headerRow: q.headerRow,
    mapping: q.mapping ? JSON.stringify(q.mapping) : undefined,
    filename: q.filename,
    headingClasses: q.headingClasses ? 'true' : undefined,
  };
  const res = await api.request<ImportDryRun | ImportCreated>('POST', `/units/${enc(unit)}/schemes/import`, {
    raw: { data: file, type },
    query,
    signal,
  });
  return res.data;
}

/** The conditions the import suggested, kept with the scheme, and how many rows of its draft they could still fill. */
export function getSuggestions(api: Api, scheme: Id, signal?: AbortSignal): Promise<SchemeSuggestions> {
  return api.get<SchemeSuggestions>(`/schemes/${enc(scheme)}/suggestions`, { signal });
}

/** Lets the suggestions go; conditions already applied to the draft stay. */
export async function dropSuggestions(api: Api, scheme: Id): Promise<void> {
  await api.request('DELETE', `/schemes/${enc(scheme)}/suggestions`);
}
