// A unit's schemes with their versions' states; for its archivists a new scheme (copied from a national baseline or
// imported from Excel/CSV), the conditions an import suggested, and the unit's API keys.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiError, type Org, type SchemeInfo, errorText } from './lib/api.js';
import { fire } from './lib/events.js';
import { checkForm, focusFirstInvalid } from './lib/form-check.js';
import { type FieldErrors, field, problemOf } from './lib/form-fields.js';
import { STATE_LABELS, formatDateTime } from './lib/format.js';
import { getSuggestions, type SchemeSuggestions } from './lib/api-import.js';
import { api, mayEditUnit } from './lib/session.js';
import { shared } from './styles/shared.js';
import { STATE_BADGE } from './sh-versions.js';
import type { ShImportDialog } from './sh-import-dialog.js';
import './sh-import-dialog.js';
import './sh-api-keys.js';
import './sh-webhooks.js';
import { listOrgs } from './lib/api-admin.js';
import { listBaselines } from './lib/api-baselines.js';
import { createScheme, listUnitSchemes } from './lib/api-schemes.js';

/**
 * @fires navigate - `{ href }` to open a scheme.
 */
@customElement('sh-unit-home')
export class ShUnitHome extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; padding: 16px 20px 40px; max-width: 1100px; }
      section { margin-bottom: 18px; }
      .create { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto; gap: 10px; align-items: end; }
      .create .field { margin: 0; }
      .create input, .create select { width: 100%; }
      .import { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-top: 14px; padding-top: 12px; border-top: 1px solid var(--sh-line); }
      .import p { margin: 0; flex: 1; min-width: 260px; }
    `,
  ];

  @property({ attribute: false }) unitId: number | string = '';
  @state() private creating = false;
  @state() private error = '';
  @state() private errors: FieldErrors = {};
  @query('sh-import-dialog') private importDialog?: ShImportDialog;

  private data = new Task(this, {
    task: async ([unit], { signal }) => {
      const [schemes, baselines, orgs] = await Promise.all([
        listUnitSchemes(api, unit, signal),
        listBaselines(api, signal),
        listOrgs(api, signal),
      ]);
      // The suggestions an import kept with a scheme, for the drafts this user may edit.
      const withDraft = mayEditUnit(unit) ? schemes.filter((s) => s.versions.some((v) => v.state === 'draft')) : [];
      const kept = await Promise.all(withDraft.map((s) => getSuggestions(api, s.id, signal).catch(() => null)));
      const suggestions = new Map(withDraft.map((s, i) => [String(s.id), kept[i]]));
      return { schemes, baselines, unit: orgs.find((o) => String(o.id) === String(unit)) ?? null, suggestions };
    },
    args: () => [this.unitId] as const,
  });

  override render() {
    return this.data.render({
      pending: () => html`<p class="muted" role="status">正在加载…</p>`,
      error: (e) =>
        html`<div class="message error" role="alert">${e instanceof ApiError && e.status === 404 ? '找不到该单位，或您无权查看。' : errorText(e)}</div>`,
      complete: ({ schemes, baselines, unit, suggestions }) => {
        const canCreate = mayEditUnit(this.unitId);
        const kind = unit?.kind;
        const ordered = [...baselines].sort((a, b) => Number(b.kind === kind) - Number(a.kind === kind));
        return html`
          <h1>${unit?.name ?? '单位'}的三合一表</h1>
          <p class="muted">${unit?.fonds ? `全宗号 ${unit.fonds} · ` : ''}${unit?.kind === 'organ' ? '机关' : unit?.kind === 'enterprise' ? '企业' : ''}</p>
          ${this.error ? html`<div class="message error" role="alert">${this.error}</div>` : nothing}
          <section>
            ${
              schemes.length === 0
                ? html`<div class="empty"><strong>还没有三合一表</strong>${canCreate ? '从下方选择一份国家基线表复制，在其基础上修改为本单位的三合一表；已有 Excel/CSV 格式的三合一表时，可直接导入。' : '该单位的档案员尚未建立三合一表。'}</div>`
                : html`<table aria-label="三合一表">
                  <thead><tr><th>三合一表</th><th>最新版本</th><th>现行版本</th><th>创建</th><th><span class="visually-hidden">操作</span></th></tr></thead>
                  <tbody>${schemes.map((s) => this.renderScheme(s, suggestions.get(String(s.id))))}</tbody>
                </table>`
            }
          </section>
          ${canCreate ? this.renderCreate(ordered, unit) : nothing}
          ${
            canCreate
              ? html`<section class="card" aria-labelledby="keys-h"><h2 id="keys-h">业务系统 API 密钥</h2><sh-api-keys .unitId=${this.unitId}></sh-api-keys></section>
                <section class="card" aria-labelledby="hooks-h"><h2 id="hooks-h">Webhook 通知</h2><sh-webhooks .unitId=${this.unitId}></sh-webhooks></section>
                <sh-import-dialog .unitId=${this.unitId} .unitName=${unit?.name ?? ''} @import-dialog-close=${() => this.requestUpdate()}></sh-import-dialog>`
              : nothing
          }
        `;
      },
    });
  }

  private renderScheme(s: SchemeInfo, kept: SchemeSuggestions | null | undefined) {
    const latest = s.versions.at(-1);
    const inForce = [...s.versions].reverse().find((v) => v.state === 'approved');
    return html`<tr>
      <td><a href="#/schemes/${s.id}">${s.name}</a>${s.baselineId ? html`<div class="small muted">基于 ${s.baselineId}</div>` : nothing}</td>
      <td>${latest ? html`第 ${latest.number} 版 <span class="badge ${STATE_BADGE[latest.state]}">${STATE_LABELS[latest.state]}</span>` : '—'}</td>
      <td>${inForce ? html`第 ${inForce.number} 版（${inForce.approvalNumber ?? ''}，自 ${inForce.effectiveFrom ?? ''}）` : html`<span class="muted">尚无</span>`}</td>
      <td class="small muted">${s.createdBy ?? ''} ${formatDateTime(s.createdAt)}</td>
      <td class="nowrap"><a class="button" href="#/schemes/${s.id}">打开</a>${this.suggestionsButton(s, kept)}</td>
    </tr>`;
  }

  /** The conditions suggested when the scheme was imported (kept with it on the service) while rows still lack one. */
  private suggestionsButton(s: SchemeInfo, kept: SchemeSuggestions | null | undefined) {
    if (!kept?.pending) return nothing;
    return html` <button type="button" title="导入时根据表格文字生成的条件，逐条核对后应用" @click=${() => this.importDialog?.openSuggestions(s.id, s.name, kept.suggestions)}>建议条件（${kept.pending}）</button>`;
  }

  private renderCreate(baselines: { id: string; title: string; kind: string; items: number }[], unit: Org | null) {
    return html`<section class="card" aria-labelledby="new-h">
      <h2 id="new-h">新建三合一表</h2>
      <p class="muted small">复制国家基线表（如 10号令附件）作为第 1 版草稿。基线的保管期限是最低期限：可以延长，不能缩短。</p>
      ${
        baselines.length === 0
          ? html`<div class="message warn">服务上没有可用的基线表，请联系管理员。</div>`
          : html`<form class="create inline-errors" novalidate @submit=${this.create}>
            ${field(
              this.errors,
              'name',
              '表名',
              (invalid, describedBy) => html`<input name="name" required maxlength="200" value="${unit?.name ?? ''}三合一表"
                aria-invalid=${invalid} aria-describedby=${describedBy} />`,
              'new-',
            )}
            <label class="field"><span>基线</span>
              <select name="baseline">${baselines.map((b) => html`<option value=${b.id}>${b.title}（${b.items} 条）</option>`)}</select>
            </label>
            <button type="submit" class="primary" ?disabled=${this.creating}>${this.creating ? '正在复制…' : '从基线复制新建'}</button>
          </form>`
      }
      <div class="import">
        <p class="muted small">本单位已有三合一表（Excel 或 CSV）？导入后成为第 1 版草稿：先预览识别结果，再确认导入。</p>
        <button type="button" @click=${() => this.importDialog?.open()}>从 Excel/CSV 导入</button>
      </div>
    </section>`;
  }

  private create = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    this.errors = checkForm(form);
    if (Object.keys(this.errors).length) return focusFirstInvalid(form, this.errors);
    const data = new FormData(form);
    this.creating = true;
    this.error = '';
    try {
      const s = await createScheme(api, this.unitId, { name: String(data.get('name')).trim(), baseline: String(data.get('baseline')) });
      fire(this, 'navigate', { href: `#/schemes/${s.id}` });
    } catch (err) {
      const problem = problemOf(err);
      this.errors = problem.fields;
      this.error = problem.message;
    } finally {
      this.creating = false;
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-unit-home': ShUnitHome;
  }
}
