// Content hash of a scheme version: SHA-256 over canonical JSON (keys sorted), so formatting never changes it.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export { canonicalJson };

export function contentHash(value: unknown): string {
  return 'sha256:' + createHash('sha256').update(canonicalJson(value)).digest('hex');
}
