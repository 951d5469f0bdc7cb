// The shipped baselines (rulesets/*.json): loaded and compiled once at start-up; invalid files are reported, not fatal.
// Baselines kept in the database (`kept`, from a restored backup) stand in for ids the folder does not have.
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
  /** The documents read from the folder, as text, for the database to keep. */
  private readonly texts: { id: string; hash: string; title: string; document: string }[] = [];

  constructor(dir: string | undefined, log: Logger, kept: { id: string; document: string }[] = []) {
    this.loadFolder(dir, log);
    for (const k of kept) {
      if (this.byId.has(k.id)) continue;
      try {
        const doc = JSON.parse(k.document) as Scheme;
        const compiled = compile(doc);
        this.byId.set(k.id, {
          id: k.id,
          title: doc.title,
          kind: doc.kind,
          hash: compiled.hash,
          items: doc.items.length,
          file: '(数据库)',
          compiled,
        });
        log({ level: 'info', msg: 'baseline from database', id: k.id, hash: compiled.hash });
      } catch (e) {
        log({ level: 'error', msg: 'baseline not loaded', file: '(数据库)', id: k.id, detail: (e as Error).message });
      }
    }
  }

  /** The baselines read from the folder (id, content hash, title, document text). */
  fromFolder(): { id: string; hash: string; title: string; document: string }[] {
    return this.texts;
  }

  private loadFolder(dir: string | undefined, log: Logger): void {
    if (!dir || !existsSync(dir)) {
      if (dir) log({ level: 'warn', msg: 'baselines directory missing', dir });
      return;
    }
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      const file = join(dir, f);
      try {
        const text = readFileSync(file, 'utf8');
        const doc = JSON.parse(text) as Scheme;
        const compiled = compile(doc);
        const id = doc.id ?? f.replace(/\.json$/, '');
        if (this.byId.has(id)) throw new Error(`重复的基线编号“${id}”`);
        this.byId.set(id, { id, title: doc.title, kind: doc.kind, hash: compiled.hash, items: doc.items.length, file: f, compiled });
        this.texts.push({ id, hash: compiled.hash, title: doc.title, document: text });
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
