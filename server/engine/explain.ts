// Turns the parts of a condition that held for a record into short Chinese sentences (the result's `reasons`).
import type { FieldDef } from '../schemas/fields.js';
import { argsOf, compileLogic, holds, isLogic, operatorOf } from './logic-compile.js';
import { varPath } from './guards.js';

/** Appends to `out` the sentences for what made a condition hold for `record` (called only when it holds). */
export type Explain = (record: unknown, out: string[]) => void;

export class Explainer {
  private readonly plans = new WeakMap<object, Explain>();

  constructor(private readonly fields: ReadonlyMap<string, FieldDef>) {}

  /**
   * Compiles the explanation of a condition once: fixed sentences are worded up front, and only an `or` decides at
   * classification time which alternative held (the first one, as json-logic-js evaluates it).
   */
  compile(logic: unknown): Explain {
    if (!isLogic(logic)) return this.fixed(this.constant(logic));
    let plan = this.plans.get(logic);
    if (!plan) this.plans.set(logic, (plan = this.build(logic)));
    return plan;
  }

  /** Sentences for what made `logic` hold for `record` (call only when it holds). */
  explain(logic: unknown, record: unknown): string[] {
    const out: string[] = [];
    this.compile(logic)(record, out);
    return out;
  }

  private build(logic: Record<string, unknown>): Explain {
    const steps = this.steps(logic);
    if (steps.every((s) => typeof s === 'string')) return this.fixed(steps as string[]);
    return (record, out) => {
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i];
        if (typeof step === 'string') out.push(step);
        else step(record, out);
      }
    };
  }

  private fixed(sentences: string[]): Explain {
    if (sentences.length === 1) {
      const [only] = sentences;
      return (_record, out) => void out.push(only);
    }
    return (_record, out) => {
      for (let i = 0; i < sentences.length; i++) out.push(sentences[i]);
    };
  }

  /** Fixed sentences, or explanations decided per record, in the order they are read. */
  private steps(logic: unknown): (string | Explain)[] {
    if (!isLogic(logic)) return this.constant(logic);
    const op = operatorOf(logic);
    const args = argsOf(logic);
    if (op === 'and') return args.flatMap((a) => this.steps(a));
    if (op === '!!') return this.steps(args[0]);
    if (op === 'or') {
      const alternatives = args.map((a) => ({ test: compileLogic(a), explain: this.compile(a) }));
      return [
        (record, out) => {
          for (const alt of alternatives) {
            if (holds(alt.test, record)) return alt.explain(record, out);
          }
        },
      ];
    }
    return [this.describe(logic)];
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
      return path === null ? null : this.fields.get(path) ?? { name: path, label: path, type: 'string' as const };
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
          const words = f.type === 'date'
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
