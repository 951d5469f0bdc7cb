// One scheme's page: the draft (lib/draft-controller: undo/redo, live checks, save with If-Match), submit, tests,
// compare, export.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { diffSchemes } from '../server/engine/browser.js';
import type { Scheme } from '../server/schemas/scheme.js';
import { type AnalysisResponse, ApiError, type FieldError, type SchemeInfo, type VersionMeta } from './lib/api.js';
import { baselineFor } from './lib/baseline-for.js';
import { DraftController } from './lib/draft-controller.js';
import { downloadBlob } from './lib/download.js';
import {
  type Ask,
  type Notice,
  askMessage,
  conflictMessage,
  exportingMessage,
  noticeMessage,
  placeOf,
  stateBanner,
} from './lib/workbench-messages.js';
import { type ItemFocusDetail, fire } from './lib/events.js';
import { STATE_LABELS, formatDateTime, itemPointer } from './lib/format.js';
import { submitNotice, submitProblems } from './lib/submit-check.js';
import { api, session } from './lib/session.js';
import { shared } from './styles/shared.js';
import { STATE_BADGE } from './sh-versions.js';
import type { ShSchemeEditor } from './sh-scheme-editor.js';
import './sh-scheme-editor.js';
import './sh-tester.js';
import './sh-versions.js';
import './sh-diff-view.js';
import './sh-shortcuts.js';
import { submitVersion } from './lib/api-review.js';
import './sh-impact-panel.js';
import { exportVersion, getAnalysis, getScheme, getVersion, newVersion } from './lib/api-schemes.js';

export type WorkbenchTab = 'edit' | 'try' | 'versions';

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
      header.bar { padding: 10px 20px; display: flex; gap: 8px 12px; align-items: center; flex-wrap: wrap; }
      @media (max-width: 760px) { header.bar, .body, .flash { padding-left: 10px; padding-right: 10px; } .sticky { position: static; } .tabs { overflow-x: auto; } }
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
  @state() private loadError = '';
  @state() private ask: Ask | null = null;
  /** The national baseline the table is held to (floors shown on the rows). */
  @state() private baseline: Scheme | null = null;
  /** The export being prepared (a PDF takes a few seconds): its format and when it started. */
  @state() private exporting: { format: string; started: number } | null = null;
  @state() private notice: Notice | null = null;
  @state() private analysis: AnalysisResponse | Error | undefined = undefined;
  @state() private showChanges = false;
  @query('sh-scheme-editor') private editor?: ShSchemeEditor;
  private readonly drafts = new DraftController(this, () => this.schemeId);
  private loadedScheme = '';
  private loadedVersion = 0;
  private tick: ReturnType<typeof setInterval> | undefined;

  private get doc() {
    return this.drafts.doc;
  }

  private get draft() {
    return this.drafts.draft;
  }

  get dirty(): boolean {
    return this.drafts.dirty;
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
    clearInterval(this.tick);
  }

  private onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (this.dirty) {
      e.preventDefault();
      e.returnValue = '';
    }
  };

  private onKeydown = (e: KeyboardEvent) => {
    if (this.editable) this.drafts.shortcut(e, () => void this.save());
  };

  /** Whether an address (scheme, version; 0 = the default one) shows what this page has open: then nothing reloads. */
  shows(schemeId: string | number, version: number): boolean {
    if (String(schemeId) !== this.loadedScheme) return false;
    return version === 0
      ? !this.loadedVersion || this.loadedVersion === this.doc?.number
      : version === this.doc?.number || version === this.loadedVersion;
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
    // What was said about another table or version does not stay on this one.
    this.notice = null;
    this.ask = null;
    try {
      const info = await getScheme(api, this.schemeId);
      const open = info.versions.find((v) => v.state === 'draft') ?? info.versions.at(-1);
      const n = number || open?.number || 1;
      const doc = await getVersion(api, this.schemeId, n);
      this.info = info;
      this.drafts.reset(doc);
      this.loadAnalysis();
      void baselineFor(doc.document).then((b) => (this.baseline = b));
    } catch (e) {
      this.loadError = e instanceof ApiError ? (e.status === 404 ? '找不到该三合一表或版本，或您无权查看。' : e.userMessage) : String(e);
    }
  }

  private async loadAnalysis() {
    if (!this.doc) return;
    this.analysis = undefined;
    const { number, rev } = this.doc;
    try {
      const a = await getAnalysis(api, this.schemeId, number);
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
    if (this.loadError)
      return html`<div class="body"><div class="message error" role="alert">${this.loadError}</div><a href="#/">返回首页</a></div>`;
    if (!this.info || !this.doc || !this.draft) return html`<div class="body"><p class="muted" role="status">正在加载三合一表…</p></div>`;
    const doc = this.doc;
    const dirty = this.dirty;
    const open = this.info.versions.find((v) => v.state === 'draft');
    const tab = (id: WorkbenchTab, label: string) =>
      html`<button type="button" role="tab" aria-selected=${this.tab === id ? 'true' : 'false'} @click=${() => this.setTab(id)}>${label}</button>`;
    return html`
      <div class="sticky">
      <header class="bar">
        <h1>${this.info.name}</h1>
        <span>第 ${doc.number} 版</span>
        <span class="badge ${STATE_BADGE[doc.state]}" data-state=${doc.state}>${STATE_LABELS[doc.state]}</span>
        ${
          dirty
            ? html`<span class="dirty" role="status">● 有未保存的修改</span>
              <button type="button" class="link" aria-expanded=${this.showChanges ? 'true' : 'false'} @click=${() => (this.showChanges = !this.showChanges)}>${this.showChanges ? '收起修改' : '查看修改'}</button>`
            : this.editable
              ? html`<span class="muted small">已保存 ${formatDateTime(doc.updatedAt)}</span>`
              : nothing
        }
        <span class="spacer"></span>
        <label class="visually-hidden" for="export">导出已保存的第 ${doc.number} 版</label>
        <select id="export" title="导出已保存的第 ${doc.number} 版" ?disabled=${!!this.exporting} @change=${this.onExport}>
          <option value="" selected>导出…</option>
          <option value="xlsx">Excel 表格（.xlsx）</option>
          <option value="pdf">报批打印版（PDF）</option>
          <option value="csv">CSV</option>
        </select>
        ${
          this.editable
            ? html`
              <button type="button" ?disabled=${!this.drafts.canUndo} title="Ctrl+Z" @click=${() => this.drafts.undo()}>撤销</button>
              <button type="button" ?disabled=${!this.drafts.canRedo} title="Ctrl+Shift+Z" @click=${() => this.drafts.redo()}>重做</button>
              <button type="button" ?disabled=${!dirty || this.drafts.saving} @click=${this.discard}>放弃修改</button>
              <button type="button" class="primary" ?disabled=${!dirty || this.drafts.saving} title="Ctrl+S" @click=${() => this.save()}>${this.drafts.saving ? '正在保存…' : '保存'}</button>
              <button type="button" ?disabled=${this.drafts.saving} @click=${this.submit}>提交审批</button>`
            : nothing
        }
        <sh-shortcuts></sh-shortcuts>
      </header>
      <div class="flash">${this.renderFlash()}${dirty && this.showChanges ? this.renderChanges() : nothing}</div>
      </div>
      <div class="body">
        ${this.renderBanners(open)}
        <div class="tabs" role="tablist" aria-label="三合一表工作台">
          ${tab('edit', this.editable ? '编辑三合一表' : '查看三合一表')}
          ${tab('try', '试分类与测试')}
          ${tab('versions', `版本与对比（${this.info.versions.length}）`)}
        </div>
        ${
          this.tab === 'edit'
            ? html`<sh-scheme-editor
              .scheme=${this.draft}
              .saved=${doc.document}
              .baseline=${this.baseline}
              .errors=${this.drafts.errors}
              .findings=${this.analysis && !(this.analysis instanceof Error) ? this.analysis.findings : []}
              ?readonly=${!this.editable}
              @scheme-change=${this.onChange}
            ></sh-scheme-editor>`
            : nothing
        }
        ${
          this.tab === 'try'
            ? html`<sh-tester
              .scheme=${this.draft}
              .version=${doc.number}
              .analysis=${this.analysis}
              ?dirty=${dirty}
              ?readonly=${!this.editable}
              @scheme-change=${this.onChange}
              @item-focus=${this.onItemFocus}
            ></sh-tester>${this.editable ? html`<sh-impact-panel .schemeId=${this.schemeId} .version=${doc.number}></sh-impact-panel>` : nothing}`
            : nothing
        }
        ${
          this.tab === 'versions'
            ? html`<sh-versions .info=${this.info} .current=${doc.number} ?canEdit=${this.canEditUnit}
              @versions-changed=${(e: CustomEvent<{ version?: number }>) => fire(this, 'navigate', { href: `#/schemes/${this.schemeId}/v/${e.detail.version}` })}></sh-versions>`
            : nothing
        }
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

  /** The messages under the bar: a question waiting, an export in progress, a conflict, what was just done. */
  private renderFlash() {
    const ask = this.ask;
    return html`${ask ? askMessage(ask, () => (this.ask = null)) : nothing}
      ${this.exporting ? exportingMessage(this.exporting) : nothing}
      ${this.drafts.conflict ? conflictMessage(this.drafts.conflict.theirs, this.overwrite, this.takeTheirs) : nothing}
      ${
        this.notice
          ? noticeMessage(
              this.notice,
              (e) => this.errorLink(e),
              () => (this.notice = null),
            )
          : nothing
      }`;
  }

  private renderBanners(open: VersionMeta | undefined) {
    const doc = this.doc!;
    const errors = this.drafts.errors;
    const user = session()?.user;
    return html`${
      !this.editable && doc.state !== 'draft'
        ? stateBanner(doc, this.schemeId, {
            archivist: this.canEditUnit,
            reviewer: user?.role === 'reviewer',
            open,
            newDraft: () => this.newDraft(doc.number),
          })
        : nothing
    }
      ${
        this.editable && errors.length && !this.notice?.errors
          ? html`<div class="message error small" data-live-errors>三合一表当前有 ${errors.length} 处错误（保存前须修正）：
            <ul>${errors.slice(0, 5).map((e) => html`<li>${this.errorLink(e)}</li>`)}${errors.length > 5 ? html`<li>…</li>` : nothing}</ul></div>`
          : nothing
      }`;
  }

  private errorLink(e: FieldError) {
    return html`<button type="button" class="link" @click=${() => this.reveal({ path: e.path })}>${placeOf(e.path, this.draft)}</button>：${e.message}`;
  }

  private setTab(tab: WorkbenchTab) {
    this.tab = tab;
    fire(this, 'navigate', { href: `#/schemes/${this.schemeId}/v/${this.doc?.number ?? ''}${tab === 'edit' ? '' : `/${tab}`}` });
  }

  private reveal(detail: ItemFocusDetail) {
    if (detail.path === '/tests' || (detail.path && itemPointer(detail.path)?.collection === 'tests')) {
      this.setTab('try');
      return;
    }
    this.setTab('edit');
    this.updateComplete.then(() => this.editor?.updateComplete).then(() => this.editor?.reveal(detail));
  }

  private onItemFocus = (e: CustomEvent<ItemFocusDetail>) => this.reveal(e.detail);

  private onChange = (e: CustomEvent<{ scheme: Scheme }>) => {
    if (!this.editable) return;
    this.drafts.change(e.detail.scheme);
    if (this.notice?.kind === 'ok') this.notice = null;
  };

  async save(): Promise<boolean> {
    if (!this.doc || !this.info) return false;
    this.notice = null;
    const r = await this.drafts.save();
    if (r.ok) {
      this.info = { ...this.info, versions: this.info.versions.map((v) => (v.number === r.meta.number ? r.meta : v)) };
      this.notice = { kind: 'ok', text: `已保存第 ${r.meta.number} 版。` };
      this.loadAnalysis();
    } else if (r.kind === 'invalid') {
      this.notice = { kind: 'error', text: `未保存：${r.message}。请修正以下问题后再保存（修改仍保留在本页）。`, errors: r.errors };
    } else if (r.kind === 'failed') {
      this.notice = { kind: 'error', text: `未保存：${r.message}（修改仍保留在本页）` };
    }
    return r.ok;
  }

  /** After a conflict: save my draft over the newer version (its ETag taken now, deliberately). */
  private overwrite = async () => {
    try {
      this.notice = null;
      const r = await this.drafts.overwrite();
      if (r.ok) {
        this.notice = { kind: 'ok', text: `已保存第 ${r.meta.number} 版。` };
        this.loadAnalysis();
      } else if (r.kind !== 'conflict') this.notice = { kind: 'error', text: `未保存：${r.message}` };
    } catch (e) {
      this.notice = { kind: 'error', text: e instanceof ApiError ? e.userMessage : String(e) };
    }
  };

  private takeTheirs = () => {
    this.ask = { text: '放弃您在本页的全部修改，载入对方保存的版本？', yes: '放弃我的修改', run: () => this.load(this.doc?.number) };
  };

  private discard = () => {
    this.ask = {
      text: '放弃所有未保存的修改？（之后仍可“撤销”找回）',
      yes: '放弃修改',
      run: () => {
        this.drafts.discard();
        this.notice = null;
      },
    };
  };

  private submit = async () => {
    if (!this.doc || !this.info) return;
    if (this.dirty && !(await this.save())) return;
    const found = submitNotice(submitProblems(this.doc.document, this.baseline));
    this.notice = found?.notice ?? null;
    if (found?.block) return;
    const n = this.doc.number;
    this.ask = { text: `提交第 ${n} 版审批？提交后不能再修改。`, yes: '确认提交', run: () => this.doSubmit(n) };
  };

  private async doSubmit(n: number) {
    try {
      const meta = await submitVersion(api, this.schemeId, n);
      await this.load(meta.number);
      const findings = meta.compliance?.findings.filter((f) => f.severity === 'warning').length ?? 0;
      this.notice = {
        kind: 'ok',
        text: `已提交第 ${meta.number} 版，等待审批。${findings ? `注意：有 ${findings} 条基线测试记录在本表中需人工判断，审批人需说明理由。` : ''}`,
      };
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) {
        this.notice = { kind: 'error', text: `未能提交：${e.userMessage}`, errors: e.errors };
      } else this.notice = { kind: 'error', text: `未能提交：${e instanceof ApiError ? e.userMessage : String(e)}` };
    }
  }

  private onExport = async (e: Event) => {
    const select = e.target as HTMLSelectElement;
    const format = select.value as 'xlsx' | 'csv' | 'pdf';
    select.value = '';
    if (!format || !this.doc || this.exporting) return;
    this.exporting = { format, started: Date.now() };
    this.tick = setInterval(() => this.requestUpdate(), 1000);
    try {
      const { blob, filename } = await exportVersion(api, this.schemeId, this.doc.number, format);
      downloadBlob(blob, filename);
      if (this.dirty) this.notice = { kind: 'info', text: `已导出已保存的第 ${this.doc.number} 版；本页未保存的修改不在其中。` };
    } catch (err) {
      this.notice = { kind: 'error', text: `导出失败：${err instanceof ApiError ? err.userMessage : String(err)}` };
    } finally {
      clearInterval(this.tick);
      this.exporting = null;
    }
  };

  private async newDraft(from: number) {
    try {
      const v = await newVersion(api, this.schemeId, from);
      fire(this, 'navigate', { href: `#/schemes/${this.schemeId}/v/${v.number}` });
    } catch (e) {
      this.notice = { kind: 'error', text: e instanceof ApiError ? e.userMessage : String(e) };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-workbench': ShWorkbench;
  }
}
