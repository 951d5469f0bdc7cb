// Styles every workbench element adopts: colours, controls, tables, badges, messages and a visible focus ring.
import { css } from 'lit';

export const shared = css`
  :host {
    --sh-blue: #1d5fa6;
    --sh-blue-dark: #154a82;
    --sh-blue-soft: #e8f0fa;
    --sh-red: #b42318;
    --sh-red-soft: #fdecea;
    --sh-amber: #8a5a00;
    --sh-amber-soft: #fff4d6;
    --sh-green: #1e7b3a;
    --sh-green-soft: #e6f4ea;
    --sh-grey: #52606d;
    --sh-line: #d9dee4;
    --sh-bg: #f4f6f8;
    --sh-focus: 0 0 0 3px rgba(29, 95, 166, 0.45);
    box-sizing: border-box;
    color: #1f2933;
  }
  *, *::before, *::after { box-sizing: inherit; }
  /* Set directly too: content inside <details> does not inherit through its internal slot. */
  input, select, textarea, button { box-sizing: border-box; }
  [hidden] { display: none !important; }

  h1, h2, h3, h4 { margin: 0 0 8px; line-height: 1.3; font-weight: 600; }
  h1 { font-size: 20px; }
  h2 { font-size: 17px; }
  h3 { font-size: 15px; }
  h4 { font-size: 14px; }
  p { margin: 0 0 8px; }
  a { color: var(--sh-blue); }

  button, .button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 5px 12px;
    border: 1px solid var(--sh-line);
    border-radius: 4px;
    background: #fff;
    color: #1f2933;
    cursor: pointer;
    white-space: nowrap;
    text-decoration: none;
    min-height: 30px;
  }
  button:hover:not(:disabled) { border-color: var(--sh-blue); color: var(--sh-blue); }
  button.primary { background: var(--sh-blue); border-color: var(--sh-blue); color: #fff; }
  button.primary:hover:not(:disabled) { background: var(--sh-blue-dark); color: #fff; }
  button.danger { color: var(--sh-red); }
  button.danger:hover:not(:disabled) { border-color: var(--sh-red); color: var(--sh-red); }
  button.link { border: none; background: none; padding: 0 2px; min-height: 0; color: var(--sh-blue); }
  button.link:hover:not(:disabled) { text-decoration: underline; }
  button.icon { padding: 2px 7px; min-width: 30px; justify-content: center; }
  button:disabled { opacity: 0.45; cursor: not-allowed; }

  input, select, textarea {
    font: inherit;
    padding: 4px 8px;
    border: 1px solid #b8c1cc;
    border-radius: 4px;
    background: #fff;
    color: inherit;
    min-height: 30px;
    max-width: 100%;
  }
  textarea { resize: vertical; line-height: 1.5; }
  input[type='checkbox'], input[type='radio'] { min-height: 0; }
  input[aria-invalid='true'], select[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--sh-red); }
  /* Read-only versions look read-only: grey, no input frame to type into. */
  input[readonly], textarea[readonly], select:disabled { background: #f1f3f5; border-color: var(--sh-line); border-style: dashed; color: #323f4b; cursor: default; }

  :focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
    outline: 2px solid var(--sh-blue);
    outline-offset: 1px;
    box-shadow: var(--sh-focus);
  }

  label { color: #323f4b; }
  .field { display: flex; flex-direction: column; gap: 3px; margin-bottom: 10px; }
  .field > span, .field-label { font-size: 13px; color: var(--sh-grey); }
  .field-error, .field > span.field-error { color: var(--sh-red); font-size: 12px; }
  /* A form on one line (fields and its button aligned at the bottom): a field's error hangs below the field. */
  form.inline-errors { padding-bottom: 16px; }
  form.inline-errors > .field { position: relative; }
  form.inline-errors > .field > .field-error { position: absolute; top: 100%; left: 0; white-space: nowrap; }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .spacer { flex: 1; }
  .muted { color: var(--sh-grey); }
  .small { font-size: 12px; }
  .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
  .nowrap { white-space: nowrap; }

  .card { background: #fff; border: 1px solid var(--sh-line); border-radius: 6px; padding: 16px; }

  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { border-bottom: 1px solid var(--sh-line); padding: 6px 8px; text-align: left; vertical-align: top; }
  th { background: #eef1f4; font-weight: 600; font-size: 13px; color: #323f4b; position: sticky; top: 0; z-index: 1; }
  tbody tr:hover { background: #f8fafc; }

  .badge {
    display: inline-block;
    padding: 0 7px;
    border-radius: 10px;
    font-size: 12px;
    line-height: 20px;
    background: #eef1f4;
    color: #323f4b;
    white-space: nowrap;
  }
  .badge.blue { background: var(--sh-blue-soft); color: var(--sh-blue-dark); }
  .badge.green { background: var(--sh-green-soft); color: var(--sh-green); }
  .badge.amber { background: var(--sh-amber-soft); color: var(--sh-amber); }
  .badge.red { background: var(--sh-red-soft); color: var(--sh-red); font-weight: 600; }

  .message { padding: 10px 12px; border-radius: 4px; border: 1px solid; margin: 0 0 12px; }
  .message.info { background: var(--sh-blue-soft); border-color: #b5cde8; }
  .message.ok { background: var(--sh-green-soft); border-color: #a8d5b5; }
  .message.warn { background: var(--sh-amber-soft); border-color: #ecd08a; }
  .message.error { background: var(--sh-red-soft); border-color: #f0b4ae; }
  .message ul { margin: 6px 0 0; padding-left: 20px; }

  .empty { padding: 24px; text-align: center; color: var(--sh-grey); border: 1px dashed var(--sh-line); border-radius: 6px; background: #fff; }
  .empty strong { display: block; color: #1f2933; margin-bottom: 4px; }

  .tabs { display: flex; gap: 2px; border-bottom: 1px solid var(--sh-line); margin-bottom: 12px; }
  .tabs button { border: none; border-bottom: 3px solid transparent; border-radius: 0; background: none; padding: 8px 14px; color: var(--sh-grey); }
  .tabs button[aria-selected='true'] { color: var(--sh-blue); border-bottom-color: var(--sh-blue); font-weight: 600; }

  .visually-hidden {
    position: absolute; width: 1px; height: 1px; min-height: 0; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
  }
  /* A hidden file input placed just before the label that stands for it: the label shows the keyboard focus. */
  input.visually-hidden:focus-visible + label.button { box-shadow: var(--sh-focus); border-color: var(--sh-blue); }
`;
