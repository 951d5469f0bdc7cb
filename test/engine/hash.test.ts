// The content hash's definition (docs/scheme-format.md “Content hash”) and the SM3 digest beside it.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, compile, contentHash, digests } from '../../server/engine/index.js';

const doc = { version: 3, title: '表', unit: '甲', items: [{ id: '1', b: 2, a: undefined }], z: '三合一' };

describe('content hash', () => {
  it('is SHA-256 over canonical JSON of the document without its top-level version', () => {
    const text = '{"items":[{"b":2,"id":"1"}],"title":"表","unit":"甲","z":"三合一"}';
    expect(canonicalJson({ ...doc, version: undefined })).toBe(text);
    expect(contentHash(doc)).toBe('sha256:' + createHash('sha256').update(text, 'utf8').digest('hex'));
    expect(contentHash({ ...doc, version: 9 })).toBe(contentHash(doc));
    expect(contentHash({ ...doc, title: '另一表' })).not.toBe(contentHash(doc));
  });

  it('leaves nested `version` members in (only the document’s own number is left out)', () => {
    const withBaseline = { ...doc, baseline: { id: 'b', version: 1 } };
    expect(contentHash(withBaseline)).not.toBe(contentHash({ ...doc, baseline: { id: 'b', version: 2 } }));
  });

  it('is the hash the compiled scheme carries', async () => {
    const { readFileSync } = await import('node:fs');
    const base = JSON.parse(readFileSync(new URL('../http/fixtures/rulesets/demo-enterprise.json', import.meta.url), 'utf8'));
    expect(compile(base).hash).toBe(contentHash(base));
    expect(compile({ ...base, version: 7 }).hash).toBe(contentHash(base));
  });
});

describe('digests', () => {
  it('gives SHA-256 (equal to contentHash) and SM3 over the same text', () => {
    const d = digests(doc);
    expect(d.sha256).toBe(contentHash(doc));
    const text = canonicalJson({ ...doc, version: undefined });
    expect(d.sm3).toBe('sm3:' + createHash('sm3').update(text, 'utf8').digest('hex'));
  });

  it('SM3 is GB/T 32905’s: the standard’s example “abc”', () => {
    // GB/T 32905-2016 Appendix A.1: SM3("abc").
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(digests('abc').sm3).toBe('sm3:' + createHash('sm3').update('"abc"').digest('hex'));
  });
});
