// The decision log, the review inbox and a version's impact (docs/api.md §Decision log, §Review inbox, §Impact).
import type {
  DecideBody,
  DecisionLogEntryWire,
  DecisionLogPageWire,
  ImpactReportWire,
  ReviewDecisionListWire,
  ReviewDecisionWire,
  ReviewInboxWire,
} from '../../server/schemas/api/index.js';
import { type Api, enc, type Id } from './api.js';

export type {
  DecisionLogEntryWire as LogEntry,
  ImpactReportWire as ImpactReport,
  ReviewDecisionWire as ReviewDecision,
  ReviewInboxWire as ReviewInbox,
};
export type DecidedReview = ReviewDecisionListWire['entries'][number];

export interface LogQuery {
  outcome?: string;
  row?: string;
  from?: string;
  to?: string;
  before?: number | null;
  limit?: number;
}

const qs = (q: Record<string, string | number | null | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export function listDecisionLog(api: Api, unit: Id, q: LogQuery, signal?: AbortSignal): Promise<DecisionLogPageWire> {
  return api.get<DecisionLogPageWire>(`/units/${enc(unit)}/decision-log${qs({ ...q })}`, { signal });
}

export function exportDecisionLog(
  api: Api,
  unit: Id,
  q: LogQuery,
  format: 'xlsx' | 'csv',
): Promise<{ blob: Blob; filename: string | null }> {
  const { before: _b, limit: _l, ...filter } = q;
  return api.download(`/units/${enc(unit)}/decision-log/export${qs({ ...filter, format })}`);
}

export function getReviewInbox(api: Api, unit: Id, q: { row?: string; field?: string }, signal?: AbortSignal): Promise<ReviewInboxWire> {
  return api.get<ReviewInboxWire>(`/units/${enc(unit)}/review-inbox${qs({ ...q, limit: 500 })}`, { signal });
}

export function decideReviews(api: Api, unit: Id, body: DecideBody): Promise<{ decided: ReviewDecisionWire[] }> {
  return api.post<{ decided: ReviewDecisionWire[] }>(`/units/${enc(unit)}/review-inbox/decide`, body);
}

/** Decided reviews, newest record first; `before` pages on. */
export function getDecidedReviews(api: Api, unit: Id, before?: number, signal?: AbortSignal): Promise<ReviewDecisionListWire> {
  return api.get<ReviewDecisionListWire>(`/units/${enc(unit)}/review-inbox/decided${qs({ before, limit: 50 })}`, { signal });
}

export function reviewToTest(api: Api, unit: Id, id: Id): Promise<{ version: { number: number } }> {
  return api.post<{ version: { number: number } }>(`/units/${enc(unit)}/review-inbox/${enc(id)}/to-test`);
}

export function getImpact(api: Api, scheme: Id, version: Id, signal?: AbortSignal): Promise<ImpactReportWire> {
  return api.get<ImpactReportWire>(`/schemes/${enc(scheme)}/versions/${enc(version)}/impact`, { signal });
}

/** The impact on a sample of records the archivist brings (indexes into `records` as ids, all of them). */
export function postImpactSample(
  api: Api,
  scheme: Id,
  version: Id,
  records: Record<string, unknown>[],
  signal?: AbortSignal,
): Promise<ImpactReportWire> {
  return api.post<ImpactReportWire>(`/schemes/${enc(scheme)}/versions/${enc(version)}/impact`, { records }, { signal });
}

/** Every logged record the version decides differently, as a file. */
export function exportImpactChanges(
  api: Api,
  scheme: Id,
  version: Id,
  format: 'xlsx' | 'csv',
): Promise<{ blob: Blob; filename: string | null }> {
  return api.download(`/schemes/${enc(scheme)}/versions/${enc(version)}/impact/changes${qs({ format })}`);
}
