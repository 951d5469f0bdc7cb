// Compiled scheme versions keyed by content hash (and number), so classify never recompiles a version it keeps.
//
// Sized by memory, not by a count: each entry is charged an estimate of what its compiled form holds, and the cache
// keeps entries while their sum stays within the budget. Eviction is CLOCK (an entry used since the hand last passed
// gets a second chance), and admission follows TinyLFU: once the cache is full, a newly compiled version only
// replaces the entry the clock would evict if it has been asked for more often. Round-robin over more versions than
// fit (1,000 units in rotation) then keeps a stable set cached instead of evicting each entry just before its next
// use, as least-recently-used does.
//
// A version is charged what it holds right after compiling and serving minimal results (from its document's size),
// plus the explanations it has built since (`explanationBytes`, read again on each hit): versions that only ever
// serve `detail=minimal`, or whose records reach a few rows, cost what they hold, not a full-detail worst case.
import { type CompiledScheme, compileValid } from '../engine/index.js';
import type { Scheme } from '../schemas/scheme.js';

export interface CompiledEntry {
  compiled: CompiledScheme;
  /** Field paths records may carry (standard fields plus the version's declared `extra.*`). */
  fields: ReadonlySet<string>;
}

interface Slot {
  entry: CompiledEntry;
  /** Charged so far: the base estimate plus the explanation bytes last seen. */
  bytes: number;
  /** The version's `explanationBytes` when last charged. */
  explained: number;
  used: boolean;
}

export interface CompiledCacheOptions {
  /** Memory budget in bytes (default 512 MB). */
  budget?: number;
  /** Estimated bytes a compiled version holds before it explains anything (default: from its document's size). */
  sizeOf?: (scheme: Scheme, compiled: CompiledScheme) => number;
}

/**
 * Bytes held by a compiled version per character of its document's JSON before it explains anything (`npm run
 * bench:size`): generated 300-row schemes (86,000 characters) hold ≈ 0.36 MB right after compile (the document
 * itself is not kept: see the `document` option) and ≈ 0.54 MB once records have reached their rows with
 * `detail: 'minimal'` (the keyword automata are built on first search), heap and array buffers counted. What full
 * reasons add (≈ 0.8 MB once every row has been explained) is charged as it is built (`explanationBytes`).
 */
export const BYTES_PER_DOCUMENT_CHAR = 7;

const defaultSizeOf = (scheme: Scheme) => JSON.stringify(scheme).length * BYTES_PER_DOCUMENT_CHAR;

export class CompiledCache {
  private readonly slots = new Map<string, Slot>();
  /** How often each key was asked for (hits and misses), halved every `agingPeriod` requests. */
  private readonly frequency = new Map<string, number>();
  private requests = 0;
  private bytes = 0;
  /** The memory budget in bytes. */
  readonly budget: number;
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
      const explained = hit.entry.compiled.explanationBytes;
      if (explained !== hit.explained) this.grow(key, hit, explained);
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
      this.slots.set(key, { entry, bytes, explained: 0, used: false });
      this.bytes += bytes;
    }
    return entry;
  }

  /**
   * Charges a kept version for the explanations it built since it was last charged, and makes room for them: other
   * entries go first (the clock's order, no admission test: the memory is already in use); if the version alone is
   * over the budget it goes too (it is compiled again when next asked for).
   */
  private grow(key: string, slot: Slot, explained: number): void {
    const more = explained - slot.explained;
    slot.explained = explained;
    slot.bytes += more;
    this.bytes += more;
    while (this.bytes > this.budget) {
      const [k, s] = this.slots.size > 1 ? this.victim(key) : [key, slot];
      this.slots.delete(k);
      this.bytes -= s.bytes;
      if (k === key) return;
    }
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

  /** The entry the clock hand stops at: the oldest not used since the hand last passed it (other than `spare`). */
  private victim(spare?: string): [string, Slot] {
    for (;;) {
      const [key, slot] = this.slots.entries().next().value as [string, Slot];
      if (!slot.used && key !== spare) return [key, slot];
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
