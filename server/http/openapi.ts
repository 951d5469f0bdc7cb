// The OpenAPI 3.1 document of the whole API, built from the same JSON Schemas ajv checks requests with.
import { recordSchema } from '../schemas/record.js';
import { schemeSchema } from '../schemas/scheme.js';
import { ERROR_STATUS } from '../services/errors.js';
import {
  approveBody,
  auditQuery,
  classifyQuery,
  createApiKeyBody,
  createOrgBody,
  createSchemeBody,
  createUserBody,
  diffQuery,
  exportQuery,
  importQuery,
  loginBody,
  changePasswordBody,
  newVersionBody,
  rejectBody,
  responseSchemas,
} from '../schemas/api/index.js';

type Json = Record<string, unknown>;

/** Drops `$id` everywhere: inside an OpenAPI document a nested `$id` would change how `$ref`s resolve. */
function component(schema: object): Json {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== '$id')
        .map(([k, x]) => [k, walk(x)]),
    );
  };
  return walk(schema) as Json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ 'application/json': { schema } });

interface Op {
  method: 'get' | 'post' | 'put' | 'delete';
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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'integer', minimum: 1 },
});
const PARAMS: Record<string, Json> = {
  unit: pathParam('unit', '单位编号'),
  scheme: pathParam('scheme', '方案编号'),
  n: pathParam('n', '版本号'),
  id: pathParam('id', 'API 密钥编号'),
  baseline: { name: 'id', in: 'path', required: true, description: '基线编号', schema: { type: 'string' } },
};

const COMMON = [401, 403, 404];

const OPS: Op[] = [
  {
    method: 'post',
    path: '/auth/login',
    id: 'login',
    summary: '登录，取得令牌',
    tag: '认证',
    auth: 'none',
    body: ref('LoginRequest'),
    ok: { status: 200, schema: ref('Session') },
    errors: [400, 401, 415],
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
  {
    method: 'post',
    path: '/schemes/{scheme}/versions/{n}/submit',
    id: 'submitVersion',
    summary: '提交草稿（须有效且测试全部通过）',
    tag: '审批',
    params: ['scheme', 'n'],
    ok: { status: 200, schema: ref('Submitted') },
    errors: [...COMMON, 409, 422],
  },
  {
    method: 'post',
    path: '/schemes/{scheme}/versions/{n}/approve',
    id: 'approveVersion',
    summary: '批准（监管组织审核员，非提交人）',
    tag: '审批',
    params: ['scheme', 'n'],
    body: ref('ApproveRequest'),
    ok: { status: 200, schema: ref('VersionMeta') },
    errors: [400, ...COMMON, 409, 422],
  },
  {
    method: 'post',
    path: '/schemes/{scheme}/versions/{n}/reject',
    id: 'rejectVersion',
    summary: '退回',
    tag: '审批',
    params: ['scheme', 'n'],
    body: ref('RejectRequest'),
    ok: { status: 200, schema: ref('VersionMeta') },
    errors: [400, ...COMMON, 409],
  },
  {
    method: 'get',
    path: '/schemes/{scheme}/versions/{n}/analysis',
    id: 'analyseVersion',
    summary: '静态分析与测试结果',
    tag: '审批',
    params: ['scheme', 'n'],
    ok: { status: 200, schema: ref('Analysis') },
    errors: COMMON,
  },
  {
    method: 'get',
    path: '/schemes/{scheme}/versions/{n}/compliance',
    id: 'versionCompliance',
    summary: '与基线相比的合规检查',
    tag: '审批',
    params: ['scheme', 'n'],
    ok: { status: 200, schema: ref('Compliance') },
    errors: COMMON,
  },
  {
    method: 'get',
    path: '/schemes/{scheme}/diff',
    id: 'diffVersions',
    summary: '两个版本的语义差异',
    tag: '审批',
    params: ['scheme'],
    query: diffQuery,
    ok: { status: 200, schema: ref('Diff') },
    errors: [400, ...COMMON],
  },
  {
    method: 'get',
    path: '/review/queue',
    id: 'reviewQueue',
    summary: '待审队列',
    tag: '审批',
    ok: { status: 200, schema: { type: 'array', items: ref('ReviewQueueEntry') } },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/audit',
    id: 'listAudit',
    summary: '审计日志（新的在前）',
    tag: '审计',
    query: auditQuery,
    ok: { status: 200, schema: ref('AuditPage') },
    errors: [400, ...COMMON],
  },
  {
    method: 'get',
    path: '/audit/verify',
    id: 'verifyAudit',
    summary: '校验审计日志哈希链（管理员）',
    tag: '审计',
    ok: { status: 200, schema: ref('ChainCheck') },
    errors: [401, 403],
  },
  {
    method: 'post',
    path: '/try',
    id: 'tryDocument',
    summary: '用未保存的方案试分类',
    tag: '分类',
    body: ref('TryRequest'),
    ok: { status: 200, schema: ref('TryResult') },
    errors: [400, 401, 403, 413, 415],
  },
  {
    method: 'post',
    path: '/units/{unit}/classify',
    id: 'classify',
    summary: '分类：单条记录、{records} 批量（≤10000）或 NDJSON 流',
    tag: '分类',
    params: ['unit'],
    query: classifyQuery,
    body: {
      required: true,
      content: {
        'application/json': { schema: { oneOf: [ref('Record'), ref('ClassifyBatchRequest')] } },
        'application/x-ndjson': { schema: { type: 'string', description: '每行一条记录（Record）' } },
      },
    },
    ok: {
      status: 200,
      description: '单条：ClassifyResult；批量：{results}；NDJSON：每行 {line, result} 或 {line, error}',
      content: {
        'application/json': { schema: { oneOf: [ref('ClassifyResult'), ref('ClassifyBatchResult')] } },
        'application/x-ndjson': { schema: { type: 'string', description: '每行一个 ClassifyLine（见 components.schemas.ClassifyLine）' } },
      },
    },
    errors: [400, ...COMMON, 409, 413, 415, 422],
  },
  {
    method: 'post',
    path: '/units/{unit}/schemes/import',
    id: 'importScheme',
    summary: '由 Excel/CSV 三合一表新建方案（草稿版本 1），或 dryRun 预览',
    tag: '表格',
    params: ['unit'],
    query: importQuery,
    body: {
      required: true,
      content: {
        [XLSX]: { schema: { type: 'string', contentMediaType: XLSX, description: '.xlsx 文件（≤ 10 MB）' } },
        'text/csv': {
          schema: { type: 'string', contentMediaType: 'text/csv', description: 'CSV 文件（UTF-8、UTF-16 或 GB18030；≤ 10 MB）' },
        },
      },
    },
    ok: {
      status: 201,
      schema: ref('ImportedScheme'),
      description: '已新建方案及其草稿版本 1；附导入警告和建议条件（未应用）',
      headers: { ETag: { schema: { type: 'string' } }, Location: { schema: { type: 'string' } } },
    },
    more: {
      200: { description: 'dryRun=true：预览、警告、建议条件和将要保存的方案文档，不保存', content: json(ref('ImportPreviewResult')) },
    },
    errors: [400, ...COMMON, 413, 415, 422],
  },
  {
    method: 'get',
    path: '/schemes/{scheme}/versions/{n}/export',
    id: 'exportVersion',
    summary: '导出版本：Excel 三合一表、CSV、打印视图（HTML）或 PDF',
    tag: '表格',
    params: ['scheme', 'n'],
    query: exportQuery,
    headers: [
      {
        name: 'If-None-Match',
        in: 'header',
        required: false,
        description: '上次导出时的 ETag；未变化时返回 304',
        schema: { type: 'string' },
      },
    ],
    ok: {
      status: 200,
      description: '文件（Content-Disposition: attachment，HTML 为 inline；文件名为 UTF-8 编码的中文名）',
      content: {
        [XLSX]: { schema: { type: 'string', contentMediaType: XLSX } },
        'text/csv': { schema: { type: 'string', description: 'UTF-8（带 BOM）' } },
        'text/html': { schema: { type: 'string', description: '打印视图；已批准的版本载明批复文号' } },
        'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } },
      },
      headers: { ETag: { schema: { type: 'string' } }, 'Content-Disposition': { schema: { type: 'string' } } },
    },
    more: { 304: { description: 'If-None-Match 与当前 ETag 相同' } },
    errors: [400, ...COMMON, 503],
  },
  {
    method: 'get',
    path: '/openapi.json',
    id: 'openapi',
    summary: '本文档',
    tag: '系统',
    auth: 'none',
    ok: { status: 200, schema: { type: 'object' } },
    errors: [],
  },
];

const STATUS_WORDS: Record<number, string> = {
  400: '请求格式错误',
  401: '未登录或凭据无效',
  403: '无权执行',
  404: '不存在或不可见',
  409: '状态冲突',
  412: 'If-Match 过期',
  413: '请求体过大',
  415: '内容类型错误',
  422: '内容无效',
  428: '缺少 If-Match',
  503: '暂不可用',
};

export function buildOpenApi(version = '0.1.0'): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const op of OPS) {
    const parameters: Json[] = [...(op.params ?? []).map((p) => PARAMS[p]), ...(op.headers ?? [])];
    if (op.query) {
      const required = new Set(op.query.required ?? []);
      for (const [name, schema] of Object.entries(op.query.properties)) {
        parameters.push({ name, in: 'query', required: required.has(name), schema: component(schema) });
      }
    }
    const responses: Record<string, Json> = {};
    const ok = op.ok;
    responses[String(ok.status)] =
      ok.status === 204
        ? { description: '成功，无内容' }
        : {
            description: ok.description ?? '成功',
            content: ok.content ?? json(ok.schema!),
            ...(ok.headers ? { headers: ok.headers } : {}),
          };
    Object.assign(responses, op.more);
    for (const status of op.errors) responses[String(status)] = { $ref: `#/components/responses/E${status}` };
    responses['500'] = { $ref: '#/components/responses/E500' };
    const operation: Json = { operationId: op.id, summary: op.summary, tags: [op.tag], responses };
    if (parameters.length) operation.parameters = parameters;
    if (op.body) operation.requestBody = 'content' in op.body ? op.body : { required: true, content: json(op.body) };
    if (op.auth === 'none') operation.security = [];
    (paths['/api/v1' + op.path] ??= {})[op.method] = operation;
  }
  paths['/healthz'] = {
    get: {
      operationId: 'healthz',
      summary: '存活检查',
      tags: ['系统'],
      security: [],
      responses: { 200: { description: '进程在运行', content: json(ref('Health')) } },
    },
  };
  paths['/readyz'] = {
    get: {
      operationId: 'readyz',
      summary: '就绪检查（数据库可用、迁移已完成）',
      tags: ['系统'],
      security: [],
      responses: { 200: { description: '就绪', content: json(ref('Health')) }, 503: { $ref: '#/components/responses/E503' } },
    },
  };

  const statuses = [...new Set(Object.values(ERROR_STATUS))].sort();
  const errorResponses = Object.fromEntries(
    statuses.map((s) => [
      `E${s}`,
      { description: STATUS_WORDS[s] ?? '错误', content: { 'application/problem+json': { schema: ref('Problem') } } },
    ]),
  );

  return {
    openapi: '3.1.0',
    info: {
      title: '三合一 规则服务 API',
      version,
      description: '档案分类方案、归档范围和保管期限表（三合一）的版本管理、审批与分类接口。错误均为 application/problem+json。',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: ['认证', '组织与用户', 'API 密钥', '基线', '方案', '表格', '审批', '审计', '分类', '系统'].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: '用户登录令牌（shs_…）或业务系统 API 密钥（shk_…，仅可调用分类接口）' },
      },
      responses: errorResponses,
      schemas: {
        Scheme: component(schemeSchema),
        Record: component(recordSchema),
        LoginRequest: component(loginBody),
        ChangePasswordRequest: component(changePasswordBody),
        CreateOrgRequest: component(createOrgBody),
        CreateUserRequest: component(createUserBody),
        CreateApiKeyRequest: component(createApiKeyBody),
        CreateSchemeRequest: component({ ...createSchemeBody, properties: { ...createSchemeBody.properties, document: ref('Scheme') } }),
        NewVersionRequest: component(newVersionBody),
        ApproveRequest: component(approveBody),
        RejectRequest: component(rejectBody),
        ...Object.fromEntries(Object.entries(responseSchemas).map(([k, v]) => [k, component(v)])),
      },
    },
  };
}

/** Method and OpenAPI path of every operation (tests compare them with the app's routes). */
export function documentedOperations(): { method: string; path: string }[] {
  return [
    ...OPS.map((o) => ({ method: o.method, path: '/api/v1' + o.path })),
    { method: 'get', path: '/healthz' },
    { method: 'get', path: '/readyz' },
  ];
}
