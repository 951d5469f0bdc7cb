// A unit's webhooks and their delivery log (docs/api.md “Webhooks”).
import type { WebhookDeliveryWire, WebhookWire } from '../../server/schemas/api/index.js';
import { type Api, enc, type Id } from './api.js';

export type Webhook = WebhookWire;
export type WebhookDelivery = WebhookDeliveryWire;
export type WebhookEvent = Webhook['events'][number];

export function listWebhooks(api: Api, unit: Id, signal?: AbortSignal): Promise<Webhook[]> {
  return api.get<Webhook[]>(`/units/${enc(unit)}/webhooks`, { signal });
}

/** The returned `secret` is the only time it is shown. */
export function createWebhook(api: Api, unit: Id, url: string, events: WebhookEvent[]): Promise<Webhook & { secret: string }> {
  return api.post<Webhook & { secret: string }>(`/units/${enc(unit)}/webhooks`, { url, events });
}

/** Changes url, events or active state; with `rotateSecret` the answer carries the new secret, shown this once. */
export function updateWebhook(
  api: Api,
  unit: Id,
  id: Id,
  change: { url?: string; events?: WebhookEvent[]; active?: boolean; rotateSecret?: boolean },
): Promise<Webhook & { secret?: string }> {
  return api
    .request<Webhook & { secret?: string }>('PATCH', `/units/${enc(unit)}/webhooks/${enc(id)}`, { body: change })
    .then((r) => r.data);
}

export async function deleteWebhook(api: Api, unit: Id, id: Id): Promise<void> {
  await api.request('DELETE', `/units/${enc(unit)}/webhooks/${enc(id)}`);
}

export function listDeliveries(api: Api, unit: Id, id: Id, signal?: AbortSignal): Promise<WebhookDelivery[]> {
  return api.get<WebhookDelivery[]>(`/units/${enc(unit)}/webhooks/${enc(id)}/deliveries`, { signal });
}
