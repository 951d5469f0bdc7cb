// Organisations (档案局 and units): POST /orgs, PATCH /orgs/{id} and the Org every listing returns.
import type { FromSchema } from 'json-schema-to-ts';
import { CLASS_CODE_PATTERN } from '../scheme.js';
import { dateTime, id, nullable, str, text, type Wire } from './common.js';

// ── requests ─────────────────────────────────────────────────────────────────

export const createOrgBody = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'name'],
  properties: {
    type: { type: 'string', enum: ['bureau', 'unit'], description: 'bureau 档案局 / unit 单位' },
    name: text(200, '名称'),
    fonds: { type: 'string', pattern: CLASS_CODE_PATTERN, description: '全宗号（单位）' },
    kind: { type: 'string', enum: ['enterprise', 'organ'], description: '单位类型：企业 / 机关' },
    supervisorId: { ...id, description: '档案主管部门/上级单位（档案局，或上级企业）' },
  },
} as const;

/** PATCH /orgs/{id}: the type stays; the same rules as at creation, and no cycle of 上级单位. */
export const updateOrgBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: text(200, '名称'),
    fonds: { type: 'string', pattern: CLASS_CODE_PATTERN, description: '全宗号（单位；唯一）' },
    kind: { type: 'string', enum: ['enterprise', 'organ'], description: '单位类型：企业 / 机关（单位还没有三合一表时才能改）' },
    supervisorId: {
      anyOf: [id, { type: 'null' }],
      description: '档案主管部门/上级单位；档案局可为 null（没有上级档案局）',
    },
  },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const Org = {
  type: 'object',
  required: ['id', 'type', 'name', 'fonds', 'kind', 'supervisorId', 'createdAt'],
  properties: {
    id,
    type: { type: 'string', enum: ['bureau', 'unit'] },
    name: str,
    fonds: nullable(str),
    kind: nullable({ type: 'string', enum: ['enterprise', 'organ'] }),
    supervisorId: nullable(id),
    createdAt: dateTime,
  },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type CreateOrgBody = FromSchema<typeof createOrgBody>;
export type UpdateOrgBody = FromSchema<typeof updateOrgBody>;
export type Org = Wire<FromSchema<typeof Org>>;
