// GET /health and /ready.
import type { FromSchema } from 'json-schema-to-ts';
import type { Wire } from './common.js';

// ── responses ────────────────────────────────────────────────────────────────

export const Health = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok', 'unavailable'] }, schema: { type: 'integer' } },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type Health = Wire<FromSchema<typeof Health>>;
