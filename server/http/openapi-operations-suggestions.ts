// The OpenAPI operations of an import's suggested conditions, kept with the scheme.
import { COMMON, type Op, ref } from './openapi-operations.js';

export const SUGGESTION_OPS: Op[] = [
  {
    method: 'get',
    path: '/schemes/{scheme}/suggestions',
    id: 'getSuggestions',
    summary: '导入时生成的建议条件（随方案保存，未应用）',
    tag: '表格',
    params: ['scheme'],
    ok: { status: 200, schema: ref('SchemeSuggestions') },
    errors: [...COMMON],
  },
  {
    method: 'delete',
    path: '/schemes/{scheme}/suggestions',
    id: 'dropSuggestions',
    summary: '不再保留建议条件（已应用到草稿的条件不受影响）',
    tag: '表格',
    params: ['scheme'],
    ok: { status: 204 },
    errors: [...COMMON],
  },
];
