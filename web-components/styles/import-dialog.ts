// The import dialog's styles: the dialog, previews of the table and of the rows, issues and the mapping.
import { css } from 'lit';

export const importStyles = css`
      dialog {
        width: min(1080px, calc(100vw - 32px)); max-height: calc(100vh - 32px); padding: 0; border: 1px solid var(--sh-line);
        border-radius: 8px; box-shadow: 0 12px 40px rgba(15, 30, 50, 0.25); color: inherit;
      }
      dialog[open] { display: flex; flex-direction: column; }
      dialog::backdrop { background: rgba(15, 30, 50, 0.45); }
      header, footer { padding: 12px 20px; display: flex; gap: 8px; align-items: center; }
      header { border-bottom: 1px solid var(--sh-line); }
      header h2 { margin: 0; flex: 1; }
      footer { border-top: 1px solid var(--sh-line); background: #fafbfc; flex-wrap: wrap; }
      .body { padding: 14px 20px; overflow: auto; flex: 1; min-height: 0; }
      .choose { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 12px; align-items: start; }
      .choose input:not(.visually-hidden) { width: 100%; }
      .choose .field { margin-bottom: 4px; }
      .hint { font-size: 12px; color: var(--sh-grey); }
      .flag { color: var(--sh-amber); }
      label.check { display: flex; gap: 6px; align-items: center; margin-top: 8px; }
      section { margin-top: 14px; }
      h3 { margin-top: 4px; }
      .scroll { max-height: 300px; overflow: auto; border: 1px solid var(--sh-line); border-radius: 4px; }
      table { font-size: 13px; }
      td.num, th.num { white-space: nowrap; width: 1%; color: var(--sh-grey); font-family: ui-monospace, Menlo, Consolas, monospace; }
      td.id { white-space: nowrap; width: 1%; font-family: ui-monospace, Menlo, Consolas, monospace; }
      td.ret { white-space: nowrap; }
      tr.heading td { font-weight: 600; background: #f8fafc; }
      .cell { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; min-width: 60px; }
      th .field-name { display: block; font-weight: 400; color: var(--sh-blue-dark); }
      th .ignored { display: block; font-weight: 400; color: var(--sh-grey); }
      td.ignored { color: #9aa5b1; }
      .columns { display: flex; flex-wrap: wrap; gap: 6px 14px; margin: 4px 0 0; padding: 0; list-style: none; }
      .columns li { font-size: 13px; }
      .mono { font-family: ui-monospace, Menlo, Consolas, monospace; }
      .mapping select { min-width: 160px; }
      .message ul.stats { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 4px 0 0; padding: 0; list-style: none; }
      th { white-space: nowrap; }
      td.bad { background: var(--sh-red-soft); box-shadow: inset 0 0 0 1px #f0b4ae; }
      .cell-error { color: var(--sh-red); font-size: 12px; margin-top: 2px; min-width: 120px; }
      tr.bad td.num { color: var(--sh-red); font-weight: 600; }
      .samples { color: #323f4b; }
      .samples span + span::before { content: '｜'; color: #9aa5b1; }
      details summary { cursor: pointer; color: var(--sh-blue); }
      .stats strong { font-size: 16px; }
      .issues td:first-child { white-space: nowrap; width: 1%; }
      .warn-list { max-height: 180px; overflow: auto; }
      .busy { color: var(--sh-blue-dark); }
    `;
