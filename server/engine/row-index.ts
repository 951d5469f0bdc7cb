// Indexes conditions by their guards so that classifying a record evaluates only the rows that could match.
//
// Each row's guard is a few clauses (see guards.ts). Atoms that hold for a record mark their clauses; a row becomes
// a candidate when all its clauses are marked (a counting index), so a row guarded by "文种 ∈ {…} and 题名含 …" is
// evaluated only for records that pass both tests.
import { KeywordMatcher } from './aho-corasick.js';
import { type Atom, type Selectivity, guardOf } from './guards.js';
import { getPath, splitPath } from './operators.js';

interface EqIndex {
  parts: string[];
  byValue: Map<string, number[]>;
  /** Clauses with a loose `==` atom on this field: a non-string value (5 == "5") may still satisfy them. */
  loose: number[];
}

interface ContainsIndex {
  parts: string[];
  matcher: KeywordMatcher;
  /** Keyword → clauses, for array values (element equality). */
  byValue: Map<string, number[]>;
  /** Keyword id (matcher payload) → clauses. */
  byId: number[][];
}

export class RowIndex {
  private readonly always: number[] = [];
  private readonly eq: EqIndex[] = [];
  private readonly contains: ContainsIndex[] = [];
  /** Clause id → row, and clauses each row needs. */
  private readonly clauseRow: number[] = [];
  private readonly need: Uint8Array;
  private readonly clauseStamp: Uint32Array;
  private readonly rowStamp: Uint32Array;
  private readonly hits: Uint8Array;
  private generation = 0;
  private out: number[] = [];
  /** How many rows carry a guard (for diagnostics and the bench). */
  readonly indexed: number;

  constructor(conditions: readonly unknown[], selectivity?: Selectivity) {
    const rows = conditions.length;
    this.need = new Uint8Array(rows);
    this.rowStamp = new Uint32Array(rows);
    this.hits = new Uint8Array(rows);
    const eq = new Map<string, EqIndex>();
    const contains = new Map<string, ContainsIndex>();
    let indexed = 0;
    conditions.forEach((condition, row) => {
      const guard = guardOf(condition, selectivity);
      if (guard === null) {
        this.always.push(row);
        return;
      }
      indexed++;
      if (guard.some((clause) => clause.length === 0)) return; // never holds: never a candidate
      this.need[row] = guard.length;
      for (const clause of guard) {
        const id = this.clauseRow.length;
        this.clauseRow.push(row);
        for (const atom of clause) addAtom(atom, id, eq, contains);
      }
    });
    for (const c of contains.values()) c.matcher.build();
    this.eq = [...eq.values()];
    this.contains = [...contains.values()];
    this.clauseStamp = new Uint32Array(this.clauseRow.length);
    this.indexed = indexed;
  }

  private mark(clauses: readonly number[], gen: number): void {
    const { clauseStamp, clauseRow, rowStamp, hits, need, out } = this;
    for (let k = 0; k < clauses.length; k++) {
      const c = clauses[k];
      if (clauseStamp[c] === gen) continue;
      clauseStamp[c] = gen;
      const row = clauseRow[c];
      if (rowStamp[row] !== gen) {
        rowStamp[row] = gen;
        hits[row] = 0;
      }
      if (++hits[row] === need[row]) out.push(row);
    }
  }

  /** Rows whose condition may hold for `record`, in table order. Every other row certainly does not hold. */
  candidates(record: unknown): number[] {
    if (++this.generation === 0xffffffff) {
      this.clauseStamp.fill(0);
      this.rowStamp.fill(0);
      this.generation = 1;
    }
    const gen = this.generation;
    const out: number[] = (this.out = this.always.slice());
    for (let i = 0; i < this.eq.length; i++) {
      const idx = this.eq[i];
      const v = getPath(record, idx.parts, null);
      if (typeof v === 'string') {
        const clauses = idx.byValue.get(v);
        if (clauses) this.mark(clauses, gen);
      } else if (v !== null && v !== undefined && idx.loose.length) {
        this.mark(idx.loose, gen);
      }
    }
    for (let i = 0; i < this.contains.length; i++) {
      const idx = this.contains[i];
      const v = getPath(record, idx.parts, null);
      if (typeof v === 'string') idx.matcher.scan(v, (id) => this.mark(idx.byId[id], gen));
      else if (Array.isArray(v)) {
        for (const el of v) {
          if (typeof el !== 'string') continue;
          const clauses = idx.byValue.get(el);
          if (clauses) this.mark(clauses, gen);
        }
      }
    }
    if (out.length > 1) out.sort((a, b) => a - b);
    return out;
  }
}

function addAtom(atom: Atom, clause: number, eq: Map<string, EqIndex>, contains: Map<string, ContainsIndex>): void {
  if (atom.kind === 'eq') {
    let idx = eq.get(atom.field);
    if (!idx) eq.set(atom.field, (idx = { parts: splitPath(atom.field), byValue: new Map(), loose: [] }));
    push(idx.byValue, atom.value, clause);
    if (atom.loose && idx.loose[idx.loose.length - 1] !== clause) idx.loose.push(clause);
    return;
  }
  let idx = contains.get(atom.field);
  if (!idx) contains.set(atom.field, (idx = { parts: splitPath(atom.field), matcher: new KeywordMatcher(), byValue: new Map(), byId: [] }));
  let list = idx.byValue.get(atom.value);
  if (!list) {
    list = [];
    idx.byValue.set(atom.value, list);
    idx.matcher.add(atom.value, idx.byId.length);
    idx.byId.push(list);
  }
  if (list[list.length - 1] !== clause) list.push(clause);
}

function push(map: Map<string, number[]>, key: string, clause: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [clause]);
  else if (list[list.length - 1] !== clause) list.push(clause);
}
