// The core fetch client for /api/v1: bearer token, JSON in and out, problem+json errors as ApiError. The calls
// themselves live in one file per area (lib/api-<area>.ts), each a plain function taking this client first, so a
// new area adds its own file and touches nothing here.
import type { FieldError } from '../../server/schemas/api/index.js';

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
  SchemeWithVersions as SchemeInfo,
  Session,
  TryResponse,
  User,
  VersionMeta,
  VersionState,
} from '../../server/schemas/api/index.js';
export type { SchemeDiff } from '../../server/engine/browser.js';
export type { ComplianceFinding } from '../../server/engine/browser.js';
export type {
  Analysis as AnalysisResponse,
  ApproveBody as ApproveInput,
  Compliance as VersionCompliance,
  TestOutcome as TestOutcomeView,
} from '../../server/schemas/api/index.js';

export type Id = string | number;

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

/** What to tell a person about a failed call: the service's sentence for an ApiError, else the error as text. */
export function errorText(e: unknown): string {
  return e instanceof ApiError ? e.userMessage : String(e);
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

  /** A JSON call; a non-2xx answer throws ApiError with the problem document. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...options.headers };
    let body: BodyInit | undefined;
    if (options.raw) {
      headers['content-type'] = options.raw.type;
      body = options.raw.data;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await this.send(method, path, { ...options, headers }, body);
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

  /** A GET whose answer is a file: its bytes and the name the service suggests (Content-Disposition). */
  async download(path: string, options: RequestOptions = {}): Promise<{ blob: Blob; filename: string | null }> {
    const res = await this.send('GET', path, options);
    if (!res.ok) {
      let problem: Record<string, unknown> = {};
      try {
        problem = (await res.json()) as Record<string, unknown>;
      } catch {
        // not a problem document
      }
      throw new ApiError(res.status, problem);
    }
    return { blob: await res.blob(), filename: filenameOf(res.headers.get('content-disposition')) };
  }

  private async send(method: string, path: string, options: RequestOptions, body?: BodyInit): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    const query = Object.entries(options.query ?? {}).filter(([, v]) => v !== undefined && v !== '');
    const url = this.base + path + (query.length ? `?${new URLSearchParams(query.map(([k, v]) => [k, String(v)])).toString()}` : '');
    let res: Response;
    try {
      res = await this.fetchFn(url, { method, headers, body, signal: options.signal });
    } catch (e) {
      if ((e as Error).name === 'AbortError') throw e;
      throw new ApiError(0, { title: '无法连接服务', detail: STATUS_WORDS[0] });
    }
    if (res.status === 401 && token) this.onUnauthorized?.();
    return res;
  }
}

/** A path segment, encoded. */
export const enc = (x: Id) => encodeURIComponent(String(x));

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
