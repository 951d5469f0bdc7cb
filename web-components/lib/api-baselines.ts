// The national baselines (docs/api.md §baselines).
import type { Scheme } from '../../server/schemas/scheme.js';
import { type Api, type BaselineSummary, enc } from './api.js';

export function listBaselines(api: Api, signal?: AbortSignal): Promise<BaselineSummary[]> {
  return api.get<BaselineSummary[]>('/baselines', { signal });
}

export function getBaseline(api: Api, id: string, signal?: AbortSignal): Promise<Scheme> {
  return api.get<Scheme>(`/baselines/${enc(id)}`, { signal });
}
