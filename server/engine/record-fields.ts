// The fields of the record being classified, each read from the record at most once per classification.
//
// Records come in many shapes, so reading a property is a slow, shape-generic lookup. The index, the conditions,
// their explanations and the retention term all read the same few fields; they share the values read here.

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
    if (data !== this.current || data === undefined) return readPath(data, this.paths[slot]);
    if (this.stamps[slot] === this.generation) return this.values[slot];
    this.stamps[slot] = this.generation;
    return (this.values[slot] = readPath(data, this.paths[slot]));
  }
}

/** json-logic-js `var` over own properties, with `undefined` for an absent value (callers apply the default). */
export function readPath(data: unknown, parts: readonly string[]): unknown {
  let current = data;
  for (let i = 0; i < parts.length; i++) {
    if (current === null || current === undefined) return undefined;
    current = Object.prototype.hasOwnProperty.call(current, parts[i]) ? (current as Record<string, unknown>)[parts[i]] : undefined;
  }
  return current;
}
