// The accounts operations added by the guessing limits: unlocking an account locked by wrong passwords.
import { type Op, ref } from './openapi-operations.js';

export const AUTH_OPS: Op[] = [
  {
    method: 'post',
    path: '/users/{user}/unlock',
    id: 'unlockUser',
    summary: '解锁因多次密码错误而锁定的账号（管理员）',
    tag: '组织与用户',
    params: ['user'],
    ok: { status: 200, schema: ref('User') },
    errors: [401, 403, 404],
  },
];
