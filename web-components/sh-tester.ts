// The tester: try one record or a pasted/uploaded batch against the unsaved draft, run its tests, read the findings.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ClassifyResult } from '../server/engine/compile.js';
import { checkExpectation } from '../server/engine/run-tests.js';
import type { Scheme, SchemeTest } from '../server/schemas/scheme.js';
import { type AnalysisResponse, ApiError, type FieldError } from './lib/api.js';
import { fieldCatalogue } from './lib/condition-model.js';
import { fire } from './lib/events.js';
import { FINDING_LABELS, OUTCOME_LABELS, SEVERITY_LABELS } from './lib/format.js';
import { type ParsedRecords, chunk, csvCell, parseRecords } from './lib/records.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import './sh-record-form.js';
import './sh-result-card.js';

const BATCH = 500;
const PAGE = 200;

interface BatchRow {
  line: number;
  record: Record<string, unknown>;
  result: ClassifyResult | null;
  error?: string;
}

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
      textarea.paste { width: 100%; min-height: 120px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
      progress { width: 100%; height: 14px; }
      .counts { display: flex; gap: 6px; flex-wrap: wrap; margin: 8px 0; }
      .counts button[aria-pressed='true'] { background: var(--sh-blue-soft); border-color: var(--sh-blue); }
      .results { max-height: 60vh; overflow: auto; border: 1px solid var(--sh-line); border-radius: 4px; }
      table { font-size: 13px; }
      td.reason { max-width: 380px; color: var(--sh-grey); }
      .pass { color: var(--sh-green); font-weight: 600; }
      .fail { color: var(--sh-red); font-weight: 600; }
      .findings li { margin-bottom: 4px; }
      ul.findings { list-style: none; padding: 0; margin: 0; }
    `,
  ];

  @property({ attribute: false }) scheme!: Scheme;
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
  @state() private pasted = '';
  @state() private parsed: ParsedRecords | null = null;
  @state() private batch: BatchRow[] = [];
  @state() private progress: { done: number; total: number } | null = null;
  @state() private batchError: FieldError[] | string | null = null;
  @state() private filter: 'all' | 'file' | 'exclude' | 'review' | 'error' = 'all';
  @state() private shown = PAGE;
  @state() private tests: TestRow[] | null = null;
  @state() private testsBusy = false;
  @state() private testsError: string | null = null;
  private abort: AbortController | null = null;
  private savedTests = new Set<string>();

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
    this.abort?.abort();
  }

  override render() {
    const fields = fieldCatalogue(this.scheme.fields);
    return html`
      <section class="two">
        <div class="card">
          <h2>试分类一条记录</h2>
          <p class="muted small">按当前${this.dirty ? '（含未保存修改的）' : ''}三合一表判断，不会保存记录。</p>
          <sh-record-form .fields=${fields} ?busy=${this.singleBusy} @record-submit=${(e: CustomEvent<{ record: Record<string, unknown> }>) => this.trySingle(e.detail.record)}></sh-record-form>
        </div>
        <div class="card" aria-live="polite">
          <h2>结果</h2>
          ${this.singleError ? this.renderErrors(this.singleError) : nothing}
          ${this.single
            ? html`<sh-result-card .result=${this.single.result} ?canSave=${!this.readonly} ?saved=${this.single.savedAs !== undefined}
                @save-test=${() => this.saveTest(this.single!.record, this.single!.result)}></sh-result-card>`
            : this.singleError ? nothing : html`<div class="empty"><strong>还没有结果</strong>在左侧填写题名等信息后点“试分类”。</div>`}
        </div>
      </section>
      ${this.renderBatch()}
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
      const res = await api.try(this.scheme, [record]);
      if (!res.valid) {
        this.single = null;
        this.singleError = res.errors;
      } else if (!res.results[0]) {
        this.single = null;
        this.singleError = res.errors.map((e) => e.message).join('；') || '记录无效';
      } else this.single = { record, result: res.results[0] };
    } catch (e) {
      this.singleError = e instanceof ApiError ? e.userMessage : String(e);
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
    const tests = [...(this.scheme.tests ?? []), test];
    this.savedTests.add(JSON.stringify(record));
    if (this.single && this.single.record === record) this.single = { ...this.single, savedAs: tests.length - 1 };
    fire(this, 'scheme-change', { scheme: { ...this.scheme, tests } });
    this.requestUpdate();
  }

  // ——— batch ———

  private renderBatch() {
    const p = this.parsed;
    const running = this.progress !== null && this.progress.done < this.progress.total;
    return html`<section class="card" aria-labelledby="batch-h">
      <h2 id="batch-h">批量试分类</h2>
      <p class="muted small">粘贴表格内容（第一行为列名，如 题名、文种、来源、形成日期），或上传 CSV / JSON Lines 文件。每 ${BATCH} 条一批发送。</p>
      <label class="field"><span>粘贴记录</span>
        <textarea class="paste" .value=${this.pasted} placeholder=${'题名,文种,来源,形成日期\n关于2024年度工作计划的通知,通知,本单位,2024-01-05'}
          @input=${(e: Event) => this.setPasted((e.target as HTMLTextAreaElement).value)}></textarea>
      </label>
      <div class="row">
        <label class="button" for="file">选择文件…</label>
        <input id="file" class="visually-hidden" type="file" accept=".csv,.tsv,.txt,.jsonl,.json,text/csv,application/json" @change=${this.onFile} />
        <button type="button" class="link" @click=${this.downloadTemplate}>下载 CSV 模板</button>
        <span class="spacer"></span>
        ${p ? html`<span class="muted small" role="status">识别为 ${p.format.toUpperCase()}，${p.records.length} 条记录${p.errors.length ? html`，<strong style="color:var(--sh-red)">${p.errors.length} 行有问题</strong>` : ''}${p.ignoredColumns.length ? `，忽略列：${p.ignoredColumns.join('、')}` : ''}</span>` : nothing}
        ${running
          ? html`<button type="button" @click=${() => this.abort?.abort()}>取消</button>`
          : html`<button type="button" class="primary" ?disabled=${!p || p.records.length === 0} @click=${this.runBatch}>开始试分类</button>`}
      </div>
      ${p && p.errors.length ? html`<div class="message warn small" style="margin-top:8px">以下行未能读取，将被跳过：<ul>${p.errors.slice(0, 8).map((e) => html`<li>${e.message}</li>`)}${p.errors.length > 8 ? html`<li>…共 ${p.errors.length} 行</li>` : nothing}</ul></div>` : nothing}
      ${this.progress
        ? html`<div style="margin-top:10px">
            <label for="progress" class="small">${running ? '正在试分类' : '已完成'}：${this.progress.done} / ${this.progress.total}</label>
            <progress id="progress" max=${this.progress.total} .value=${this.progress.done}></progress>
          </div>`
        : nothing}
      ${this.batchError ? this.renderErrors(this.batchError) : nothing}
      ${this.batch.length ? this.renderBatchResults() : nothing}
    </section>`;
  }

  private renderBatchResults() {
    const count = (o: string) => this.batch.filter((r) => (o === 'error' ? !r.result : r.result?.outcome === o)).length;
    const rows = this.batch.filter((r) => this.filter === 'all' || (this.filter === 'error' ? !r.result : r.result?.outcome === this.filter));
    const chip = (id: typeof this.filter, label: string, n: number) =>
      n || id === 'all' ? html`<button type="button" aria-pressed=${this.filter === id ? 'true' : 'false'} @click=${() => { this.filter = id; this.shown = PAGE; }}>${label} ${n}</button>` : nothing;
    return html`
      <div class="counts" role="group" aria-label="按结果筛选">
        ${chip('all', '全部', this.batch.length)}
        ${chip('file', '归档', count('file'))}
        ${chip('review', '需人工判断', count('review'))}
        ${chip('exclude', '不归档', count('exclude'))}
        ${chip('error', '记录有误', count('error'))}
        <span class="spacer"></span>
        <button type="button" @click=${this.exportCsv}>导出结果 CSV</button>
      </div>
      <div class="results">
        <table aria-label="批量试分类结果">
          <thead><tr><th>行</th><th>题名</th><th>结果</th><th>条款</th><th>类目</th><th>保管期限</th><th>档号前缀</th><th>保管至</th><th>理由</th>${this.readonly ? nothing : html`<th><span class="visually-hidden">操作</span></th>`}</tr></thead>
          <tbody>${rows.slice(0, this.shown).map((r) => this.renderBatchRow(r))}</tbody>
        </table>
      </div>
      ${rows.length > this.shown ? html`<div class="row" style="margin-top:6px"><span class="muted small">显示前 ${this.shown} 条，共 ${rows.length} 条</span><button type="button" @click=${() => (this.shown += PAGE)}>显示更多</button></div>` : nothing}
    `;
  }

  private renderBatchRow(r: BatchRow) {
    const res = r.result;
    const saved = this.savedTests.has(JSON.stringify(r.record));
    return html`<tr>
      <td class="muted">${r.line}</td>
      <td>${String(r.record.title ?? '')}</td>
      ${res
        ? html`<td><span class="badge ${res.outcome === 'file' ? 'green' : res.outcome === 'review' ? 'amber' : ''}">${OUTCOME_LABELS[res.outcome]}</span></td>
            <td>${res.item ? html`<button type="button" class="link" @click=${() => fire(this, 'item-focus', { id: res.item!.id })}>${res.item.id}</button>` : res.exclusion?.id ?? ''}</td>
            <td class="mono small">${res.classCode ?? ''}</td>
            <td class="nowrap">${res.retention ? `${res.retention.label}${res.branch ? `（${res.branch}）` : ''}` : ''}</td>
            <td class="mono small">${res.archivalCode ?? ''}</td>
            <td class="nowrap">${res.retention?.code === 'Y' ? '永久' : res.expiresOn ?? ''}</td>
            <td class="reason" title=${res.reasons.join('\n')}>${res.reasons[0] ?? ''}${res.reasons.length > 1 ? html` <span class="muted">（另 ${res.reasons.length - 1} 条）</span>` : nothing}</td>`
        : html`<td><span class="badge red">记录有误</span></td><td colspan="7" class="reason">${r.error ?? ''}</td>`}
      ${this.readonly ? nothing : html`<td>${res ? html`<button type="button" class="link small" ?disabled=${saved} @click=${() => this.saveTest(r.record, res)}>${saved ? '已存为测试' : '存为测试'}</button>` : nothing}</td>`}
    </tr>`;
  }

  private setPasted(text: string) {
    this.pasted = text;
    this.parsed = text.trim() ? parseRecords(text, fieldCatalogue(this.scheme.fields)) : null;
  }

  private async onFile(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this.setPasted(await file.text());
    (e.target as HTMLInputElement).value = '';
  }

  private async runBatch() {
    const p = this.parsed;
    if (!p) return;
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.batch = [];
    this.batchError = null;
    this.filter = 'all';
    this.shown = PAGE;
    this.progress = { done: 0, total: p.records.length };
    const records = p.records.map((record, i) => ({ record, line: p.lines[i] }));
    try {
      for (const part of chunk(records, BATCH)) {
        const res = await api.try(this.scheme, part.map((r) => r.record), abort.signal);
        if (!res.valid) {
          this.batchError = res.errors;
          break;
        }
        const errorsAt = new Map<number, string[]>();
        for (const e of res.errors) {
          const m = /^\/records\/(\d+)(.*)$/.exec(e.path);
          if (m) errorsAt.set(Number(m[1]), [...(errorsAt.get(Number(m[1])) ?? []), `${m[2] ? m[2].slice(1) + '：' : ''}${e.message}`]);
        }
        this.batch = [...this.batch, ...part.map((r, i) => ({ ...r, result: res.results[i] ?? null, error: errorsAt.get(i)?.join('；') }))];
        this.progress = { done: this.batch.length, total: p.records.length };
      }
    } catch (e) {
      if ((e as Error).name === 'AbortError') this.batchError = `已取消：完成 ${this.batch.length} / ${p.records.length} 条`;
      else this.batchError = e instanceof ApiError ? e.userMessage : String(e);
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }

  private exportCsv() {
    const head = ['行', '题名', '结果', '条款', '类目', '保管期限', '档号前缀', '保管至', '理由'];
    const lines = [head.join(',')];
    for (const r of this.batch) {
      const x = r.result;
      lines.push([r.line, r.record.title, x ? OUTCOME_LABELS[x.outcome] : '记录有误', x?.item?.id ?? x?.exclusion?.id, x?.classCode, x?.retention?.label, x?.archivalCode, x?.retention?.code === 'Y' ? '永久' : x?.expiresOn, x ? x.reasons.join('；') : r.error].map(csvCell).join(','));
    }
    download('试分类结果.csv', '\uFEFF' + lines.join('\r\n'), 'text/csv');
  }

  private downloadTemplate() {
    download('试分类模板.csv', '\uFEFF题名,文种,来源,形成日期,责任者,机构,金额,关键词\r\n关于2024年度工作计划的通知,通知,本单位,2024-01-05,办公室,办公室,,计划\r\n', 'text/csv');
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
      for (const part of chunk(tests.map((t, index) => ({ t, index })), BATCH)) {
        const res = await api.try(scheme, part.map((x) => x.t.record));
        if (!res.valid) {
          this.testsError = '三合一表当前有错误，修正后才能运行测试';
          this.tests = null;
          return;
        }
        part.forEach(({ t, index }, i) => {
          const result = res.results[i] ?? null;
          rows.push({ index, name: t.name ?? t.record.title, test: t, result, failures: result ? checkExpectation(t, result) : ['测试记录无效'] });
        });
      }
      if (scheme === this.scheme) this.tests = rows;
    } catch (e) {
      this.testsError = e instanceof ApiError ? e.userMessage : String(e);
    } finally {
      this.testsBusy = false;
    }
  }

  private renderTests() {
    const rows = this.tests;
    const failed = rows?.filter((r) => r.failures.length).length ?? 0;
    return html`<section class="card" aria-labelledby="tests-h">
      <div class="row"><h2 id="tests-h" style="margin:0">本表测试用例</h2>
        ${rows && rows.length ? html`<span class="badge ${failed ? 'red' : 'green'}" role="status">${failed ? `${failed} 条未通过` : `全部 ${rows.length} 条通过`}</span>` : nothing}
        <span class="spacer"></span>
        <button type="button" ?disabled=${this.testsBusy} @click=${() => this.runTests()}>${this.testsBusy ? '正在运行…' : '重新运行'}</button>
      </div>
      <p class="muted small">提交审批时，这些测试必须全部通过。把试分类的结果“存为测试用例”即可增加测试。</p>
      ${this.testsError ? html`<div class="message error" role="alert">${this.testsError}</div>` : nothing}
      ${rows === null
        ? nothing
        : rows.length === 0
          ? html`<div class="empty"><strong>还没有测试用例</strong>在上方试分类一条记录，确认结果无误后点“存为测试用例”。</div>`
          : html`<div class="results"><table aria-label="测试结果">
              <thead><tr><th>结果</th><th>测试</th><th>预期</th><th>实际</th>${this.readonly ? nothing : html`<th><span class="visually-hidden">操作</span></th>`}</tr></thead>
              <tbody>${rows.map((r) => html`<tr>
                <td>${r.failures.length ? html`<span class="fail">✗ 未通过</span>` : html`<span class="pass">✓ 通过</span>`}</td>
                <td>${r.name}${r.failures.length ? html`<div class="small" style="color:var(--sh-red)">${r.failures.join('；')}</div>` : nothing}</td>
                <td class="small">${expectWords(r.test.expect)}</td>
                <td class="small">${r.result ? html`${OUTCOME_LABELS[r.result.outcome]}${r.result.item ? html` · <button type="button" class="link" @click=${() => fire(this, 'item-focus', { id: r.result!.item!.id })}>${r.result.item.id}</button>` : ''}${r.result.retention ? ` · ${r.result.retention.label}` : ''}` : '—'}</td>
                ${this.readonly ? nothing : html`<td class="nowrap">
                  ${r.failures.length && r.result ? html`<button type="button" class="link small" title="保管期限或条款按设计改变时，用当前结果作为新的预期" @click=${() => this.acceptResult(r)}>按当前结果更新预期</button> · ` : nothing}
                  <button type="button" class="link small danger" aria-label="删除测试 ${r.name}" @click=${() => this.removeTest(r.index)}>删除</button></td>`}
              </tr>`)}</tbody></table></div>`}
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
    if (a instanceof Error) return html`<div class="message error" role="alert">${a instanceof ApiError ? a.userMessage : String(a)}</div>`;
    if (!a.valid) return html`<div class="message error">已保存的版本无效，无法分析。</div>`;
    if (!a.findings.length) return html`<div class="message ok">没有发现问题。</div>`;
    const order = { error: 0, warning: 1, info: 2 } as const;
    const findings = [...a.findings].sort((x, y) => order[x.severity] - order[y.severity]);
    return html`<ul class="findings">${findings.map((f) => html`<li>
      <span class="badge ${f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'amber' : ''}">${SEVERITY_LABELS[f.severity]} · ${FINDING_LABELS[f.kind] ?? f.kind}</span>
      ${f.message}
      ${f.item ? html` <button type="button" class="link small" @click=${() => fire(this, 'item-focus', { id: f.item, path: f.path })}>查看条款 ${f.item}</button>` : f.path.startsWith('/exclusions') ? html` <button type="button" class="link small" @click=${() => fire(this, 'item-focus', { path: f.path })}>查看</button>` : nothing}
      ${f.other ? html` <button type="button" class="link small" @click=${() => fire(this, 'item-focus', { id: f.other })}>查看条款 ${f.other}</button>` : nothing}
    </li>`)}</ul>`;
  }
}

function expectWords(e: SchemeTest['expect']): string {
  return [OUTCOME_LABELS[e.outcome], e.item && `条款 ${e.item}`, e.exclusion && `不归档 ${e.exclusion}`, e.retention && e.retention, e.classCode].filter(Boolean).join(' · ');
}

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-tester': ShTester;
  }
}
