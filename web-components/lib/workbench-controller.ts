// One scheme page's state and its flow: the scheme and version loaded (with its analysis and the baseline it is held
// to), what the page says (a question waiting for a yes, a notice, an export in progress) and the steps that change
// them — save (and after a conflict overwrite or reload), discard, submit, a new draft, export. The draft itself, its
// history and live checks are the DraftController's; sh-workbench renders all of it.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Scheme } from '../../server/schemas/scheme.js';
import { type AnalysisResponse, ApiError, type Id, type SchemeInfo, errorText } from './api.js';
import { submitVersion } from './api-review.js';
import { exportVersion, getAnalysis, getScheme, getVersion, newVersion } from './api-schemes.js';
import { baselineFor } from './baseline-for.js';
import type { DraftController } from './draft-controller.js';
import { downloadBlob } from './download.js';
import { fire } from './events.js';
import { api } from './session.js';
import { submitNotice, submitProblems } from './submit-check.js';
import type { Ask, Notice } from './workbench-messages.js';

const failure = (e: unknown) => errorText(e);

export class WorkbenchController implements ReactiveController {
  info: SchemeInfo | null = null;
  loadError = '';
  /** An action waiting for the person's yes. */
  ask: Ask | null = null;
  notice: Notice | null = null;
  /** The national baseline the table is held to (floors shown on the rows). */
  baseline: Scheme | null = null;
  analysis: AnalysisResponse | Error | undefined = undefined;
  /** The export being prepared (a PDF takes a few seconds): its format and when it started. */
  exporting: { format: string; started: number } | null = null;
  private tick: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly drafts: DraftController,
    private readonly schemeId: () => Id,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearInterval(this.tick);
  }

  private changed(): void {
    this.host.requestUpdate();
  }

  say(notice: Notice | null): void {
    this.notice = notice;
    this.changed();
  }

  closeAsk(): void {
    this.ask = null;
    this.changed();
  }

  /** Loads the scheme and version `number` (0: the open draft, else the latest); keeps nothing of a previous draft. */
  async load(number: number): Promise<void> {
    this.loadError = '';
    // What was said about another table or version does not stay on this one.
    this.notice = null;
    this.ask = null;
    this.changed();
    try {
      const info = await getScheme(api, this.schemeId());
      const open = info.versions.find((v) => v.state === 'draft') ?? info.versions.at(-1);
      const n = number || open?.number || 1;
      const doc = await getVersion(api, this.schemeId(), n);
      this.info = info;
      this.drafts.reset(doc);
      void this.loadAnalysis();
      void baselineFor(doc.document).then((b) => {
        this.baseline = b;
        this.changed();
      });
    } catch (e) {
      this.loadError = e instanceof ApiError ? (e.status === 404 ? '找不到该三合一表或版本，或您无权查看。' : e.userMessage) : String(e);
    }
    this.changed();
  }

  private async loadAnalysis(): Promise<void> {
    const doc = this.drafts.doc;
    if (!doc) return;
    this.analysis = undefined;
    this.changed();
    const { number, rev } = doc;
    try {
      const a = await getAnalysis(api, this.schemeId(), number);
      if (this.drafts.doc?.number === number && this.drafts.doc.rev === rev) this.analysis = a;
    } catch (e) {
      this.analysis = e as Error;
    }
    this.changed();
  }

  /** An edit of the table: a notice of what was just done no longer applies. */
  edit(scheme: Scheme): void {
    this.drafts.change(scheme);
    if (this.notice?.kind === 'ok') this.say(null);
  }

  async save(): Promise<boolean> {
    if (!this.drafts.doc || !this.info) return false;
    this.say(null);
    const r = await this.drafts.save();
    if (r.ok) {
      const info = this.info;
      this.info = info && { ...info, versions: info.versions.map((v) => (v.number === r.meta.number ? r.meta : v)) };
      this.notice = { kind: 'ok', text: `已保存第 ${r.meta.number} 版。` };
      void this.loadAnalysis();
    } else if (r.kind === 'invalid') {
      this.notice = { kind: 'error', text: `未保存：${r.message}。请修正以下问题后再保存（修改仍保留在本页）。`, errors: r.errors };
    } else if (r.kind === 'failed') {
      this.notice = { kind: 'error', text: `未保存：${r.message}（修改仍保留在本页）` };
    }
    this.changed();
    return r.ok;
  }

  /** After a conflict: save my draft over the newer version (its ETag taken now, deliberately). */
  overwrite = async (): Promise<void> => {
    try {
      this.say(null);
      const r = await this.drafts.overwrite();
      if (r.ok) {
        this.notice = { kind: 'ok', text: `已保存第 ${r.meta.number} 版。` };
        void this.loadAnalysis();
      } else if (r.kind !== 'conflict') this.notice = { kind: 'error', text: `未保存：${r.message}` };
    } catch (e) {
      this.notice = { kind: 'error', text: failure(e) };
    }
    this.changed();
  };

  /** After a conflict: drop my edits and load what the other side saved (asked first). */
  takeTheirs = (): void => {
    this.ask = {
      text: '放弃您在本页的全部修改，载入对方保存的版本？',
      yes: '放弃我的修改',
      run: () => this.load(this.drafts.doc?.number ?? 0),
    };
    this.changed();
  };

  discard(): void {
    this.ask = {
      text: '放弃所有未保存的修改？（之后仍可“撤销”找回）',
      yes: '放弃修改',
      run: () => {
        this.drafts.discard();
        this.say(null);
      },
    };
    this.changed();
  }

  /** Saves first when there are edits, stops an incomplete table in the page, then asks before submitting. */
  async submit(): Promise<void> {
    if (!this.drafts.doc || !this.info) return;
    if (this.drafts.dirty && !(await this.save())) return;
    const doc = this.drafts.doc;
    const found = submitNotice(submitProblems(doc.document, this.baseline));
    this.say(found?.notice ?? null);
    if (found?.block) return;
    const n = doc.number;
    this.ask = { text: `提交第 ${n} 版审批？提交后不能再修改。`, yes: '确认提交', run: () => this.doSubmit(n) };
    this.changed();
  }

  private async doSubmit(n: number): Promise<void> {
    try {
      const meta = await submitVersion(api, this.schemeId(), n);
      await this.load(meta.number);
      const findings = meta.compliance?.findings.filter((f) => f.severity === 'warning').length ?? 0;
      this.say({
        kind: 'ok',
        text: `已提交第 ${meta.number} 版，等待审批。${findings ? `注意：有 ${findings} 条基线测试记录在本表中需人工判断，审批人需说明理由。` : ''}`,
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) this.say({ kind: 'error', text: `未能提交：${e.userMessage}`, errors: e.errors });
      else this.say({ kind: 'error', text: `未能提交：${failure(e)}` });
    }
  }

  /** Downloads the saved version in `format`, with the time it takes shown (a PDF takes a few seconds). */
  async exportAs(format: 'xlsx' | 'csv' | 'pdf'): Promise<void> {
    const doc = this.drafts.doc;
    if (!doc || this.exporting) return;
    this.exporting = { format, started: Date.now() };
    this.changed();
    this.tick = setInterval(() => this.changed(), 1000);
    try {
      const { blob, filename } = await exportVersion(api, this.schemeId(), doc.number, format);
      downloadBlob(blob, filename);
      if (this.drafts.dirty) this.notice = { kind: 'info', text: `已导出已保存的第 ${doc.number} 版；本页未保存的修改不在其中。` };
    } catch (err) {
      this.notice = { kind: 'error', text: `导出失败：${failure(err)}` };
    } finally {
      clearInterval(this.tick);
      this.exporting = null;
      this.changed();
    }
  }

  /** A new draft from version `from`, then opens it. */
  async newDraft(from: number): Promise<void> {
    try {
      const v = await newVersion(api, this.schemeId(), from);
      fire(this.host, 'navigate', { href: `#/schemes/${this.schemeId()}/v/${v.number}` });
    } catch (e) {
      this.say({ kind: 'error', text: failure(e) });
    }
  }
}
