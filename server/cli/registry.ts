// `sanheyi registry`: export a unit's approved table as a signed 登记备份 copy, and verify one offline with only the
// service's public key, naming exactly what changed.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import type { VerifyKey } from '../engine/bundle-format.js';
import { parseSigned } from '../engine/bundle-format.js';
import { keyIdOf } from '../services/bundles/signing-keys.js';
import { registryCopy } from '../services/bundles/registry-export.js';
import { type RegistryCopy, registryErrors } from '../services/bundles/registry-format.js';
import { AppError } from '../services/errors.js';
import { UsageError, parseCommand, runCommand } from './args.js';
import { EXIT } from './exit-codes.js';
import { out, unknownAction, withServices } from './console.js';

const USAGE = `用法:
  sanheyi registry export --unit <单位编号> [--scheme <方案编号>] [--out 文件] [--as <用户名>]
      写出单位已批准三合一表的登记备份：各版本（含批复记录、摘要 SHA-256/SM3）、这些版本的审计记录与审计链头，由服务签名
  sanheyi registry verify <文件> --public-key <公钥>
      只凭公钥离线校验；<公钥> 为 sanheyi keys public 或 GET /api/v1/keys 的 JSON 文件、PEM 文件，或 base64 的 SPKI 公钥

选项: --db 数据库文件（默认取 SANHEYI_DB，否则 ./data/sanheyi.db）；--as 以该用户的权限导出（默认第一个管理员）
退出码: 0 通过；1 校验发现问题；2 用法错误或文件无法读取
`;

export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand(
    args,
    {
      db: { type: 'string' },
      unit: { type: 'string' },
      scheme: { type: 'string' },
      out: { type: 'string' },
      as: { type: 'string' },
      'public-key': { type: 'string' },
    },
    USAGE,
    (p) => (p[0] === 'export' && p.length === 1) || (p[0] === 'verify' && p.length === 2),
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals[0] === 'verify') return runCommand(USAGE, () => verify(positionals[1], values['public-key']));
  if (positionals[0] !== 'export') return unknownAction(positionals[0], USAGE);
  return runCommand(USAGE, () => {
    if (values.out && existsSync(values.out)) throw new UsageError(`文件已存在：${values.out}`);
    if (!values.unit || !/^\d+$/.test(values.unit)) throw new UsageError('请用 --unit 指定单位编号', true);
    if (values.scheme !== undefined && !/^\d+$/.test(values.scheme)) throw new UsageError('--scheme 应为方案编号', true);
    return withServices(values.db, (s) => {
      const by = values.as ? s.stores.users.byUsername(values.as) : s.stores.users.list().find((u) => u.role === 'admin');
      if (!by) throw new AppError('invalid_request', values.as ? `用户“${values.as}”不存在` : '尚无管理员账号，请先启动服务');
      const copy = registryCopy(
        s.bundles,
        s.stores,
        s.clock,
        { kind: 'user', user: by },
        Number(values.unit),
        values.scheme ? Number(values.scheme) : undefined,
      );
      const text = JSON.stringify(copy, null, 2) + '\n';
      if (!values.out) {
        process.stdout.write(text);
        return EXIT.ok;
      }
      const tmp = `${values.out}.${process.pid}.tmp`;
      writeFileSync(tmp, text, { flag: 'wx' });
      renameSync(tmp, values.out);
      process.stderr.write(`${summary(copy)}\n已写入 ${values.out}\n`);
      return EXIT.ok;
    });
  });
}

function summary(c: RegistryCopy): string {
  const versions = c.versions.map((v) => `第 ${v.number} 版（${v.approvalNumber}，${v.effectiveFrom} 起）`).join('、');
  const head = c.auditHead ? `#${c.auditHead.id}` : '无';
  return `${c.unit.name} · ${c.scheme.name}：${versions}；审计记录 ${c.audit.length} 条，链头 ${head}；签名密钥 ${c.signature.keyId}`;
}

/** The keys a --public-key names: a keys JSON file, a PEM file, or a base64 SPKI key given inline. */
function publicKeys(arg: string | undefined): VerifyKey[] {
  if (!arg) throw new UsageError('请用 --public-key 指定服务的公钥', true);
  const text = existsSync(arg) ? readFileSync(arg, 'utf8') : arg;
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (e) {
      throw new UsageError(`公钥文件不是有效的 JSON：${(e as Error).message}`);
    }
    const list = Array.isArray(json) ? json : ((json as { keys?: unknown[] }).keys ?? [json]);
    return list as VerifyKey[];
  }
  try {
    const key = trimmed.startsWith('-----BEGIN')
      ? createPublicKey(trimmed)
      : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
    const spki = key.export({ type: 'spki', format: 'der' });
    return [{ id: keyIdOf(spki), publicKey: spki.toString('base64') }];
  } catch (e) {
    throw new UsageError(`无法读取公钥：${(e as Error).message}`);
  }
}

function verify(file: string, keyArg: string | undefined): number {
  const keys = publicKeys(keyArg);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`无法读取 ${file}：${(e as Error).message}`);
  }
  const parsed = parseSigned(text);
  const errors = parsed.errors.length ? parsed.errors : registryErrors(parsed.value, keys);
  if (errors.length) {
    out(`校验未通过：${file}（${errors.length} 处问题）`);
    for (const e of errors) out(`  ${e.path}  ${e.message}`);
    return EXIT.failed;
  }
  out(`校验通过：${summary(parsed.value as RegistryCopy)}`);
  return EXIT.ok;
}
