// A unit's API keys for business systems (docs/api.md §api-keys).
import { type Api, type ApiKey, enc, type Id } from './api.js';

export type ApiKeyCreated = ApiKey & { key: string };
export type ApiKeyRotated = ApiKeyCreated & { replaced: ApiKey };

export function listApiKeys(api: Api, unit: Id, signal?: AbortSignal): Promise<ApiKey[]> {
  return api.get<ApiKey[]>(`/units/${enc(unit)}/api-keys`, { signal });
}

/** The returned `key` is the only time the secret is shown; `expiresAt` null: it does not expire. */
export function createApiKey(api: Api, unit: Id, name: string, expiresAt: string | null = null): Promise<ApiKeyCreated> {
  return api.post<ApiKeyCreated>(`/units/${enc(unit)}/api-keys`, { name, expiresAt });
}

/** A new secret for the key (shown once); the old one keeps working for `graceHours`. */
export function rotateApiKey(api: Api, unit: Id, id: Id, graceHours: number): Promise<ApiKeyRotated> {
  return api.post<ApiKeyRotated>(`/units/${enc(unit)}/api-keys/${enc(id)}/rotate`, { graceHours });
}

export async function revokeApiKey(api: Api, unit: Id, id: Id): Promise<void> {
  await api.request('DELETE', `/units/${enc(unit)}/api-keys/${enc(id)}`);
}

/** The instant a key chosen to expire on `date` (a China calendar date) stops working: the end of that day. */
export function endOfChinaDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000).toISOString();
}
