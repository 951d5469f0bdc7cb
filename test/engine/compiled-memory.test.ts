// What a compiled version keeps: not its document when it can load it again, the same results either way, and
// caches that hold one entry without a Map.
import { describe, expect, it } from 'vitest';
import { generateRecords, generateScheme } from '../../bench/generate.js';
import { BoundedCache } from '../../server/engine/bounded-cache.js';
import { compile } from '../../server/engine/compile.js';
import { analyse } from '../../server/engine/analyse.js';
import { runTests } from '../../server/engine/run-tests.js';
import { miniScheme } from './scheme-fixture.js';

describe('a version compiled with a document loader', () => {
  it('classifies exactly as one that keeps its document, with full and minimal detail', () => {
    const g = generateScheme(7, 120);
    const kept = compile(structuredClone(g.scheme), { version: 1 });
    const loaded = compile(structuredClone(g.scheme), { version: 1, document: () => structuredClone(g.scheme) });
    for (const record of generateRecords(g, 1500, 11)) {
      expect(loaded.classify(record)).toEqual(kept.classify(record));
      expect(loaded.classify(record, { detail: 'minimal' })).toEqual(kept.classify(record, { detail: 'minimal' }));
    }
  });

  it('reads the document through the loader each time it is asked for, parameters resolved in `scheme`', () => {
    let loads = 0;
    const doc = miniScheme();
    const c = compile(structuredClone(doc), { document: () => (loads++, structuredClone(doc)) });
    expect(loads).toBe(0);
    expect(c.source.items.length).toBe(doc.items.length);
    expect(c.scheme.title).toBe(doc.title);
    expect(loads).toBe(2);
    // The analysis and the tests read the document through it too.
    expect(analyse(c).tests).toEqual(analyse(compile(structuredClone(doc))).tests);
    expect(runTests(c).outcomes.length).toBe((doc.tests ?? []).length);
  });

  it('explains the alternative that held for nested or-conditions parsed again from text', () => {
    const doc = miniScheme();
    doc.items = [
      {
        id: '1',
        class: 'WS/DQ',
        scope: '会议文件',
        retention: 'Y',
        when: {
          and: [
            {
              or: [
                { in: ['纪要', { var: 'title' }] },
                { or: [{ in: ['决议', { var: 'title' }] }, { '==': [{ var: 'docType' }, '决定'] }] },
              ],
            },
            { or: [{ '==': [{ var: 'origin' }, 'own'] }, { in: ['董事会', { var: 'title' }] }] },
          ],
        },
      },
    ];
    doc.tests = [];
    const c = compile(structuredClone(doc), { document: () => structuredClone(doc) });
    const r = c.classify({ title: '董事会关于增资的决议', origin: 'superior' });
    expect(r.outcome).toBe('file');
    expect(r.reasons).toContain('题名包含“决议”');
    expect(r.reasons).toContain('题名包含“董事会”');
    expect(r.reasons).not.toContain('题名包含“纪要”');
    const s = c.classify({ title: '纪要', docType: '决定', origin: 'own' });
    expect(s.reasons).toContain('题名包含“纪要”');
    expect(s.reasons.some((x) => x.includes('董事会'))).toBe(false);
  });
});

describe('BoundedCache', () => {
  it('keeps the first entry and more up to the limit, then returns values without keeping them', () => {
    const cache = new BoundedCache<number, string>(3);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.keep(1, 'a')).toBe('a');
    expect(cache.keep(2, 'b')).toBe('b');
    expect(cache.keep(3, 'c')).toBe('c');
    expect(cache.keep(4, 'd')).toBe('d');
    expect([1, 2, 3, 4].map((k) => cache.get(k))).toEqual(['a', 'b', 'c', undefined]);
  });

  it('keeps nothing with a limit of 0', () => {
    const cache = new BoundedCache<string, number>(0);
    cache.keep('x', 1);
    expect(cache.get('x')).toBeUndefined();
  });
});
