// A logged or sample record as an archivist reads it: each field present under its Chinese label (题名, 形成日期 …),
// in the order of the standard fields, then the unit's own `extra` fields (under the labels its scheme declares), then
// anything else under its name, as it came.
import { STANDARD_FIELDS } from '../../server/schemas/fields.js';
import { valueText } from './format.js';

export interface RecordFact {
  label: string;
  text: string;
}

const BLOCKS = new Set(['contract', 'accounting', 'extra']);

const holds = (v: unknown) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);

/**
 * The record's fields that hold something, labelled; nested blocks (contract, accounting, extra) flattened.
 * `declared`: the scheme's own fields (`extra.*`) and their labels.
 */
export function recordFacts(record: Record<string, unknown>, declared: ReadonlyMap<string, string> = new Map()): RecordFact[] {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    if (!holds(value)) continue;
    if (BLOCKS.has(key) && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, v] of Object.entries(value as Record<string, unknown>)) if (holds(v)) flat.set(`${key}.${sub}`, v);
    } else flat.set(key, value);
  }
  const facts: RecordFact[] = [];
  for (const f of STANDARD_FIELDS) {
    if (!flat.has(f.name)) continue;
    facts.push({ label: f.label, text: valueText(flat.get(f.name), f.valueLabels) });
    flat.delete(f.name);
  }
  const rest = [...flat];
  for (const [name, value] of rest)
    if (name.startsWith('extra.')) facts.push({ label: declared.get(name) ?? name, text: valueText(value) });
  for (const [name, value] of rest) if (!name.startsWith('extra.')) facts.push({ label: name, text: valueText(value) });
  return facts;
}
