// The workbench's messages, as templates: a question asked in the page, an export in progress, a save conflict,
// what was just done, and the banner of a version that cannot be edited.
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldError, Id, VersionMeta } from './api.js';
import type { VersionDoc } from './api-schemes.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { formatDateTime, itemPointer, partLabel } from './format.js';

/** An action waiting for the person's yes, asked in the page (not with confirm()). */
export interface Ask {
  text: string;
  yes: string;
  run: () => void | Promise<void>;
}

export interface Notice {
  kind: 'ok' | 'error' | 'info' | 'warn';
  text: string;
  errors?: FieldError[];
}

export function askMessage(ask: Ask, close: () => void): TemplateResult {
  const yes = async () => {
    close();
    await ask.run();
  };
  return html`<div class="message warn" role="alertdialog" aria-label="请确认">${ask.text}
    <div class="actions"><button type="button" class="primary" @click=${yes}>${ask.yes}</button><button type="button" @click=${close}>取消</button></div></div>`;
}

const EXPORT_WORDS: Record<string, string> = { pdf: '报批打印版（PDF）', xlsx: 'Excel 表格', csv: 'CSV 表格' };

export function exportingMessage(x: { format: string; started: number }, now = Date.now()): TemplateResult {
  const seconds = Math.floor((now - x.started) / 1000);
  return html`<div class="message info" role="status" data-exporting>正在生成${EXPORT_WORDS[x.format] ?? x.format}${seconds ? `，已用 ${seconds} 秒` : ''}……
    <progress aria-label="正在导出"></progress></div>`;
}

export function conflictMessage(theirs: VersionDoc | null, overwrite: () => void, takeTheirs: () => void): TemplateResult {
  return html`<div class="message warn" role="alert" data-conflict>
    <strong>保存失败：此草稿已被他人修改。</strong>
    ${theirs ? html`对方于 ${formatDateTime(theirs.updatedAt)} 保存了新的内容。` : nothing}
    您的修改仍保留在本页，没有丢失。请选择：
    <div class="actions">
      <button type="button" class="primary" @click=${overwrite}>用我的修改覆盖对方的版本</button>
      <button type="button" @click=${takeTheirs}>放弃我的修改，载入对方的版本</button>
    </div>
  </div>`;
}

export function noticeMessage(n: Notice, errorLink: (e: FieldError) => unknown, close: () => void): TemplateResult {
  return html`<div class="message ${n.kind}" role=${n.kind === 'error' ? 'alert' : 'status'} data-notice=${n.kind}>
    ${n.text}
    ${n.errors?.length ? html`<ul>${n.errors.slice(0, 12).map((e) => html`<li>${errorLink(e)}</li>`)}${n.errors.length > 12 ? html`<li>…共 ${n.errors.length} 处</li>` : nothing}</ul>` : nothing}
    ${n.kind === 'ok' ? html` <button type="button" class="link small" aria-label="关闭提示" @click=${close}>知道了</button>` : nothing}
  </div>`;
}

/** Why a version cannot be edited, and the way on (its draft, a new draft, or the review). */
export function stateBanner(
  doc: VersionMeta,
  schemeId: Id,
  who: { archivist: boolean; reviewer: boolean; open: VersionMeta | undefined; newDraft: () => void },
): TemplateResult {
  const text =
    doc.state === 'submitted'
      ? `第 ${doc.number} 版已于 ${formatDateTime(doc.submittedAt)} 提交，正在等待审批，不能修改。`
      : doc.state === 'approved'
        ? `第 ${doc.number} 版已批准（${doc.approvalNumber ?? ''}，自 ${doc.effectiveFrom ?? ''} 起生效），只能查看。`
        : doc.state === 'rejected'
          ? `第 ${doc.number} 版已被退回：${doc.rejectReason ?? ''}`
          : `第 ${doc.number} 版已被新版本替代，只能查看。`;
  const open = who.open;
  return html`<div class="message ${doc.state === 'rejected' ? 'error' : 'info'}" data-state-banner>
    ${text}
    ${
      who.archivist
        ? open
          ? html` <a href="#/schemes/${schemeId}/v/${open.number}">打开草稿第 ${open.number} 版</a>`
          : doc.state !== 'submitted'
            ? html` <button type="button" class="link" @click=${who.newDraft}>基于此版新建草稿继续修改</button>`
            : nothing
        : who.reviewer && doc.state === 'submitted'
          ? html` <a href="#/review/${schemeId}/${doc.number}">去审批</a>`
          : nothing
    }
  </div>`;
}

/** Where an error points, in words: 条款 2.2.1 · 保管期限, 不归档条目 3, 测试 4, 测试用例. */
export function placeOf(path: string, draft: Scheme | null): string {
  const ptr = itemPointer(path);
  if (ptr?.collection === 'items')
    return `条款 ${draft?.items[ptr.index]?.id ?? ptr.index + 1}${ptr.rest ? ` · ${partLabel(ptr.rest)}` : ''}`;
  if (ptr?.collection === 'exclusions') return `不归档条目 ${draft?.exclusions?.[ptr.index]?.id ?? ''}`;
  if (ptr?.collection === 'tests') return `测试 ${ptr.index + 1}`;
  return path === '/tests' ? '测试用例' : path;
}
