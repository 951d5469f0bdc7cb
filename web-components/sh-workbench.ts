// One scheme's page: its tabs (edit, try and test, versions), the bar (sh-workbench-bar), the messages under it and
// the banners. The draft is lib/draft-controller (undo/redo, live checks, save with If-Match); loading, saving,
// submitting and exporting, and what the page says about them, are lib/workbench-controller.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { diffSchemes } from '../server/engine/browser.js';
import type { Scheme } from '../server/schemas/scheme.js';
import type { FieldError, VersionMeta } from './lib/api.js';
import { DraftController } from './lib/draft-controller.js';
import { type ItemFocusDetail, type WorkbenchCommandDetail, fire } from './lib/events.js';
import { itemPointer } from './lib/format.js';
import { mayEditUnit, session } from './lib/session.js';
import { WorkbenchController } from './lib/workbench-controller.js';
import { askMessage, conflictMessage, exportingMessage, noticeMessage, placeOf, stateBanner } from './lib/workbench-messages.js';
import { shared } from './styles/shared.js';
import type { ShSchemeEditor } from './sh-scheme-editor.js';
import './sh-diff-view.js';
import './sh-impact-panel.js';
import './sh-scheme-editor.js';
import './sh-tester.js';
import './sh-versions.js';
import './sh-workbench-bar.js';
import { ask } from './sh-confirm.js';

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
      @media (max-width: 760px) { .body, .flash { padding-left: 10px; padding-right: 10px; } .sticky { position: static; } .tabs { overflow-x: auto; } }
      .flash { padding: 0 20px; max-height: 40vh; overflow: auto; }
      .flash .message { margin: 0 0 10px; }
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

  @state() private showChanges = false;
  @query('sh-scheme-editor') private editor?: ShSchemeEditor;
  private readonly drafts = new DraftController(this, () => this.schemeId);
  private readonly page = new WorkbenchController(this, this.drafts, () => this.schemeId);
  private loadedScheme = '';
  private loadedVersion = 0;

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
    return this.doc?.state === 'draft' && this.canEditUnit;
  }

  /** The unit's archivists and admins may edit its tables (drafts) and start new drafts. */
  private get canEditUnit(): boolean {
    return mayEditUnit(this.page.info?.unitId);
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
  load(number = this.version) {
    return this.page.load(number);
  }

  save(): Promise<boolean> {
    return this.page.save();
  }

  /** Whether the page may be left; asks in the page when there are unsaved edits. */
  async canLeave(): Promise<boolean> {
    return (
      !this.dirty ||
      ask('有未保存的修改，离开后将丢失。确定离开？', { confirmLabel: '离开，不保存', cancelLabel: '留在此页', danger: true })
    );
  }

  override render() {
    const info = this.page.info;
    if (this.page.loadError)
      return html`<div class="body"><div class="message error" role="alert">${this.page.loadError}</div><a href="#/">返回首页</a></div>`;
    if (!info || !this.doc || !this.draft) return html`<div class="body"><p class="muted" role="status">正在加载三合一表…</p></div>`;
    const doc = this.doc;
    const dirty = this.dirty;
    const analysis = this.page.analysis;
    const tab = (id: WorkbenchTab, label: string) =>
      html`<button type="button" role="tab" aria-selected=${this.tab === id ? 'true' : 'false'} @click=${() => this.setTab(id)}>${label}</button>`;
    return html`
      <div class="sticky">
        <sh-workbench-bar
          name=${info.name}
          .doc=${doc}
          ?dirty=${dirty}
          ?editable=${this.editable}
          ?showChanges=${this.showChanges}
          ?canUndo=${this.drafts.canUndo}
          ?canRedo=${this.drafts.canRedo}
          ?saving=${this.drafts.saving}
          ?exporting=${!!this.page.exporting}
          @workbench-command=${this.onCommand}
        ></sh-workbench-bar>
        <div class="flash">${this.renderFlash()}${dirty && this.showChanges ? this.renderChanges() : nothing}</div>
      </div>
      <div class="body">
        ${this.renderBanners(info.versions.find((v) => v.state === 'draft'))}
        <div class="tabs" role="tablist" aria-label="三合一表工作台">
          ${tab('edit', this.editable ? '编辑三合一表' : '查看三合一表')}
          ${tab('try', '试分类与测试')}
          ${tab('versions', `版本与对比（${info.versions.length}）`)}
        </div>
        ${
          this.tab === 'edit'
            ? html`<sh-scheme-editor
              .scheme=${this.draft}
              .saved=${doc.document}
              .baseline=${this.page.baseline}
              .errors=${this.drafts.errors}
              .findings=${analysis && !(analysis instanceof Error) ? analysis.findings : []}
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
              .analysis=${analysis}
              .baseline=${this.page.baseline}
              ?dirty=${dirty}
              ?readonly=${!this.editable}
              @scheme-change=${this.onChange}
              @item-focus=${this.onItemFocus}
            ></sh-tester>${this.editable ? html`<sh-impact-panel .schemeId=${this.schemeId} .version=${doc.number}></sh-impact-panel>` : nothing}`
            : nothing
        }
        ${
          this.tab === 'versions'
            ? html`<sh-versions .info=${info} .current=${doc.number} ?canEdit=${this.canEditUnit}
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
    const { ask, exporting, notice } = this.page;
    return html`${ask ? askMessage(ask, () => this.page.closeAsk()) : nothing}
      ${exporting ? exportingMessage(exporting) : nothing}
      ${this.drafts.conflict ? conflictMessage(this.drafts.conflict.theirs, this.page.overwrite, this.page.takeTheirs) : nothing}
      ${
        notice
          ? noticeMessage(
              notice,
              (e) => this.errorLink(e),
              () => this.page.say(null),
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
            newDraft: () => this.page.newDraft(doc.number),
          })
        : nothing
    }
      ${
        this.editable && errors.length && !this.page.notice?.errors
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
    this.page.edit(e.detail.scheme);
  };

  private onCommand = (e: CustomEvent<WorkbenchCommandDetail>) => {
    const c = e.detail;
    if (c.command === 'undo') this.drafts.undo();
    else if (c.command === 'redo') this.drafts.redo();
    else if (c.command === 'discard') this.page.discard();
    else if (c.command === 'save') void this.save();
    else if (c.command === 'submit') void this.page.submit();
    else if (c.command === 'toggle-changes') this.showChanges = !this.showChanges;
    else if (c.command === 'export') void this.page.exportAs(c.format);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-workbench': ShWorkbench;
  }
}
