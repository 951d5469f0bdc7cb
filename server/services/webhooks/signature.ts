// Webhook payload signatures: HMAC-SHA256 with the hook's secret over `<timestamp>.<body>`, sent with the
// timestamp so a receiver can refuse replays (docs/api.md “Webhooks” has the verification recipe).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header names a delivery carries. */
export const HEADERS = {
  id: 'Sanheyi-Webhook-Id',
  event: 'Sanheyi-Event',
  timestamp: 'Sanheyi-Timestamp',
  signature: 'Sanheyi-Signature',
} as const;

/** A new per-hook secret: `whsec_` and 32 random bytes, base64url. */
export function newSecret(): string {
  return 'whsec_' + randomBytes(32).toString('base64url');
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does: true when the header signs `body` with `secret` and its time is within `toleranceS` of now. */
export function verifySignature(secret: string, body: string, header: string, nowSeconds: number, toleranceS = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceS || typeof parts.v1 !== 'string') return false;
  const expected = Buffer.from(signatureHeader(secret, body, t).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
