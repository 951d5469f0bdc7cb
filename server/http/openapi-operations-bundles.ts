// The OpenAPI operations of signed bundles and the public signing keys.
import { bundleQuery } from '../schemas/api/index.js';
import { COMMON, type Op, ref } from './openapi-operations.js';

export const BUNDLE_OPS: Op[] = [
  {
    method: 'get',
    path: '/units/{unit}/bundle',
    id: 'getBundle',
    summary: '单位已批准三合一表的签名包（供业务系统离线分类，loadBundle）',
    tag: '分类',
    params: ['unit'],
    query: bundleQuery,
    ok: {
      status: 200,
      schema: ref('Bundle'),
      headers: { ETag: { description: '弱 ETag：版本、批复与签名密钥不变则不变', schema: { type: 'string' } } },
    },
    more: { 304: { description: 'If-None-Match 与当前 ETag 相同：手中的包仍是最新' } },
    errors: [400, ...COMMON, 409],
  },
  {
    method: 'get',
    path: '/keys',
    id: 'listSigningKeys',
    summary: '服务的签名公钥（当前与已轮换的）',
    tag: '分类',
    auth: 'none',
    ok: { status: 200, schema: ref('PublicKeys') },
    errors: [400],
  },
];
