// What the service, the CLI and the tester do to a record before classifying it: report the fields the scheme does
// not read, and fill the parts of the 文号 (GB/T 9704: 机关代字〔年份〕序号号) that the sender did not send apart.
import type { CompiledScheme } from './compile.js';
import type { ClassifyOptions, ClassifyResult } from './result.js';
import { RECORD_FIELD_NAMES, recordSchema } from '../schemas/record.js';

const BLOCKS: Readonly<Record<string, ReadonlySet<string>>> = {
  contract: new Set(Object.keys(recordSchema.properties.contract.properties)),
  accounting: new Set(Object.keys(recordSchema.properties.accounting.properties)),
};

/**
 * The fields of a record that no standard field or declared `extra` field names (`extra.colour`, `contract.bank`,
 * `oaFlowId`): accepted, not read, and reported back to the caller. Null when there are none (the usual case).
 */
export function ignoredFields(record: object, fields: ReadonlySet<string>): string[] | null {
  let out: string[] | null = null;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (!RECORD_FIELD_NAMES.has(key)) (out ??= []).push(key);
    else if (key === 'extra' || key in BLOCKS) {
      const inner = (record as Record<string, unknown>)[key];
      if (inner === null || typeof inner !== 'object') continue;
      for (const sub of Object.keys(inner)) {
        if (key === 'extra' ? !fields.has(`extra.${sub}`) : !BLOCKS[key].has(sub)) (out ??= []).push(`${key}.${sub}`);
      }
    }
  }
  return out;
}

export interface DocNumberParts {
  docAgency: string;
  docYear: number;
  docSerial: number;
}

const OPEN = '〔[［(（';
const CLOSE = '〕]］)）';

/** `华能发〔2024〕12号` → { docAgency: '华能发', docYear: 2024, docSerial: 12 }; null when it is not of that form. */
export function parseDocNumber(text: string): DocNumberParts | null {
  const s = text.trim();
  let open = -1;
  for (let i = 0; i < s.length; i++) {
    if (OPEN.includes(s[i])) {
      open = i;
      break;
    }
  }
  if (open <= 0 || open + 6 > s.length) return null;
  const close = open + 5;
  const year = s.slice(open + 1, close);
  if (!/^\d{4}$/.test(year) || !CLOSE.includes(s[close])) return null;
  let rest = s.slice(close + 1).trim();
  if (rest.startsWith('第')) rest = rest.slice(1);
  if (!rest.endsWith('号')) return null;
  const serial = rest.slice(0, -1).trim();
  if (!/^\d{1,9}$/.test(serial)) return null;
  return { docAgency: s.slice(0, open).trim(), docYear: Number(year), docSerial: Number(serial) };
}

export interface PreparedRecord {
  /** The record itself, or a shallow copy with the 文号 parts filled in. */
  record: Record<string, unknown>;
  /** Fields no standard or declared field names, or null. */
  ignoredFields: string[] | null;
}

/** Prepares a record that passed the record schema (an object). `fields`: the scheme's field paths. */
export function prepareRecord(record: Record<string, unknown>, fields: ReadonlySet<string>): PreparedRecord {
  const ignored = ignoredFields(record, fields);
  const number = record.docNumber;
  if (typeof number !== 'string' || (record.docAgency !== undefined && record.docYear !== undefined && record.docSerial !== undefined)) {
    return { record, ignoredFields: ignored };
  }
  const parts = parseDocNumber(number);
  if (!parts) return { record, ignoredFields: ignored };
  const filled: Record<string, unknown> = { ...record };
  for (const key of ['docAgency', 'docYear', 'docSerial'] as const) if (filled[key] === undefined) filled[key] = parts[key];
  return { record: filled, ignoredFields: ignored };
}

/**
 * Classifies a record that passed the record schema (and `recordErrors`), as the service and the CLI do: the 文号
 * parts filled in, and the fields the scheme does not read listed in `ignoredFields`.
 */
export function classifyRecord(
  compiled: CompiledScheme,
  record: object,
  fields: ReadonlySet<string>,
  options?: ClassifyOptions,
): ClassifyResult {
  const prepared = prepareRecord(record as Record<string, unknown>, fields);
  const result = compiled.classify(prepared.record, options);
  return prepared.ignoredFields ? { ...result, ignoredFields: prepared.ignoredFields } : result;
}
