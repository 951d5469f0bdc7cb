// The condition builder's own styles: nested groups, rows, values and the JSON text view.
import { css } from 'lit';

export const builderStyles = css`
      :host { display: block; }
      .group { border: 1px solid var(--sh-line); border-left: 3px solid var(--sh-blue); border-radius: 4px; padding: 8px 10px; background: #fff; }
      .group .group { background: #f8fafc; margin-top: 6px; border-left-color: #7a9cc6; }
      .group-head { display: flex; gap: 6px; align-items: center; margin-bottom: 6px; flex-wrap: wrap; }
      .rule { display: flex; gap: 6px; align-items: flex-start; flex-wrap: wrap; padding: 4px 0; }
      .rule + .rule, .rule + .group, .group + .rule { border-top: 1px dotted var(--sh-line); }
      .joiner { font-size: 12px; color: var(--sh-grey); padding: 6px 0 0; min-width: 22px; }
      .rule select.field { width: 168px; }
      .rule select.op { width: 150px; }
      .value { display: flex; gap: 6px; align-items: center; flex: 1; min-width: 200px; flex-wrap: wrap; }
      .value input[type='text'] { flex: 1; min-width: 140px; }
      .checks { display: flex; gap: 10px; flex-wrap: wrap; padding-top: 4px; }
      .problem { color: var(--sh-red); font-size: 12px; width: 100%; padding-left: 28px; }
      .foot { display: flex; gap: 6px; margin-top: 6px; flex-wrap: wrap; }
      .toolbar { display: flex; gap: 8px; align-items: center; margin-bottom: 6px; flex-wrap: wrap; }
      textarea.json { width: 100%; min-height: 160px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
      .pending { color: var(--sh-amber); font-size: 12px; }
      .value select.source { max-width: 100%; }
      /* On a phone the field and operator share a line, the value takes the next, nothing wider than the group. */
      @media (max-width: 640px) {
        .rule select.field, .rule select.op { width: auto; flex: 1 1 110px; min-width: 0; }
        .value { flex-basis: 100%; min-width: 0; }
        .value input[type='text'] { min-width: 0; }
        .group { padding: 6px; }
      }
    `;
