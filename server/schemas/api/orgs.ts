// Organisations (档案局 and units): POST /orgs and the Org every listing returns.
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
    supervisorId: { ...id, description: '监管组织（档案局，或上级企业）' },
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
export type Org = Wire<FromSchema<typeof Org>>;
