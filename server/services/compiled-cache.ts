// Compiled scheme versions keyed by content hash (and number), so classify never recompiles a version it keeps.
//
// Sized by memory, not by a count: each entry is charged an estimate of what its compiled form holds, and the cache
// keeps entries while their sum stays within the budget. Eviction is CLOCK (an entry used since the hand last passed
// gets a second chance), and admission follows TinyLFU: once the cache is full, a newly compiled version only
// replaces the entry the clock would evict if it has been asked for more often. Round-robin over more versions than
// fit (1,000 units in rotation) then keeps a stable set cached instead of evicting each entry just before its next
// use, as least-recently-used does.
import { type CompiledScheme, compileValid } from '../engine/index.js';
import type { Scheme } from '../schemas/scheme.js';

export interface CompiledEntry {
  compiled: CompiledScheme;
  /** Field paths records may carry (standard fields plus the version's declared `extra.*`). */
  fields: ReadonlySet<string>;
}

interface Slot {
  entry: CompiledEntry;
  bytes: number;
  used: boolean;
}

export interface CompiledCacheOptions {
  /** Memory budget in bytes (default 512 MB). */
  budget?: number;
  /** Estimated bytes a compiled version holds (default: from the size of its document). */
  sizeOf?: (scheme: Scheme, compiled: CompiledScheme) => number;
}

/**
 * Bytes held by a compiled version per character of its document's JSON (`npm run bench:size`): generated 300-row
 * schemes (86,000 characters) hold ≈ 0.37 MB right after compile (the document itself is not kept: see the
 * `document` option), ≈ 0.53 MB once records have reached their rows with `detail: 'minimal'` and ≈ 1.33 MB with
 * full reasons (wordings and reasons lists are built on first use and cached), heap and array buffers counted. The
 * full-detail steady state is charged, so the budget is not overrun as versions are used.
 */
export const BYTES_PER_DOCUMENT_CHAR = 16;

const defaultSizeOf = (scheme: Scheme) => JSON.stringify(scheme).length * BYTES_PER_DOCUMENT_CHAR;

export class CompiledCache {
  private readonly slots = new Map<string, Slot>();
  /** How often each key was asked for (hits and misses), halved every `agingPeriod` requests. */
  private readonly frequency = new Map<string, number>();
  private requests = 0;
  private bytes = 0;
  private readonly budget: number;
  private readonly sizeOf: (scheme: Scheme, compiled: CompiledScheme) => number;
  compilations = 0;

  constructor(options: CompiledCacheOptions = {}) {
    this.budget = options.budget ?? 512 * 1024 * 1024;
    this.sizeOf = options.sizeOf ?? defaultSizeOf;
  }

  /** The compiled version; `load` is only called (and the version only compiled) on a miss. */
  get(hash: string, number: number, load: () => Scheme): CompiledEntry {
    const key = `${hash}#${number}`;
    const count = this.touch(key);
    const hit = this.slots.get(key);
    if (hit) {
      hit.used = true;
      return hit.entry;
    }
    // Stored versions were validated when saved; compileValid skips validating again.
    const scheme = load();
    // The document is not kept by the compiled version: read again through `load` when asked for.
    const compiled = compileValid(scheme, { version: number, document: load });
    this.compilations++;
    const entry: CompiledEntry = { compiled, fields: new Set(compiled.fields.keys()) };
    const bytes = this.sizeOf(scheme, compiled);
    if (this.admit(count, bytes)) {
      this.slots.set(key, { entry, bytes, used: false });
      this.bytes += bytes;
    }
    return entry;
  }

  /** Makes room for `bytes` if the newcomer (asked for `count` times) is wanted more than what it would displace. */
  private admit(count: number, bytes: number): boolean {
    if (bytes > this.budget) return false;
    while (this.bytes + bytes > this.budget) {
      const [key, slot] = this.victim();
      if (count <= (this.frequency.get(key) ?? 0)) return false;
      this.slots.delete(key);
      this.bytes -= slot.bytes;
    }
    return true;
  }

  /** The entry the clock hand stops at: the oldest not used since the hand last passed it. */
  private victim(): [string, Slot] {
    for (;;) {
      const [key, slot] = this.slots.entries().next().value as [string, Slot];
      if (!slot.used) return [key, slot];
      slot.used = false;
      this.slots.delete(key);
      this.slots.set(key, slot);
    }
  }

  private touch(key: string): number {
    const count = (this.frequency.get(key) ?? 0) + 1;
    this.frequency.set(key, count);
    if (++this.requests >= this.agingPeriod()) {
      this.requests = 0;
      for (const [k, n] of this.frequency) {
        if (n > 1) this.frequency.set(k, n >> 1);
        else this.frequency.delete(k);
      }
    }
    return count;
  }

  private agingPeriod(): number {
    return Math.max(1024, 16 * this.slots.size);
  }

  /** Entries kept, and their estimated bytes. */
  get size(): number {
    return this.slots.size;
  }

  get estimatedBytes(): number {
    return this.bytes;
  }
}
