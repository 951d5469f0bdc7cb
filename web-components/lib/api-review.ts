// The release gate: submit a draft, the reviewer's queue, approve or reject (docs/api.md §review).
import { type Api, type ApproveInput, enc, type Id, type ReviewQueueEntry, type VersionCompliance, type VersionMeta } from './api.js';

export function submitVersion(api: Api, scheme: Id, n: number): Promise<VersionMeta & { compliance?: VersionCompliance }> {
  return api.post(`/schemes/${enc(scheme)}/versions/${n}/submit`);
}

export function approveVersion(api: Api, scheme: Id, n: number, input: ApproveInput): Promise<VersionMeta> {
  return api.post<VersionMeta>(`/schemes/${enc(scheme)}/versions/${n}/approve`, input);
}

export function rejectVersion(api: Api, scheme: Id, n: number, reason: string): Promise<VersionMeta> {
  return api.post<VersionMeta>(`/schemes/${enc(scheme)}/versions/${n}/reject`, { reason });
}

export function listReviewQueue(api: Api, signal?: AbortSignal): Promise<ReviewQueueEntry[]> {
  return api.get<ReviewQueueEntry[]>('/review/queue', { signal });
}
