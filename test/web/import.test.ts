// Table import in the page: content types, the mapping sent back, where problems are, suggested conditions.
import { describe, expect, it, vi } from 'vitest';
import type { Scheme } from '../../server/schemas/scheme.js';
import { Api, ApiError } from '../../web-components/lib/api.js';
import {
  IGNORE,
  XLSX_TYPE,
  applySuggestion,
  defaultSchemeName,
  fileProblem,
  issuePlace,
  issueText,
  mappingOf,
  mappingProblems,
  revertItem,
  suggestionRows,
  tableType,
} from '../../web-components/lib/import.js';
import { dropSuggestions, getSuggestions, importTable } from '../../web-components/lib/api-import.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../web-components/lib/api-keys.js';

describe('the file', () => {
  it('is sent with the content type of its extension, whatever the browser reported', () => {
    expect(tableType({ name: '三合一表.xlsx', type: '' })).toBe(XLSX_TYPE);
    expect(tableType({ name: 'table.CSV', type: 'application/vnd.ms-excel' })).toBe('text/csv');
    expect(tableType({ name: 'table.xls', type: 'application/vnd.ms-excel' })).toBeNull();
    expect(tableType({ name: 'notes.txt', type: 'text/plain' })).toBeNull();
  });

  it('says why it cannot be imported', () => {
    expect(fileProblem({ name: 'a.xls', type: '', size: 10 })).toContain('另存为');
    expect(fileProblem({ name: 'a.pdf', type: 'application/pdf', size: 10 })).toContain('不是 .xlsx 或 .csv');
    expect(fileProblem({ name: 'a.csv', type: 'text/csv', size: 0 })).toContain('空文件');
    expect(fileProblem({ name: 'a.csv', type: 'text/csv', size: 11 * 1024 * 1024 })).toContain('10 MB');
    expect(fileProblem({ name: 'a.csv', type: 'text/csv', size: 100 })).toBeNull();
  });

  it('names the scheme after the file', () => {
    expect(defaultSchemeName('华东新材料三合一表.xlsx', '华东新材料')).toBe('华东新材料三合一表');
    expect(defaultSchemeName(undefined, '华东新材料')).toBe('华东新材料三合一表');
  });
});

describe('the mapping', () => {
  const columns = [
    { column: 0, letter: 'A', header: '列一', field: 'id' as const, label: '条款号' },
    { column: 1, letter: 'B', header: '列二', field: 'scope' as const, label: '归档范围' },
    { column: 2, letter: 'C', header: '列三', field: null, label: null },
  ];

  it('names every column by letter, unmapped ones as 忽略', () => {
    expect(mappingOf(columns)).toEqual({ A: 'id', B: 'scope', C: IGNORE });
  });

  it('asks for 归档范围 and 保管期限, each field once, one way of reading classes', () => {
    expect(mappingProblems({ A: 'id', B: 'scope', C: IGNORE })).toEqual(['请指定哪一列是“保管期限”']);
    expect(mappingProblems({ A: 'scope', B: 'scope', C: 'retention' })).toEqual(['“归档范围”被指定给了多列，每个字段只能对应一列']);
    expect(mappingProblems({ A: 'classCode', B: 'class1', C: 'scope', D: 'retention' })[0]).toContain('只能选其一');
    expect(mappingProblems({ A: 'id', B: 'scope', C: 'retention' })).toEqual([]);
  });
});

describe('problems in the table', () => {
  it('are placed by sheet, row and column, and the message is not repeated', () => {
    const issue = {
      sheet: 'Sheet1',
      row: 4,
      column: 5,
      columnLetter: 'E',
      header: '保管期限',
      path: '/Sheet1/R4/C5',
      message: '第 4 行 E 列（保管期限）：条款“1.2”缺少保管期限',
    };
    expect(issuePlace(issue)).toBe('工作表“Sheet1” · 第 4 行 · E 列（保管期限）');
    expect(issueText(issue)).toBe('条款“1.2”缺少保管期限');
    expect(issuePlace({ sheet: 'CSV', row: 0, column: 0, path: '/CSV', message: 'x' }, 'csv')).toBe('整个文件');
    expect(issuePlace({ sheet: '', row: 3, column: 2, path: '/', message: 'x' })).toBe('第 3 行 · B 列');
  });
});

describe('suggested conditions', () => {
  const saved: Scheme = {
    format: 'sanheyi.scheme/1',
    title: 't',
    unit: 'u',
    kind: 'enterprise',
    version: 1,
    classes: [{ code: 'WS', name: '文书' }],
    items: [
      { id: '1', scope: '工作计划、总结', class: 'WS', retention: 'Y', needsCondition: true },
      { id: '2', scope: '会议记录', class: 'WS', retention: 'D10', needsCondition: true },
      { id: '3', scope: '合同', class: 'WS', retention: 'D30', when: { '==': [{ var: 'docType' }, '合同'] } },
    ],
  } as Scheme;
  const suggestions = {
    '2': { in: [{ var: 'docType' }, ['记录']] },
    '1': { in: [{ var: 'docType' }, ['计划', '总结']] },
    '3': { in: [{ var: 'docType' }, ['合同', '协议']] },
    '9': { in: ['x', { var: 'title' }] },
  };

  it('are applied to one row, which then no longer needs a condition, and can be taken back before saving', () => {
    const draft = applySuggestion(saved, '2', suggestions['2']);
    expect(draft.items[1]).toEqual({ id: '2', scope: '会议记录', class: 'WS', retention: 'D10', when: suggestions['2'] });
    expect(saved.items[1].needsCondition).toBe(true); // not mutated
    expect(revertItem(draft, saved, '2')).toEqual(saved);
    expect(applySuggestion(saved, '9', suggestions['9'])).toBe(saved);
  });

  it('are listed in the draft’s order with what can still be done', () => {
    const draft = applySuggestion(saved, '2', suggestions['2']);
    expect(suggestionRows(draft, saved, suggestions).map((r) => [r.id, r.state])).toEqual([
      ['1', 'open'],
      ['2', 'applied'],
      ['3', 'hasCondition'],
      ['9', 'missing'],
    ]);
    expect(suggestionRows(draft, draft, suggestions).find((r) => r.id === '2')?.state).toBe('saved');
  });

  it('are read from and dropped on the service, where the import kept them', async () => {
    const calls: { url: string; method: string }[] = [];
    const fetchFn = (async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), method: init?.method ?? 'GET' });
      return init?.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify({ suggestions, pending: 2, draft: 1 }), { status: 200 });
    }) as unknown as typeof fetch;
    const api = new Api({ fetch: fetchFn });
    expect(await getSuggestions(api, 7)).toEqual({ suggestions, pending: 2, draft: 1 });
    await dropSuggestions(api, 7);
    expect(calls).toEqual([
      { url: '/api/v1/schemes/7/suggestions', method: 'GET' },
      { url: '/api/v1/schemes/7/suggestions', method: 'DELETE' },
    ]);
  });
});

describe('the client', () => {
  function fake(status: number, body: unknown) {
    const calls: { url: string; init: RequestInit }[] = [];
    const fetchFn = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), init: init ?? {} });
      return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    });
    return { calls, api: new Api({ fetch: fetchFn as unknown as typeof fetch, token: () => 'tok' }) };
  }

  it('sends the table as the raw body with its type, and the options as query parameters', async () => {
    const { calls, api } = fake(200, { preview: {}, warnings: [], suggestions: {}, document: {}, stats: {} });
    const file = new Blob(['a,b,c'], { type: 'text/csv' });
    await importTable(api, 3, file, 'text/csv', { dryRun: true, mapping: { A: 'scope', B: 'retention' }, filename: '表.csv' });
    const url = new URL(calls[0].url, 'http://x');
    expect(url.pathname).toBe('/api/v1/units/3/schemes/import');
    expect(Object.fromEntries(url.searchParams)).toEqual({ dryRun: 'true', mapping: '{"A":"scope","B":"retention"}', filename: '表.csv' });
    expect((calls[0].init.headers as Record<string, string>)['content-type']).toBe('text/csv');
    expect(calls[0].init.body).toBe(file);
  });

  it('keeps needsMapping and the preview of a table it cannot read', async () => {
    const { api } = fake(422, { status: 422, detail: '无法确定表格各列的含义', errors: [], needsMapping: true, preview: { columns: [] } });
    const err = await importTable(api, 3, new Blob(['x']), 'text/csv', { dryRun: true }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.extra.needsMapping).toBe(true);
    expect(err.extra.preview).toEqual({ columns: [] });
  });

  it('lists, creates and revokes API keys', async () => {
    const list = fake(200, []);
    await listApiKeys(list.api, 3);
    expect(list.calls[0].url).toBe('/api/v1/units/3/api-keys');
    const create = fake(201, { id: 1, key: 'shk_x' });
    expect((await createApiKey(create.api, 3, 'OA')).key).toBe('shk_x');
    expect(JSON.parse(String(create.calls[0].init.body))).toEqual({ name: 'OA', expiresAt: null });
    const revoke = fake(204, undefined);
    await revokeApiKey(revoke.api, 3, 1);
    expect(revoke.calls[0].init.method).toBe('DELETE');
    expect(revoke.calls[0].url).toBe('/api/v1/units/3/api-keys/1');
  });
});
