// `sanheyi keys`: the service's bundle signing keys — list them, write the public keys out, rotate the current one.
import { writeFileSync } from 'node:fs';
import { parseCommand } from './args.js';
import { out, unknownAction, withServices } from './console.js';

const USAGE = `用法:
  sanheyi keys list                       列出签名密钥（当前与已轮换的）
  sanheyi keys public [--out 文件]         输出公钥（与 GET /api/v1/keys 相同的 JSON），供 registry verify --public-key 使用
  sanheyi keys rotate                     生成新签名密钥；旧公钥仍列出，旧签名包照样可以校验

选项: --db 数据库文件（默认取 SANHEYI_DB，否则 ./data/sanheyi.db）。密钥文件在数据库旁：<数据库>.signing-keys.json（权限 0600）
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(args, { db: { type: 'string' }, out: { type: 'string' } }, USAGE, (p) => p.length === 1);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  return withServices(values.db, (s) => {
    const keys = s.bundles.keys;
    switch (positionals[0]) {
      case 'list':
        for (const k of keys.list())
          out(`${k.id}  ${k.algorithm}  创建于 ${k.createdAt}${k.retiredAt ? `  已轮换 ${k.retiredAt}` : '  （当前）'}`);
        return 0;
      case 'public': {
        const text = JSON.stringify({ current: keys.currentId(), keys: keys.list() }, null, 2) + '\n';
        if (values.out) {
          writeFileSync(values.out, text);
          out(`公钥已写入 ${values.out}`);
        } else process.stdout.write(text);
        return 0;
      }
      case 'rotate': {
        const before = keys.currentId();
        const fresh = s.bundles.rotateKey('console');
        out(`已轮换签名密钥：${before} → ${fresh.id}`);
        out('旧公钥仍在 GET /api/v1/keys 中列出；运行中的服务在下一次签名时改用新密钥。');
        return 0;
      }
      default:
        return unknownAction(positionals[0], USAGE);
    }
  });
}
