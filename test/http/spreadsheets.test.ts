// HTTP tests of spreadsheet import (dry run, mapping, bad rows, all or nothing) and export (xlsx/csv/html/pdf, round trip).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateScheme } from '../../server/engine/validate.js';
import { PdfQueue } from '../../server/print/pdf-queue.js';
import { withoutChromium } from '../chromium.js';
import { conformance } from './openapi-conformance.js';
import type {
  ApiKeyCreated,
  AuditPage,
  ImportPreviewResult,
  ImportProblem,
  ImportedScheme,
  Org,
  Problem,
  SchemeWithVersions,
  Version,
} from '../../server/schemas/api/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { APPROVAL, type Res, type Who, type World, approve, approvedScheme, expectProblem, newScheme, submit, world } from './helpers.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FIXTURES = join(import.meta.dirname, '../fixtures/spreadsheets');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const typeOf = (name: string) => (name.endsWith('.csv') ? 'text/csv' : XLSX);

let w: World;
let conforms: ReturnType<typeof conformance>['conforms'];
beforeAll(async () => {
  w = await world();
  conforms = conformance((await w.req<object>('GET', '/api/v1/openapi.json')).body).conforms;
});
afterAll(() => w.close());

/** Sends a file as the raw body; the caller names the answer it expects (a preview, the new scheme, a problem). */
async function upload<T = unknown>(
  who: Who | null,
  unit: number,
  data: Uint8Array | string,
  type: string | null,
  params: Record<string, string> = {},
): Promise<Res<T>> {
  const headers: Record<string, string> = {};
  if (who) headers.authorization = `Bearer ${w.tokens[who]}`;
  if (type) headers['content-type'] = type;
  const qs = new URLSearchParams(params).toString();
  const res = await w.app.request(`/api/v1/units/${unit}/schemes/import${qs ? `?${qs}` : ''}`, {
    method: 'POST',
    headers,
    body: typeof data === 'string' ? data : new Uint8Array(data),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, body: body as T, text, headers: res.headers };
}

interface FileRes {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  /** A problem document when the export was refused. */
  body: Problem | undefined;
}

async function exportVersion(
  who: Who | null,
  scheme: number,
  n: number,
  format: string,
  headers: Record<string, string> = {},
): Promise<FileRes> {
  const h: Record<string, string> = { ...headers };
  if (who) h.authorization = `Bearer ${w.tokens[who]}`;
  const res = await w.app.request(`/api/v1/schemes/${scheme}/versions/${n}/export?format=${format}`, { headers: h });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  let body: Problem | undefined;
  try {
    body = JSON.parse(text) as Problem;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, bytes, text, body };
}

const schemeCount = async (unit = w.ids.unitA) =>
  (await w.as<SchemeWithVersions[]>('admin', 'GET', `/api/v1/units/${unit}/schemes`)).body.length;

/** What a table carries of a row: id, scope, class path and retention codes (conditions are not part of a table). */
const tableView = (doc: Scheme) =>
  doc.items.map((i) => ({
    id: i.id,
    scope: i.scope,
    class: i.class ?? null,
    retention: Array.isArray(i.retention) ? i.retention.map((b) => `${b.label}:${b.code}`) : (i.retention ?? null),
  }));

describe('importing a table', () => {
  const cases: [string, Record<string, string>][] = [
    ['code-name.xlsx', {}],
    ['levels-merged.xlsx', {}],
    ['organ-dept.xlsx', {}],
    ['serial-only.csv', {}],
    ['unknown-headers.csv', { mapping: JSON.stringify({ A: '条款号', B: '归档范围', C: '保管期限' }) }],
  ];

  for (const [file, params] of cases) {
    it(`${file}: dry run previews without saving, then the real import creates draft version 1`, async () => {
      const before = await schemeCount();
      const dry = await upload<ImportPreviewResult>('archA', w.ids.unitA, fixture(file), typeOf(file), {
        ...params,
        dryRun: 'true',
        filename: file,
      });
      expect(dry.status, dry.text).toBe(200);
      conforms('ImportPreviewResult', dry.body);
      expect(validateScheme(dry.body.document).ok).toBe(true);
      // The unit record wins over what the table says.
      expect(dry.body.document).toMatchObject({ unit: '甲有限公司', fonds: 'A001', kind: 'enterprise', version: 1 });
      expect(dry.body.document.description).toContain(file);
      expect(dry.body.preview.format).toBe(file.endsWith('.csv') ? 'csv' : 'xlsx');
      expect(Array.isArray(dry.body.warnings)).toBe(true);
      expect(await schemeCount()).toBe(before);

      const real = await upload<ImportedScheme>('archA', w.ids.unitA, fixture(file), typeOf(file), {
        ...params,
        name: `导入：${file}`,
        filename: file,
      });
      expect(real.status, real.text).toBe(201);
      conforms('ImportedScheme', real.body);
      expect(real.body).toMatchObject({ unitId: w.ids.unitA, name: `导入：${file}`, baselineId: null, createdBy: 'archA' });
      expect(real.body.versions).toMatchObject([{ number: 1, state: 'draft', rev: 1, createdBy: 'archA' }]);
      expect(real.headers.get('etag')).toBe('"v1.r1"');
      expect(real.headers.get('location')).toBe(`/api/v1/schemes/${real.body.id}`);
      expect(real.body.warnings).toEqual(dry.body.warnings);
      expect(real.body.suggestions).toEqual(dry.body.suggestions);
      expect(await schemeCount()).toBe(before + 1);

      const stored = await w.as<Version>('archA', 'GET', `/api/v1/schemes/${real.body.id}/versions/1`);
      expect(stored.status).toBe(200);
      expect(stored.body.document).toEqual(dry.body.document);
      // Suggestions are offered per leaf id, never applied.
      for (const id of Object.keys(real.body.suggestions)) expect(stored.body.document.items.some((i) => i.id === id)).toBe(true);
      expect(stored.body.document.items.every((i) => i.when === undefined)).toBe(true);

      const audit = await w.as<AuditPage>('admin', 'GET', `/api/v1/audit?scheme=${real.body.id}`);
      expect(audit.body.entries).toHaveLength(1);
      expect(audit.body.entries[0]).toMatchObject({ action: 'scheme.create', actor: 'archA', unitId: w.ids.unitA, version: 1 });
      expect(audit.body.entries[0].after).toMatchObject({
        importedFrom: { format: dry.body.preview.format, filename: file, sheet: dry.body.preview.sheet },
      });
    });
  }

  it('takes name, 全宗号 and kind from the unit, not from the table', async () => {
    const organ = await w.as<Org>('admin', 'POST', '/api/v1/orgs', {
      type: 'unit',
      name: '某市交通运输局',
      fonds: 'J003',
      kind: 'organ',
      supervisorId: w.ids.bureauX,
    });
    const r = await upload<ImportPreviewResult>('admin', organ.body.id, fixture('code-name.xlsx'), XLSX, { dryRun: 'true' });
    expect(r.status, r.text).toBe(200);
    expect(r.body.document).toMatchObject({ unit: '某市交通运输局', fonds: 'J003', kind: 'organ' });
    const created = await upload<ImportedScheme>('admin', organ.body.id, fixture('organ-dept.xlsx'), XLSX, { name: '机关三合一表' });
    expect(created.status, created.text).toBe(201);
    expect(created.body.createdBy).toBe('admin');
  });

  it('bad rows: 422 naming sheet, row and column of every problem, and nothing is created', async () => {
    const before = await schemeCount();
    for (const params of [{ dryRun: 'true' }, { name: '坏表' }] as Record<string, string>[]) {
      const r = await upload<ImportProblem>('archA', w.ids.unitA, fixture('bad-rows.xlsx'), XLSX, params);
      expectProblem(r, 422);
      expect(r.body.type).toBe('https://sanheyi.dev/problems/invalid-table');
      conforms('Problem', r.body);
      expect(r.body.needsMapping).toBeUndefined();
      expect(r.body.errors.map((e) => ({ path: e.path, sheet: e.sheet, row: e.row, column: e.column }))).toEqual([
        { path: '/Sheet1/R5/C5', sheet: 'Sheet1', row: 5, column: 5 },
        { path: '/Sheet1/R6/C3', sheet: 'Sheet1', row: 6, column: 3 },
      ]);
      expect(r.body.errors[1].message).toContain('重复');
      // The empty period cell of row 4 is a warning on its row, not one of the reasons the table is refused.
      expect(r.body.warnings?.map((x) => x.path)).toContain('/Sheet1/R4/C5');
    }
    expect(await schemeCount()).toBe(before);
  });

  it('unknown headers: 422 needsMapping with a preview, then a mapping imports it', async () => {
    const before = await schemeCount();
    const r = await upload<ImportProblem>('archA', w.ids.unitA, fixture('unknown-headers.csv'), 'text/csv; charset=utf-8', {
      name: '未知表头',
    });
    expectProblem(r, 422);
    conforms('Problem', r.body);
    expect(r.body).toMatchObject({ type: 'https://sanheyi.dev/problems/invalid-table', needsMapping: true });
    expect(r.body.preview?.headerRow).toBeNull();
    expect(r.body.preview?.columns.map((c) => c.letter)).toEqual(['A', 'B', 'C']);
    expect(r.body.preview?.rows[1].cells).toEqual(['1', '工作计划、总结', '永久']);
    expect(r.body.preview?.fields.some((f) => f.label === '保管期限')).toBe(true);
    expect(await schemeCount()).toBe(before);

    const ok = await upload<ImportedScheme>('archA', w.ids.unitA, fixture('unknown-headers.csv'), 'text/csv', {
      name: '未知表头',
      mapping: JSON.stringify({ A: '条款号', B: '归档范围', C: '保管期限' }),
    });
    expect(ok.status, ok.text).toBe(201);
    const doc = (await w.as<Version>('archA', 'GET', `/api/v1/schemes/${ok.body.id}/versions/1`)).body.document;
    expect(tableView(doc)).toEqual([
      { id: '1', scope: '工作计划、总结', class: 'WS', retention: 'Y' },
      { id: '2', scope: '会议记录', class: 'WS', retention: 'D10' },
      { id: '3', scope: '合同、协议', class: 'WS', retention: 'D30' },
    ]);
  });

  it('checks the query: name unless dry run, mapping a JSON object of known fields, headerRow a number', async () => {
    const csv = fixture('serial-only.csv');
    const name = await upload<ImportProblem>('archA', w.ids.unitA, csv, 'text/csv');
    expectProblem(name, 400);
    expect(name.body.errors).toEqual([{ path: '/query/name', message: '缺少方案名称' }]);
    const notJson = await upload<ImportProblem>('archA', w.ids.unitA, csv, 'text/csv', { dryRun: 'true', mapping: '{C:归档范围' });
    expectProblem(notJson, 400);
    expect(notJson.body.errors[0].path).toBe('/query/mapping');
    const array = await upload('archA', w.ids.unitA, csv, 'text/csv', { dryRun: 'true', mapping: '["C"]' });
    expectProblem(array, 400);
    const field = await upload<ImportProblem>('archA', w.ids.unitA, csv, 'text/csv', {
      dryRun: 'true',
      mapping: JSON.stringify({ C: '归档范围', 'D/E': '颜色' }),
    });
    expectProblem(field, 400);
    expect(field.body.errors).toEqual([{ path: '/query/mapping/D~1E', message: '未知字段“颜色”' }]);
    expectProblem(await upload('archA', w.ids.unitA, csv, 'text/csv', { dryRun: 'true', headerRow: '-1' }), 400);
    expectProblem(await upload('archA', w.ids.unitA, csv, 'text/csv', { dryRun: 'true', colour: 'red' }), 400);
    // A column the table does not have is a table problem.
    const col = await upload<ImportProblem>('archA', w.ids.unitA, csv, 'text/csv', {
      dryRun: 'true',
      mapping: JSON.stringify({ ZZ: '归档范围', 不存在的列: '保管期限' }),
    });
    expectProblem(col, 422);
    expect(col.body.needsMapping).toBe(true);
    // An explicit sheet that does not exist.
    const sheet = await upload<ImportProblem>('archA', w.ids.unitA, fixture('code-name.xlsx'), XLSX, {
      dryRun: 'true',
      sheet: '没有这个表',
    });
    expectProblem(sheet, 422);
    expect(sheet.body.errors[0].message).toContain('没有名为“没有这个表”的工作表');
  });

  it('wrong or mismatched content type → 415; empty → 400; over 10 MB → 413; not an xlsx → 422', async () => {
    const before = await schemeCount();
    for (const type of ['application/json', 'text/plain', 'application/vnd.ms-excel', null]) {
      const r = await upload<ImportProblem>('archA', w.ids.unitA, fixture('serial-only.csv'), type, { name: '类型' });
      expectProblem(r, 415);
      expect(r.body.errors[0].path).toBe('/header/Content-Type');
    }
    expectProblem(await upload('archA', w.ids.unitA, fixture('code-name.xlsx'), 'text/csv', { name: '类型' }), 415);
    expectProblem(await upload('archA', w.ids.unitA, new Uint8Array(0), 'text/csv', { name: '空' }), 400);
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41);
    expectProblem(await upload('archA', w.ids.unitA, big, 'text/csv', { name: '大' }), 413);
    const notZip = await upload<ImportProblem>('archA', w.ids.unitA, '条款号,归档范围\n1,会议', XLSX, { name: '假表' });
    expectProblem(notZip, 422);
    expect(notZip.body.errors).toEqual([{ sheet: '', row: 0, column: 0, path: '/', message: '文件不是有效的 .xlsx 工作簿' }]);
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(64)]);
    expect((await upload<ImportProblem>('archA', w.ids.unitA, xls, XLSX, { name: '旧表' })).body.errors[0].message).toContain('.xls');
    expect(await schemeCount()).toBe(before);
  });

  it('only the unit’s archivists and admins: another unit’s archivist 404, reviewer 403, API key 403, nobody 401', async () => {
    const csv = fixture('serial-only.csv');
    expectProblem(await upload('archB', w.ids.unitA, csv, 'text/csv', { name: '越权' }), 404);
    expectProblem(await upload('archB', w.ids.unitA, csv, 'text/csv', { dryRun: 'true' }), 404);
    expectProblem(await upload('revX', w.ids.unitA, csv, 'text/csv', { name: '越权' }), 403);
    expectProblem(await upload('revY', w.ids.unitA, csv, 'text/csv', { name: '越权' }), 404);
    expectProblem(await upload(null, w.ids.unitA, csv, 'text/csv', { name: '越权' }), 401);
    expectProblem(await upload('archA', 999_999, csv, 'text/csv', { name: '越权' }), 404);
    // Authorisation comes before the body: a forbidden caller learns nothing about its content type.
    expectProblem(await upload('revX', w.ids.unitA, csv, 'application/json', { name: '越权' }), 403);
    const key = (await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: 'OA' })).body.key;
    const res = await w.app.request(`/api/v1/units/${w.ids.unitA}/schemes/import?name=x`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(403);
  });
});

describe('exporting a version', () => {
  let scheme: number;
  let version: Version;
  beforeAll(async () => {
    scheme = await approvedScheme(w);
    version = (await w.as<Version>('archA', 'GET', `/api/v1/schemes/${scheme}/versions/1`)).body;
    expect(version.state).toBe('approved');
  });

  const disposition = (kind: string, ext: string) =>
    `${kind}; filename="scheme-${scheme}-v1.${ext}"; filename*=UTF-8''${encodeURIComponent(`文书档案三合一表（第1版）.${ext}`)}`;

  it('xlsx: attachment with the Chinese file name, ETag by content and format, 304 when unchanged', async () => {
    const r = await exportVersion('archA', scheme, 1, 'xlsx');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(XLSX);
    expect(r.headers.get('content-disposition')).toBe(disposition('attachment', 'xlsx'));
    expect(r.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const etag = r.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}\.xlsx"$/);
    expect((await exportVersion('revX', scheme, 1, 'xlsx')).headers.get('etag')).toBe(etag);
    const again = await exportVersion('archA', scheme, 1, 'xlsx', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
    expect((await exportVersion('archA', scheme, 1, 'csv')).headers.get('etag')).not.toBe(etag);
  });

  it('round trip: the exported xlsx (and csv) re-imports with the same ids, scopes, retention codes and class paths', async () => {
    const xlsx = (await exportVersion('archA', scheme, 1, 'xlsx')).bytes;
    const dry = await upload<ImportPreviewResult>('archA', w.ids.unitA, xlsx, XLSX, { dryRun: 'true' });
    expect(dry.status, dry.text).toBe(200);
    expect(tableView(dry.body.document)).toEqual(tableView(version.document));
    expect(dry.body.document.classes).toEqual(version.document.classes);
    expect(dry.body.document.title).toBe(version.document.title);

    const real = await upload<ImportedScheme>('archA', w.ids.unitA, xlsx, XLSX, {
      name: '重新导入',
      filename: '文书档案三合一表（第1版）.xlsx',
    });
    expect(real.status, real.text).toBe(201);
    const stored = (await w.as<Version>('archA', 'GET', `/api/v1/schemes/${real.body.id}/versions/1`)).body.document;
    expect(tableView(stored)).toEqual(tableView(version.document));

    const csv = await exportVersion('archA', scheme, 1, 'csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(disposition('attachment', 'csv'));
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const fromCsv = await upload<ImportPreviewResult>('archA', w.ids.unitA, csv.bytes, 'text/csv', { dryRun: 'true' });
    expect(fromCsv.status, fromCsv.text).toBe(200);
    expect(tableView(fromCsv.body.document)).toEqual(tableView(version.document));
  });

  it('html: inline print view showing the 批复文号, reviewer and dates once approved, not before', async () => {
    const r = await exportVersion('revX', scheme, 1, 'html');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe(disposition('inline', 'html'));
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.text).toContain('<th>批复文号</th>');
    expect(r.text).toContain(APPROVAL.approvalNumber);
    expect(r.text).toContain('2026年3月1日');
    expect(r.text).toContain('revX'); // the reviewer's display name
    expect(r.text).toContain('甲有限公司');

    // The approval's own words are printed with it.
    const commented = await newScheme(w, 'archA', w.ids.unitA, '带审批意见的表');
    expect((await submit(w, commented)).status).toBe(200);
    expect((await approve(w, commented, 1, 'revX', { comment: '同意，自生效日起执行。' })).status).toBe(200);
    const printed = await exportVersion('archA', commented, 1, 'html');
    expect(printed.text).toContain('<th>审批意见</th><td colspan="3" class="approval-text">同意，自生效日起执行。</td>');

    const other = await newScheme(w, 'archA', w.ids.unitA, '送审中的表');
    const draftHtml = await exportVersion('archA', other, 1, 'html');
    expect(draftHtml.status).toBe(200);
    expect(draftHtml.text).not.toContain(APPROVAL.approvalNumber);
    expect(draftHtml.text).toContain('尚未经档案主管部门审核同意');
    const draftTag = draftHtml.headers.get('etag');
    expect((await submit(w, other)).status).toBe(200);
    const submitted = await exportVersion('archA', other, 1, 'html');
    expect(submitted.text).toContain('送审中');
    expect(submitted.headers.get('etag')).not.toBe(draftTag); // same content, other state: other file
  });

  it.skipIf(withoutChromium('PDF export over HTTP'))(
    'pdf: a PDF document, renders serialised one at a time',
    async () => {
      const before = w.app.services.pdf.stats.rendered;
      const [a, b] = await Promise.all([exportVersion('archA', scheme, 1, 'pdf'), exportVersion('revX', scheme, 1, 'pdf')]);
      for (const r of [a, b]) {
        expect(r.status, r.text.slice(0, 300)).toBe(200);
        expect(r.headers.get('content-type')).toBe('application/pdf');
        expect(r.headers.get('content-disposition')).toBe(disposition('attachment', 'pdf'));
        expect(r.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
      }
      expect(w.app.services.pdf.stats).toMatchObject({ running: 0, waiting: 0, maxRunning: 1, rendered: before + 2 });
    },
    90_000,
  );

  it('pdf without chromium → 503 problem', async () => {
    const saved = w;
    w = await world({ pdf: new PdfQueue({ executablePath: join(saved.dir, 'no-chromium') }) });
    try {
      const r = await exportVersion('archA', await approvedScheme(w), 1, 'pdf');
      expect(r.status).toBe(503);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(r.body).toMatchObject({ type: 'https://sanheyi.dev/problems/pdf-unavailable', status: 503 });
    } finally {
      w.close();
      w = saved;
    }
  });

  it('checks the format and the version', async () => {
    for (const q of ['', 'docx']) {
      const res = await w.app.request(`/api/v1/schemes/${scheme}/versions/1/export${q ? `?format=${q}` : ''}`, {
        headers: { authorization: `Bearer ${w.tokens.archA}` },
      });
      expect(res.status).toBe(400);
    }
    expect((await exportVersion('archA', scheme, 9, 'csv')).status).toBe(404);
    expect((await exportVersion('archA', 999_999, 1, 'csv')).status).toBe(404);
  });

  it('only those who may read the unit: other unit’s archivist and reviewer 404, API key 403, nobody 401', async () => {
    for (const who of ['archB', 'revY', 'revP', 'archS'] as const) {
      const r = await exportVersion(who, scheme, 1, 'xlsx');
      expect(r.status, who).toBe(404);
      expect(r.body?.type).toBe('https://sanheyi.dev/problems/not-found');
    }
    expect((await exportVersion(null, scheme, 1, 'csv')).status).toBe(401);
    expect((await exportVersion('admin', scheme, 1, 'csv')).status).toBe(200);
    const key = (await w.as<ApiKeyCreated>('archA', 'POST', `/api/v1/units/${w.ids.unitA}/api-keys`, { name: 'ERP' })).body.key;
    const res = await w.app.request(`/api/v1/schemes/${scheme}/versions/1/export?format=csv`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(403);
  });
});
