// The supervision view's calls: the rows with counts, the xlsx export, and the changes recorded on a unit.
import type {
  SupervisionCountsWire,
  SupervisionPageWire,
  SupervisionRowWire,
  UnitChangeWire,
} from '../../server/schemas/api/supervision.js';
import type { FindingsFilter, RevisionStatus, SortKey, TableStateKind, UnitChangeKind } from '../../server/schemas/supervision-words.js';
import { type Api, enc, type Id } from './api.js';

export type SupervisionRow = SupervisionRowWire;
export type UnitChange = UnitChangeWire;

export type SupervisionCounts = SupervisionCountsWire;
export type SupervisionPage = SupervisionPageWire;

export interface SupervisionFilters {
  state?: TableStateKind | 'unapproved';
  revision?: RevisionStatus;
  findings?: FindingsFilter;
  q?: string;
  sort?: SortKey;
}

/** The query string of the filters that are set (empty ones are left out). */
export function filterQuery(f: SupervisionFilters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (typeof v === 'string' && v.trim() !== '') q.set(k, v.trim());
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function listSupervisedUnits(api: Api, f: SupervisionFilters, signal?: AbortSignal): Promise<SupervisionPage> {
  return api.get<SupervisionPage>(`/supervision/units${filterQuery(f)}`, { signal });
}

export function exportSupervisedUnits(api: Api, f: SupervisionFilters): Promise<{ blob: Blob; filename: string | null }> {
  return api.download(`/supervision/units/export${filterQuery(f)}`);
}

export function listUnitChanges(api: Api, unit: Id, signal?: AbortSignal): Promise<UnitChange[]> {
  return api.get<UnitChange[]>(`/orgs/${enc(unit)}/changes`, { signal });
}

export interface UnitChangeInput {
  kind: UnitChangeKind;
  occurredOn: string;
  description: string;
  reference?: string;
}

export function recordUnitChange(api: Api, unit: Id, input: UnitChangeInput): Promise<UnitChange> {
  return api.post<UnitChange>(`/orgs/${enc(unit)}/changes`, input);
}
