// The tester: try one record or a pasted/uploaded batch against the unsaved draft, run its tests, read the findings.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ClassifyResult } from '../server/engine/browser.js';
import { checkExpectation } from '../server/engine/browser.js';
import type { Scheme, SchemeParameter, SchemeTest } from '../server/schemas/scheme.js';
import { type AnalysisResponse, type FieldError, errorText } from './lib/api.js';
import { fieldCatalogue } from './lib/condition-model.js';
import { fire } from './lib/events.js';
import { FINDING_LABELS, OUTCOME_LABELS, SEVERITY_LABELS, retentionLabel } from './lib/format.js';
import { relinkParameter } from './lib/parameter-links.js';
import { chunk } from './lib/records.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import './sh-record-form.js';
import './sh-result-card.js';
import './sh-batch-tester.js';
import { tryScheme } from './lib/api-classify.js';

/** Test records per request. */
const BATCH = 500;

interface TestRow {
  index: number;
  name: string;
  test: SchemeTest;
  result: ClassifyResult | null;
  failures: string[];
}

/**
 * @fires scheme-change - `{ scheme }` when a tried record is stored as a test case (or a test is removed).
 * @fires item-focus - `{ id, path }` from a result's deciding row or a finding.
 */
@customElement('sh-tester')
export class ShTester extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; }
      section { margin-bottom: 18px; }
      .two { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; align-items: start; }
      @media (max-width: 760px) { .two { grid-template-columns: minmax(0, 1fr); } }
      progress { width: 100%; height: 14px; }
      table { font-size: 13px; }
      td.reason { max-width: 380px; color: var(--sh-grey); }
      .pass { color: var(--sh-green); font-weight: 600; }
      .fail { color: var(--sh-red); font-weight: 600; }
      .findings li { margin-bottom: 4px; }
      ul.findings { list-style: none; padding: 0; margin: 0; }
    `,
  ];

  @property({ attribute: false }) scheme!: Scheme;
  /** The baseline the table was copied from: its parameters' sample values, to find them again in old copies. */
  @property({ attribute: false }) baseline: Scheme | null = null;
  /** Number of the stored version the analysis describes. */
  @property({ type: Number }) version = 0;
  /** Analysis of the stored version (undefined while loading; an Error if it failed). */
  @property({ attribute: false }) analysis: AnalysisResponse | Error | undefined = undefined;
  /** Whether the draft differs from the stored version (the analysis then describes the stored one). */
  @property({ type: Boolean }) dirty = false;
  @property({ type: Boolean }) readonly = false;

  @state() private single: { record: Record<string, unknown>; result: ClassifyResult; savedAs?: number } | null = null;
  @state() private singleError: FieldError[] | string | null = null;
  @state() private singleBusy = false;
  @state() private tests: TestRow[] | null = null;
  @state() private testsBusy = false;
  @state() private testsError: string | null = null;

  override updated(changed: Map<string, unknown>) {
    // The scheme's own tests run against the draft whenever it changes (debounced), so a failing test shows at once.
    if (changed.has('scheme')) this.scheduleTests();
  }

  private testTimer: ReturnType<typeof setTimeout> | undefined;
  private scheduleTests() {
    clearTimeout(this.testTimer);
    this.testTimer = setTimeout(() => void this.runTests(), 400);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.testTimer);
  }

  override render() {
    const fields = fieldCatalogue(this.scheme.fields);
    return html`
      <section class="two">
        <div class="card">
          <h2>试分类一条记录</h2>
          <p class="muted small">按当前${this.dirty ? '（含未保存修改的）' : ''}三合一表判断，不会保存记录。</p>
          <sh-record-form .fields=${fields} ?busy=${this.singleBusy} @record-submit=${(e: CustomEvent<{ record: Record<string, unknown> }>) => this.trySingle(e.detail.record)}
            @record-clear=${() => {
              this.single = null;
              this.singleError = null;
            }}></sh-record-form>
        </div>
        <div class="card" aria-live="polite">
          <h2>结果</h2>
          ${this.singleError ? this.renderErrors(this.singleError) : nothing}
          ${
            this.single
              ? html`<sh-result-card .result=${this.single.result} ?canSave=${!this.readonly} ?saved=${this.single.savedAs !== undefined}
                @save-test=${() => this.saveTest(this.single!.record, this.single!.result)}></sh-result-card>`
              : this.singleError
                ? nothing
                : html`<div class="empty"><strong>还没有结果</strong>在左侧填写题名等信息后点“试分类”。</div>`
          }
        </div>
      </section>
      <sh-batch-tester .scheme=${this.scheme} ?readonly=${this.readonly}
        @test-case-add=${(e: CustomEvent<{ test: SchemeTest }>) => this.addTest(e.detail.test)}></sh-batch-tester>
      ${this.renderTests()}
      ${this.renderFindings()}
    `;
  }

  private renderErrors(errors: FieldError[] | string) {
    if (typeof errors === 'string') return html`<div class="message error" role="alert">${errors}</div>`;
    return html`<div class="message error" role="alert">三合一表当前有 ${errors.length} 处错误，修正后才能试分类：
      <ul>${errors.slice(0, 8).map((e) => html`<li><button type="button" class="link" @click=${() => fire(this, 'item-focus', { path: e.path.replace(/^\/document/, '') })}>${e.path.replace(/^\/document/, '')}</button>：${e.message}</li>`)}</ul></div>`;
  }

  // ——— one record ———

  private async trySingle(record: Record<string, unknown>) {
    this.singleBusy = true;
    this.singleError = null;
    try {
      const res = await tryScheme(api, this.scheme, [record]);
      if (!res.valid) {
        this.single = null;
        this.singleError = res.errors;
      } else if (!res.results[0]) {
        this.single = null;
        this.singleError = res.errors.map((e) => e.message).join('；') || '记录无效';
      } else this.single = { record, result: res.results[0] };
    } catch (e) {
      this.singleError = errorText(e);
    } finally {
      this.singleBusy = false;
    }
  }

  private saveTest(record: Record<string, unknown>, result: ClassifyResult) {
    const expect: SchemeTest['expect'] = { outcome: result.outcome };
    if (result.item) expect.item = result.item.id;
    if (result.retention) expect.retention = result.retention.code;
    if (result.classCode) expect.classCode = result.classCode;
    if (result.exclusion) expect.exclusion = result.exclusion.id;
    const test = { name: String(record.title).slice(0, 200), record, expect } as SchemeTest;
    const n = this.addTest(test);
    if (this.single && this.single.record === record) this.single = { ...this.single, savedAs: n };
  }

  /** Stores a test case in the draft (from the one-record result or the batch); returns its index. */
  private addTest(test: SchemeTest): number {
    const tests = [...(this.scheme.tests ?? []), test];
    fire(this, 'scheme-change', { scheme: { ...this.scheme, tests } });
    return tests.length - 1;
  }

  // ——— the scheme's own tests ———

  private async runTests() {
    const tests = this.scheme.tests ?? [];
    if (!tests.length) {
      this.tests = [];
      return;
    }
    this.testsBusy = true;
    this.testsError = null;
    const scheme = this.scheme;
    try {
      const rows: TestRow[] = [];
      for (const part of chunk(
        tests.map((t, index) => ({ t, index })),
        BATCH,
      )) {
        const res = await tryScheme(
          api,
          scheme,
          part.map((x) => x.t.record),
        );
        if (!res.valid) {
          this.testsError = '三合一表当前有错误，修正后才能运行测试';
          this.tests = null;
          return;
        }
        part.forEach(({ t, index }, i) => {
          const result = res.results[i] ?? null;
          rows.push({
            index,
            name: t.name ?? t.record.title,
            test: t,
            result,
            failures: result ? checkExpectation(t, result) : ['测试记录无效'],
          });
        });
      }
      if (scheme === this.scheme) this.tests = rows;
    } catch (e) {
      this.testsError = errorText(e);
    } finally {
      this.testsBusy = false;
    }
  }

  private renderTests() {
    const rows = this.tests;
    const failed = rows?.filter((r) => r.failures.length).length ?? 0;
    return html`<section class="card" aria-labelledby="tests-h">
      <div class="row"><h2 id="tests-h" style="margin:0">本表测试用例</h2>
        ${rows?.length ? html`<span class="badge ${failed ? 'red' : 'green'}" role="status">${failed ? `${failed} 条未通过` : `全部 ${rows.length} 条通过`}</span>` : nothing}
        <span class="spacer"></span>
        <button type="button" ?disabled=${this.testsBusy} @click=${() => this.runTests()}>${this.testsBusy ? '正在运行…' : '重新运行'}</button>
      </div>
      <p class="muted small">提交审批时，这些测试必须全部通过。把试分类的结果“存为测试用例”即可增加测试。</p>
      ${this.testsError ? html`<div class="message error" role="alert">${this.testsError}</div>` : nothing}
      ${
        rows === null
          ? nothing
          : rows.length === 0
            ? html`<div class="empty"><strong>还没有测试用例</strong>在上方试分类一条记录，确认结果无误后点“存为测试用例”。</div>`
            : html`<div class="results"><table aria-label="测试结果">
              <thead><tr><th>结果</th><th>测试</th><th>预期</th><th>实际</th>${this.readonly ? nothing : html`<th><span class="visually-hidden">操作</span></th>`}</tr></thead>
              <tbody>${rows.map(
                (r) => html`<tr>
                <td>${r.failures.length ? html`<span class="fail">✗ 未通过</span>` : html`<span class="pass">✓ 通过</span>`}</td>
                <td>${r.name}${r.failures.length ? html`<div class="small" style="color:var(--sh-red)">${r.failures.join('；')}</div>` : nothing}</td>
                <td class="small">${expectWords(r.test.expect)}</td>
                <td class="small">${r.result ? html`${OUTCOME_LABELS[r.result.outcome]}${r.result.item ? html` · <button type="button" class="link" @click=${() => fire(this, 'item-focus', { id: r.result!.item!.id })}>${r.result.item.id}</button>` : ''}${r.result.retention ? ` · ${r.result.retention.label}` : ''}` : '—'}</td>
                ${
                  this.readonly
                    ? nothing
                    : html`<td class="nowrap">
                  ${r.failures.length && r.result ? html`<button type="button" class="link small" title="保管期限或条款按设计改变时，用当前结果作为新的预期" @click=${() => this.acceptResult(r)}>按当前结果更新预期</button> · ` : nothing}
                  <button type="button" class="link small danger" aria-label="删除测试 ${r.name}" @click=${() => this.removeTest(r.index)}>删除</button></td>`
                }
              </tr>`,
              )}</tbody></table></div>`
      }
    </section>`;
  }

  /** Takes the current result as the test's expectation (after a deliberate change of the row it tests). */
  private acceptResult(r: TestRow) {
    const res = r.result!;
    const expect: SchemeTest['expect'] = { outcome: res.outcome };
    // Keep the expectation as detailed as it was: only the parts it named are updated.
    if (r.test.expect.item !== undefined || res.item) if (res.item) expect.item = res.item.id;
    if (r.test.expect.retention !== undefined && res.retention) expect.retention = res.retention.code;
    if (r.test.expect.classCode !== undefined && res.classCode) expect.classCode = res.classCode;
    if (r.test.expect.exclusion !== undefined && res.exclusion) expect.exclusion = res.exclusion.id;
    const tests = (this.scheme.tests ?? []).map((t, i) => (i === r.index ? { ...t, expect } : t));
    fire(this, 'scheme-change', { scheme: { ...this.scheme, tests } });
  }

  private removeTest(index: number) {
    const tests = (this.scheme.tests ?? []).filter((_, i) => i !== index);
    const scheme = { ...this.scheme, tests };
    if (!tests.length) delete (scheme as Partial<Scheme>).tests;
    fire(this, 'scheme-change', { scheme });
  }

  // ——— analysis of the stored version ———

  private renderFindings() {
    return html`<section class="card" aria-labelledby="findings-h">
      <h2 id="findings-h">分析发现</h2>
      <p class="muted small">对已保存的第 ${this.version} 版的静态分析：条款重叠、永远不会生效的条款、没有测试覆盖的条款。${this.dirty ? html`<strong>有未保存的修改，保存后更新。</strong>` : nothing}</p>
      ${this.renderAnalysis()}
    </section>`;
  }

  private renderAnalysis() {
    const a = this.analysis;
    if (a === undefined) return html`<p class="muted">正在分析…</p>`;
    if (a instanceof Error) return html`<div class="message error" role="alert">${errorText(a)}</div>`;
    if (!a.valid) return html`<div class="message error">已保存的版本无效，无法分析。</div>`;
    if (!a.findings.length) return html`<div class="message ok">没有发现问题。</div>`;
    const order = { error: 0, warning: 1, info: 2 } as const;
    const findings = [...a.findings].sort((x, y) => order[x.severity] - order[y.severity]);
    return html`<ul class="findings">${findings.map(
      (f) => html`<li>
      <span class="badge ${f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'amber' : ''}">${SEVERITY_LABELS[f.severity]} · ${FINDING_LABELS[f.kind] ?? f.kind}</span>
      ${f.message}
      ${f.item ? html` <button type="button" class="link small" @click=${() => fire(this, 'item-focus', { id: f.item, path: f.path })}>查看条款 ${f.item}</button>` : f.path.startsWith('/exclusions') ? html` <button type="button" class="link small" @click=${() => fire(this, 'item-focus', { path: f.path })}>查看</button>` : nothing}
      ${f.other ? html` <button type="button" class="link small" @click=${() => fire(this, 'item-focus', { id: f.other })}>查看条款 ${f.other}</button>` : nothing}
      ${f.kind === 'unusedParameter' ? this.relinkButton(f.path) : nothing}
    </li>`,
    )}</ul>`;
  }

  /** Re-links worked out once per draft and baseline, not on every render of the tester (typing in a record). */
  private relinks: { scheme: Scheme; baseline: Scheme | null; byName: Map<string, ReturnType<typeof relinkParameter>> } | null = null;

  private relinkOf(p: SchemeParameter): ReturnType<typeof relinkParameter> {
    if (this.relinks?.scheme !== this.scheme || this.relinks.baseline !== this.baseline)
      this.relinks = { scheme: this.scheme, baseline: this.baseline, byName: new Map() };
    let r = this.relinks.byName.get(p.name);
    if (!r) {
      const sample = this.baseline?.parameters?.find((b) => b.name === p.name)?.value;
      r = relinkParameter(this.scheme, p, sample === undefined ? [p.value] : [p.value, sample]);
      this.relinks.byName.set(p.name, r);
    }
    return r;
  }

  /**
   * For a parameter no condition names: the conditions that hold its value (or the baseline's sample value) as a
   * constant, put back to the parameter in one undoable edit of the draft.
   */
  private relinkButton(path: string) {
    const p = parameterAt(this.scheme, path);
    if (!p || this.readonly) return nothing;
    const { scheme, count } = this.relinkOf(p);
    if (!count) return nothing;
    return html` <button type="button" class="link small" @click=${() => fire(this, 'scheme-change', { scheme })}>在 ${count} 处条件中改用此参数</button>`;
  }
}

function parameterAt(scheme: Scheme, path: string): SchemeParameter | undefined {
  const m = /^\/parameters\/(\d+)$/.exec(path);
  return m ? scheme.parameters?.[Number(m[1])] : undefined;
}

function expectWords(e: SchemeTest['expect']): string {
  return [
    OUTCOME_LABELS[e.outcome],
    e.item && `条款 ${e.item}`,
    e.exclusion && `不归档 ${e.exclusion}`,
    e.retention && retentionLabel(e.retention),
    e.classCode,
  ]
    .filter(Boolean)
    .join(' · ');
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-tester': ShTester;
  }
}
