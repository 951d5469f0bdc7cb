// Forms whose errors stand next to their fields: a labelled control with its error under it, and the problem's
// `errors[].path` (a JSON Pointer such as `/orgId`) mapped to the field of that name.
import { html, nothing } from 'lit';
import { ApiError, type FieldError } from './api.js';

export type FieldErrors = Record<string, string>;

/** Renders `control(invalid, describedBy)` inside its label, and the field's error (if any) under it. */
export function field(
  errors: FieldErrors,
  name: string,
  label: string,
  control: (invalid: 'true' | 'false', describedBy: string) => unknown,
  idPrefix = '',
) {
  // The error stays outside the label, so that it does not become part of the control's name.
  return html`<div class="field"><label class="field" style="margin:0"><span>${label}</span>${control(invalid(errors, name), errorId(errors, name, idPrefix))}</label>
    ${fieldError(errors, name, idPrefix)}</div>`;
}

/** The id of a field's error message (for its control's aria-describedby), or '' when it has none. */
export function errorId(errors: FieldErrors, name: string, idPrefix = ''): string {
  return errors[name] ? `${idPrefix}err-${name}` : '';
}

/** The control's aria-invalid. */
export function invalid(errors: FieldErrors, name: string): 'true' | 'false' {
  return errors[name] ? 'true' : 'false';
}

/** The error message shown next to a field (its id is `errorId`); nothing when the field is fine. */
export function fieldError(errors: FieldErrors, name: string, idPrefix = '') {
  const error = errors[name];
  return error ? html`<span class="field-error" id=${`${idPrefix}err-${name}`} role="alert">${error}</span>` : nothing;
}

/** Errors under `base` (a JSON Pointer such as `/items/3`), with their paths made relative to it. */
export function errorsUnder(errors: readonly FieldError[], base: string): FieldError[] {
  return errors.filter((e) => e.path === base || e.path.startsWith(`${base}/`)).map((e) => ({ ...e, path: e.path.slice(base.length) }));
}

/**
 * The errors under `base` by the field they belong to (the next segment of the path: `/items/3/scope/…` → `scope`),
 * each field's distinct messages joined; an error at `base` itself is under ''.
 */
export function fieldsAt(errors: readonly FieldError[], base = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const x of errorsUnder(errors, base)) {
    const name = x.path.replace(/^\//, '').split('/')[0];
    const said = fields[name];
    if (said === undefined) fields[name] = x.message;
    else if (!said.split('；').includes(x.message)) fields[name] = `${said}；${x.message}`;
  }
  return fields;
}

/** A failed call as a message and the field errors it names (by the first segment of each path). */
export function problemOf(e: unknown): { message: string; fields: FieldErrors } {
  if (!(e instanceof ApiError)) return { message: String(e), fields: {} };
  const fields = fieldsAt(e.errors);
  delete fields[''];
  const said = e.userMessage.replace(/[。.]$/, '');
  return { message: Object.keys(fields).length ? `${said}。请修正标出的项目。` : e.userMessage, fields };
}
