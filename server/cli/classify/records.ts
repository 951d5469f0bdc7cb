// Checking one input record as the service does: the record schema (server/schemas/record-check.ts, the one
// compiled checker), then the scheme's own fields, in readable words.
import type { FieldError } from '../../schemas/ajv.js';
import { recordErrors } from '../../engine/validate.js';

/** Adds the checks beyond the schema (real dates) to schema errors, one message per path. */
export function withRecordErrors(errors: FieldError[], value: unknown, fields: ReadonlySet<string>): FieldError[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return errors;
  return merge(errors, recordErrors(value, fields, '', 'ignore'));
}

/** `more` added to `errors`, except those about a path `errors` already mentions. */
export function merge(errors: FieldError[], more: FieldError[]): FieldError[] {
  const seen = new Set(errors.map((e) => e.path));
  return [...errors, ...more.filter((e) => !seen.has(e.path))];
}
