// Reviewing one submitted version: diff against the version in force, test results, compliance with the baseline, decide.
import { Task } from '@lit/task';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { diffSchemes } from '../server/engine/browser.js';
import { MEANINGFUL_HINT, placeholderProblem } from '../server/schemas/meaningful-text.js';
import { ApiError, type FieldError, type VersionCompliance, errorText } from './lib/api.js';
import { fire } from './lib/events.js';
import { checkForm, focusFirstInvalid } from './lib/form-check.js';
import { fieldError } from './lib/form-fields.js';
import { STATE_LABELS, chinaDay, formatDateTime } from './lib/format.js';
import { api, session } from './lib/session.js';
import { shared } from './styles/shared.js';
import { STATE_BADGE } from './sh-versions.js';
import './sh-diff-view.js';
import './sh-impact-panel.js';
import { listOrgs } from './lib/api-admin.js';
import { getBaseline } from './lib/api-baselines.js';
import { approveVersion, rejectVersion } from './lib/api-review.js';
import { getAnalysis, getCompliance, getDiff, getScheme, getVersion } from './lib/api-schemes.js';

/**
 * @fires navigate - `{ href }` back to the queue after a decision.
 */
@customElement('sh-review')
export class ShReview extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; padding: 16px 20px 40px; }
      section { margin-bottom: 16px; }
      .decide { display: grid; grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr); gap: 16px; align-items: start; }
      .decide input, .decide textarea { width: 100%; }
      .dates { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; }
      @media (max-width: 760px) {
        :host { padding: 12px 10px 32px; }
        .decide, .dates { grid-template-columns: minmax(0, 1fr); }
      }
      ul.plain { list-style: none; padding: 0; margin: 0; }
      ul.plain li { padding: 4px 0; border-bottom: 1px dotted var(--sh-line); }
      .stats { display: flex; gap: 8px; flex-wrap: wrap; }
    `,
  ];

  @property({ attribute: false }) schemeId: string | number = '';
  @property({ type: Number }) version = 0;

  /** Which decision waits for its confirmation, and the call it will make. */
  @state() private asking: 'approve' | 'reject' | null = null;
  private pending: (() => Promise<void>) | null = null;
  @state() private busy = false;
  @state() private error: { text: string; errors?: FieldError[] } | null = null;
  @state() private done = '';
  /** Messages beside the approve form's fields (the service's rule, checked here first), by field name. */
  @state() private fieldErrors: Record<string, string> = {};
  /** Whether the effective date entered is before the decision date (a reason is then required). */
  @state() private backdated = false;

  private data = new Task(this, {
    task: async ([id, n], { signal }) => {
      const [info, doc, analysis, compliance] = await Promise.all([
        getScheme(api, id, signal),
        getVersion(api, id, n, signal),
        getAnalysis(api, id, n, signal),
        getCompliance(api, id, n, signal),
      ]);
      // The version in force: the latest approved one (superseded ones no longer apply).
      const inForce =
        [...info.versions].reverse().find((v) => v.number !== n && v.state === 'approved') ??
        [...info.versions].reverse().find((v) => v.number < n && v.state === 'superseded');
      const base = inForce
        ? await Promise.all([getVersion(api, id, inForce.number, signal), getDiff(api, id, inForce.number, n, signal)])
        : null;
      // A first submission has nothing in force: compare it with the national baseline it was copied from instead,
      // with the engine's own diff (run in the page).
      let baseline = null;
      const baselineId = doc.document.baseline?.id ?? info.baselineId;
      if (!base && baselineId) {
        const b = await getBaseline(api, baselineId, signal).catch(() => null);
        if (b) {
          const diff = diffSchemes(b, doc.document, { from: null, to: n });
          // Copying a baseline always sets these; listing them would only hide the changes that matter.
          diff.settings = diff.settings.filter((k) => !['baseline', 'fonds', 'id', 'unit', 'kind'].includes(k));
          baseline = { doc: b, diff };
        }
      }
      const orgs = await listOrgs(api, signal).catch(() => []);
      const unit = orgs.find((o) => String(o.id) === String(info.unitId));
      return { info, doc, analysis, compliance, base: base ? { doc: base[0], diff: base[1] } : null, baseline, unit };
    },
    args: () => [this.schemeId, this.version] as const,
  });

  override render() {
    return this.data.render({
      pending: () => html`<p class="muted" role="status">正在加载…</p>`,
      error: (e) =>
        html`<div class="message error" role="alert">${e instanceof ApiError && e.status === 404 ? '找不到该版本，或您无权查看。' : errorText(e)}</div>`,
      complete: (d) => {
        const tests = d.analysis.tests;
        const warnings = d.analysis.findings.filter((f) => f.severity !== 'info');
        const user = session()?.user;
        const canDecide = d.doc.state === 'submitted' && (user?.role === 'reviewer' || user?.role === 'admin');
        return html`
          <p><a href="#/review">← 待审批</a></p>
          <h1>${d.unit?.name ?? ''} · ${d.info.name} · 第 ${d.doc.number} 版 <span class="badge ${STATE_BADGE[d.doc.state]}">${STATE_LABELS[d.doc.state]}</span></h1>
          <p class="muted">由 ${d.doc.submittedByName ?? d.doc.submittedBy ?? '—'} 于 ${formatDateTime(d.doc.submittedAt)} 提交 · <a href="#/schemes/${d.info.id}/v/${d.doc.number}">查看完整的三合一表</a></p>
          ${this.done ? html`<div class="message ok" role="status">${this.done}</div>` : nothing}
          <section class="card" aria-labelledby="diff-h">
            ${
              d.base
                ? html`<h2 id="diff-h">与现行第 ${d.base.doc.number} 版的差异</h2>
                  <sh-diff-view .from=${d.base.doc.document} .to=${d.doc.document} .diff=${d.base.diff}
                    fromLabel="现行第 ${d.base.doc.number} 版（${d.base.doc.approvalNumber ?? ''}）" toLabel="提交的第 ${d.doc.number} 版"></sh-diff-view>`
                : d.baseline
                  ? html`<h2 id="diff-h">与国家基线的差异</h2>
                    <p class="muted small">这是该单位三合一表第一次报批，没有现行版本。以下与其复制自的基线《${d.baseline.doc.title}》比较。</p>
                    <sh-diff-view .from=${d.baseline.doc} .to=${d.doc.document} .diff=${d.baseline.diff}
                      fromLabel="基线：${d.baseline.doc.title}" toLabel="提交的第 ${d.doc.number} 版"></sh-diff-view>`
                  : html`<h2 id="diff-h">差异</h2><div class="message info">这是该单位三合一表第一次报批，没有现行版本或基线可比较。</div>`
            }
          </section>
          <section class="card" aria-labelledby="checks-h">
            <h2 id="checks-h">测试与分析</h2>
            <div class="stats">
              ${tests ? html`<span class="badge ${tests.failed ? 'red' : 'green'}">测试 ${tests.passed} 条通过${tests.failed ? `，${tests.failed} 条未通过` : ''}</span>` : nothing}
              <span class="badge ${warnings.length ? 'amber' : 'green'}">分析警告 ${warnings.length} 条</span>
            </div>
            ${
              warnings.length
                ? html`<details style="margin-top:8px"><summary>查看 ${warnings.length} 条分析警告（条款重叠、永远匹配不到等，供参考）</summary>
                  <ul class="plain">${warnings.map((f) => html`<li>${f.message}</li>`)}</ul></details>`
                : nothing
            }
          </section>
          ${this.renderCompliance(d.compliance)}
          <sh-impact-panel .schemeId=${d.info.id} .version=${d.doc.number}></sh-impact-panel>
          ${canDecide ? this.renderDecide(d.compliance, d.doc.submittedAt ? chinaDay(new Date(d.doc.submittedAt)) : '') : nothing}
        `;
      },
    });
  }

  private renderCompliance(c: VersionCompliance) {
    const errors = c.findings.filter((f) => f.severity === 'error');
    const others = c.findings.filter((f) => f.severity !== 'error');
    return html`<section class="card" aria-labelledby="comp-h">
      <h2 id="comp-h">合规检查（与基线比较）</h2>
      ${
        c.baseline
          ? html`<p class="muted small">基线：${c.baseline.title}${c.baseline.stale ? '（该版本复制自基线的较早发布，检查按现行基线进行）' : ''}。基线的保管期限为最低期限。</p>`
          : html`<p class="muted">该三合一表未引用随系统提供的国家基线，无法做合规检查。</p>`
      }
      ${
        errors.length
          ? html`<div class="message error" role="alert"><strong>${errors.length} 处短于基线或不再归档</strong>，批准时须填写理由：
            <ul>${errors.map((f) => html`<li>${f.message}</li>`)}</ul></div>`
          : c.baseline
            ? html`<div class="message ok">没有缩短基线保管期限的情况。</div>`
            : nothing
      }
      ${others.length ? html`<details><summary>其他提示 ${others.length} 条</summary><ul class="plain">${others.map((f) => html`<li>${f.message}</li>`)}</ul></details>` : nothing}
    </section>`;
  }

  /**
   * One field of the approve form: its label (the input's accessible name), the control, and below it the rule it must
   * meet and the error found (both named by the control's aria-describedby).
   */
  private field(name: string, label: string, control: (describedBy: string) => unknown, rule: string = MEANINGFUL_HINT) {
    const error = this.fieldErrors[name];
    const describedBy = [rule ? `${name}-hint` : '', error ? `err-${name}` : ''].filter(Boolean).join(' ');
    return html`<div class="field"><label class="field-label" for="f-${name}">${label}</label>${control(describedBy)}
      ${rule ? html`<span class="muted small" id="${name}-hint">${rule}</span>` : nothing}
      ${fieldError(this.fieldErrors, name)}</div>`;
  }

  private renderDecide(c: VersionCompliance, submittedOn: string) {
    const needsJustification = c.requiresJustification;
    const invalid = (name: string) => (this.fieldErrors[name] ? 'true' : 'false');
    return html`<section class="decide" aria-label="审批决定">
      <form class="card" novalidate @submit=${this.approve} aria-labelledby="approve-h">
        <h2 id="approve-h">批准</h2>
        ${this.error ? html`<div class="message error" role="alert">${this.error.text}${this.error.errors?.length ? html`<ul>${this.error.errors.map((e) => html`<li>${e.message}</li>`)}</ul>` : nothing}</div>` : nothing}
        ${this.field(
          'approvalNumber',
          '批复文号 *',
          (d) => html`<input id="f-approvalNumber" name="approvalNumber" required placeholder="如 某档函〔2026〕12号" aria-describedby=${d}
            aria-invalid=${invalid('approvalNumber')} />`,
        )}
        <div class="dates" @input=${this.datesChanged}>
          ${this.field(
            'decidedOn',
            '批复日期 *',
            (d) => html`<input id="f-decidedOn" name="decidedOn" type="date" required .value=${chinaDay()} min=${submittedOn || nothing}
              max=${chinaDay()} aria-describedby=${d} aria-invalid=${invalid('decidedOn')} />`,
            `不早于提交日期${submittedOn ? `（${submittedOn}）` : ''}，不晚于今天`,
          )}
          ${this.field(
            'effectiveFrom',
            '生效日期 *',
            (d) => html`<input id="f-effectiveFrom" name="effectiveFrom" type="date" required .value=${chinaDay()}
              aria-describedby="${d} effective-help" aria-invalid=${invalid('effectiveFrom')} />`,
            '早于批复日期时须说明理由',
          )}
        </div>
        ${
          this.backdated
            ? this.field(
                'backdateReason',
                '追溯生效的理由 *',
                (d) => html`<textarea id="f-backdateReason" name="backdateReason" rows="2" required aria-describedby=${d}
                  aria-invalid=${invalid('backdateReason')}></textarea>`,
              )
            : nothing
        }
        <p class="muted small" id="effective-help">生效日期起形成的文件按本版判定；此前形成的文件仍按当时生效的版本判定。没有更早版本时，此前形成的文件（存量档案）不自动判定：业务系统可指定版本分类，或按本单位对早期文件的规定处理。</p>
        <label class="field"><span>审批意见</span><textarea name="comment" rows="2"></textarea></label>
        ${this.field(
          'justification',
          needsJustification ? '缩短期限或不再归档的理由 *（存在合规问题，必填）' : '与基线不一致的理由（如有）',
          (d) => html`<textarea id="f-justification" name="justification" rows="2" ?required=${needsJustification} aria-describedby=${d}
            aria-invalid=${invalid('justification')}></textarea>`,
        )}
        ${this.asking === 'approve' ? this.confirmBar(`批准第 ${this.version} 版？批准后按生效日期用于分类，不能撤回。`, '确认批准') : nothing}
        <button type="submit" class="primary" ?disabled=${this.busy}>批准</button>
      </form>
      <form class="card" novalidate @submit=${this.reject} aria-labelledby="reject-h">
        <h2 id="reject-h">退回</h2>
        ${this.field(
          'reason',
          '退回理由 *',
          (d) => html`<textarea id="f-reason" name="reason" rows="4" required placeholder="说明需要修改的内容" aria-describedby=${d}
            aria-invalid=${invalid('reason')}></textarea>`,
          '',
        )}
        ${this.asking === 'reject' ? this.confirmBar(`退回第 ${this.version} 版，请单位修改？`, '确认退回') : nothing}
        <button type="submit" class="danger" ?disabled=${this.busy}>退回修改</button>
      </form>
    </section>`;
  }

  /** The in-page question before a decision (not confirm()): yes runs the held decision. */
  private confirmBar(text: string, yes: string) {
    const run = async () => {
      const go = this.pending;
      this.asking = null;
      this.pending = null;
      await go?.();
    };
    return html`<div class="message warn" role="alertdialog" aria-label="请确认">${text}
      <div class="row" style="margin-top:6px"><button type="button" class="primary" @click=${run}>${yes}</button>
      <button type="button" @click=${() => {
        this.asking = null;
        this.pending = null;
      }}>取消</button></div></div>`;
  }

  private datesChanged = (e: Event) => {
    const form = (e.currentTarget as HTMLElement).closest('form')!;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '';
    this.backdated = value('effectiveFrom') !== '' && value('effectiveFrom') < value('decidedOn');
  };

  /** The service's placeholder rule, field by field, before anything is sent. */
  private localErrors(text: (k: string) => string): Record<string, string> {
    const errors: Record<string, string> = {};
    const check = (name: string) => {
      const problem = text(name) ? placeholderProblem(text(name)) : null;
      if (problem) errors[name] = problem;
    };
    check('approvalNumber');
    check('justification');
    if (this.backdated) {
      if (!text('backdateReason')) errors.backdateReason = '生效日期早于批复日期：追溯生效须说明理由';
      else check('backdateReason');
    }
    return errors;
  }

  private approve = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    this.fieldErrors = { ...checkForm(form), ...this.localErrors(text) };
    if (Object.keys(this.fieldErrors).length) return focusFirstInvalid(form, this.fieldErrors);
    const input = { approvalNumber: text('approvalNumber'), decidedOn: text('decidedOn'), effectiveFrom: text('effectiveFrom') } as {
      approvalNumber: string;
      decidedOn: string;
      effectiveFrom: string;
      comment?: string;
      justification?: string;
      backdateReason?: string;
    };
    if (text('comment')) input.comment = text('comment');
    if (text('justification')) input.justification = text('justification');
    if (this.backdated) input.backdateReason = text('backdateReason');
    this.asking = 'approve';
    this.pending = () =>
      this.decide(
        () => approveVersion(api, this.schemeId, this.version, input),
        `已批准第 ${this.version} 版（${input.approvalNumber}），自 ${input.effectiveFrom} 起生效。`,
      );
  };

  private reject = async (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    this.fieldErrors = checkForm(form);
    if (Object.keys(this.fieldErrors).length) return focusFirstInvalid(form, this.fieldErrors);
    const reason = String(new FormData(form).get('reason') ?? '').trim();
    this.asking = 'reject';
    this.pending = () => this.decide(() => rejectVersion(api, this.schemeId, this.version, reason), `已退回第 ${this.version} 版。`);
  };

  private async decide(call: () => Promise<unknown>, done: string) {
    this.busy = true;
    this.error = null;
    try {
      await call();
      this.done = done;
      this.data.run();
      fire(this, 'navigate', { href: `#/review?done=${encodeURIComponent(done)}` });
    } catch (e) {
      this.error = e instanceof ApiError ? { text: e.userMessage, errors: e.errors } : { text: String(e) };
      // The service names each field at fault (/approvalNumber, /decidedOn, …): show it beside the field too.
      if (e instanceof ApiError && e.errors?.length) {
        this.fieldErrors = Object.fromEntries(e.errors.map((x) => [x.path.replace(/^\//, '').split('/')[0], x.message]));
      }
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-review': ShReview;
  }
}
