// API client: bearer token, JSON bodies, problem+json errors, ETag round trip, 401 sign-out, unreachable service.
import { describe, expect, it, vi } from 'vitest';
import { Api, ApiError, errorText, filenameOf } from '../../web-components/lib/api.js';
import { tryScheme } from '../../web-components/lib/api-classify.js';
import { submitVersion } from '../../web-components/lib/api-review.js';
import { exportVersion, getDiff, saveDocument } from '../../web-components/lib/api-schemes.js';
import { getMe } from '../../web-components/lib/api-auth.js';
import { listBaselines } from '../../web-components/lib/api-baselines.js';

function fake(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });
  });
  return { calls, fetchFn: fetchFn as unknown as typeof fetch };
}

describe('Api', () => {
  it('sends the bearer token and JSON, and reads JSON', async () => {
    const { calls, fetchFn } = fake(200, { valid: true, errors: [], results: [] });
    const api = new Api({ fetch: fetchFn, token: () => 'tok' });
    const res = await tryScheme(api, { format: 'sanheyi.scheme/1' } as never, [{ title: 'a' }]);
    expect(res.valid).toBe(true);
    expect(calls[0].url).toBe('/api/v1/try');
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer tok');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ document: { format: 'sanheyi.scheme/1' }, records: [{ title: 'a' }] });
  });

  it('turns problem+json into ApiError with field errors', async () => {
    const { fetchFn } = fake(422, {
      type: 'urn:x',
      title: '校验失败',
      status: 422,
      detail: '方案无效',
      errors: [{ path: '/items/0/when', message: '未声明的字段“x”' }],
    });
    const api = new Api({ fetch: fetchFn });
    const err = await submitVersion(api, 1, 2).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.userMessage).toBe('方案无效');
    expect(err.errors[0].path).toBe('/items/0/when');
  });

  it('sends If-Match when saving and returns the new ETag; 412 is an ApiError', async () => {
    const ok = fake(200, {}, { etag: '"v2"' });
    expect((await saveDocument(new Api({ fetch: ok.fetchFn }), 1, 1, {} as never, '"v1"')).etag).toBe('"v2"');
    expect((ok.calls[0].init.headers as Record<string, string>)['if-match']).toBe('"v1"');
    expect(ok.calls[0].init.method).toBe('PUT');
    const stale = fake(412, { title: 'Precondition Failed', status: 412 });
    const err = await saveDocument(new Api({ fetch: stale.fetchFn }), 1, 1, {} as never, '"v1"').catch((e) => e);
    expect(err.status).toBe(412);
    expect(err.userMessage).toBe('Precondition Failed');
  });

  it('calls onUnauthorized on 401 with a token, and says when the service is unreachable', async () => {
    const onUnauthorized = vi.fn();
    const { fetchFn } = fake(401, { title: 'Unauthorized', status: 401 });
    await getMe(new Api({ fetch: fetchFn, token: () => 't', onUnauthorized })).catch(() => undefined);
    expect(onUnauthorized).toHaveBeenCalledOnce();
    const down = new Api({
      fetch: (async () => {
        throw new TypeError('fetch failed');
      }) as unknown as typeof fetch,
    });
    const err = await listBaselines(down).catch((e) => e);
    expect(err.status).toBe(0);
    expect(err.userMessage).toContain('无法连接');
  });

  it('encodes query parameters and path segments', async () => {
    const { calls, fetchFn } = fake(200, {});
    await getDiff(new Api({ fetch: fetchFn }), 'a/b', 1, 2);
    expect(calls[0].url).toBe('/api/v1/schemes/a%2Fb/diff?from=1&to=2');
  });

  it('downloads an export as a file with the name the service gives', async () => {
    const fetchFn = (async () =>
      new Response('a,b', {
        status: 200,
        headers: { 'content-disposition': 'attachment; filename="x.csv"; filename*=UTF-8\'\'%E4%B8%89%E5%90%88%E4%B8%80.csv' },
      })) as unknown as typeof fetch;
    const { blob, filename } = await exportVersion(new Api({ fetch: fetchFn }), 1, 2, 'csv');
    expect(filename).toBe('三合一.csv');
    expect(await blob.text()).toBe('a,b');
    expect(filenameOf('attachment; filename="plain.xlsx"')).toBe('plain.xlsx');
    expect(filenameOf(null)).toBeNull();
  });
});

describe('errorText', () => {
  it('says the service’s sentence for a refused call, and anything else as it reads', () => {
    expect(errorText(new ApiError(409, { detail: '该版本已提交审查' }))).toBe('该版本已提交审查');
    expect(errorText(new ApiError(403, {}))).toBe('您没有权限执行此操作');
    expect(errorText(new ApiError(0, {}))).toBe('无法连接服务，请检查网络后重试');
    expect(errorText(new TypeError('Failed to fetch'))).toBe('TypeError: Failed to fetch');
  });
});
