// Turns the parts of a condition that held for a record into short Chinese sentences (the result's `reasons`).
import type { FieldDef } from '../schemas/fields.js';
import { BoundedCache } from './bounded-cache.js';
import { argsOf, compileLogic, holds, isLogic, operatorOf } from './logic-compile.js';
import { varPath } from './guards.js';
import { type Fn, truthy } from './operators.js';
import type { RecordFields } from './record-fields.js';

/**
 * The explanation of a condition, compiled once. Which way a condition held for a record is its variant — which
 * alternative of each `or` held first, as json-logic-js evaluates it — and each variant has fixed sentences, so a
 * classification picks the variant and reuses its words instead of composing them again.
 */
export interface Wording {
  /** How many variants there are; 0 when too many to number (then only `write` is used). */
  readonly variants: number;
  /**
   * The variant found by the latest call of this condition's `Explainer.evaluator` (call only right after it held
   * and when `variants` > 0). Nothing is evaluated again: each `or` remembered which alternative held.
   */
  chosen(): number;
  /** The sentences of a variant (frozen, shared). */
  sentences(variant: number): readonly string[];
  /** Appends to `out` the sentences for `record` (call only when the condition holds). */
  write(record: unknown, out: string[]): void;
}

/** Beyond this many variants a wording is not numbered (absurdly many `or`s combined). */
const MAX_VARIANTS = 1 << 20;

/** Sentence lists kept per `and`: plenty for real conditions, bounded for very many combined alternatives. */
const MAX_CACHED = 4096;

const NO_SENTENCES: readonly string[] = Object.freeze([]);

// Lists built by push or spread keep spare capacity; the kept (frozen) copies are exact: `slice()` above and below.

class Fixed implements Wording {
  readonly variants = 1;
  private readonly list: readonly string[];
  constructor(list: string[]) {
    this.list = Object.freeze(list.slice());
  }
  chosen(): number {
    return 0;
  }
  sentences(): readonly string[] {
    return this.list;
  }
  write(_record: unknown, out: string[]): void {
    for (let i = 0; i < this.list.length; i++) out.push(this.list[i]);
  }
}

/** An `and`: every part explains itself, in order. Variants are numbered in mixed radix over the parts. */
class All implements Wording {
  readonly variants: number;
  private readonly cache = new BoundedCache<number, readonly string[]>(MAX_CACHED);
  constructor(private readonly parts: Wording[]) {
    let n = 1;
    for (const p of parts) n = p.variants === 0 || n * p.variants > MAX_VARIANTS ? 0 : n * p.variants;
    this.variants = n;
  }
  chosen(): number {
    let v = 0;
    for (let i = 0; i < this.parts.length; i++) v = v * this.parts[i].variants + this.parts[i].chosen();
    return v;
  }
  sentences(variant: number): readonly string[] {
    return this.cache.get(variant) ?? this.cache.keep(variant, this.compose(variant));
  }
  private compose(variant: number): readonly string[] {
    const picked: (readonly string[])[] = [];
    let rest = variant;
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const n = this.parts[i].variants;
      picked.unshift(this.parts[i].sentences(rest % n));
      rest = Math.floor(rest / n);
    }
    return Object.freeze(picked.flat().slice());
  }
  write(record: unknown, out: string[]): void {
    for (let i = 0; i < this.parts.length; i++) this.parts[i].write(record, out);
  }
}

/**
 * An `or`: the first alternative that holds explains it; the last variant is "none held" (no sentences). Which one
 * held is written by the evaluator into the explainer's slot for this `or` (see `Explainer.evaluator`), so the
 * evaluator needs no wording, and a wording is built only when a result is explained.
 */
class First implements Wording {
  readonly variants: number;
  private readonly offsets: number[];
  private tests: Fn[] | undefined;

  constructor(
    private readonly held: readonly number[],
    private readonly slot: number,
    private readonly alternatives: readonly unknown[],
    private readonly wordings: readonly Wording[],
    private readonly fields: RecordFields | undefined,
  ) {
    let n = 0;
    this.offsets = wordings.map((w) => {
      const offset = n;
      n = w.variants === 0 || n + w.variants >= MAX_VARIANTS ? Number.NaN : n + w.variants;
      return offset;
    });
    this.variants = Number.isNaN(n) ? 0 : n + 1;
  }
  chosen(): number {
    const i = this.held[this.slot];
    return i < 0 ? this.variants - 1 : this.offsets[i] + this.wordings[i].chosen();
  }
  sentences(variant: number): readonly string[] {
    if (variant === this.variants - 1) return NO_SENTENCES;
    let i = this.wordings.length - 1;
    while (i > 0 && variant < this.offsets[i]) i--;
    return this.wordings[i].sentences(variant - this.offsets[i]);
  }
  write(record: unknown, out: string[]): void {
    // Composed per record only when the variants are too many to number: the tests are compiled on first use.
    const tests = (this.tests ??= this.alternatives.map((a) => compileLogic(a, this.fields)));
    for (let i = 0; i < tests.length; i++) {
      if (holds(tests[i], record)) return this.wordings[i].write(record, out);
    }
  }
}

export class Explainer {
  private readonly wordings = new WeakMap<object, Wording>();
  /** Per `or` on an explained path: the alternative that held first in its latest evaluation (-1: none). */
  private readonly held: number[] = [];
  private readonly slots = new WeakMap<object, number>();

  /** The slot where evaluations of this `or` record which alternative held (one per condition object). */
  private slotOf(logic: object): number {
    let slot = this.slots.get(logic);
    if (slot === undefined) {
      slot = this.held.length;
      this.held.push(-1);
      this.slots.set(logic, slot);
    }
    return slot;
  }

  /** `recordFields`, if given, is where the `or` alternatives read the record (shared with the conditions). */
  constructor(
    private readonly fields: ReadonlyMap<string, FieldDef>,
    private readonly recordFields?: RecordFields,
  ) {}

  /** The compiled explanation of a condition (cached per condition object). */
  compile(logic: unknown): Wording {
    if (!isLogic(logic)) return new Fixed(this.constant(logic));
    let wording = this.wordings.get(logic);
    if (!wording) this.wordings.set(logic, (wording = this.build(logic)));
    return wording;
  }

  /**
   * `logic` compiled with json-logic-js's semantics so that evaluating it also records, in its wording, which
   * alternative of each `or` held (see `Wording.chosen`): the `and`, `or` and `!!` on the path the wording follows
   * are evaluated here, everything below them by `compileLogic`. Conditions are pure and the path is evaluated on
   * the record itself, so a wording shared by several conditions records the same alternative from each of them.
   */
  evaluator(logic: unknown): Fn {
    if (!isLogic(logic)) return compileLogic(logic, this.recordFields);
    const op = operatorOf(logic);
    const args = argsOf(logic);
    if (op === '!!') {
      const inner = this.evaluator(args[0]);
      return (data) => truthy(inner(data));
    }
    if (op === 'and') {
      const parts = args.map((a) => this.evaluator(a));
      return (data) => {
        let current: unknown;
        for (let i = 0; i < parts.length; i++) {
          current = parts[i](data);
          if (!truthy(current)) return current;
        }
        return current;
      };
    }
    if (op === 'or') {
      const slot = this.slotOf(logic);
      const held = this.held;
      const parts = args.map((a) => this.evaluator(a));
      return (data) => {
        let current: unknown;
        for (let i = 0; i < parts.length; i++) {
          current = parts[i](data);
          if (truthy(current)) {
            held[slot] = i;
            return current;
          }
        }
        held[slot] = -1;
        return current;
      };
    }
    return compileLogic(logic, this.recordFields);
  }

  /** How many `or` slots evaluators have taken so far (a row's first slot is the count before its evaluator). */
  get slotCount(): number {
    return this.held.length;
  }

  /**
   * The wording of a condition parsed again from its text (see ConditionTexts) whose evaluator took slots from
   * `firstSlot` on: its `or`s are given those slots, in the order the evaluator took them.
   */
  wordingOf(logic: unknown, firstSlot: number): Wording {
    let next = firstSlot;
    const adopt = (node: unknown): void => {
      if (!isLogic(node)) return;
      const op = operatorOf(node);
      if (op === 'or') this.slots.set(node, next++);
      if (op === '!!') adopt(argsOf(node)[0]);
      else if (op === 'and' || op === 'or') for (const a of argsOf(node)) adopt(a);
    };
    adopt(logic);
    return this.compile(logic);
  }

  /** Sentences for what made `logic` hold for `record` (call only when it holds). */
  explain(logic: unknown, record: unknown): string[] {
    const out: string[] = [];
    this.compile(logic).write(record, out);
    return out;
  }

  private build(logic: Record<string, unknown>): Wording {
    const op = operatorOf(logic);
    const args = argsOf(logic);
    if (op === '!!') return this.compile(args[0]);
    if (op === 'or')
      return new First(
        this.held,
        this.slotOf(logic),
        args,
        args.map((a) => this.compile(a)),
        this.recordFields,
      );
    if (op !== 'and') return new Fixed([this.describe(logic)]);
    // Runs of fixed parts are merged, so an `and` without `or` inside is one fixed list.
    const parts: Wording[] = [];
    let run: string[] = [];
    for (const a of args) {
      const w = this.compile(a);
      if (w instanceof Fixed) run.push(...w.sentences());
      else {
        if (run.length) parts.push(new Fixed(run));
        run = [];
        parts.push(w);
      }
    }
    if (run.length || parts.length === 0) parts.push(new Fixed(run));
    return parts.length === 1 ? parts[0] : new All(parts);
  }

  /** What a constant condition says: `true` holds unconditionally; other constants add nothing. */
  private constant(logic: unknown): string[] {
    return logic === true ? ['无条件适用'] : [];
  }

  private readonly sentences = [new WeakMap<object, string>(), new WeakMap<object, string>()];

  /** One condition in words, e.g. 题名包含“纪要”, 来源为“上级机关” (cached: conditions are immutable once compiled). */
  describe(logic: unknown, negated = false): string {
    if (!isLogic(logic)) return this.sentence(logic, negated);
    const cache = this.sentences[negated ? 1 : 0];
    let text = cache.get(logic);
    if (text === undefined) cache.set(logic, (text = this.sentence(logic, negated)));
    return text;
  }

  private sentence(logic: unknown, negated: boolean): string {
    if (!isLogic(logic)) return JSON.stringify(logic);
    const op = operatorOf(logic);
    const args = argsOf(logic);
    const not = negated ? '不' : '';
    const field = (n: unknown) => {
      const path = varPath(n);
      return path === null ? null : (this.fields.get(path) ?? { name: path, label: path, type: 'string' as const });
    };
    const value = (f: FieldDef | null, v: unknown) => {
      if (typeof v === 'string') return `“${f?.valueLabels?.[v] ?? v}”`;
      if (typeof v === 'boolean') return v ? '是' : '否';
      return JSON.stringify(v);
    };
    switch (op) {
      case '!':
        return this.describe(args[0], !negated);
      case '==':
      case '===':
      case '!=':
      case '!==': {
        const f = field(args[0]) ?? field(args[1]);
        const v = field(args[0]) ? args[1] : args[0];
        const equal = (op === '==' || op === '===') !== negated;
        if (f) {
          if (f.type === 'boolean' && typeof v === 'boolean') return `${f.label}：${value(f, v === equal)}`;
          return `${f.label}${equal ? '为' : '不为'}${value(f, v)}`;
        }
        break;
      }
      case 'in': {
        const [needle, hay] = args;
        const f = field(needle);
        if (f && Array.isArray(hay)) return `${f.label}${not}属于 ${hay.map((v) => value(f, v)).join('、')}`;
        const g = field(hay);
        if (g) return `${g.label}${not}包含${value(g, needle)}`;
        break;
      }
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const f = field(args[0]);
        if (f && args.length === 2) {
          const words =
            f.type === 'date'
              ? { '<': '早于', '<=': '不晚于', '>': '晚于', '>=': '不早于' }
              : { '<': '小于', '<=': '不大于', '>': '大于', '>=': '不小于' };
          return `${negated ? '并非' : ''}${f.label}${words[op]} ${value(f, args[1])}`;
        }
        break;
      }
      case 'var': {
        const f = field(logic);
        if (f) return negated ? `${f.label}为空` : `${f.label}已填写`;
        break;
      }
      case 'some': {
        const f = field(args[0]);
        const test = args[1];
        if (f && isLogic(test) && operatorOf(test) === 'in' && Array.isArray(argsOf(test)[1])) {
          return `${f.label}${negated ? '不含' : '含有'} ${(argsOf(test)[1] as unknown[]).map((v) => value(f, v)).join('、')} 之一`;
        }
        break;
      }
      case 'and':
      case 'or': {
        const parts = args.map((a) => this.describe(a));
        const joined = parts.join(op === 'and' ? '，且' : '，或');
        return negated ? `并非（${joined}）` : joined;
      }
    }
    return `${negated ? '不满足' : '满足'}条件 ${JSON.stringify(logic)}`;
  }
}
