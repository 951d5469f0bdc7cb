// The fields of the record being classified, each read from the record at most once per classification.
//
// Records come in many shapes, so reading a property is a slow, shape-generic lookup. The index, the conditions,
// their explanations and the retention term all read the same few fields; they share the values read here.
import { getPath } from './operators.js';

/** Values read for a record: `undefined` when the path is absent (json-logic-js `var` then gives its default). */
export class RecordFields {
  private current: unknown = undefined;
  private generation = 1;
  private readonly paths: string[][] = [];
  private readonly slots = new Map<string, number>();
  private readonly stamps: number[] = [];
  private readonly values: unknown[] = [];

  /** The slot of a field path (registered at compile time). */
  slot(path: string): number {
    let slot = this.slots.get(path);
    if (slot === undefined) {
      slot = this.paths.length;
      this.slots.set(path, slot);
      this.paths.push(path === '' ? [] : path.split('.'));
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
    return (this.values[slot] = getPath(data, this.paths[slot], undefined));
  }
}
