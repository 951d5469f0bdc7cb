// OpenAPI operations of the supervision view (rows and xlsx export) and of the changes recorded on a unit.
import { supervisionExportQuery, supervisionQuery } from '../schemas/api/supervision.js';
import { COMMON, type Op, XLSX, pathParam, ref } from './openapi-operations.js';

const org = pathParam('id', '单位编号');

export const SUPERVISION_OPS: Op[] = [
  {
    method: 'get',
    path: '/supervision/units',
    id: 'listSupervisedUnits',
    summary: '监管视图：所监管单位（含经上级企业监管的下属单位）的三合一表状态、修订期限与国家基线问题（审核员、管理员）',
    tag: '监管',
    query: supervisionQuery,
    ok: { status: 200, schema: ref('SupervisionPage') },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/supervision/units/export',
    id: 'exportSupervisedUnits',
    summary: '监管视图导出为 Excel（同样的筛选）',
    tag: '监管',
    query: supervisionExportQuery,
    ok: { status: 200, content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } },
    errors: [400, 401, 403],
  },
  {
    method: 'get',
    path: '/orgs/{id}/changes',
    id: 'listUnitChanges',
    summary: '单位登记的改制、主营业务或职能变化（本单位、监管组织、管理员）',
    tag: '监管',
    headers: [org],
    ok: { status: 200, schema: { type: 'array', items: ref('UnitChange') } },
    errors: [...COMMON],
  },
  {
    method: 'post',
    path: '/orgs/{id}/changes',
    id: 'recordUnitChange',
    summary: '登记单位的改制、主营业务或职能变化（管理员；此后三合一表到期需修订，10号令第十七条）',
    tag: '监管',
    headers: [org],
    body: ref('UnitChangeRequest'),
    ok: { status: 201, schema: ref('UnitChange'), headers: { Location: { schema: { type: 'string' } } } },
    errors: [400, ...COMMON, 415],
  },
];
