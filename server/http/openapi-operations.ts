// The operations of the HTTP API for the OpenAPI document: path, method, parameters, bodies and answers of each.
type Json = Record<string, unknown>;

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: Json) => ({ 'application/json': { schema } });

export interface Op {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  id: string;
  summary: string;
  tag: string;
  /** 'none' for public endpoints; otherwise a bearer token (user session or, for classify, an API key). */
  auth?: 'none';
  params?: string[];
  query?: { properties: Record<string, object>; required?: readonly string[] };
  body?: Json | { content: Json; required?: boolean };
  ok: { status: number; schema?: Json; content?: Json; description?: string; headers?: Json };
  /** Further success responses (a dry run's 200, a 304). */
  more?: Record<string, Json>;
  errors: number[];
  headers?: Json[];
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'integer', minimum: 1 },
});
export const PARAMS: Record<string, Json> = {
  unit: pathParam('unit', '单位编号'),
  scheme: pathParam('scheme', '方案编号'),
  n: pathParam('n', '版本号'),
  id: pathParam('id', 'API 密钥编号'),
  user: pathParam('user', '用户编号'),
  org: pathParam('id', '组织编号'),
  baseline: { name: 'id', in: 'path', required: true, description: '基线编号', schema: { type: 'string' } },
};

export const COMMON = [401, 403, 404];

export const OPS: Op[] = [
  {
    method: 'post',
    path: '/auth/login',
    id: 'login',
    summary: '登录，取得令牌',
    tag: '认证',
    auth: 'none',
    body: ref('LoginRequest'),
    ok: { status: 200, schema: ref('Session') },
    errors: [400, 401, 403, 415, 429],
  },
  { method: 'post', path: '/auth/logout', id: 'logout', summary: '注销当前令牌', tag: '认证', ok: { status: 204 }, errors: [401] },
  {
    method: 'post',
    path: '/me/password',
    id: 'changeOwnPassword',
    summary: '修改自己的密码（须提供当前密码）',
    tag: '认证',
    body: ref('ChangePasswordRequest'),
    ok: { status: 204 },
    errors: [400, 401, 403, 415],
  },
  {
    method: 'get',
    path: '/me',
    id: 'getMe',
    summary: '当前用户及其组织',
    tag: '认证',
    ok: { status: 200, schema: ref('Me') },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/orgs',
    id: 'listOrgs',
    summary: '可见的组织',
    tag: '组织与用户',
    ok: { status: 200, schema: { type: 'array', items: ref('Org') } },
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/orgs',
    id: 'createOrg',
    summary: '新建档案局或单位（管理员）',
    tag: '组织与用户',
    body: ref('CreateOrgRequest'),
    ok: { status: 201, schema: ref('Org') },
    errors: [400, 401, 403, 409],
  },
  {
    method: 'get',
    path: '/users',
    id: 'listUsers',
    summary: '用户列表（管理员）',
    tag: '组织与用户',
    ok: { status: 200, schema: { type: 'array', items: ref('User') } },
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/users',
    id: 'createUser',
    summary: '新建用户（管理员）',
    tag: '组织与用户',
    body: ref('CreateUserRequest'),
    ok: { status: 201, schema: ref('User') },
    errors: [400, 401, 403, 409],
  },
  {
    method: 'get',
    path: '/units/{unit}/api-keys',
    id: 'listApiKeys',
    summary: '单位的 API 密钥',
    tag: 'API 密钥',
    params: ['unit'],
    ok: { status: 200, schema: { type: 'array', items: ref('ApiKey') } },
    errors: COMMON,
  },
  {
    method: 'post',
    path: '/units/{unit}/api-keys',
    id: 'createApiKey',
    summary: '新建 API 密钥（密钥仅显示一次）',
    tag: 'API 密钥',
    params: ['unit'],
    body: ref('CreateApiKeyRequest'),
    ok: { status: 201, schema: ref('ApiKeyCreated') },
    errors: [400, ...COMMON],
  },
  {
    method: 'post',
    path: '/units/{unit}/api-keys/{id}/rotate',
    id: 'rotateApiKey',
    summary: '轮换 API 密钥：返回新密钥（仅显示一次），旧密钥在过渡期内仍有效',
    tag: 'API 密钥',
    params: ['unit', 'id'],
    body: ref('RotateApiKeyRequest'),
    ok: { status: 201, schema: ref('ApiKeyRotated') },
    errors: [400, ...COMMON, 409],
  },
  {
    method: 'delete',
    path: '/units/{unit}/api-keys/{id}',
    id: 'revokeApiKey',
    summary: '吊销 API 密钥',
    tag: 'API 密钥',
    params: ['unit', 'id'],
    ok: { status: 204 },
    errors: COMMON,
  },
  {
    method: 'get',
    path: '/baselines',
    id: 'listBaselines',
    summary: '内置基线',
    tag: '基线',
    ok: { status: 200, schema: { type: 'array', items: ref('BaselineSummary') } },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/baselines/{id}',
    id: 'getBaseline',
    summary: '基线方案文档',
    tag: '基线',
    params: ['baseline'],
    ok: { status: 200, schema: ref('Scheme') },
    errors: COMMON,
  },
  {
    method: 'get',
    path: '/units/{unit}/schemes',
    id: 'listSchemes',
    summary: '单位的方案及其版本状态',
    tag: '方案',
    params: ['unit'],
    ok: { status: 200, schema: { type: 'array', items: ref('SchemeWithVersions') } },
    errors: COMMON,
  },
  {
    method: 'post',
    path: '/units/{unit}/schemes',
    id: 'createScheme',
    summary: '新建方案（草稿版本 1，可复制基线）',
    tag: '方案',
    params: ['unit'],
    body: ref('CreateSchemeRequest'),
    ok: { status: 201, schema: ref('SchemeWithVersions') },
    errors: [400, ...COMMON, 422],
  },
  {
    method: 'get',
    path: '/schemes/{scheme}',
    id: 'getScheme',
    summary: '方案及其全部版本',
    tag: '方案',
    params: ['scheme'],
    ok: { status: 200, schema: ref('SchemeWithVersions') },
    errors: COMMON,
  },
  {
    method: 'post',
    path: '/schemes/{scheme}/versions',
    id: 'createVersion',
    summary: '由某版本复制出新草稿',
    tag: '方案',
    params: ['scheme'],
    body: ref('NewVersionRequest'),
    ok: { status: 201, schema: ref('VersionMeta') },
    errors: [400, ...COMMON, 409],
  },
  {
    method: 'get',
    path: '/schemes/{scheme}/versions/{n}',
    id: 'getVersion',
    summary: '版本（含方案文档），响应头 ETag',
    tag: '方案',
    params: ['scheme', 'n'],
    ok: { status: 200, schema: ref('Version') },
    errors: COMMON,
  },
  {
    method: 'put',
    path: '/schemes/{scheme}/versions/{n}/document',
    id: 'putDocument',
    summary: '替换草稿的方案文档（需 If-Match）',
    tag: '方案',
    params: ['scheme', 'n'],
    headers: [{ name: 'If-Match', in: 'header', required: true, description: '读取版本时得到的 ETag', schema: { type: 'string' } }],
    body: ref('Scheme'),
    ok: { status: 200, schema: ref('VersionMeta') },
    errors: [400, ...COMMON, 409, 412, 413, 415, 422, 428],
  },
];
