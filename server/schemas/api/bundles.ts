// Signed bundles of a unit's approved table and the service's public signing keys (docs/scheme-format.md “Bundles”).
import type { FromSchema } from 'json-schema-to-ts';
import { dateTime, id, idString, nullable, str, type Wire } from './common.js';

// ── requests ─────────────────────────────────────────────────────────────────

export const bundleQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { scheme: idString('方案编号（单位有多个已批准方案时）') },
} as const;

// ── responses ────────────────────────────────────────────────────────────────

export const PublicKey = {
  type: 'object',
  required: ['id', 'algorithm', 'publicKey', 'createdAt', 'retiredAt'],
  properties: {
    id: { type: 'string', description: 'ed25519: 加公钥（SPKI DER）SHA-256 的前 16 位十六进制' },
    algorithm: { const: 'Ed25519' },
    publicKey: { type: 'string', description: 'SPKI DER，base64' },
    createdAt: dateTime,
    retiredAt: { ...nullable(dateTime), description: '被新密钥替换的时间；null 为当前签名密钥' },
  },
} as const;

export const PublicKeys = {
  type: 'object',
  required: ['current', 'keys'],
  properties: { current: str, keys: { type: 'array', items: { $ref: '#/components/schemas/PublicKey' } } },
} as const;

const digestPair = {
  type: 'object',
  required: ['sha256', 'sm3'],
  properties: { sha256: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' }, sm3: { type: 'string', pattern: '^sm3:[0-9a-f]{64}$' } },
} as const;

export const BundleVersion = {
  type: 'object',
  required: [
    'number',
    'state',
    'approvalNumber',
    'decidedOn',
    'decidedAt',
    'effectiveFrom',
    'supersededAt',
    'baseline',
    'hash',
    'digests',
    'document',
  ],
  properties: {
    number: id,
    state: { enum: ['approved', 'superseded'] },
    approvalNumber: { type: 'string', description: '批复文号' },
    decidedOn: { type: 'string', description: '批复日期' },
    decidedAt: dateTime,
    effectiveFrom: { type: 'string', description: '生效日期' },
    supersededAt: nullable(dateTime),
    baseline: nullable({ type: 'object', required: ['id', 'hash'], properties: { id: str, hash: str } }),
    hash: str,
    digests: digestPair,
    document: { $ref: '#/components/schemas/Scheme' },
  },
} as const;

export const Bundle = {
  type: 'object',
  required: ['format', 'unit', 'scheme', 'versions', 'auditHead', 'signature'],
  properties: {
    format: { const: 'sanheyi.bundle/1' },
    unit: {
      type: 'object',
      required: ['id', 'name', 'fonds', 'kind'],
      properties: { id, name: str, fonds: nullable(str), kind: nullable(str) },
    },
    scheme: { type: 'object', required: ['id', 'name'], properties: { id, name: str } },
    versions: { type: 'array', items: { $ref: '#/components/schemas/BundleVersion' } },
    auditHead: nullable({ type: 'object', required: ['id', 'hash'], properties: { id, hash: str } }),
    signature: {
      type: 'object',
      required: ['keyId', 'algorithm', 'value'],
      properties: { keyId: str, algorithm: { const: 'Ed25519' }, value: { type: 'string', description: 'base64' } },
    },
  },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type BundleQuery = FromSchema<typeof bundleQuery>;
export type PublicKeyWire = Wire<FromSchema<typeof PublicKey>>;
export type PublicKeysWire = Omit<Wire<FromSchema<typeof PublicKeys>>, 'keys'> & { keys: PublicKeyWire[] };
