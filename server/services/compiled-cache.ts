// Compiled scheme versions, kept in a small LRU keyed by content hash (and number), so classify never recompiles.
import { type CompiledScheme, compileValid } from '../engine/index.js';
import type { Scheme } from '../schemas/scheme.js';

export interface CompiledEntry {
  compiled: CompiledScheme;
  /** Field paths records may carry (standard fields plus the version's declared `extra.*`). */
  fields: ReadonlySet<string>;
}

export class CompiledCache {
  private readonly entries = new Map<string, CompiledEntry>();
  compilations = 0;

  constructor(private readonly capacity = 64) {}

  /** The compiled version; `load` is only called (and the version only compiled) on a miss. */
  get(hash: string, number: number, load: () => Scheme): CompiledEntry {
    const key = `${hash}#${number}`;
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    // Stored versions were validated when saved; compileValid skips validating again.
    const compiled = compileValid(load(), { version: number });
    this.compilations++;
    const entry = { compiled, fields: new Set(compiled.fields.keys()) };
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }
}
