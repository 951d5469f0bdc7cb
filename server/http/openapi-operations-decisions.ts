// The operations of the decision log, the review inbox and a draft's impact for the OpenAPI document.
import { decisionLogQuery, decisionLogSettingsBody } from '../schemas/api/decision-log.js';
import { decideBody, reviewInboxQuery } from '../schemas/api/review-inbox.js';
import { COMMON, type Op, pathParam, ref } from './openapi-operations.js';

/** `{id}` of these paths is a decision-log entry (the reviewId), not an API key: declared here, not in PARAMS. */
const ENTRY = [pathParam('id', '待判断记录编号（分类结果中的 reviewId）')];

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
  {
    method: 'get',
    path: '/units/{unit}/review-inbox',
    id: 'reviewInbox',
    summary: '待人工判断的记录：按条款与缺少的字段分组，及其列表',
    tag: '分类记录',
    params: ['unit'],
    query: reviewInboxQuery,
    ok: { status: 200, schema: ref('ReviewInbox') },
    errors: [400, ...COMMON],
  },
  {
    method: 'post',
    path: '/units/{unit}/review-inbox/decide',
    id: 'decideReviews',
    summary: '判断一条或多条记录：归入条款与期限，或不归档并说明理由（全部成功或全部不处理）',
    tag: '分类记录',
    params: ['unit'],
    body: decideBody,
    ok: { status: 200, schema: ref('DecideResult') },
    errors: [400, ...COMMON, 409],
  },
  {
    method: 'post',
    path: '/units/{unit}/review-inbox/{id}/to-test',
    id: 'reviewToTest',
    summary: '把已判断的记录转为草稿的测试记录（预期为判断结论）',
    tag: '分类记录',
    params: ['unit'],
    headers: ENTRY,
    ok: { status: 200, schema: ref('ReviewTestAdded') },
    errors: [...COMMON, 409],
  },
  {
    method: 'get',
    path: '/units/{unit}/decisions/{id}',
    id: 'reviewDecision',
    summary: '业务系统取回人工判断结论（API 密钥；编号为分类结果中的 reviewId）',
    tag: '分类记录',
    params: ['unit'],
    headers: ENTRY,
    ok: { status: 200, schema: ref('ReviewStatus') },
    errors: COMMON,
  },
];
