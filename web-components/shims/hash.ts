// Browser stand-in for server/engine/hash.ts in the web bundle: canonical JSON without node:crypto.
//
// scripts/build-web.mjs substitutes this file for the engine's hash module (the diff needs only canonicalJson);
// test/web/shims.test.ts checks it agrees with the original.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(obj[k])).join(',') + '}';
}

/** Content hashes are the service's business; the page shows the ones it is given. */
export function contentHash(_value: unknown): string {
  throw new Error('内容哈希由服务端计算（浏览器中不可用）');
}
