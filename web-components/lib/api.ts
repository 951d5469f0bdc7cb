// Fetch client for /api/v1: bearer token, JSON in and out, problem+json errors as ApiError, ETag/If-Match for drafts.
import type { SchemeDiff } from '../../server/engine/diff.js';
import type {
  Analysis,
  ApiKey,
  ApproveBody,
  BaselineSummary,
  ClassifyResult,
  Compliance,
  FieldError,
  ImportIssue,
  ImportPreview,
  ImportStats,
  Me,
  Org,
  ReviewQueueEntry,
  Role,
  SchemeWithVersions,
  Session,
  TestOutcome,
  TryResponse,
  User,
  VersionMeta,
} from '../../server/schemas/api/index.js';
import type { Scheme } from '../../server/schemas/scheme.js';

// The wire types come from the one contract, server/schemas/api (type-only imports: nothing of the server reaches
// the bundle); web-components/tsconfig.json refuses imports of the store or the services.
export type {
  ApiKey,
  BaselineSummary,
  FieldError,
  ImportIssue,
  ImportPreview,
  ImportStats,
  Me,
  Org,
  ReviewQueueEntry,
  Role,
  SchemeDiff,
  Session,
  TryResponse,
  User,
  VersionMeta,
};
export type { VersionState } from '../../server/schemas/api/index.js';
export type { ComplianceFinding } from '../../server/engine/compliance.js';
export type ApproveInput = ApproveBody;
export type VersionCompliance = Compliance;
export type AnalysisResponse = Analysis;
export type TestOutcomeView = TestOutcome;

export type Id = string | number;

/** A scheme with its versions' states (GET /schemes/{id}, GET /units/{unit}/schemes). */
export type SchemeInfo = SchemeWithVersions;

export interface VersionDoc extends VersionMeta {
  document: Scheme;
  /** ETag of the document, sent back as If-Match when saving a draft. */
  etag: string | null;
}

/** A JSON-Logic condition suggested from a row's wording (import), per clause id. */
export type Suggestions = Record<string, Record<string, unknown>>;

/** POST /units/{unit}/schemes/import?dryRun=true → 200. */
export interface ImportDryRun {
  preview: ImportPreview;
  warnings: ImportIssue[];
  suggestions: Suggestions;
  document: Scheme;
  stats: ImportStats;
}

/** POST /units/{unit}/schemes/import → 201: the new scheme, plus what the import noticed and suggests. */
export type ImportCreated = SchemeInfo & { warnings: ImportIssue[]; suggestions: Suggestions };

export interface ImportQuery {
  name?: string;
  dryRun?: boolean;
  sheet?: string;
  /** 1-based; 0 = no header row. */
  headerRow?: number;
  /** Column letter → field (`scope`, `retention`, …, or `忽略`). */
  mapping?: Record<string, string>;
  filename?: string;
}

/** A failed call: the problem+json body (status 0 when the service could not be reached). */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Other members of the problem (e.g. `findings` of a refused approval). */
  readonly extra: Record<string, unknown>;

  constructor(status: number, problem: Record<string, unknown>) {
    const detail = typeof problem.detail === 'string' ? problem.detail : '';
    const title = typeof problem.title === 'string' ? problem.title : '';
    super(detail || title || `请求失败（${status}）`);
    this.name = 'ApiError';
    this.status = status;
    this.type = typeof problem.type === 'string' ? problem.type : 'about:blank';
    this.title = title;
    this.detail = detail;
    this.errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
    this.extra = problem;
  }

  /** A sentence for a person: the detail, else a plain explanation of the status. */
  get userMessage(): string {
    if (this.detail) return this.detail;
    if (this.title && this.title !== 'Error') return this.title;
    return STATUS_WORDS[this.status] ?? `请求失败（${this.status}）`;
  }
}

const STATUS_WORDS: Record<number, string> = {
  0: '无法连接服务，请检查网络后重试',
  400: '请求内容有误',
  401: '登录已失效，请重新登录',
  403: '您没有权限执行此操作',
  404: '找不到该内容，可能已被删除',
  409: '与现有状态冲突',
  412: '该版本已被他人修改',
  413: '内容过大',
  422: '内容未通过校验',
  428: '缺少版本标识（If-Match）',
  429: '请求过于频繁，请稍后再试',
  500: '服务出错，请稍后重试',
};

export interface ApiOptions {
  base?: string;
  token?: () => string | null;
  fetch?: typeof fetch;
  /** Called on 401 for an authenticated call (the shell signs out). */
  onUnauthorized?: () => void;
}

export interface RequestOptions {
  body?: unknown;
  /** A body sent as it is (a file), with its content type; instead of `body`. */
  raw?: { data: Blob | ArrayBuffer; type: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
  query?: Record<string, string | number | undefined>;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

export class Api {
  private readonly base: string;
  private readonly token: () => string | null;
  private readonly fetchFn: typeof fetch;
  private readonly onUnauthorized?: () => void;

  constructor(options: ApiOptions = {}) {
    this.base = options.base ?? '/api/v1';
    this.token = options.token ?? (() => null);
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.onUnauthorized = options.onUnauthorized;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (options.raw) {
      headers['content-type'] = options.raw.type;
      body = options.raw.data;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const query = Object.entries(options.query ?? {}).filter(([, v]) => v !== undefined && v !== '');
    const url = this.base + path + (query.length ? '?' + new URLSearchParams(query.map(([k, v]) => [k, String(v)])).toString() : '');
    let res: Response;
    try {
      res = await this.fetchFn(url, { method, headers, body, signal: options.signal });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError(0, { title: '无法连接服务', detail: STATUS_WORDS[0] });
    }
    const text = await res.text();
    let data: unknown;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
    }
    if (!res.ok) {
      if (res.status === 401 && token) this.onUnauthorized?.();
      const problem =
        typeof data === 'object' && data !== null
          ? (data as Record<string, unknown>)
          : { detail: typeof data === 'string' ? data.slice(0, 300) : '' };
      throw new ApiError(res.status, problem);
    }
    return { data: data as T, status: res.status, headers: res.headers };
  }

  async get<T>(path: string, options?: RequestOptions): Promise<T> {
    return (await this.request<T>('GET', path, options)).data;
  }

  async post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return (await this.request<T>('POST', path, { ...options, body: body ?? {} })).data;
  }

  // ——— endpoints (docs/api.md) ———

  login(username: string, password: string): Promise<Session> {
    return this.post<Session>('/auth/login', { username, password });
  }

  async logout(): Promise<void> {
    await this.request('POST', '/auth/logout');
  }

  async changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.request('POST', '/me/password', { body: { currentPassword, newPassword } });
  }

  me(signal?: AbortSignal): Promise<Me> {
    return this.get<Me>('/me', { signal });
  }

  orgs(signal?: AbortSignal): Promise<Org[]> {
    return this.get<Org[]>('/orgs', { signal });
  }

  createOrg(org: {
    type: 'bureau' | 'unit';
    name: string;
    fonds?: string;
    kind?: 'enterprise' | 'organ';
    supervisorId?: number;
  }): Promise<Org> {
    return this.post<Org>('/orgs', org);
  }

  users(signal?: AbortSignal): Promise<User[]> {
    return this.get<User[]>('/users', { signal });
  }

  createUser(user: { username: string; password: string; displayName: string; role: Role; orgId: number | null }): Promise<User> {
    return this.post<User>('/users', user);
  }

  baselines(signal?: AbortSignal): Promise<BaselineSummary[]> {
    return this.get<BaselineSummary[]>('/baselines', { signal });
  }

  baseline(id: string, signal?: AbortSignal): Promise<Scheme> {
    return this.get<Scheme>(`/baselines/${enc(id)}`, { signal });
  }

  unitSchemes(unit: Id, signal?: AbortSignal): Promise<SchemeInfo[]> {
    return this.get<SchemeInfo[]>(`/units/${enc(unit)}/schemes`, { signal });
  }

  createScheme(unit: Id, input: { name: string; baseline?: string; document?: Scheme }): Promise<SchemeInfo> {
    return this.post<SchemeInfo>(`/units/${enc(unit)}/schemes`, input);
  }

  /**
   * Imports a 三合一 table (the file's bytes as the body). Dry run → the preview; otherwise 201 with the new scheme.
   * A table the service cannot read throws ApiError 422 `invalid-table` (`extra.needsMapping`, `extra.preview`).
   */
  importTable(unit: Id, file: Blob, type: string, q: ImportQuery & { dryRun: true }, signal?: AbortSignal): Promise<ImportDryRun>;
  importTable(unit: Id, file: Blob, type: string, q: ImportQuery, signal?: AbortSignal): Promise<ImportCreated>;
  async importTable(unit: Id, file: Blob, type: string, q: ImportQuery, signal?: AbortSignal): Promise<ImportDryRun | ImportCreated> {
    const query = {
      name: q.name,
      dryRun: q.dryRun ? 'true' : undefined,
      sheet: q.sheet,
      headerRow: q.headerRow,
      mapping: q.mapping ? JSON.stringify(q.mapping) : undefined,
      filename: q.filename,
    };
    return (
      await this.request<ImportDryRun | ImportCreated>('POST', `/units/${enc(unit)}/schemes/import`, {
        raw: { data: file, type },
        query,
        signal,
      })
    ).data;
  }

  apiKeys(unit: Id, signal?: AbortSignal): Promise<ApiKey[]> {
    return this.get<ApiKey[]>(`/units/${enc(unit)}/api-keys`, { signal });
  }

  /** The returned `key` is the only time the secret is shown. */
  createApiKey(unit: Id, name: string): Promise<ApiKey & { key: string }> {
    return this.post<ApiKey & { key: string }>(`/units/${enc(unit)}/api-keys`, { name });
  }

  async revokeApiKey(unit: Id, id: Id): Promise<void> {
    await this.request('DELETE', `/units/${enc(unit)}/api-keys/${enc(id)}`);
  }

  scheme(id: Id, signal?: AbortSignal): Promise<SchemeInfo> {
    return this.get<SchemeInfo>(`/schemes/${enc(id)}`, { signal });
  }

  async version(scheme: Id, n: number, signal?: AbortSignal): Promise<VersionDoc> {
    const res = await this.request<VersionMeta & { document: Scheme }>('GET', `/schemes/${enc(scheme)}/versions/${n}`, { signal });
    return { ...res.data, etag: res.headers.get('etag') };
  }

  /** Replaces a draft's document; returns the new meta and ETag. Throws ApiError 412 when `etag` is stale. */
  async saveDocument(scheme: Id, n: number, document: Scheme, etag: string): Promise<{ meta: VersionMeta; etag: string | null }> {
    const res = await this.request<VersionMeta>('PUT', `/schemes/${enc(scheme)}/versions/${n}/document`, {
      body: document,
      headers: { 'if-match': etag },
    });
    return { meta: res.data, etag: res.headers.get('etag') };
  }

  newVersion(scheme: Id, from: number): Promise<VersionMeta> {
    return this.post<VersionMeta>(`/schemes/${enc(scheme)}/versions`, { from });
  }

  submit(scheme: Id, n: number): Promise<VersionMeta & { compliance?: VersionCompliance }> {
    return this.post(`/schemes/${enc(scheme)}/versions/${n}/submit`);
  }

  approve(scheme: Id, n: number, input: ApproveInput): Promise<VersionMeta> {
    return this.post<VersionMeta>(`/schemes/${enc(scheme)}/versions/${n}/approve`, input);
  }

  reject(scheme: Id, n: number, reason: string): Promise<VersionMeta> {
    return this.post<VersionMeta>(`/schemes/${enc(scheme)}/versions/${n}/reject`, { reason });
  }

  analysis(scheme: Id, n: number, signal?: AbortSignal): Promise<AnalysisResponse> {
    return this.get<AnalysisResponse>(`/schemes/${enc(scheme)}/versions/${n}/analysis`, { signal });
  }

  compliance(scheme: Id, n: number, signal?: AbortSignal): Promise<VersionCompliance> {
    return this.get<VersionCompliance>(`/schemes/${enc(scheme)}/versions/${n}/compliance`, { signal });
  }

  diff(scheme: Id, from: number, to: number, signal?: AbortSignal): Promise<SchemeDiff> {
    return this.get<SchemeDiff>(`/schemes/${enc(scheme)}/diff`, { signal, query: { from, to } });
  }

  try(document: Scheme, records: unknown[], signal?: AbortSignal): Promise<TryResponse> {
    return this.post<TryResponse>('/try', { document, records }, { signal });
  }

  reviewQueue(signal?: AbortSignal): Promise<ReviewQueueEntry[]> {
    return this.get<ReviewQueueEntry[]>('/review/queue', { signal });
  }

  /** A stored version as a file (xlsx, csv, html, pdf), with the name the service suggests. */
  async exportVersion(
    scheme: Id,
    n: number,
    format: 'xlsx' | 'csv' | 'html' | 'pdf',
    signal?: AbortSignal,
  ): Promise<{ blob: Blob; filename: string }> {
    const headers: Record<string, string> = {};
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await this.fetchFn(`${this.base}/schemes/${enc(scheme)}/versions/${n}/export?format=${format}`, { headers, signal });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError(0, { detail: STATUS_WORDS[0] });
    }
    if (!res.ok) {
      if (res.status === 401 && token) this.onUnauthorized?.();
      let problem: Record<string, unknown> = {};
      try {
        problem = (await res.json()) as Record<string, unknown>;
      } catch {
        // not a problem document
      }
      throw new ApiError(res.status, problem);
    }
    return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) ?? `scheme-${scheme}-v${n}.${format}` };
  }

  classify(unit: Id, record: unknown, signal?: AbortSignal): Promise<ClassifyResult> {
    return this.post<ClassifyResult>(`/units/${enc(unit)}/classify`, record, { signal });
  }
}

const enc = (x: Id) => encodeURIComponent(String(x));

/** The file name of a Content-Disposition header (RFC 6266: filename* in UTF-8 first). */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : null;
}
