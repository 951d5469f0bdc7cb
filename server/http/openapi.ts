// The OpenAPI 3.1 document of the whole API, built from the same JSON Schemas ajv checks requests with.
import { recordSchema } from '../schemas/record.js';
import { schemeSchema } from '../schemas/scheme.js';
import { ERROR_STATUS } from '../services/errors.js';
import {
  approveBody,
  changePasswordBody,
  createApiKeyBody,
  rotateApiKeyBody,
  createWebhookBody,
  updateWebhookBody,
  createOrgBody,
  createSchemeBody,
  createUserBody,
  updateOrgBody,
  updateUserBody,
  loginBody,
  newVersionBody,
  rejectBody,
  responseSchemas,
  unitChangeBody,
} from '../schemas/api/index.js';
import { OPS as FIRST_OPS, PARAMS, json, ref } from './openapi-operations.js';
import { AUTH_OPS } from './openapi-operations-auth.js';
import { MORE_OPS } from './openapi-operations-more.js';
import { SUGGESTION_OPS } from './openapi-operations-suggestions.js';
import { DECISION_OPS } from './openapi-operations-decisions.js';
import { SUPERVISION_OPS } from './openapi-operations-supervision.js';
import { BUNDLE_OPS } from './openapi-operations-bundles.js';
import { WEBHOOK_OPS } from './openapi-operations-webhooks.js';

const OPS = [...FIRST_OPS, ...MORE_OPS, ...DECISION_OPS, ...AUTH_OPS, ...SUPERVISION_OPS, ...BUNDLE_OPS, ...WEBHOOK_OPS, ...SUGGESTION_OPS];
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
  429: '请求过于频繁（见 Retry-After）',
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
    tags: ['认证', '组织与用户', 'API 密钥', '基线', '方案', '表格', '审批', '审计', '分类', '分类记录', '监管', 'Webhook', '系统'].map(
      (name) => ({
        name,
      }),
    ),
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
        UpdateUserRequest: component(updateUserBody),
        UpdateOrgRequest: component(updateOrgBody),
        CreateApiKeyRequest: component(createApiKeyBody),
        RotateApiKeyRequest: component(rotateApiKeyBody),
        CreateWebhookRequest: component(createWebhookBody),
        UpdateWebhookRequest: component(updateWebhookBody),
        CreateSchemeRequest: component({ ...createSchemeBody, properties: { ...createSchemeBody.properties, document: ref('Scheme') } }),
        NewVersionRequest: component(newVersionBody),
        ApproveRequest: component(approveBody),
        RejectRequest: component(rejectBody),
        UnitChangeRequest: component(unitChangeBody),
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
