// The browser stand-ins the web bundle uses for two engine leaf modules agree with the originals.
import { describe, expect, it } from 'vitest';
import * as ajv from '../../server/schemas/ajv.js';
import * as hash from '../../server/engine/hash.js';
import * as ajvShim from '../../web-components/shims/ajv.js';
import * as hashShim from '../../web-components/shims/hash.js';

describe('browser shims', () => {
  it('canonicalJson matches the engine', () => {
    const samples = [null, 1, 'a', [1, { b: 2, a: [3, undefined, null] }], { z: { y: 1, x: undefined }, a: '中文' }, { items: [{ id: '1', when: { in: ['纪要', { var: 'title' }] } }] }];
    for (const s of samples) expect(hashShim.canonicalJson(s)).toBe(hash.canonicalJson(s));
  });

  it('pointer and escapePointer match ajv.ts', () => {
    expect(ajvShim.pointer('items', 3, 'a/b~c')).toBe(ajv.pointer('items', 3, 'a/b~c'));
    expect(ajvShim.escapePointer('x/y~')).toBe(ajv.escapePointer('x/y~'));
  });

  it('export every name the bundled engine modules import', () => {
    for (const name of ['pointer', 'escapePointer', 'checker']) expect(typeof (ajvShim as Record<string, unknown>)[name]).toBe('function');
    expect(typeof hashShim.canonicalJson).toBe('function');
  });
});
