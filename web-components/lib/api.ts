// Fetch client for /api/v1: bearer token, JSON in and out, problem+json errors as ApiError, ETag/If-Match for drafts.
import type { ClassifyResult } from '../../server/engine/compile.js';
import type { Finding } from '../../server/engine/analyse.js';
import type { ComplianceReport } from '../../server/engine/compliance.js';
import type { SchemeDiff } from '../../server/engine/diff.js';
import type { Scheme } from '../../server/schemas/scheme.js';

export type Id = string | number;
export type Role = 'archivist' | 'reviewer' | 'admin';
export type VersionState = 'draft' | 'submitted' | 'approved' | 'rejected' | 'superseded';

export interface FieldError {
  path: string;
  message: string;
}

export interface User {
  id: Id;
  username: string;
  displayName: string;
  role: Role;
  orgId: Id | null;
}

export interface Org {
  id: Id;
  name: string;
  type: 'bureau' | 'unit';
  fonds?: string;
  kind?: 'enterprise' | 'organ';
  supervisorId?: Id | null;
}

export interface Session {
  token: string;
  expiresAt?: string;
  user: User;
}

export interface VersionMeta {
  number: number;
  state: VersionState;
  hash?: string;
  createdBy?: string | null;
  createdAt?: string | null;
  submittedBy?: string | null;
  submittedAt?: string | null;
  decidedBy?: string | null;
  decidedAt?: string | null;
  approvalNumber?: string | null;
  decidedOn?: string | null;
  effectiveFrom?: string | null;
  comment?: string | null;
  justification?: string | null;
  rejectReason?: string | null;
}

export interface SchemeInfo {
  id: Id;
  unitId: Id;
  name: string;
  versions: VersionMeta[];
  [key: string]: unknown;
}

export interface VersionDoc extends VersionMeta {
  document: Scheme;
  /** ETag of the document, sent back as If-Match when saving a draft. */
  etag: string | null;
}

export interface Baseline {
  id: string;
  title: string;
  kind: 'enterprise' | 'organ';
  hash?: string;
  items?: number;
}

export interface TryResponse {
  valid: boolean;
  errors: FieldError[];
  results: ClassifyResult[];
}

export interface TestOutcomeView {
  index: number;
  name: string;
  passed: boolean;
  failures: string[];
  result: ClassifyResult;
}

export interface AnalysisResponse {
  valid: boolean;
  errors: FieldError[];
  tests: { passed: number; failed: number; outcomes: TestOutcomeView[] };
  findings: Finding[];
}

export type { ComplianceFinding, ComplianceReport } from '../../server/engine/compliance.js';
export type { SchemeDiff } from '../../server/engine/diff.js';

export interface ReviewQueueEntry {
  schemeId: Id;
  schemeName?: string;
  unitId?: Id;
  unitName?: string;
  number: number;
  submittedBy?: string | null;
  submittedAt?: string | null;
  [key: string]: unknown;
}

export interface ApproveInput {
  approvalNumber: string;
  decidedOn: string;
  effectiveFrom: string;
  comment?: string;
  justification?: string;
}

/** A failed call: the problem+json body (status 0 when the service could not be reached). */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(status: number, problem: { type?: string; title?: string; detail?: string; errors?: FieldError[] }) {
    super(problem.detail || problem.title || `请求失败（${status}）`);
    this.name = 'ApiError';
    this.status = status;
    this.type = problem.type ?? 'about:blank';
    this.title = problem.title ?? '';
    this.detail = problem.detail ?? '';
    this.errors = Array.isArray(problem.errors) ? problem.errors : [];
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
  headers?: Record<string, string>;
  signal?: AbortSignal;
  query?: Record<string, string | number | undefined>;
}

export interface Response_<T> {
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

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<Response_<T>> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
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
    let data: unknown = undefined;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
    }
    if (!res.ok) {
      if (res.status === 401 && token) this.onUnauthorized?.();
      const problem = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : { detail: typeof data === 'string' ? data.slice(0, 300) : '' };
      throw new ApiError(res.status, problem as ConstructorParameters<typeof ApiError>[1]);
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

  logout(): Promise<unknown> {
    return this.post('/auth/logout');
  }

  me(signal?: AbortSignal): Promise<{ user: User; org: Org | null }> {
    return this.get<Record<string, unknown>>('/me', { signal }).then(normalizeMe);
  }

  orgs(signal?: AbortSignal): Promise<Org[]> {
    return this.get<Org[] | { orgs: Org[] }>('/orgs', { signal }).then((d) => listOf(d, 'orgs'));
  }

  createOrg(org: Omit<Org, 'id'>): Promise<Org> {
    return this.post<Org>('/orgs', org);
  }

  users(signal?: AbortSignal): Promise<User[]> {
    return this.get<User[] | { users: User[] }>('/users', { signal }).then((d) => listOf(d, 'users'));
  }

  createUser(user: { username: string; password: string; displayName: string; role: Role; orgId: Id | null }): Promise<User> {
    return this.post<User>('/users', user);
  }

  baselines(signal?: AbortSignal): Promise<Baseline[]> {
    return this.get<Baseline[] | { baselines: Baseline[] }>('/baselines', { signal }).then((d) => listOf(d, 'baselines'));
  }

  baseline(id: string, signal?: AbortSignal): Promise<Scheme> {
    return this.get<Scheme | { document: Scheme }>(`/baselines/${enc(id)}`, { signal }).then((d) => ('document' in d && d.document ? d.document : (d as Scheme)));
  }

  unitSchemes(unit: Id, signal?: AbortSignal): Promise<SchemeInfo[]> {
    return this.get<SchemeInfo[] | { schemes: SchemeInfo[] }>(`/units/${enc(unit)}/schemes`, { signal }).then((d) => listOf(d, 'schemes'));
  }

  createScheme(unit: Id, input: { name: string; baseline?: string; document?: Scheme }): Promise<SchemeInfo> {
    return this.post<Record<string, unknown>>(`/units/${enc(unit)}/schemes`, input).then((d) => (d.scheme ?? d) as SchemeInfo);
  }

  scheme(id: Id, signal?: AbortSignal): Promise<SchemeInfo> {
    return this.get<Record<string, unknown>>(`/schemes/${enc(id)}`, { signal }).then((d) => {
      const scheme = (d.scheme ?? d) as SchemeInfo;
      return { ...scheme, versions: (d.versions ?? scheme.versions ?? []) as VersionMeta[] };
    });
  }

  async version(scheme: Id, n: number, signal?: AbortSignal): Promise<VersionDoc> {
    const res = await this.request<VersionMeta & { document: Scheme; version?: VersionMeta }>('GET', `/schemes/${enc(scheme)}/versions/${n}`, { signal });
    const meta = res.data.version ?? res.data;
    return { ...meta, document: res.data.document, etag: res.headers.get('etag') };
  }

  /** Replaces a draft's document; returns the new ETag. Throws ApiError 412 when `etag` is stale. */
  async saveDocument(scheme: Id, n: number, document: Scheme, etag: string): Promise<string | null> {
    const res = await this.request<unknown>('PUT', `/schemes/${enc(scheme)}/versions/${n}/document`, { body: document, headers: { 'if-match': etag } });
    return res.headers.get('etag');
  }

  newVersion(scheme: Id, from: number): Promise<VersionMeta> {
    return this.post<VersionMeta>(`/schemes/${enc(scheme)}/versions`, { from });
  }

  submit(scheme: Id, n: number): Promise<VersionMeta> {
    return this.post<VersionMeta>(`/schemes/${enc(scheme)}/versions/${n}/submit`);
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

  compliance(scheme: Id, n: number, signal?: AbortSignal): Promise<ComplianceReport> {
    return this.get<ComplianceReport>(`/schemes/${enc(scheme)}/versions/${n}/compliance`, { signal });
  }

  diff(scheme: Id, from: number, to: number, signal?: AbortSignal): Promise<SchemeDiff> {
    return this.get<SchemeDiff>(`/schemes/${enc(scheme)}/diff`, { signal, query: { from, to } });
  }

  try(document: Scheme, records: unknown[], signal?: AbortSignal): Promise<TryResponse> {
    return this.post<TryResponse>('/try', { document, records }, { signal });
  }

  reviewQueue(signal?: AbortSignal): Promise<ReviewQueueEntry[]> {
    return this.get<ReviewQueueEntry[] | { queue: ReviewQueueEntry[]; items?: ReviewQueueEntry[] }>('/review/queue', { signal }).then((d) => listOf(d, 'queue', 'items'));
  }

  classify(unit: Id, record: unknown, signal?: AbortSignal): Promise<ClassifyResult> {
    return this.post<ClassifyResult>(`/units/${enc(unit)}/classify`, record, { signal });
  }
}

const enc = (x: Id) => encodeURIComponent(String(x));

/** Lists come bare or wrapped in an object (`{schemes: […]}`); accept both. */
function listOf<T>(data: T[] | Record<string, unknown>, ...keys: string[]): T[] {
  if (Array.isArray(data)) return data;
  for (const k of keys) if (Array.isArray(data?.[k])) return data[k] as T[];
  return [];
}

function normalizeMe(d: Record<string, unknown>): { user: User; org: Org | null } {
  if (d.user && typeof d.user === 'object') return { user: d.user as User, org: (d.org ?? d.organisation ?? d.organization ?? null) as Org | null };
  return { user: d as unknown as User, org: null };
}
