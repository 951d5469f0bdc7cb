// The one error type of the service: a closed set of codes, each with its HTTP status and a Chinese title.
import type { FieldError } from '../schemas/ajv.js';

/** code → HTTP status. The only place a status is chosen for an error. */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  account_locked: 403,
  account_pending: 403,
  password_change_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  no_version_in_force: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_document: 422,
  incomplete_table: 422,
  tests_failed: 422,
  justification_required: 422,
  below_floor: 422,
  invalid_record: 422,
  invalid_table: 422,
  invalid_decision: 422,
  precondition_required: 428,
  too_many_requests: 429,
  internal: 500,
  not_ready: 503,
  pdf_unavailable: 503,
  busy: 503,
  version_integrity: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export const ERROR_TITLES: Record<ErrorCode, string> = {
  invalid_json: '请求体不是有效的 JSON',
  invalid_request: '请求参数不符合要求',
  unauthenticated: '未登录或凭据无效',
  forbidden: '无权执行此操作',
  account_locked: '账号已锁定',
  account_pending: '账号待另一位管理员确认',
  password_change_required: '请先修改密码',
  not_found: '资源不存在',
  method_not_allowed: '不支持的请求方法',
  conflict: '与当前状态冲突',
  no_version_in_force: '没有生效的方案版本',
  precondition_failed: '内容已被他人修改',
  payload_too_large: '请求体过大',
  unsupported_media_type: '不支持的内容类型',
  invalid_document: '方案文档无效',
  incomplete_table: '三合一表还不完整',
  tests_failed: '方案测试未全部通过',
  justification_required: '需要填写合规说明',
  below_floor: '保管期限短于国家基线',
  invalid_record: '待分类记录无效',
  invalid_table: '表格无法导入',
  invalid_decision: '审批内容无效',
  precondition_required: '缺少 If-Match 请求头',
  too_many_requests: '请求过于频繁',
  internal: '服务器内部错误',
  not_ready: '服务尚未就绪',
  pdf_unavailable: '暂时无法生成 PDF',
  busy: '服务繁忙，请稍后重试',
  version_integrity: '方案版本内容未通过校验',
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    /** Extra members of the problem document (e.g. compliance findings). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what}不存在或无权查看`);
export const forbidden = (detail: string) => new AppError('forbidden', detail);
export const conflict = (detail: string, errors: FieldError[] = []) => new AppError('conflict', detail, errors);
