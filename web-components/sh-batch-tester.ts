// Many records at once against the unsaved draft: pasted or uploaded (CSV/TSV/JSON Lines), sent 500 per request
// with progress and cancel; results filtered by outcome, exported as CSV, any of them kept as a test case.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ClassifyResult } from '../server/engine/browser.js';
import type { Scheme, SchemeTest } from '../server/schemas/scheme.js';
import { type FieldError, errorText } from './lib/api.js';
import { fieldCatalogue } from './lib/condition-model.js';
import { downloadBlob } from './lib/download.js';
import { fire } from './lib/events.js';
import { OUTCOME_LABELS } from './lib/format.js';
import { type ParsedRecords, chunk, csvCell, parseRecords } from './lib/records.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';
import { tryScheme } from './lib/api-classify.js';

const BATCH = 500;
const PAGE = 200;

interface BatchRow {
  line: number;
  record: Record<string, unknown>;
  result: ClassifyResult | null;
  error?: string;
}

/**
 * @fires test-case-add - `{ test }` when a tried record is kept as a test case.
 * @fires item-focus - `{ id }` from a result's deciding row.
 */
@customElement('sh-batch-tester')
export class ShBatchTester extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; margin-bottom: 18px; }
      textarea.paste { width: 100%; min-height: 120px; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
      progress { width: 100%; height: 14px; }
      .counts { display: flex; gap: 6px; flex-wrap: wrap; margin: 8px 0; }
      .counts button[aria-pressed='true'] { background: var(--sh-blue-soft); border-color: var(--sh-blue); }
      .results { max-height: 60vh; overflow: auto; border: 1px solid var(--sh-line); border-radius: 4px; }
      table { font-size: 13px; }
      td.reason { max-width: 380px; color: var(--sh-grey); }
    `,
  ];

  @property({ attribute: false }) scheme!: Scheme;
  @property({ type: Boolean }) readonly = false;

  @state() private pasted = '';
  @state() private parsed: ParsedRecords | null = null;
  @state() private batch: BatchRow[] = [];
  @state() private progress: { done: number; total: number } | null = null;
  @state() private batchError: FieldError[] | string | null = null;
  @state() private filter: 'all' | 'file' | 'exclude' | 'review' | 'error' = 'all';
  @state() private shown = PAGE;
  private abort: AbortController | null = null;
  private savedTests = new Set<string>();

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.abort?.abort();
  }

  override render() {
    return this.renderBatch();
  }

  private renderErrors(errors: FieldError[] | string) {
    if (typeof errors === 'string') return html`<div class="message error" role="alert">${errors}</div>`;
    return html`<div class="message error" role="alert">三合一表当前有 ${errors.length} 处错误，修正后才能试分类：
      <ul>${errors.slice(0, 8).map((e) => html`<li><button type="button" class="link" @click=${() => fire(this, 'item-focus', { path: e.path.replace(/^\/document/, '') })}>${e.path.replace(/^\/document/, '')}</button>：${e.message}</li>`)}</ul></div>`;
  }

  private saveTest(record: Record<string, unknown>, result: ClassifyResult) {
    const expect: SchemeTest['expect'] = { outcome: result.outcome };
    if (result.item) expect.item = result.item.id;
    if (result.retention) expect.retention = result.retention.code;
    if (result.classCode) expect.classCode = result.classCode;
    if (result.exclusion) expect.exclusion = result.exclusion.id;
    this.savedTests.add(JSON.stringify(record));
    fire(this, 'test-case-add', { test: { name: String(record.title).slice(0, 200), record, expect } as SchemeTest });
    this.requestUpdate();
  }

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
        <input id="file" class="visually-hidden" type="file" accept=".csv,.tsv,.txt,.jsonl,.json,text/csv,application/json" @change=${this.onFile} />
        <label class="button" for="file">选择文件…</label>
        <button type="button" class="link" @click=${this.downloadTemplate}>下载 CSV 模板</button>
        <span class="spacer"></span>
        ${p ? html`<span class="muted small" role="status">识别为 ${p.format.toUpperCase()}，${p.records.length} 条记录${p.errors.length ? html`，<strong style="color:var(--sh-red)">${p.errors.length} 行有问题</strong>` : ''}${p.ignoredColumns.length ? `，忽略列：${p.ignoredColumns.join('、')}` : ''}</span>` : nothing}
        ${
          running
            ? html`<button type="button" @click=${() => this.abort?.abort()}>取消</button>`
            : html`<button type="button" class="primary" ?disabled=${!p || p.records.length === 0} @click=${this.runBatch}>开始试分类</button>`
        }
      </div>
      ${p?.errors.length ? html`<div class="message warn small" style="margin-top:8px">以下行未能读取，将被跳过：<ul>${p.errors.slice(0, 8).map((e) => html`<li>${e.message}</li>`)}${p.errors.length > 8 ? html`<li>…共 ${p.errors.length} 行</li>` : nothing}</ul></div>` : nothing}
      ${
        this.progress
          ? html`<div style="margin-top:10px">
            <label for="progress" class="small">${running ? '正在试分类' : '已完成'}：${this.progress.done} / ${this.progress.total}</label>
            <progress id="progress" max=${this.progress.total} .value=${this.progress.done}></progress>
          </div>`
          : nothing
      }
      ${this.batchError ? this.renderErrors(this.batchError) : nothing}
      ${this.batch.length ? this.renderBatchResults() : nothing}
    </section>`;
  }

  private renderBatchResults() {
    const count = (o: string) => this.batch.filter((r) => (o === 'error' ? !r.result : r.result?.outcome === o)).length;
    const rows = this.batch.filter(
      (r) => this.filter === 'all' || (this.filter === 'error' ? !r.result : r.result?.outcome === this.filter),
    );
    const chip = (id: typeof this.filter, label: string, n: number) =>
      n || id === 'all'
        ? html`<button type="button" aria-pressed=${this.filter === id ? 'true' : 'false'} @click=${() => {
            this.filter = id;
            this.shown = PAGE;
          }}>${label} ${n}</button>`
        : nothing;
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
      ${
        res
          ? html`<td><span class="badge ${res.outcome === 'file' ? 'green' : res.outcome === 'review' ? 'amber' : ''}">${OUTCOME_LABELS[res.outcome]}</span></td>
            <td>${res.item ? html`<button type="button" class="link" @click=${() => fire(this, 'item-focus', { id: res.item!.id })}>${res.item.id}</button>` : (res.exclusion?.id ?? '')}</td>
            <td class="mono small">${res.classCode ?? ''}</td>
            <td class="nowrap">${res.retention ? `${res.retention.label}${res.branch ? `（${res.branch}）` : ''}` : ''}</td>
            <td class="mono small">${res.archivalCode ?? ''}</td>
            <td class="nowrap">${res.retention?.code === 'Y' ? '永久' : (res.expiresOn ?? '')}</td>
            <td class="reason" title=${res.reasons.join('\n')}>${res.reasons[0] ?? ''}${res.reasons.length > 1 ? html` <span class="muted">（另 ${res.reasons.length - 1} 条）</span>` : nothing}</td>`
          : html`<td><span class="badge red">记录有误</span></td><td colspan="7" class="reason">${r.error ?? ''}</td>`
      }
      ${this.readonly ? nothing : html`<td>${res ? html`<button type="button" class="link small" ?disabled=${saved} @click=${() => this.saveTest(r.record, res)}>${saved ? '已存为测试' : '存为测试'}</button>` : nothing}</td>`}
    </tr>`;
  }

  private setPasted(text: string) {
    this.pasted = text;
    this.parsed = text.trim() ? parseRecords(text, fieldCatalogue(this.scheme.fields)) : null;
  }

  private async onFile(e: Event) {
    // Taken before the await: once the event is over, its target (inside a shadow root) is cleared to null.
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.setPasted(await file.text());
    input.value = '';
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
        const res = await tryScheme(
          api,
          this.scheme,
          part.map((r) => r.record),
          abort.signal,
        );
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
      else this.batchError = errorText(e);
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }

  private exportCsv() {
    const head = ['行', '题名', '结果', '条款', '类目', '保管期限', '档号前缀', '保管至', '理由'];
    const lines = [head.join(',')];
    for (const r of this.batch) {
      const x = r.result;
      lines.push(
        [
          r.line,
          r.record.title,
          x ? OUTCOME_LABELS[x.outcome] : '记录有误',
          x?.item?.id ?? x?.exclusion?.id,
          x?.classCode,
          x?.retention?.label,
          x?.archivalCode,
          x?.retention?.code === 'Y' ? '永久' : x?.expiresOn,
          x ? x.reasons.join('；') : r.error,
        ]
          .map(csvCell)
          .join(','),
      );
    }
    downloadBlob(new Blob(['\uFEFF' + lines.join('\r\n')], { type: 'text/csv;charset=utf-8' }), '试分类结果.csv');
  }

  private downloadTemplate() {
    const text =
      '\uFEFF题名,文种,来源,形成日期,责任者,机构,金额,关键词\r\n关于2024年度工作计划的通知,通知,本单位,2024-01-05,办公室,办公室,,计划\r\n';
    downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), '试分类模板.csv');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-batch-tester': ShBatchTester;
  }
}
