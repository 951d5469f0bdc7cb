// The compiled-version cache: sized by a memory budget, and resistant to round-robin access over more versions than
// fit (least-recently-used would miss every time).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Scheme } from '../../server/schemas/scheme.js';
import { CompiledCache } from '../../server/services/compiled-cache.js';

const doc = JSON.parse(readFileSync(new URL('../http/fixtures/rulesets/demo-enterprise.json', import.meta.url), 'utf8')) as Scheme;
const MB = 1024 * 1024;
/** Every version is charged 1 MB, so the budget in MB is how many fit. */
const cache = (budgetMb: number) => new CompiledCache({ budget: budgetMb * MB, sizeOf: () => MB });

function roundRobin(c: CompiledCache, versions: number, rounds: number): number {
  let misses = 0;
  for (let r = 0; r < rounds; r++) {
    for (let v = 1; v <= versions; v++) {
      const before = c.compilations;
      c.get(`h${v}`, v, () => doc);
      misses += c.compilations - before;
    }
  }
  return misses;
}

describe('CompiledCache', () => {
  it('compiles a version once while it fits, and answers from memory after', () => {
    const c = cache(10);
    expect(roundRobin(c, 10, 5)).toBe(10);
    expect([c.size, c.estimatedBytes]).toEqual([10, 10 * MB]);
  });

  it('stays within its budget', () => {
    const c = cache(8);
    roundRobin(c, 20, 3);
    expect(c.size).toBe(8);
    expect(c.estimatedBytes).toBe(8 * MB);
  });

  it('keeps a stable set under round-robin over more versions than fit: hits ≈ what fits', () => {
    const c = cache(50);
    const misses = roundRobin(c, 100, 20);
    // The first round fills the cache (100 misses); after that the 50 kept ones hit every round.
    expect(misses).toBe(100 + 19 * 50);
  });

  it('lets a version that is asked for more often displace one that is not', () => {
    const c = cache(2);
    roundRobin(c, 2, 1); // 1 and 2 kept
    for (let i = 0; i < 3; i++) c.get('h3', 3, () => doc); // 3 is now the most wanted
    const before = c.compilations;
    c.get('h3', 3, () => doc);
    expect(c.compilations).toBe(before);
    expect(c.size).toBe(2);
  });

  it('keeps nothing larger than its budget', () => {
    const c = new CompiledCache({ budget: MB / 2, sizeOf: () => MB });
    c.get('h1', 1, () => doc);
    c.get('h1', 1, () => doc);
    expect([c.compilations, c.size]).toEqual([2, 0]);
  });
});
