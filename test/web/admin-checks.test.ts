// The admin forms' own checks (creating and editing organisations and accounts): one message per field.
import { describe, expect, it } from 'vitest';
import { orgErrors, userErrors } from '../../web-components/lib/admin-checks.js';

describe('orgErrors', () => {
  it('asks a unit for its name, 全宗号 and supervisor', () => {
    expect(orgErrors({ type: 'unit', name: '', fonds: '', supervisorId: null })).toEqual({
      name: '请填写名称',
      fonds: '请填写全宗号',
      supervisorId: '请选择档案主管部门或上级单位',
    });
    expect(orgErrors({ type: 'unit', name: '甲公司', fonds: 'A001', supervisorId: 3 })).toEqual({});
  });

  it('asks a bureau only for its name: it needs no 全宗号 and may have no superior bureau', () => {
    expect(orgErrors({ type: 'bureau', name: '', supervisorId: null })).toEqual({ name: '请填写名称' });
    expect(orgErrors({ type: 'bureau', name: '某市档案局', fonds: '', supervisorId: null })).toEqual({});
  });

  it('leaves the supervisor alone when the form does not say (undefined is not “none chosen”)', () => {
    expect(orgErrors({ type: 'unit', name: '甲公司', fonds: 'A001' })).toEqual({});
  });
});

describe('userErrors', () => {
  it('checks a new account’s username and initial password', () => {
    expect(userErrors({ username: 'x', password: 'short', displayName: '李', role: 'archivist', orgId: 1 })).toEqual({
      username: '用户名用 2–64 位字母、数字、点、下划线或连字符，以字母或数字开头',
      password: '初始密码至少 10 位',
    });
    expect(userErrors({ username: 'li.archivist', password: '0123456789', displayName: '李', role: 'archivist', orgId: 1 })).toEqual({});
  });

  it('asks for a name, and an organisation for anyone but an admin', () => {
    expect(userErrors({ displayName: '', role: 'reviewer', orgId: null })).toEqual({
      displayName: '请填写姓名',
      orgId: '档案员和审核员须选择所属组织',
    });
    expect(userErrors({ displayName: '管理员二', role: 'admin', orgId: null })).toEqual({});
  });
});
