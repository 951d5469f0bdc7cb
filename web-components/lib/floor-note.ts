// The national floor shown on a row while it is edited (sh-item-editor).
import { html, nothing } from 'lit';
import { RETENTIONS, type RetentionCode } from '../../server/schemas/retention-codes.js';
import type { RowFloor } from './floors.js';

/** The row's floor and its source, at once; red when a period falls below it (approval is then refused). */
export function floorNote(f: RowFloor | null) {
  if (!f) return nothing;
  const word = (c: RetentionCode | null) => (c ? RETENTIONS[c].label : '无下限');
  const floors =
    f.branches.length === 1 && f.branches[0].label === null
      ? `不得短于${word(f.branches[0].floor)}`
      : f.branches.map((b) => `${b.label}：${b.floor ? `不得短于${word(b.floor)}` : '基线无同名分支，无下限'}`).join('；');
  const below = f.branches.filter((b) => b.below);
  return html`<div class="message ${f.below ? 'error' : 'info'} small" role=${f.below ? 'alert' : 'note'} data-floor>
    国家基线下限（基线条款 ${f.baselineItem.id}，依据：${f.basis}）：${floors}。
    ${
      below.length
        ? html`<strong>${below.map((b) => `${b.label ?? '此条款'}定为${word(b.code)}，短于下限${word(b.floor)}`).join('；')}，这样的三合一表不能获批。</strong>`
        : nothing
    }
  </div>`;
}
