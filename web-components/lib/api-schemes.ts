// A unit's 三合一表 and their versions: read, save a draft (ETag/If-Match), new version, analysis, diff, export.
import type { Scheme } from '../../server/schemas/scheme.js';
import {
  type AnalysisResponse,
  type Api,
  enc,
  type Id,
  type SchemeDiff,
  type SchemeInfo,
  type VersionCompliance,
  type VersionMeta,
} from './api.js';

export interface VersionDoc extends VersionMeta {
  document: Scheme;
  /** ETag of the document, sent back as If-Match when saving a draft. */
  etag: string | null;
}

export type ExportFormat = 'xlsx' | 'csv' | 'html' | 'pdf';

export function listUnitSchemes(api: Api, unit: Id, signal?: AbortSignal): Promise<SchemeInfo[]> {
  return api.get<SchemeInfo[]>(`/units/${enc(unit)}/schemes`, { signal });
}

export function createScheme(api: Api, unit: Id, input: { name: string; baseline?: string; document?: Scheme }): Promise<SchemeInfo> {
  return api.post<SchemeInfo>(`/units/${enc(unit)}/schemes`, input);
}

export function getScheme(api: Api, id: Id, signal?: AbortSignal): Promise<SchemeInfo> {
  return api.get<SchemeInfo>(`/schemes/${enc(id)}`, { signal });
}

export async function getVersion(api: Api, scheme: Id, n: number, signal?: AbortSignal): Promise<VersionDoc> {
  const res = await api.request<VersionMeta & { document: Scheme }>('GET', `/schemes/${enc(scheme)}/versions/${n}`, { signal });
  return { ...res.data, etag: res.headers.get('etag') };
}

/** Replaces a draft's document; returns the new meta and ETag. Throws ApiError 412 when `etag` is stale. */
export async function saveDocument(
  api: Api,
  scheme: Id,
  n: number,
  document: Scheme,
  etag: string,
): Promise<{ meta: VersionMeta; etag: string | null }> {
  const res = await api.request<VersionMeta>('PUT', `/schemes/${enc(scheme)}/versions/${n}/document`, {
    body: document,
    headers: { 'if-match': etag },
  });
  return { meta: res.data, etag: res.headers.get('etag') };
}

export function newVersion(api: Api, scheme: Id, from: number): Promise<VersionMeta> {
  return api.post<VersionMeta>(`/schemes/${enc(scheme)}/versions`, { from });
}

export function getAnalysis(api: Api, scheme: Id, n: number, signal?: AbortSignal): Promise<AnalysisResponse> {
  return api.get<AnalysisResponse>(`/schemes/${enc(scheme)}/versions/${n}/analysis`, { signal });
}

export function getCompliance(api: Api, scheme: Id, n: number, signal?: AbortSignal): Promise<VersionCompliance> {
  return api.get<VersionCompliance>(`/schemes/${enc(scheme)}/versions/${n}/compliance`, { signal });
}

export function getDiff(api: Api, scheme: Id, from: number, to: number, signal?: AbortSignal): Promise<SchemeDiff> {
  return api.get<SchemeDiff>(`/schemes/${enc(scheme)}/diff`, { signal, query: { from, to } });
}

/** A stored version as a file (xlsx, csv, html, pdf), with the name the service suggests. */
export async function exportVersion(
  api: Api,
  scheme: Id,
  n: number,
  format: ExportFormat,
  signal?: AbortSignal,
): Promise<{ blob: Blob; filename: string }> {
  const { blob, filename } = await api.download(`/schemes/${enc(scheme)}/versions/${n}/export`, { query: { format }, signal });
  return { blob, filename: filename ?? `scheme-${scheme}-v${n}.${format}` };
}
