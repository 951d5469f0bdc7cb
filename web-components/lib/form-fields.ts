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
  const error = errors[name];
  const id = `${idPrefix}err-${name}`;
  // The error stays outside the label, so that it does not become part of the control's name.
  return html`<div class="field"><label class="field" style="margin:0"><span>${label}</span>${control(error ? 'true' : 'false', error ? id : '')}</label>
    ${error ? html`<span class="field-error" id=${id} role="alert">${error}</span>` : nothing}</div>`;
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
