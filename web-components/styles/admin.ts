// The admin page's styles: inline creation forms and edit dialogs (field errors are in the shared styles).
import { css } from 'lit';

export const adminStyles = css`
  form.inline { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; align-items: end; margin-top: 10px; }
  form.inline .field { margin: 0; }
  form.inline input, form.inline select { width: 100%; }
  td.actions { white-space: nowrap; }
  td.actions button { margin: 0 4px 4px 0; }
  /* On a phone the buttons stack in their cell instead of pushing the table past the screen. */
  @media (max-width: 700px) {
    td.actions { white-space: normal; }
    td.actions button { display: flex; margin: 0 0 4px; }
  }
  dialog {
    border: 1px solid var(--sh-line);
    border-radius: 6px;
    padding: 18px 20px 16px;
    width: min(480px, calc(100vw - 32px));
    box-shadow: 0 12px 40px rgba(15, 30, 50, 0.25);
  }
  dialog::backdrop { background: rgba(15, 30, 50, 0.45); }
  dialog form .field input, dialog form .field select { width: 100%; }
  dialog .actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 6px; }
  .hint { font-size: 12px; color: var(--sh-grey); margin: -4px 0 10px; }
  .secret { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .secret code { font-size: 15px; padding: 4px 8px; background: #fff; border: 1px solid var(--sh-line); border-radius: 4px; user-select: all; }
`;
