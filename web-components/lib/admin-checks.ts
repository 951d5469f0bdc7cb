// What the admin's forms check before asking the service (which checks the same): one rule and one message per
// field, whether an organisation or account is being created or edited.
import type { Role } from './api.js';
import type { FieldErrors } from './form-fields.js';

/** Said above a form whose fields are marked. */
export const FIX_MARKED = '请修正标出的项目。';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/;
export const MIN_PASSWORD = 10;

/** An organisation's fields as typed (trimmed). A new unit must name its supervisor; an edited one always has one. */
export function orgErrors(o: { type: 'bureau' | 'unit'; name: string; fonds?: string; supervisorId?: number | null }): FieldErrors {
  const errors: FieldErrors = {};
  if (!o.name) errors.name = '请填写名称';
  if (o.type === 'unit') {
    if (!o.fonds) errors.fonds = '请填写全宗号';
    if (o.supervisorId === null) errors.supervisorId = '请选择档案主管部门或上级单位';
  }
  return errors;
}

/** An account's fields as typed (trimmed); `username` and `password` only when it is created. */
export function userErrors(u: {
  displayName: string;
  role: Role;
  orgId: number | null;
  username?: string;
  password?: string;
}): FieldErrors {
  const errors: FieldErrors = {};
  if (u.username !== undefined && !USERNAME.test(u.username))
    errors.username = '用户名用 2–64 位字母、数字、点、下划线或连字符，以字母或数字开头';
  if (!u.displayName) errors.displayName = '请填写姓名';
  if (u.password !== undefined && u.password.length < MIN_PASSWORD) errors.password = `初始密码至少 ${MIN_PASSWORD} 位`;
  if (u.role !== 'admin' && u.orgId === null) errors.orgId = '档案员和审核员须选择所属组织';
  return errors;
}
