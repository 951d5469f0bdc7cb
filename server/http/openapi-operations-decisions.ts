// The operations of the decision log, the review inbox and a draft's impact for the OpenAPI document.
import { decisionLogQuery, decisionLogSettingsBody } from '../schemas/api/decision-log.js';
import { COMMON, type Op, ref } from './openapi-operations.js';

export const DECISION_OPS: Op[] = [
  {
    method: 'get',
    path: '/units/{unit}/decision-log',
    id: 'listDecisionLog',
    summary: '分类记录（业务系统每次分类的结果，新者在前，可按结论、条款、日期筛选）',
    tag: '分类记录',
    params: ['unit'],
    query: decisionLogQuery,
    ok: { status: 200, schema: ref('DecisionLogPage') },
    errors: [400, ...COMMON],
  },
  {
    method: 'get',
    path: '/units/{unit}/decision-log/settings',
    id: 'getDecisionLogSettings',
    summary: '分类记录设置（是否记录、保留天数、遮盖字段）',
    tag: '分类记录',
    params: ['unit'],
    ok: { status: 200, schema: ref('DecisionLogSettings') },
    errors: COMMON,
  },
  {
    method: 'put',
    path: '/units/{unit}/decision-log/settings',
    id: 'putDecisionLogSettings',
    summary: '修改分类记录设置（本单位档案员）',
    tag: '分类记录',
    params: ['unit'],
    body: decisionLogSettingsBody,
    ok: { status: 200, schema: ref('DecisionLogSettings') },
    errors: [400, ...COMMON],
  },
];
