// The content hash of a scheme document, and its digests for registered copies and bundles.
// Definition (docs/scheme-format.md “Content hash”): the document without its top-level `version` number, written
// as canonical JSON (keys sorted, no whitespace, undefined members dropped), UTF-8, hashed. One definition for the
// stored hash, the 报审 table, classify's `hash` and the library.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

export { canonicalJson };

/** The text a document's digests are taken over: canonical JSON without the top-level `version`. */
export function hashedText(doc: unknown): string {
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
    const { version: _v, ...content } = doc as Record<string, unknown>;
    return canonicalJson(content);
  }
  return canonicalJson(doc);
}

/** `sha256:<hex>` of the document's content (its version number left out). */
export function contentHash(doc: unknown): string {
  return 'sha256:' + createHash('sha256').update(hashedText(doc), 'utf8').digest('hex');
}

export interface Digests {
  /** Equals contentHash(doc). */
  sha256: string;
  /** `sm3:<hex>`, GB/T 32905-2016, over the same text. */
  sm3: string;
}

/** SHA-256 and SM3 (国密) digests of the document's content, for registered copies and bundles. */
export function digests(doc: unknown): Digests {
  const text = hashedText(doc);
  return {
    sha256: 'sha256:' + createHash('sha256').update(text, 'utf8').digest('hex'),
    sm3: 'sm3:' + createHash('sm3').update(text, 'utf8').digest('hex'),
  };
}
