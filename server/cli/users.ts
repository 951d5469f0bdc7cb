// `sanheyi users`: operators list users, create them, reset passwords and disable accounts at the console.
import { AppError } from '../services/errors.js';
import { randomPassword } from '../services/secrets.js';
import type { Role } from '../store/users-store.js';
import { parseCommand } from './args.js';
import { out, unknownAction, withServices } from './console.js';

const USAGE = `用法:
  sanheyi users list                                   列出用户
  sanheyi users create <用户名> --role <角色> [--org 组织编号] [--name 显示名] [--password-stdin]
                                                       新建用户；角色 archivist（档案员）| reviewer（审核员）| admin
  sanheyi users reset-password <用户名> [--password-stdin]  重设密码（下次登录须修改）并使其所有登录失效
  sanheyi users unlock <用户名>                         解锁因多次密码错误而锁定的账号
  sanheyi users disable|enable <用户名>                停用 / 启用账号（停用立即结束其所有登录）
  sanheyi users confirm <用户名>                        确认由另一位管理员在网页上设立的管理员账号
  sanheyi users orgs                                   列出组织（新建用户时用其编号）

选项: --db 数据库文件（默认取 SANHEYI_DB，否则 ./data/sanheyi.db）
未用 --password-stdin 时生成随机密码并显示一次。
`;

const ROLES: Role[] = ['archivist', 'reviewer', 'admin'];

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      db: { type: 'string' },
      role: { type: 'string' },
      org: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
    USAGE,
    (p) => p.length > 0,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [action, username] = positionals;
  return withServices(values.db, async (s) => {
    const named = (name: string | undefined) => {
      if (!name) throw new AppError('invalid_request', '请指定用户名');
      const user = s.stores.users.byUsername(name);
      if (!user) throw new AppError('not_found', `用户 ${name} 不存在`);
      return user;
    };
    const password = async () => {
      if (!values['password-stdin']) return { value: randomPassword(), show: true };
      const value = await readStdin();
      if (value.length < 10) throw new AppError('invalid_request', '密码至少 10 个字符');
      return { value, show: false };
    };
    switch (action) {
      case 'list':
        for (const u of s.stores.users.list()) {
          out(
            `${String(u.id).padStart(4)}  ${u.username.padEnd(20)} ${u.role.padEnd(10)} 组织 ${u.orgId ?? '-'}  ${u.displayName}${u.disabled ? '  （已停用）' : ''}${u.lockedAt ? '  （已锁定）' : ''}${u.mustChangePassword ? '  （须修改密码）' : ''}${u.pendingBy ? '  （待另一位管理员确认）' : ''}`,
          );
        }
        return 0;
      case 'orgs':
        for (const o of s.stores.orgs.list()) {
          out(
            `${String(o.id).padStart(4)}  ${o.type === 'bureau' ? '档案局' : '单位  '}  ${o.name}${o.fonds ? `  全宗号 ${o.fonds}` : ''}${o.supervisorId ? `  上级 ${o.supervisorId}` : ''}`,
          );
        }
        return 0;
      case 'create': {
        if (!username) throw new AppError('invalid_request', '请指定用户名');
        const role = values.role as Role;
        if (!ROLES.includes(role)) throw new AppError('invalid_request', `--role 应为 ${ROLES.join('、')}`);
        if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$/.test(username))
          throw new AppError('invalid_request', '用户名只能含字母、数字、_ . -，2–64 个字符');
        const pw = await password();
        const user = await s.auth.createUser(null, {
          username,
          password: pw.value,
          // A generated password was seen by the operator: the user replaces it at the first sign-in.
          mustChangePassword: pw.show,
          displayName: values.name ?? username,
          role,
          orgId: values.org === undefined ? null : Number(values.org),
        });
        out(`已创建用户 ${user.username}（编号 ${user.id}，${user.role}）`);
        if (pw.show) out(`初始密码：${pw.value}（仅显示这一次）`);
        return 0;
      }
      case 'reset-password': {
        if (!username) throw new AppError('invalid_request', '请指定用户名');
        const pw = await password();
        await s.users.setPassword(username, pw.value);
        out(`已重设 ${username} 的密码，其所有登录已失效`);
        if (pw.show) out(`新密码：${pw.value}（仅显示这一次）`);
        return 0;
      }
      case 'unlock': {
        if (!username) throw new AppError('invalid_request', '请指定用户名');
        const user = s.stores.users.byUsername(username);
        if (!user) throw new AppError('not_found', `用户 ${username} 不存在`);
        s.users.unlock(null, user.id, 'console');
        out(user.lockedAt ? `已解锁 ${username}` : `${username} 未被锁定`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const user = named(username);
        s.users.setDisabled(null, user.id, action === 'disable', 'console');
        out(`已${action === 'disable' ? '停用' : '启用'} ${username}`);
        return 0;
      }
      case 'confirm': {
        const user = named(username);
        s.users.confirmAtConsole(user.id, 'console');
        out(`已确认管理员 ${username}，现在可以登录`);
        return 0;
      }
      default:
        return unknownAction(action, USAGE);
    }
  });
}
