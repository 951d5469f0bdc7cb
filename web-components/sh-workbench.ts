// One scheme's page: keeps the unsaved draft, saves with If-Match (conflicts keep the edits), submits, tests, compares.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { diffSchemes } from '../server/engine/diff.js';
import type { Scheme } from '../server/schemas/scheme.js';
import { type AnalysisResponse, ApiError, type FieldError, type SchemeInfo, type VersionDoc, type VersionMeta } from './lib/api.js';
import { deepEqual } from './lib/condition-model.js';
import { type ItemFocusDetail, fire } from './lib/events.js';
import { STATE_LABELS, formatDateTime, itemPointer, partLabel } from './lib/format.js';
import { api, session } from './lib/session.js';
import { shared } from './styles/shared.js';
import { STATE_BADGE } from './sh-versions.js';
import type { ShSchemeEditor } from './sh-scheme-editor.js';
import './sh-scheme-editor.js';
import './sh-tester.js';
import './sh-versions.js';
import './sh-diff-view.js';

export type WorkbenchTab = 'edit' | 'try' | 'versions';

interface Conflict {
  /** The version as someone else saved it. */
  theirs: VersionDoc | null;
}

/**
 * @fires navigate - `{ href }` to open another version or page.
 */
@customElement('sh-workbench')
export class ShWorkbench extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      .sticky { position: sticky; top: 0; z-index: 5; background: #fff; border-bottom: 1px solid var(--sh-line); }
      header.bar { padding: 10px 20px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
      .flash { padding: 0 20px; max-height: 40vh; overflow: auto; }
      #export { width: 104px; }
      .flash .message { margin: 0 0 10px; }
      header.bar h1 { margin: 0; font-size: 18px; }
      .dirty { color: var(--sh-amber); font-weight: 600; }
      .body { padding: 12px 20px 40px; }
      .tabs { margin-bottom: 14px; }
      .message .actions { display: flex; gap: 8px; margin-top: 8px; flex-wrap: wrap; }
      .message li button.link { font-size: inherit; }
    `,
  ];

  @property({ attribute: false }) schemeId: string | number = '';
  /** Version number from the address; the open draft (or the latest version) when 0. */
  @property({ type: Number }) version = 0;
  @property() tab: WorkbenchTab = 'edit';

  @state() private info: SchemeInfo | null = null;
  @state() private doc: VersionDoc | null = null;
  @state() private draft: Scheme | null = null;
  @state() private errors: FieldError[] = [];
  @state() private loadError = '';
  @state() private saving = false;
  @state() private conflict: Conflict | null = null;
  @state() private notice: { kind: 'ok' | 'error' | 'info' | 'warn'; text: string; errors?: FieldError[] } | null = null;
  @state() private analysis: AnalysisResponse | Error | undefined = undefined;
  @state() private showChanges = false;
  @query('sh-scheme-editor') private editor?: ShSchemeEditor;
  private validateTimer: ReturnType<typeof setTimeout> | undefined;
  private loadedScheme = '';
  private loadedVersion = 0;

  get dirty(): boolean {
    return !!this.doc && !!this.draft && !sameContent(this.doc.document, this.draft);
  }

  get editable(): boolean {
    const user = session()?.user;
    if (!user || !this.info || this.doc?.state !== 'draft') return false;
    return user.role === 'admin' || (user.role === 'archivist' && user.orgId === this.info.unitId);
  }

  private get canEditUnit(): boolean {
    const user = session()?.user;
    return !!user && !!this.info && (user.role === 'admin' || (user.role === 'archivist' && user.orgId === this.info.unitId));
  }

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onBeforeUnload);
    window.addEventListener('keydown', this.onKeydown);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    window.removeEventListener('keydown', this.onKeydown);
    clearTimeout(this.validateTimer);
  }

  private onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (this.dirty) {
      e.preventDefault();
      e.returnValue = '';
    }
  };

  private onKeydown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      if (this.editable && this.dirty) void this.save();
    }
  };

  /** Whether an address (scheme, version; 0 = the default one) shows what this page has open: then nothing reloads. */
  shows(schemeId: string | number, version: number): boolean {
    if (String(schemeId) !== this.loadedScheme) return false;
    return version === 0 ? !this.loadedVersion || this.loadedVersion === this.doc?.number : version === this.doc?.number || version === this.loadedVersion;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if ((changed.has('schemeId') || changed.has('version')) && !this.shows(this.schemeId, this.version)) {
      this.loadedScheme = String(this.schemeId);
      this.loadedVersion = this.version;
      void this.load();
    }
  }

  /** Loads the scheme and the version; keeps nothing of a previous draft. */
  async load(number = this.version) {
    this.loadError = '';
    this.conflict = null;
    try {
      const info = await api.scheme(this.schemeId);
      const open = info.versions.find((v) => v.state === 'draft') ?? info.versions.at(-1);
      const n = number || open?.number || 1;
      const doc = await api.version(this.schemeId, n);
      this.info = info;
      this.doc = doc;
      this.draft = doc.document;
      this.errors = [];
      this.loadAnalysis();
    } catch (e) {
      this.loadError = e instanceof ApiError ? (e.status === 404 ? '找不到该方案或版本，或您无权查看。' : e.userMessage) : String(e);
    }
  }

  private async loadAnalysis() {
    if (!this.doc) return;
    this.analysis = undefined;
    const { number, rev } = this.doc;
    try {
      const a = await api.analysis(this.schemeId, number);
      if (this.doc?.number === number && this.doc.rev === rev) this.analysis = a;
    } catch (e) {
      this.analysis = e as Error;
    }
  }

  /** Whether the page may be left; asks when there are unsaved edits. */
  canLeave(): boolean {
    return !this.dirty || confirm('有未保存的修改，离开后将丢失。确定离开？');
  }

  override render() {
    if (this.loadError) return html`<div class="body"><div class="message error" role="alert">${this.loadError}</div><a href="#/">返回首页</a></div>`;
    if (!this.info || !this.doc || !this.draft) return html`<div class="body"><p class="muted" role="status">正在加载方案…</p></div>`;
    const doc = this.doc;
    const dirty = this.dirty;
    const open = this.info.versions.find((v) => v.state === 'draft');
    const tab = (id: WorkbenchTab, label: string) => html`<button type="button" role="tab" aria-selected=${this.tab === id ? 'true' : 'false'} @click=${() => this.setTab(id)}>${label}</button>`;
    return html`
      <div class="sticky">
      <header class="bar">
        <h1>${this.info.name}</h1>
        <span>第 ${doc.number} 版</span>
        <span class="badge ${STATE_BADGE[doc.state]}" data-state=${doc.state}>${STATE_LABELS[doc.state]}</span>
        ${dirty
          ? html`<span class="dirty" role="status">● 有未保存的修改</span>
              <button type="button" class="link" aria-expanded=${this.showChanges ? 'true' : 'false'} @click=${() => (this.showChanges = !this.showChanges)}>${this.showChanges ? '收起修改' : '查看修改'}</button>`
          : this.editable ? html`<span class="muted small">已保存 ${formatDateTime(doc.updatedAt)}</span>` : nothing}
        <span class="spacer"></span>
        <label class="visually-hidden" for="export">导出已保存的第 ${doc.number} 版</label>
        <select id="export" title="导出已保存的第 ${doc.number} 版" @change=${this.onExport}>
          <option value="" selected>导出…</option>
          <option value="xlsx">Excel 表格（.xlsx）</option>
          <option value="pdf">报批打印版（PDF）</option>
          <option value="csv">CSV</option>
        </select>
        ${this.editable
          ? html`
              <button type="button" ?disabled=${!dirty || this.saving} @click=${this.discard}>放弃修改</button>
              <button type="button" class="primary" ?disabled=${!dirty || this.saving} title="Ctrl+S" @click=${() => this.save()}>${this.saving ? '正在保存…' : '保存'}</button>
              <button type="button" ?disabled=${this.saving} @click=${this.submit}>提交审批</button>`
          : nothing}
      </header>
      <div class="flash">${this.renderFlash()}${dirty && this.showChanges ? this.renderChanges() : nothing}</div>
      </div>
      <div class="body">
        ${this.renderBanners(open)}
        <div class="tabs" role="tablist" aria-label="方案工作台">
          ${tab('edit', this.editable ? '编辑三合一表' : '查看三合一表')}
          ${tab('try', '试分类与测试')}
          ${tab('versions', `版本与对比（${this.info.versions.length}）`)}
        </div>
        ${this.tab === 'edit'
          ? html`<sh-scheme-editor
              .scheme=${this.draft}
              .saved=${doc.document}
              .errors=${this.errors}
              .findings=${this.analysis && !(this.analysis instanceof Error) ? this.analysis.findings : []}
              ?readonly=${!this.editable}
              @scheme-change=${this.onChange}
            ></sh-scheme-editor>`
          : nothing}
        ${this.tab === 'try'
          ? html`<sh-tester
              .scheme=${this.draft}
              .version=${doc.number}
              .analysis=${this.analysis}
              ?dirty=${dirty}
              ?readonly=${!this.editable}
              @scheme-change=${this.onChange}
              @item-focus=${this.onItemFocus}
            ></sh-tester>`
          : nothing}
        ${this.tab === 'versions'
          ? html`<sh-versions .info=${this.info} .current=${doc.number} ?canEdit=${this.canEditUnit}
              @versions-changed=${(e: CustomEvent<{ version?: number }>) => fire(this, 'navigate', { href: `#/schemes/${this.schemeId}/v/${e.detail.version}` })}></sh-versions>`
          : nothing}
      </div>
    `;
  }

  /** The unsaved edits, as the engine's semantic diff of the draft against the saved version. */
  private renderChanges() {
    const saved = this.doc!.document;
    const diff = diffSchemes(saved, this.draft!, { from: this.doc!.number, to: null });
    return html`<section class="card" aria-label="未保存的修改" style="margin-bottom:10px">
      <sh-diff-view .from=${saved} .to=${this.draft} .diff=${diff} fromLabel="已保存的第 ${this.doc!.number} 版" toLabel="本页未保存的修改"></sh-diff-view>
    </section>`;
  }

  /** Results of what was just done (save, submit, conflict): in the sticky header, where the buttons are. */
  private renderFlash() {
    const out = [];
    if (this.conflict) {
      const theirs = this.conflict.theirs;
      out.push(html`<div class="message warn" role="alert" data-conflict>
        <strong>保存失败：此草稿已被他人修改。</strong>
        ${theirs ? html`对方于 ${formatDateTime(theirs.updatedAt)} 保存了新的内容。` : nothing}
        您的修改仍保留在本页，没有丢失。请选择：
        <div class="actions">
          <button type="button" class="primary" @click=${this.overwrite}>用我的修改覆盖对方的版本</button>
          <button type="button" @click=${this.takeTheirs}>放弃我的修改，载入对方的版本</button>
        </div>
      </div>`);
    }
    if (this.notice) {
      const n = this.notice;
      out.push(html`<div class="message ${n.kind}" role=${n.kind === 'error' ? 'alert' : 'status'} data-notice=${n.kind}>
        ${n.text}
        ${n.errors?.length ? html`<ul>${n.errors.slice(0, 12).map((e) => html`<li>${this.errorLink(e)}</li>`)}${n.errors.length > 12 ? html`<li>…共 ${n.errors.length} 处</li>` : nothing}</ul>` : nothing}
        ${n.kind === 'ok' ? html` <button type="button" class="link small" aria-label="关闭提示" @click=${() => (this.notice = null)}>知道了</button>` : nothing}
      </div>`);
    }
    return out;
  }

  private renderBanners(open: VersionMeta | undefined) {
    const doc = this.doc!;
    const out = [];
    if (!this.editable && doc.state !== 'draft') {
      const user = session()?.user;
      const archivist = this.canEditUnit;
      const text =
        doc.state === 'submitted' ? `第 ${doc.number} 版已于 ${formatDateTime(doc.submittedAt)} 提交，正在等待审批，不能修改。`
        : doc.state === 'approved' ? `第 ${doc.number} 版已批准（${doc.approvalNumber ?? ''}，自 ${doc.effectiveFrom ?? ''} 起生效），不能修改。`
        : doc.state === 'rejected' ? `第 ${doc.number} 版已被退回：${doc.rejectReason ?? ''}`
        : `第 ${doc.number} 版已被新版本替代。`;
      out.push(html`<div class="message ${doc.state === 'rejected' ? 'error' : 'info'}" data-state-banner>
        ${text}
        ${archivist
          ? open
            ? html` <a href="#/schemes/${this.schemeId}/v/${open.number}">打开草稿第 ${open.number} 版</a>`
            : doc.state !== 'submitted' ? html` <button type="button" class="link" @click=${() => this.newDraft(doc.number)}>基于此版新建草稿继续修改</button>` : nothing
          : user?.role === 'reviewer' && doc.state === 'submitted' ? html` <a href="#/review/${this.schemeId}/${doc.number}">去审批</a>` : nothing}
      </div>`);
    }
    if (this.editable && this.errors.length && !this.notice?.errors) {
      out.push(html`<div class="message error small" data-live-errors>方案当前有 ${this.errors.length} 处错误（保存前须修正）：
        <ul>${this.errors.slice(0, 5).map((e) => html`<li>${this.errorLink(e)}</li>`)}${this.errors.length > 5 ? html`<li>…</li>` : nothing}</ul></div>`);
    }
    return out;
  }

  private errorLink(e: FieldError) {
    const ptr = itemPointer(e.path);
    const where = ptr?.collection === 'items' ? `条款 ${this.draft?.items[ptr.index]?.id ?? ptr.index + 1}${ptr.rest ? ` · ${partLabel(ptr.rest)}` : ''}`
      : ptr?.collection === 'exclusions' ? `不归档条目 ${this.draft?.exclusions?.[ptr.index]?.id ?? ''}`
      : ptr?.collection === 'tests' ? `测试 ${ptr.index + 1}`
      : e.path;
    return html`<button type="button" class="link" @click=${() => this.reveal({ path: e.path })}>${where}</button>：${e.message}`;
  }

  private setTab(tab: WorkbenchTab) {
    this.tab = tab;
    fire(this, 'navigate', { href: `#/schemes/${this.schemeId}/v/${this.doc?.number ?? ''}${tab === 'edit' ? '' : `/${tab}`}` });
  }

  private reveal(detail: ItemFocusDetail) {
    if (detail.path && itemPointer(detail.path)?.collection === 'tests') {
      this.setTab('try');
      return;
    }
    this.setTab('edit');
    this.updateComplete.then(() => this.editor?.updateComplete).then(() => this.editor?.reveal(detail));
  }

  private onItemFocus = (e: CustomEvent<ItemFocusDetail>) => this.reveal(e.detail);

  private onChange = (e: CustomEvent<{ scheme: Scheme }>) => {
    if (!this.editable) return;
    this.draft = e.detail.scheme;
    if (this.notice?.kind === 'ok') this.notice = null;
    clearTimeout(this.validateTimer);
    this.validateTimer = setTimeout(() => void this.validate(), 500);
  };

  /** Live validation of the unsaved draft by the service (the same checks a save runs). */
  private async validate() {
    const draft = this.draft;
    if (!draft) return;
    try {
      const res = await api.try(draft, []);
      if (draft !== this.draft) return;
      this.errors = res.valid ? [] : res.errors.map((x) => ({ ...x, path: x.path.replace(/^\/document/, '') || '/' }));
    } catch {
      // A failed check is not an error of the scheme; saving reports problems.
    }
  }

  async save(): Promise<boolean> {
    if (!this.doc || !this.draft || !this.info) return false;
    this.saving = true;
    this.notice = null;
    const draft = this.draft;
    try {
      const { meta, etag } = await api.saveDocument(this.schemeId, this.doc.number, draft, this.doc.etag ?? '*');
      this.doc = { ...this.doc, ...meta, document: { ...draft, version: meta.number }, etag };
      if (draft === this.draft) this.draft = this.doc.document;
      this.info = { ...this.info, versions: this.info.versions.map((v) => (v.number === meta.number ? meta : v)) };
      this.conflict = null;
      this.errors = [];
      this.notice = { kind: 'ok', text: `已保存第 ${meta.number} 版。` };
      this.loadAnalysis();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        let theirs: VersionDoc | null = null;
        try {
          theirs = await api.version(this.schemeId, this.doc.number);
        } catch {
          // shown without the other side's time
        }
        this.conflict = { theirs };
      } else if (e instanceof ApiError && e.status === 422) {
        this.errors = e.errors;
        this.notice = { kind: 'error', text: `未保存：${e.userMessage}。请修正以下问题后再保存（修改仍保留在本页）。`, errors: e.errors };
      } else {
        this.notice = { kind: 'error', text: `未保存：${e instanceof ApiError ? e.userMessage : String(e)}（修改仍保留在本页）` };
      }
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** After a conflict: save my draft over the newer version (its ETag taken now, deliberately). */
  private overwrite = async () => {
    if (!this.doc) return;
    try {
      const theirs = this.conflict?.theirs ?? (await api.version(this.schemeId, this.doc.number));
      this.doc = { ...this.doc, etag: theirs.etag };
      await this.save();
    } catch (e) {
      this.notice = { kind: 'error', text: e instanceof ApiError ? e.userMessage : String(e) };
    }
  };

  private takeTheirs = async () => {
    if (!confirm('放弃您在本页的全部修改，载入对方保存的版本？')) return;
    this.notice = null;
    await this.load(this.doc?.number);
  };

  private discard = () => {
    if (!this.doc || !confirm('放弃所有未保存的修改？')) return;
    this.draft = this.doc.document;
    this.errors = [];
    this.notice = null;
  };

  private submit = async () => {
    if (!this.doc || !this.info) return;
    if (this.dirty && !(await this.save())) return;
    if (!confirm(`提交第 ${this.doc.number} 版审批？提交后不能再修改。`)) return;
    this.notice = null;
    try {
      const meta = await api.submit(this.schemeId, this.doc.number);
      await this.load(meta.number);
      const findings = meta.compliance?.findings.filter((f) => f.severity === 'error').length ?? 0;
      this.notice = { kind: 'ok', text: `已提交第 ${meta.number} 版，等待审批。${findings ? `注意：与基线相比有 ${findings} 处保管期限缩短或不再归档，审批人需填写理由。` : ''}` };
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        this.notice = { kind: 'error', text: `未能提交：${e.userMessage}`, errors: e.errors };
      } else this.notice = { kind: 'error', text: `未能提交：${e instanceof ApiError ? e.userMessage : String(e)}` };
    }
  };

  private onExport = async (e: Event) => {
    const select = e.target as HTMLSelectElement;
    const format = select.value as 'xlsx' | 'csv' | 'pdf';
    select.value = '';
    if (!format || !this.doc) return;
    try {
      const { blob, filename } = await api.exportVersion(this.schemeId, this.doc.number, format);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      if (this.dirty) this.notice = { kind: 'info', text: `已导出已保存的第 ${this.doc.number} 版；本页未保存的修改不在其中。` };
    } catch (err) {
      this.notice = { kind: 'error', text: `导出失败：${err instanceof ApiError ? err.userMessage : String(err)}` };
    }
  };

  private async newDraft(from: number) {
    try {
      const v = await api.newVersion(this.schemeId, from);
      fire(this, 'navigate', { href: `#/schemes/${this.schemeId}/v/${v.number}` });
    } catch (e) {
      this.notice = { kind: 'error', text: e instanceof ApiError ? e.userMessage : String(e) };
    }
  }
}

/** Same content, ignoring the version number the service writes into stored documents. */
function sameContent(a: Scheme, b: Scheme): boolean {
  return deepEqual({ ...a, version: undefined }, { ...b, version: undefined });
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-workbench': ShWorkbench;
  }
}
