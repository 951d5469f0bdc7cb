// Indexes conditions by their guards so that classifying a record evaluates only the rows that could match.
//
// Each row's guard is a few clauses (see guards.ts). Atoms that hold for a record mark their clauses; a row becomes
// a candidate when all its clauses are marked (a counting index), so a row guarded by "文种 ∈ {…} and 题名含 …" is
// evaluated only for records that pass both tests.
import { type Atom, type RangeOp, type Selectivity, guardOf } from './guards.js';
import { RecordFields } from './record-fields.js';

interface FieldIndex {
  /** Where the field's value is read (see RecordFields). */
  slot: number;
}

interface EqIndex extends FieldIndex {
  byValue: Map<string, number[]>;
  /** Clauses with a loose `==` atom on this field: a non-string value (5 == "5") may still satisfy them. */
  loose: number[];
}

interface PresentIndex extends FieldIndex {
  clauses: number[];
}

interface RangeIndex extends FieldIndex {
  bounds: { op: RangeOp; value: number | string; clause: number }[];
}

interface ContainsIndex extends FieldIndex {
  /** Keyword → clauses, for array values (element equality). */
  byValue: Map<string, number[]>;
  /** Keyword id (see RecordFields.keyword) → clauses; no entry for keywords only the conditions test. */
  byId: (number[] | undefined)[];
}

/**
 * Not re-entrant: `collect` keeps its state in the index (scratch buffers and generation stamps), so a record whose
 * property getters classify another record would corrupt it. Records from JSON have no getters.
 */
export class RowIndex {
  /** Rows with no usable guard: candidates for every record. */
  readonly unguarded: number[];
  private readonly eq: EqIndex[] = [];
  private readonly contains: ContainsIndex[] = [];
  private readonly present: PresentIndex[] = [];
  private readonly ranges: RangeIndex[] = [];
  /** Clause id → row, and clauses each row needs. */
  private readonly clauseRow: number[];
  private readonly need: Uint8Array;
  private readonly clauseStamp: Uint32Array;
  private readonly rowStamp: Uint32Array;
  private readonly hits: Uint8Array;
  private generation = 0;
  private count = 0;
  /** After `collect`: the candidate rows in its first `count` entries, ascending. */
  readonly found: Int32Array;
  /** How many rows carry a guard (for diagnostics and the bench). */
  readonly indexed: number;

  /** `fields` is shared with the compiled conditions, so that a field read for the index is not read again. */
  constructor(
    conditions: readonly unknown[],
    selectivity?: Selectivity,
    private readonly fields = new RecordFields(),
  ) {
    const rows = conditions.length;
    this.need = new Uint8Array(rows);
    this.rowStamp = new Uint32Array(rows);
    this.hits = new Uint8Array(rows);
    this.found = new Int32Array(rows);
    const eq = new Map<string, EqIndex>();
    const contains = new Map<string, ContainsIndex>();
    const present = new Map<string, PresentIndex>();
    const ranges = new Map<string, RangeIndex>();
    let indexed = 0;
    const unguarded: number[] = [];
    const clauseRow: number[] = [];
    conditions.forEach((condition, row) => {
      const guard = guardOf(condition, selectivity);
      if (guard === null) {
        unguarded.push(row);
        return;
      }
      indexed++;
      if (guard.some((clause) => clause.length === 0)) return; // never holds: never a candidate
      this.need[row] = guard.length;
      for (const clause of guard) {
        const id = clauseRow.length;
        clauseRow.push(row);
        for (const atom of clause) addAtom(atom, id, { eq, contains, present, ranges }, this.fields);
      }
    });
    // Lists grown by push keep spare capacity (16 slots or more each); the index keeps exact copies.
    this.unguarded = unguarded.slice();
    this.clauseRow = clauseRow.slice();
    this.eq = [...eq.values()].map((x) => ({ slot: x.slot, byValue: exactLists(x.byValue), loose: x.loose.slice() }));
    this.contains = [...contains.values()].map((x) => {
      const byValue = exactLists(x.byValue);
      const byId: (number[] | undefined)[] = [];
      for (const [word, list] of byValue) byId[this.fields.keyword(x.slot, word)] = list;
      return { slot: x.slot, byValue, byId };
    });
    this.present = [...present.values()].map((x) => ({ slot: x.slot, clauses: x.clauses.slice() }));
    this.ranges = [...ranges.values()].map((x) => ({ slot: x.slot, bounds: x.bounds.slice() }));
    this.clauseStamp = new Uint32Array(this.clauseRow.length);
    this.indexed = indexed;
  }

  private mark(clauses: readonly number[], gen: number): void {
    for (let k = 0; k < clauses.length; k++) this.mark1(clauses[k], gen);
  }

  /** Marks a clause as holding; its row is found when all the clauses it needs hold. */
  private mark1(c: number, gen: number): void {
    if (this.clauseStamp[c] === gen) return;
    this.clauseStamp[c] = gen;
    const row = this.clauseRow[c];
    if (this.rowStamp[row] !== gen) {
      this.rowStamp[row] = gen;
      this.hits[row] = 0;
    }
    if (++this.hits[row] === this.need[row]) this.found[this.count++] = row;
  }

  /**
   * Puts the rows whose condition may hold for `record` into `found`, ascending, and returns how many there are.
   * Every other row certainly does not hold.
   */
  collect(record: unknown): number {
    if (++this.generation === 0xffffffff) {
      this.clauseStamp.fill(0);
      this.rowStamp.fill(0);
      this.generation = 1;
    }
    const gen = this.generation;
    const { unguarded, found } = this;
    for (let i = 0; i < unguarded.length; i++) found[i] = unguarded[i];
    this.count = unguarded.length;
    for (let i = 0; i < this.eq.length; i++) {
      const idx = this.eq[i];
      const v = this.fields.read(record, idx.slot);
      if (typeof v === 'string') {
        const clauses = idx.byValue.get(v);
        if (clauses) this.mark(clauses, gen);
      } else if (v !== null && v !== undefined && idx.loose.length) {
        this.mark(idx.loose, gen);
      }
    }
    for (let i = 0; i < this.present.length; i++) {
      const idx = this.present[i];
      const v = this.fields.read(record, idx.slot);
      if (v !== null && v !== undefined) this.mark(idx.clauses, gen);
    }
    for (let i = 0; i < this.ranges.length; i++) {
      const idx = this.ranges[i];
      const v = this.fields.read(record, idx.slot);
      if (v === null || v === undefined) continue;
      for (let k = 0; k < idx.bounds.length; k++) {
        const b = idx.bounds[k];
        if (within(v, b.op, b.value)) this.mark1(b.clause, gen);
      }
    }
    for (let i = 0; i < this.contains.length; i++) {
      const idx = this.contains[i];
      const v = this.fields.read(record, idx.slot);
      if (typeof v === 'string') {
        // The field's one keyword search, shared with the conditions' `in` tests (see RecordFields.search).
        const hits = this.fields.search(record, idx.slot);
        const ids = this.fields.hitsOf(idx.slot);
        for (let k = 0; k < hits; k++) {
          const clauses = idx.byId[ids[k]];
          if (clauses !== undefined) this.mark(clauses, gen);
        }
      } else if (Array.isArray(v)) {
        for (let k = 0; k < v.length; k++) {
          const el: unknown = v[k];
          if (typeof el !== 'string') continue;
          const clauses = idx.byValue.get(el);
          if (clauses) this.mark(clauses, gen);
        }
      }
    }
    // Insertion sort: a handful of rows, mostly in order already.
    const n = this.count;
    for (let i = 1; i < n; i++) {
      const x = found[i];
      let j = i - 1;
      while (j >= 0 && found[j] > x) {
        found[j + 1] = found[j];
        j--;
      }
      found[j + 1] = x;
    }
    return n;
  }

  /** Rows whose condition may hold for `record`, in table order (a copy of what `collect` finds). */
  candidates(record: unknown): number[] {
    return Array.from(this.found.subarray(0, this.collect(record)));
  }
}

interface Indexes {
  eq: Map<string, EqIndex>;
  contains: Map<string, ContainsIndex>;
  present: Map<string, PresentIndex>;
  ranges: Map<string, RangeIndex>;
}

/** `v op c` with JavaScript's coercions, exactly as json-logic-js compares (`{"<": [a, b]}` is `a < b`). */
function within(v: unknown, op: RangeOp, c: number | string): boolean {
  const x = v as number | string;
  switch (op) {
    case '<':
      return x < c;
    case '<=':
      return x <= c;
    case '>':
      return x > c;
    default:
      return x >= c;
  }
}

function addAtom(atom: Atom, clause: number, { eq, contains, present, ranges }: Indexes, fields: RecordFields): void {
  if (atom.kind === 'range') {
    let idx = ranges.get(atom.field);
    if (!idx) ranges.set(atom.field, (idx = { slot: fields.slot(atom.field), bounds: [] }));
    idx.bounds.push({ op: atom.op, value: atom.value, clause });
    return;
  }
  if (atom.kind === 'present') {
    let idx = present.get(atom.field);
    if (!idx) present.set(atom.field, (idx = { slot: fields.slot(atom.field), clauses: [] }));
    if (idx.clauses[idx.clauses.length - 1] !== clause) idx.clauses.push(clause);
    return;
  }
  if (atom.kind === 'eq') {
    let idx = eq.get(atom.field);
    if (!idx) eq.set(atom.field, (idx = { slot: fields.slot(atom.field), byValue: new Map(), loose: [] }));
    push(idx.byValue, atom.value, clause);
    if (atom.loose && idx.loose[idx.loose.length - 1] !== clause) idx.loose.push(clause);
    return;
  }
  let idx = contains.get(atom.field);
  if (!idx) contains.set(atom.field, (idx = { slot: fields.slot(atom.field), byValue: new Map(), byId: [] }));
  fields.keyword(idx.slot, atom.value);
  push(idx.byValue, atom.value, clause);
}

/** The same map with exact-size lists (see the constructor). */
function exactLists(map: ReadonlyMap<string, number[]>): Map<string, number[]> {
  return new Map([...map].map(([key, list]) => [key, list.slice()]));
}

function push(map: Map<string, number[]>, key: string, clause: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [clause]);
  else if (list[list.length - 1] !== clause) list.push(clause);
}
