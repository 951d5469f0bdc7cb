// `sanheyi api-keys`: operators list, issue and revoke a unit's API keys at the console (a new key is shown once).
import { AppError } from '../services/errors.js';
import { parseCommand } from './args.js';
import { out, unknownAction, withServices } from './console.js';

const USAGE = `用法:
  sanheyi api-keys list --unit <单位编号>
  sanheyi api-keys create --unit <单位编号> --name <调用系统名称> [--as <用户名>]   密钥仅显示一次
  sanheyi api-keys revoke --unit <单位编号> <密钥编号>

选项: --db 数据库文件（默认取 SANHEYI_DB，否则 ./data/sanheyi.db）；--as 记录为由该用户创建（默认第一个管理员）
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    { db: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' }, as: { type: 'string' } },
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
        for (const k of s.stores.apiKeys.listForUnit(unitId)) {
          out(`${String(k.id).padStart(4)}  ${k.prefix}…  ${k.name}  创建于 ${k.createdAt}${k.revokedAt ? `  已吊销 ${k.revokedAt}` : ''}`);
        }
        return 0;
      case 'create': {
        if (!values.name) throw new AppError('invalid_request', '请用 --name 指定调用系统名称');
        const by = values.as ? s.stores.users.byUsername(values.as) : s.stores.users.list().find((u) => u.role === 'admin');
        if (!by) throw new AppError('invalid_request', values.as ? `用户“${values.as}”不存在` : '尚无管理员账号，请先启动服务');
        const created = s.apiKeys.issue(unitId, values.name, by.id, { actorId: null, actor: `console:${by.username}` });
        out(`已为 ${unit.name} 创建 API 密钥（编号 ${created.id}）：`);
        out(created.key);
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
