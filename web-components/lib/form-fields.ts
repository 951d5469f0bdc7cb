// Forms whose errors stand next to their fields: a labelled control with its error under it, and the problem's
// `errors[].path` (a JSON Pointer such as `/orgId`) mapped to the field of that name.
import { html, nothing } from 'lit';
import { ApiError } from './api.js';

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

/** A failed call as a message and the field errors it names (by the first segment of each path). */
export function problemOf(e: unknown): { message: string; fields: FieldErrors } {
  if (!(e instanceof ApiError)) return { message: String(e), fields: {} };
  const fields: FieldErrors = {};
  for (const x of e.errors) {
    const name = x.path.replace(/^\//, '').split('/')[0];
    if (name && !(name in fields)) fields[name] = x.message;
  }
  const said = e.userMessage.replace(/[。.]$/, '');
  return { message: Object.keys(fields).length ? `${said}。请修正标出的项目。` : e.userMessage, fields };
}
