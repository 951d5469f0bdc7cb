// What compile builds from a scheme before classifying anything: the rows ready to evaluate, the exclusions with
// their qualifiers, and one index over both.
import type { FieldDef } from '../schemas/fields.js';
import { RETENTIONS, type RetentionCode } from '../schemas/retention-codes.js';
import type { Scheme, SchemeClass, SchemeExclusion, SchemeItem } from '../schemas/scheme.js';
import { ConditionTexts } from './condition-texts.js';
import { flattenClasses } from './classes.js';
import { itemDepth, parentId } from './clause-numbers.js';
import type { Explainer } from './explain.js';
import { defaultSelectivity } from './guards.js';
import { compileLogic } from './logic-compile.js';
import { fieldsRead } from './logic-fields.js';
import type { Fn } from './operators.js';
import type { RecordFields } from './record-fields.js';
import type { ClassifyResult } from './result.js';
import type { StartRule } from './retention.js';
import { RowIndex } from './row-index.js';
import { type Row, type RowItem, defaultOutcomeOf, exclusionRef } from './row-plan.js';

const NEVER: Fn = () => false;

export interface CompiledExclusion {
  x: SchemeExclusion;
  when: Fn;
  /** The legal qualifier; null when `when` alone establishes it. */
  established: Fn | null;
  /** Slots of the fields that would establish the qualifier, and their paths. */
  needSlots: number[];
  needs: string[];
  ref: Readonly<NonNullable<ClassifyResult['exclusion']>>;
}

/** The leaf rows in table order (heading rows group clauses and never match), and the slots their branches read. */
export function buildRows(
  scheme: Scheme,
  recordFields: RecordFields,
  explainer: Explainer,
  defaultStart: StartRule,
): { rows: Row[]; branchSlots: number[][]; conditions: ConditionTexts } {
  // Results share a class's names as their `classPath`: frozen, so that no caller can change them.
  const flat = flattenClasses(scheme.classes as SchemeClass[]);
  for (const c of flat) Object.freeze(c.names);
  const classes = new Map(flat.map((c) => [c.path, c]));
  const parents = new Set(scheme.items.map((it) => parentId(it.id)).filter((p): p is string => p !== null));
  const rows: Row[] = [];
  const branchSlots: number[][] = [];
  const whens: unknown[] = [];
  scheme.items.forEach((item, order) => {
    if (parents.has(item.id)) return;
    const branches = Array.isArray(item.retention)
      ? item.retention.map((b) => ({
          label: b.label,
          when: b.when === undefined ? null : compileLogic(b.when, recordFields),
          code: b.code as RetentionCode,
        }))
      : null;
    const codes = branches ? branches.map((b) => b.code) : [item.retention as RetentionCode];
    const branchFields = Array.isArray(item.retention) ? fieldsRead(item.retention.map((b) => b.when ?? null)) : [];
    branchSlots.push(branchFields.map((f) => recordFields.slot(f)));
    const firstSlot = explainer.slotCount;
    const byDefault = defaultOutcomeOf(item.default, branches);
    rows.push({
      order,
      item: rowItem(item),
      review: item.review,
      defaultRule: item.default,
      condition: item.when === undefined ? -1 : whens.push(item.when) - 1,
      firstSlot,
      depth: itemDepth(item.id),
      // Evaluating the row also records which way its condition held, for the reasons (see Wording.chosen).
      when: item.when === undefined ? NEVER : explainer.evaluator(item.when),
      code: branches ? null : (item.retention as RetentionCode),
      branches,
      defaultOutcome: byDefault?.index ?? -1,
      defaultBranch: byDefault?.branch ?? -1,
      branchFields,
      maxRank: Math.max(...codes.map((c) => RETENTIONS[c].rank)),
      start: item.retentionStart ?? defaultStart,
      klass: classes.get(item.class!)!,
    });
  });
  return { rows, branchSlots, conditions: new ConditionTexts(whens) };
}

/** The result's `item` for a row: its number, scope and legal basis (the document itself is not kept). */
function rowItem(item: SchemeItem): RowItem {
  const ref: { id: string; scope: string; basis?: string } = { id: item.id, scope: item.scope };
  if (item.basis) ref.basis = item.basis;
  return Object.freeze(ref);
}

export function buildExclusions(scheme: Scheme, recordFields: RecordFields, explainer: Explainer): CompiledExclusion[] {
  return (scheme.exclusions ?? []).map((x) => {
    const needs = x.needs ?? (x.established === undefined ? [] : fieldsRead(x.established));
    return {
      x,
      when: explainer.evaluator(x.when),
      established: x.established === undefined ? null : compileLogic(x.established, recordFields),
      needs,
      needSlots: needs.map((f) => recordFields.slot(f)),
      ref: Object.freeze(exclusionRef(x)),
    };
  });
}

/** One index over the rows, then the exclusions (entry i < rows.length is a row). */
export function buildIndex(
  scheme: Scheme,
  rows: readonly Row[],
  exclusions: readonly CompiledExclusion[],
  fields: ReadonlyMap<string, FieldDef>,
  recordFields: RecordFields,
): RowIndex {
  // Small enumerations and flags select few rows: the index prefers keywords and free-text values over them.
  const enumSizes = new Map<string, number>();
  for (const f of fields.values()) {
    if (f.type === 'boolean') enumSizes.set(f.name, 2);
    else if (f.values?.length) enumSizes.set(f.name, f.values.length);
  }
  return new RowIndex(
    [...rows.map((r) => scheme.items[r.order].when ?? false), ...exclusions.map((e) => e.x.when)],
    defaultSelectivity(enumSizes),
    recordFields,
  );
}
