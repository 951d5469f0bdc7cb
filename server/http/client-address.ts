// The caller's address, for the guessing limits: the socket's remote address (@hono/node-server puts the Node request
// in c.env.incoming); X-Forwarded-For only when the socket is a configured trusted proxy (SANHEYI_TRUSTED_PROXIES).
import type { IncomingMessage } from 'node:http';
import { type Socket, isIP } from 'node:net';
import type { Context } from 'hono';

/** What the limits count when no socket is known (e.g. `app.request` without an env). */
export const UNKNOWN_ADDRESS = 'unknown';

/** `::ffff:10.0.0.1` → `10.0.0.1`; anything that is not an IP address → undefined. */
export function normaliseAddress(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const a = raw.trim().toLowerCase();
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (v4) return v4[1];
  return isIP(a) ? a : undefined;
}

/** The address as the limits count it: IPv4 as is, IPv6 by its /64 (one host usually holds a whole /64). */
export function throttleKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Each socket's normalised remote address: a keep-alive connection asks once, not once per request. */
const socketAddresses = new WeakMap<Socket, string>();

function socketAddress(socket: Socket | undefined): string {
  if (!socket) return UNKNOWN_ADDRESS;
  let address = socketAddresses.get(socket);
  if (address === undefined) {
    address = normaliseAddress(socket.remoteAddress) ?? UNKNOWN_ADDRESS;
    // Kept only once known: a socket that has already closed has no address, and must not be remembered as unknown.
    if (address !== UNKNOWN_ADDRESS) socketAddresses.set(socket, address);
  }
  return address;
}

export function clientAddress(c: Context, trustedProxies: ReadonlySet<string>): string {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  let address = socketAddress(env?.incoming?.socket);
  if (trustedProxies.size === 0 || !trustedProxies.has(address)) return address;
  // The right-most hop that is not one of our proxies is the client; the hops left of it were written by the client.
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]);
    if (!hop) break;
    address = hop;
    if (!trustedProxies.has(hop)) break;
  }
  return address;
}
