// A version's impact, before submitting (workbench) and on the reviewer's page: the unit's logged records (or a
// sample file the archivist brings) replayed through this version and the version in force, the summary sentence,
// the groups of changed records, and every changed logged record as a file.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { KIND_WORDS, impactSentence, sideText } from '../server/schemas/impact-words.js';
import type { SchemeField } from '../server/schemas/scheme.js';
import { errorText } from './lib/api.js';
import { type ImpactReport, exportImpactChanges, getImpact, postImpactSample } from './lib/api-decisions.js';
import { getVersion } from './lib/api-schemes.js';
import { fieldCatalogue } from './lib/condition-model.js';
import { downloadBlob } from './lib/download.js';
import { recordFacts } from './lib/record-facts.js';
import { parseRecords } from './lib/records.js';
import { api } from './lib/session.js';
import { shared } from './styles/shared.js';

/** Records shown with their fields per group (the rest by number, or all of a sample on request). */
const SHOWN = 5;
/** The service replays at most this many sample records per request. */
const MAX_SAMPLE = 10_000;

/** Where the records came from; `labels`: the scheme's own fields (extra.*) by name, to show records with. */
type Source = { labels: ReadonlyMap<string, string> } & (
  | { kind: 'log' }
  | { kind: 'sample'; name: string; records: Record<string, unknown>[]; skipped: number }
);

const labelsOf = (fields: readonly SchemeField[] = []) => new Map(fields.map((f) => [f.name, f.label]));

@customElement('sh-impact-panel')
export class ShImpactPanel extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: block; margin-top: 12px; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
      .example { margin: 6px 0; }
      .example dl { display: grid; grid-template-columns: minmax(0, max-content) 1fr; gap: 0 8px; margin: 2px 0 0; }
      .example dt { color: var(--sh-grey); max-width: 10em; overflow-wrap: anywhere; }
      .example dd { margin: 0; overflow-wrap: anywhere; }
      /* On a phone each change is a block of labelled lines, its records below it at the full width. */
      @media (max-width: 640px) {
        table.changes thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        table.changes, table.changes tbody, table.changes tr, table.changes td { display: block; width: auto; }
        table.changes tr { border-top: 1px solid var(--sh-line); padding: 6px 0; }
        table.changes td { border: 0; padding: 2px 0; text-align: left; }
        table.changes td[data-label]::before { content: attr(data-label) '：'; color: var(--sh-grey); }
      }
    `,
  ];

  @property({ attribute: false }) schemeId: number | string = '';
  @property({ type: Number }) version = 0;
  @state() private source: Source | null = null;
  @state() private report: ImpactReport | null = null;
  @state() private busy: string | null = null;
  @state() private error: string | null = null;
  private abort: AbortController | null = null;

  override willUpdate(changed: Map<string, unknown>) {
    // Another version (or scheme): what was shown belongs to the old one.
    if (
      (changed.has('version') && changed.get('version') !== undefined) ||
      (changed.has('schemeId') && changed.get('schemeId') !== undefined)
    ) {
      this.abort?.abort();
      this.source = this.report = this.error = this.busy = null;
    }
  }

  override render() {
    return html`<section class="card" aria-labelledby="impact-h">
      <h2 id="impact-h">影响评估</h2>
      <p class="muted small">用业务系统已分类的记录（或上传的样本），分别按现行版本和第 ${this.version} 版（已保存的内容）重新判断，列出结论会改变的记录。</p>
      <div class="row">
        <button type="button" ?disabled=${this.busy !== null} @click=${this.ofLog}>按本单位分类记录评估</button>
        <input id="impact-file" class="visually-hidden" type="file" accept=".csv,.tsv,.txt,.jsonl,.json,text/csv,application/json"
          ?disabled=${this.busy !== null} @change=${this.onFile} />
        <label class="button" for="impact-file" aria-disabled=${this.busy !== null ? 'true' : 'false'}>用样本文件评估…</label>
        <span class="muted small">样本为 CSV / JSON Lines，第一行为列名（与批量试分类相同），最多 ${MAX_SAMPLE.toLocaleString('zh-CN')} 条。</span>
      </div>
      ${this.busy ? html`<p class="muted" role="status">${this.busy}</p>` : nothing}
      ${this.error ? html`<div class="message error" role="alert">${this.error}</div>` : nothing}
      ${this.report && this.source && !this.busy ? this.renderReport(this.report, this.source) : nothing}
    </section>`;
  }

  private renderReport(r: ImpactReport, source: Source) {
    const sample = source.kind === 'sample' ? source : null;
    // Reviewers get the changes without the unit's records (no examples), and cannot export them.
    const seesRecords = sample !== null || Object.keys(r.examples).length > 0;
    return html`<p role="status" data-impact-summary><strong>${impactSentence(r.records, r.changed, r.counts)}</strong></p>
      <p class="muted small">
        ${sample ? html`样本“${sample.name}”${sample.skipped ? `（${sample.skipped} 行未能读取，已跳过）` : ''}；` : '本单位分类记录；'}对比现行第
        ${r.against?.number ?? '—'} 版；用时 ${r.ms} 毫秒。
      </p>
      ${
        !sample && seesRecords && r.changed > 0
          ? html`<div class="row">
              <span class="small">全部 ${r.changed} 条会改变的记录：</span>
              <button type="button" @click=${() => this.download('xlsx')}>导出 Excel</button>
              <button type="button" @click=${() => this.download('csv')}>导出 CSV</button>
            </div>`
          : nothing
      }
      ${
        r.transitions.length
          ? html`<table class="changes" aria-label="结论会改变的记录">
              <thead><tr><th scope="col">变化</th><th scope="col">现行版本</th><th scope="col">第 ${r.version} 版</th><th scope="col">条数</th><th scope="col">记录</th></tr></thead>
              <tbody>${r.transitions.map(
                (t) => html`<tr>
                  <td data-label="变化">${KIND_WORDS[t.kind]}</td>
                  <td data-label="现行版本">${sideText(t.before)}</td>
                  <td data-label="第 ${r.version} 版">${sideText(t.after)}</td>
                  <td class="n" data-label="条数">${t.count}</td>
                  <td><details><summary>查看记录</summary>
                    ${(sample ? t.ids : t.ids.slice(0, SHOWN)).map((id) => {
                      const rec = sample ? sample.records[id] : r.examples[String(id)];
                      const label = sample ? `第 ${id + 1} 条` : `#${id}`;
                      return html`<div class="small example">${label}${
                        rec
                          ? html`<dl>${recordFacts(rec, source.labels).map((f) => html`<dt>${f.label}</dt><dd>${f.text}</dd>`)}</dl>`
                          : nothing
                      }</div>`;
                    })}
                    ${!sample && t.ids.length > SHOWN ? html`<div class="small muted">编号：${t.ids.slice(SHOWN).join('、')}${t.count > t.ids.length ? ' …（全部见导出）' : ''}</div>` : nothing}
                  </details></td>
                </tr>`,
              )}</tbody>
            </table>`
          : nothing
      }`;
  }

  private async run(
    source: (signal: AbortSignal) => Promise<Source> | Source,
    busy: string,
    load: (signal: AbortSignal) => Promise<ImpactReport>,
  ) {
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    this.busy = busy;
    this.error = null;
    try {
      const [report, from] = await Promise.all([load(abort.signal), source(abort.signal)]);
      if (abort.signal.aborted) return;
      this.source = from;
      this.report = report;
    } catch (e) {
      if (abort.signal.aborted) return;
      this.error = `无法评估影响：${errorText(e)}`;
    } finally {
      if (!abort.signal.aborted) this.busy = null;
    }
  }

  private ofLog() {
    void this.run(
      async (signal) => ({ kind: 'log', labels: labelsOf((await getVersion(api, this.schemeId, this.version, signal)).document.fields) }),
      '正在重放分类记录…',
      (signal) => getImpact(api, this.schemeId, this.version, signal),
    );
  }

  private async onFile(e: Event) {
    // Taken before the await: once the event is over, its target (inside a shadow root) is cleared to null.
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const [text, version] = await Promise.all([file.text(), getVersion(api, this.schemeId, this.version)]);
      const parsed = parseRecords(text, fieldCatalogue(version.document.fields));
      if (parsed.records.length === 0) {
        this.error = `样本“${file.name}”中没有可读取的记录${parsed.errors[0] ? `：${parsed.errors[0].message}` : ''}`;
        return;
      }
      if (parsed.records.length > MAX_SAMPLE) {
        this.error = `样本“${file.name}”有 ${parsed.records.length} 条记录，超过 ${MAX_SAMPLE} 条；请拆分后分别评估`;
        return;
      }
      const source: Source = {
        kind: 'sample',
        name: file.name,
        records: parsed.records,
        skipped: parsed.errors.length,
        labels: labelsOf(version.document.fields),
      };
      void this.run(
        () => source,
        `正在用 ${parsed.records.length} 条样本记录评估…`,
        (signal) => postImpactSample(api, this.schemeId, this.version, parsed.records, signal),
      );
    } catch (err) {
      this.error = `无法读取样本：${errorText(err)}`;
    }
  }

  private async download(format: 'xlsx' | 'csv') {
    this.busy = '正在导出…';
    this.error = null;
    try {
      const { blob, filename } = await exportImpactChanges(api, this.schemeId, this.version, format);
      downloadBlob(blob, filename ?? `结论会改变的记录.${format}`);
    } catch (e) {
      this.error = `导出失败：${errorText(e)}`;
    } finally {
      this.busy = null;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sh-impact-panel': ShImpactPanel;
  }
}
