// The compiled-version cache: sized by a memory budget, and resistant to round-robin access over more versions than
// fit (least-recently-used would miss every time).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { ConfigError, readConfig } from '../../server/config.js';
import { silentLogger } from '../../server/log.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { CompiledCache } from '../../server/services/compiled-cache.js';
import { openDatabase } from '../../server/store/db.js';

const doc = JSON.parse(readFileSync(new URL('../http/fixtures/rulesets/demo-enterprise.json', import.meta.url), 'utf8')) as Scheme;
const MB = 1024 * 1024;
/** Every version is charged 1 MB, so the budget in MB is how many fit. */
const cache = (budgetMb: number) => new CompiledCache({ budget: budgetMb * MB, sizeOf: () => MB });

/** A record row 1.1 of the demo scheme files (its title says 设立). */
const record = { title: '关于设立子公司的批复', date: '2024-03-01', docType: '批复' };

/** What explaining `r` once makes a freshly compiled demo version hold. */
function explanationBytesOf(r: Record<string, unknown>): number {
  const { compiled } = new CompiledCache().get('x', 1, () => doc);
  compiled.classify(r);
  return compiled.explanationBytes;
}

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

  it('charges a version for the explanations it has built, not for minimal results', () => {
    const c = new CompiledCache({ budget: 100 * MB, sizeOf: () => 1000 });
    const { compiled } = c.get('h1', 1, () => doc);
    compiled.classify(record, { detail: 'minimal' });
    c.get('h1', 1, () => doc);
    expect([compiled.explanationBytes, c.estimatedBytes]).toEqual([0, 1000]);
    compiled.classify(record);
    expect(compiled.explanationBytes).toBeGreaterThan(1000);
    c.get('h1', 1, () => doc);
    expect(c.estimatedBytes).toBe(1000 + compiled.explanationBytes);
    // The same row explained again builds nothing more.
    const before = compiled.explanationBytes;
    compiled.classify({ ...record, title: '关于设立分公司的请示' });
    expect(compiled.explanationBytes).toBe(before);
  });

  it('makes room for what a kept version explains, dropping others first', () => {
    const explained = explanationBytesOf(record);
    const c = new CompiledCache({ budget: 2000 + explained - 1, sizeOf: () => 1000 });
    const one = c.get('h1', 1, () => doc);
    c.get('h2', 2, () => doc);
    one.compiled.classify(record);
    c.get('h1', 1, () => doc);
    expect([c.size, c.estimatedBytes]).toEqual([1, 1000 + explained]);
    const before = c.compilations;
    c.get('h1', 1, () => doc);
    c.get('h2', 2, () => doc);
    expect(c.compilations).toBe(before + 1);
  });

  it('lets a version go whose explanations alone outgrow the budget', () => {
    const explained = explanationBytesOf(record);
    const c = new CompiledCache({ budget: 1000 + explained - 1, sizeOf: () => 1000 });
    c.get('h1', 1, () => doc).compiled.classify(record);
    c.get('h1', 1, () => doc);
    expect([c.size, c.estimatedBytes]).toEqual([0, 0]);
    const before = c.compilations;
    c.get('h1', 1, () => doc);
    expect(c.compilations).toBe(before + 1);
  });

  it('keeps nothing larger than its budget', () => {
    const c = new CompiledCache({ budget: MB / 2, sizeOf: () => MB });
    c.get('h1', 1, () => doc);
    c.get('h1', 1, () => doc);
    expect([c.compilations, c.size]).toEqual([2, 0]);
  });

  it('is sized by SANHEYI_COMPILED_CACHE_MB (512 by default), which reaches the service', () => {
    expect(readConfig({}).compiledCacheMb).toBe(512);
    expect(readConfig({ SANHEYI_COMPILED_CACHE_MB: '768' }).compiledCacheMb).toBe(768);
    for (const bad of ['8', '1.5', 'lots']) expect(() => readConfig({ SANHEYI_COMPILED_CACHE_MB: bad })).toThrow(ConfigError);
    expect(new CompiledCache().budget).toBe(512 * MB);
    const dir = mkdtempSync(join(tmpdir(), 'sanheyi-cache-'));
    const db = openDatabase(join(dir, 'c.db'));
    try {
      expect(createApp({ db, log: silentLogger, compiledCacheBytes: 64 * MB }).services.cache.budget).toBe(64 * MB);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
