// Running a table on records: a draft on the fly (POST /try) and a unit's version in force (classify).
import type { ClassifyResult } from '../../server/schemas/api/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { type Api, enc, type Id, type TryResponse } from './api.js';

export function tryScheme(api: Api, document: Scheme, records: unknown[], signal?: AbortSignal): Promise<TryResponse> {
  return api.post<TryResponse>('/try', { document, records }, { signal });
}

export function classify(api: Api, unit: Id, record: unknown, signal?: AbortSignal): Promise<ClassifyResult> {
  return api.post<ClassifyResult>(`/units/${enc(unit)}/classify`, record, { signal });
}
