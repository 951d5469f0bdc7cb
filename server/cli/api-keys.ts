// `sanheyi api-keys`: operators list, issue, rotate and revoke a unit's API keys at the console (a new key is shown
// once).
import { AppError } from '../services/errors.js';
import type { Services } from '../services/index.js';
import { parseCommand } from './args.js';
import { out, unknownAction, withServices } from './console.js';

const USAGE = `用法:
  sanheyi api-keys list --unit <单位编号>
  sanheyi api-keys create --unit <单位编号> --name <调用系统名称> [--expires-at <时间>] [--as <用户名>]   密钥仅显示一次
  sanheyi api-keys rotate --unit <单位编号> <密钥编号> [--grace-hours <小时>] [--as <用户名>]   新密钥仅显示一次
  sanheyi api-keys revoke --unit <单位编号> <密钥编号>

选项: --db 数据库文件（默认取 SANHEYI_DB，否则 ./data/sanheyi.db）；--as 记录为由该用户创建（默认第一个管理员）
      --expires-at 到期时间（ISO 8601，带时区，如 2027-01-01T00:00:00+08:00）；--grace-hours 旧密钥继续有效的小时数（默认 24，最多 720）
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      db: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      as: { type: 'string' },
      'expires-at': { type: 'string' },
      'grace-hours': { type: 'string' },
    },
    USAGE,
    (p) => p.length > 0,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [action, keyId] = positionals;
  return withServices(values.db, (s) => {
    const unitId = Number(values.unit);
    const unit = Number.isInteger(unitId) ? s.stores.orgs.get(unitId) : undefined;
    if (!unit || unit.type !== 'unit')
      throw new AppError('invalid_request', `--unit ${values.unit ?? ''} 不是已有单位的编号（用 sanheyi users orgs 查看）`);
    switch (action) {
      case 'list':
        for (const k of s.stores.apiKeys.listForUnit(unitId).map((key) => s.apiKeys.view(key))) {
          const state = k.revokedAt
            ? `  已吊销 ${k.revokedAt}`
            : k.state === 'expired'
              ? `  已过期 ${k.expiresAt}`
              : k.expiresAt
                ? `  ${k.state === 'rotating' ? `已轮换为 ${k.replacedBy}，过渡期至` : '到期'} ${k.expiresAt}`
                : '';
          const used = k.lastUsedAt ? `  最近使用 ${k.lastUsedAt}（${k.lastUsedFrom}）` : '  未使用';
          out(`${String(k.id).padStart(4)}  ${k.prefix}…  ${k.name}  创建于 ${k.createdAt}${state}${used}`);
        }
        return 0;
      case 'create': {
        if (!values.name) throw new AppError('invalid_request', '请用 --name 指定调用系统名称');
        const by = operator(s, values.as);
        const expiresAt = values['expires-at'] ?? null;
        if (expiresAt !== null && !/[zZ]|[+-]\d\d:\d\d$/.test(expiresAt))
          throw new AppError('invalid_request', '--expires-at 须带时区，如 2027-01-01T00:00:00+08:00');
        const created = s.apiKeys.issue(unitId, values.name, by.id, { actorId: null, actor: `console:${by.username}` }, expiresAt);
        out(`已为 ${unit.name} 创建 API 密钥（编号 ${created.id}${created.expiresAt ? `，${created.expiresAt} 到期` : ''}）：`);
        out(created.key);
        out('请立即保存，此密钥不会再次显示。');
        return 0;
      }
      case 'rotate': {
        if (!keyId || !/^\d+$/.test(keyId)) throw new AppError('invalid_request', '请指定密钥编号');
        const grace = values['grace-hours'];
        if (grace !== undefined && (!/^\d+$/.test(grace) || Number(grace) > 720))
          throw new AppError('invalid_request', '--grace-hours 应为 0 到 720 的整数');
        const by = operator(s, values.as);
        const rotated = s.apiKeys.rotateAs(
          unitId,
          Number(keyId),
          by.id,
          { actorId: null, actor: `console:${by.username}` },
          { graceHours: grace === undefined ? undefined : Number(grace) },
        );
        out(`已轮换密钥 ${keyId}：旧密钥在 ${rotated.replaced.expiresAt} 前仍可使用。新密钥（编号 ${rotated.id}）：`);
        out(rotated.key);
        out('请立即保存，此密钥不会再次显示。');
        return 0;
      }
      case 'revoke':
        if (!keyId || !/^\d+$/.test(keyId)) throw new AppError('invalid_request', '请指定密钥编号');
        s.apiKeys.revokeAs(unitId, Number(keyId), { actorId: null, actor: 'console' });
        out(`已吊销密钥 ${keyId}`);
        return 0;
      default:
        return unknownAction(action, USAGE);
    }
  });
}

/** Who a console action is recorded as created by: `--as`, or the first admin. */
function operator(s: Services, as: string | undefined) {
  const by = as ? s.stores.users.byUsername(as) : s.stores.users.list().find((u) => u.role === 'admin');
  if (!by) throw new AppError('invalid_request', as ? `用户“${as}”不存在` : '尚无管理员账号，请先启动服务');
  return by;
}
