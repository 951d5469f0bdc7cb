// A unit's API keys for business systems (docs/api.md §api-keys).
import { type Api, type ApiKey, enc, type Id } from './api.js';

export function listApiKeys(api: Api, unit: Id, signal?: AbortSignal): Promise<ApiKey[]> {
  return api.get<ApiKey[]>(`/units/${enc(unit)}/api-keys`, { signal });
}

/** The returned `key` is the only time the secret is shown. */
export function createApiKey(api: Api, unit: Id, name: string): Promise<ApiKey & { key: string }> {
  return api.post<ApiKey & { key: string }>(`/units/${enc(unit)}/api-keys`, { name });
}

export async function revokeApiKey(api: Api, unit: Id, id: Id): Promise<void> {
  await api.request('DELETE', `/units/${enc(unit)}/api-keys/${enc(id)}`);
}
