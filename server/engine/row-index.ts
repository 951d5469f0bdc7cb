// Indexes conditions by their guards so that classifying a record evaluates only the rows that could match.
import { KeywordMatcher } from './aho-corasick.js';
import { type Atom, guardOf } from './guards.js';
import { getPath, splitPath } from './operators.js';

interface EqIndex {
  parts: string[];
  byValue: Map<string, number[]>;
  /** Rows with a loose `==` atom on this field: a non-string value (5 == "5") may still match them. */
  loose: number[];
}

interface ContainsIndex {
  parts: string[];
  matcher: KeywordMatcher;
  /** Keyword → rows, for array values (element equality). */
  byValue: Map<string, number[]>;
}

export class RowIndex {
  private readonly always: number[] = [];
  private readonly eq = new Map<string, EqIndex>();
  private readonly contains = new Map<string, ContainsIndex>();
  private readonly stamp: Uint32Array;
  private generation = 0;
  /** How many rows carry a guard (for diagnostics and the bench). */
  readonly indexed: number;

  constructor(conditions: readonly unknown[]) {
    this.stamp = new Uint32Array(conditions.length);
    let indexed = 0;
    conditions.forEach((condition, row) => {
      const guard = guardOf(condition);
      if (guard === null) {
        this.always.push(row);
        return;
      }
      indexed++;
      for (const atom of guard) this.addAtom(atom, row);
    });
    for (const c of this.contains.values()) c.matcher.build();
    this.indexed = indexed;
  }

  private addAtom(atom: Atom, row: number): void {
    if (atom.kind === 'eq') {
      let idx = this.eq.get(atom.field);
      if (!idx) this.eq.set(atom.field, (idx = { parts: splitPath(atom.field), byValue: new Map(), loose: [] }));
      push(idx.byValue, atom.value, row);
      if (atom.loose && idx.loose[idx.loose.length - 1] !== row) idx.loose.push(row);
    } else {
      let idx = this.contains.get(atom.field);
      if (!idx) {
        idx = { parts: splitPath(atom.field), matcher: new KeywordMatcher(), byValue: new Map() };
        this.contains.set(atom.field, idx);
      }
      idx.matcher.add(atom.value, row);
      push(idx.byValue, atom.value, row);
    }
  }

  /** Rows whose condition may hold for `record`, in table order. Every other row certainly does not hold. */
  candidates(record: unknown): number[] {
    const gen = ++this.generation;
    if (gen === 0xffffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    const g = this.generation;
    const stamp = this.stamp;
    const out: number[] = [];
    const add = (row: number) => {
      if (stamp[row] !== g) {
        stamp[row] = g;
        out.push(row);
      }
    };
    for (const row of this.always) add(row);
    for (const idx of this.eq.values()) {
      const v = getPath(record, idx.parts, null);
      if (typeof v === 'string') {
        const rows = idx.byValue.get(v);
        if (rows) for (const row of rows) add(row);
      } else if (v !== null && v !== undefined) {
        for (const row of idx.loose) add(row);
      }
    }
    for (const idx of this.contains.values()) {
      const v = getPath(record, idx.parts, null);
      if (typeof v === 'string') idx.matcher.scan(v, add);
      else if (Array.isArray(v)) {
        for (const el of v) {
          if (typeof el !== 'string') continue;
          const rows = idx.byValue.get(el);
          if (rows) for (const row of rows) add(row);
        }
      }
    }
    return out.sort((a, b) => a - b);
  }
}

function push(map: Map<string, number[]>, key: string, row: number): void {
  const rows = map.get(key);
  if (!rows) map.set(key, [row]);
  else if (rows[rows.length - 1] !== row) rows.push(row);
}
