// The shipped baselines (rulesets/*.json): loaded and compiled once at start-up; invalid files are reported, not fatal.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CompiledScheme, SchemeInvalidError, compile } from '../engine/index.js';
import type { Logger } from '../log.js';
import type { Scheme } from '../schemas/scheme.js';

export interface Baseline {
  id: string;
  title: string;
  kind: 'enterprise' | 'organ';
  hash: string;
  /** Number of rows (归档范围条款). */
  items: number;
  file: string;
  compiled: CompiledScheme;
}

export interface BaselineSummary {
  id: string;
  title: string;
  kind: 'enterprise' | 'organ';
  hash: string;
  items: number;
}

export class Baselines {
  private readonly byId = new Map<string, Baseline>();

  constructor(dir: string | undefined, log: Logger) {
    if (!dir || !existsSync(dir)) {
      if (dir) log({ level: 'warn', msg: 'baselines directory missing', dir });
      return;
    }
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const file = join(dir, f);
      try {
        const doc = JSON.parse(readFileSync(file, 'utf8')) as Scheme;
        const compiled = compile(doc);
        const id = doc.id ?? f.replace(/\.json$/, '');
        if (this.byId.has(id)) throw new Error(`重复的基线编号“${id}”`);
        this.byId.set(id, { id, title: doc.title, kind: doc.kind, hash: compiled.hash, items: doc.items.length, file: f, compiled });
      } catch (e) {
        const detail = e instanceof SchemeInvalidError ? e.errors.slice(0, 5) : (e as Error).message;
        log({ level: 'error', msg: 'baseline not loaded', file: f, detail });
      }
    }
  }

  list(): BaselineSummary[] {
    return [...this.byId.values()].map(({ id, title, kind, hash, items }) => ({ id, title, kind, hash, items }));
  }

  get(id: string): Baseline | undefined {
    return this.byId.get(id);
  }

  /** The national baseline of a kind of unit: every scheme of such a unit is checked against it, however made. */
  forKind(kind: 'enterprise' | 'organ'): Baseline | undefined {
    return this.byId.get(`${kind}-baseline`) ?? [...this.byId.values()].find((b) => b.kind === kind);
  }
}
