// A logged or sample record as an archivist reads it: each field present under its Chinese label (题名, 形成日期 …),
// in the order of the standard fields, then the unit's own `extra` fields, then anything else as it came.
import { STANDARD_FIELDS } from '../../server/schemas/fields.js';

export interface RecordFact {
  label: string;
  text: string;
}

function valueText(value: unknown, labels?: Readonly<Record<string, string>>): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return labels?.[value] ?? value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('、');
  return JSON.stringify(value);
}

/** The record's fields that hold something, labelled; nested blocks (contract, accounting, extra) flattened. */
export function recordFacts(record: Record<string, unknown>): RecordFact[] {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined || value === '') continue;
    if ((key === 'contract' || key === 'accounting' || key === 'extra') && typeof value === 'object' && !Array.isArray(value)) {
      for (const [sub, v] of Object.entries(value as Record<string, unknown>)) {
        if (v !== null && v !== undefined && v !== '') flat.set(`${key}.${sub}`, v);
      }
    } else flat.set(key, value);
  }
  const facts: RecordFact[] = [];
  for (const f of STANDARD_FIELDS) {
    if (!flat.has(f.name)) continue;
    facts.push({ label: f.label, text: valueText(flat.get(f.name), f.valueLabels) });
    flat.delete(f.name);
  }
  // What is left: the unit's own fields (extra.*) and fields no scheme reads, under their names.
  for (const [name, value] of flat) facts.push({ label: name, text: valueText(value) });
  return facts;
}
