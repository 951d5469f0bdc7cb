// The fields of the record being classified, each read from the record at most once per classification.
//
// Records come in many shapes, so reading a property is a slow, shape-generic lookup. The index, the conditions,
// their explanations and the retention term all read the same few fields; they share the values read here.
//
// Text fields are also searched once per classification for every keyword the scheme looks for in them (题名包含
// “纪要”): one pass of a keyword automaton answers the index and every `in` test of the conditions.
import { KeywordMatcher } from './aho-corasick.js';
import { getPath } from './operators.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** The keywords searched for in one field, and what the latest search found. */
interface FieldKeywords {
  ids: Map<string, number>;
  matcher: KeywordMatcher | null;
  /** Generation of the record whose value `hits` holds the search of (0: none). */
  searched: number;
  /** Keyword ids found (an id may repeat), in `hits[0…count)`. */
  hits: number[];
  count: number;
}

/** Values read for a record: `undefined` when the path is absent (json-logic-js `var` then gives its default). */
export class RecordFields {
  private current: unknown = undefined;
  private generation = 1;
  private readonly paths: string[][] = [];
  /** The path's one key when it has exactly one segment (most fields), else null. */
  private readonly keys: (string | null)[] = [];
  private readonly slots = new Map<string, number>();
  private readonly stamps: number[] = [];
  private readonly values: unknown[] = [];
  private readonly keywords: (FieldKeywords | undefined)[] = [];
  /** Per keyword id: the generation in which it was last found in its field. */
  private found = new Uint32Array(16);
  private keywordCount = 0;

  /** The slot of a field path (registered at compile time). */
  slot(path: string): number {
    let slot = this.slots.get(path);
    if (slot === undefined) {
      slot = this.paths.length;
      this.slots.set(path, slot);
      const parts = path === '' ? [] : path.split('.');
      this.paths.push(parts);
      this.keys.push(parts.length === 1 ? parts[0] : null);
      this.stamps.push(0);
      this.values.push(undefined);
    }
    return slot;
  }

  /** Starts a classification of `record`: values read for any other record are forgotten. */
  use(record: unknown): void {
    this.current = record;
    if (++this.generation === 0x3fffffff) {
      this.generation = 1;
      this.stamps.fill(0);
      this.found.fill(0);
      for (const k of this.keywords) if (k) k.searched = 0;
    }
  }

  /** Ends the classification (the record is no longer referenced). */
  release(): void {
    this.current = undefined;
  }

  /**
   * The value at `slot`'s path in `data`: own properties only, `undefined` when absent. Cached while `data` is the
   * record in use; any other data (a list element inside `some`, a record outside classification) is read directly.
   */
  read(data: unknown, slot: number): unknown {
    if (data !== this.current || data === undefined) return getPath(data, this.paths[slot], undefined);
    if (this.stamps[slot] === this.generation) return this.values[slot];
    this.stamps[slot] = this.generation;
    // A one-segment path is read here, as getPath would (the record in use is neither null nor undefined).
    const key = this.keys[slot];
    const value =
      key !== null && data !== null
        ? hasOwn.call(data, key)
          ? (data as Record<string, unknown>)[key]
          : undefined
        : getPath(data, this.paths[slot], undefined);
    return (this.values[slot] = value);
  }

  /** Registers `word` (not empty) as a keyword looked for in the field at `slot`, and returns its id (compile time). */
  keyword(slot: number, word: string): number {
    let k = this.keywords[slot];
    if (k === undefined) this.keywords[slot] = k = { ids: new Map(), matcher: null, searched: 0, hits: [], count: 0 };
    let id = k.ids.get(word);
    if (id === undefined) {
      id = this.keywordCount++;
      k.ids.set(word, id);
      k.matcher = null; // rebuilt with the new keyword on the next search
      if (id >= this.found.length) {
        const grown = new Uint32Array(this.found.length * 2);
        grown.set(this.found);
        this.found = grown;
      }
    }
    return id;
  }

  /**
   * Searches the field at `slot` of `data`, if it is a string, for the field's keywords; their ids are then in
   * `hitsOf(slot)[0…n)` (an id once per occurrence) and n is returned. For the record in use the search is done once
   * and remembered. Keywords are registered at compile time, before any search.
   */
  search(data: unknown, slot: number): number {
    const k = this.keywords[slot];
    if (k === undefined) return 0;
    const inUse = data === this.current && data !== undefined;
    if (inUse && k.searched === this.generation) return k.count;
    const text = this.read(data, slot);
    // A buffer grown by one very long text is let go rather than kept for the life of the compiled scheme.
    if (k.hits.length > MAX_KEPT_HITS) k.hits = [];
    k.matcher ??= matcherOf(k.ids);
    const n = typeof text === 'string' ? k.matcher.scan(text, k.hits) : 0;
    if (inUse) {
      for (let i = 0; i < n; i++) this.found[k.hits[i]] = this.generation;
      k.searched = this.generation;
    }
    k.count = n;
    return n;
  }

  /** The keyword ids found by the latest `search` of the field at `slot` (a buffer: read the first n only). */
  hitsOf(slot: number): readonly number[] {
    return this.keywords[slot]?.hits ?? NO_HITS;
  }

  /**
   * Whether keyword `id` of the field at `slot` occurs in that field of `data`, answered by the field's one search,
   * when `data` is the record in use and the field's value is a string. Otherwise undefined: the caller searches.
   */
  contains(data: unknown, slot: number, id: number): boolean | undefined {
    if (data !== this.current || data === undefined || typeof this.read(data, slot) !== 'string') return undefined;
    this.search(data, slot);
    return this.found[id] === this.generation;
  }
}

/** Keyword occurrences a field's hit buffer may keep between searches. */
const MAX_KEPT_HITS = 1024;

const NO_HITS: readonly number[] = Object.freeze([]);

function matcherOf(ids: ReadonlyMap<string, number>): KeywordMatcher {
  const matcher = new KeywordMatcher();
  for (const [word, id] of ids) matcher.add(word, id);
  return matcher.build();
}
