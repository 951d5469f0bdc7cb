// The shipped baselines as GET /baselines lists them.
import type { FromSchema } from 'json-schema-to-ts';
import { str, type Wire } from './common.js';

// ── responses ────────────────────────────────────────────────────────────────

export const BaselineSummary = {
  type: 'object',
  required: ['id', 'title', 'kind', 'hash', 'items'],
  properties: { id: str, title: str, kind: { type: 'string', enum: ['enterprise', 'organ'] }, hash: str, items: { type: 'integer' } },
} as const;

// ── types ────────────────────────────────────────────────────────────────────
export type BaselineSummary = Wire<FromSchema<typeof BaselineSummary>>;
