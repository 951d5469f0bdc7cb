// The 登记备份 copy of a unit's approved table (`sanheyi.registry/1`): what it holds, its signed manifest, and the
// offline check that names exactly what changed (which version and field, which digest, which audit entry).
import { createHash } from 'node:crypto';
import { type BundleVersion, type ChainHeadRef, type VerifyKey, signatureErrors, versionDigestErrors } from '../../engine/bundle-format.js';
import { canonicalJson } from '../../engine/canonical-json.js';
import type { FieldError } from '../../schemas/ajv.js';
import type { AuditEntry } from '../../store/audit-store.js';

export const REGISTRY_FORMAT = 'sanheyi.registry/1' as const;

/** Who submitted and decided a version, and what they wrote: the approval record beside 批复文号 and dates. */
export interface ApprovalRecord {
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedByName: string | null;
  comment: string | null;
  justification: string | null;
  /** Why the approval takes effect before its decision date; absent when it does not. */
  backdateReason?: string;
}

export type RegistryVersion = BundleVersion & { approval: ApprovalRecord };

/** SHA-256 of the canonical JSON of every part, so a changed byte is located; the signature is over this. */
export interface Manifest {
  format: typeof REGISTRY_FORMAT;
  parts: Record<string, string>;
}

export interface RegistryCopy {
  format: typeof REGISTRY_FORMAT;
  exportedAt: string;
  unit: { id: number; name: string; fonds: string | null; kind: string | null };
  scheme: { id: number; name: string };
  versions: RegistryVersion[];
  /** Every audit entry of the scheme's approved versions, oldest first. */
  audit: AuditEntry[];
  auditHead: ChainHeadRef | null;
  manifest: Manifest;
  signature: { keyId: string; algorithm: 'Ed25519'; value: string };
}

const sha = (value: unknown) => 'sha256:' + createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');

/** The parts a manifest lists, by JSON Pointer: each version field and audit entry on its own. */
export function manifestParts(copy: Omit<RegistryCopy, 'manifest' | 'signature'>): Record<string, string> {
  const parts: Record<string, string> = {
    '/exportedAt': sha(copy.exportedAt),
    '/unit': sha(copy.unit),
    '/scheme': sha(copy.scheme),
    '/auditHead': sha(copy.auditHead),
  };
  copy.versions.forEach((v, i) => {
    for (const [k, value] of Object.entries(v)) parts[`/versions/${i}/${k}`] = sha(value);
  });
  copy.audit.forEach((e, i) => (parts[`/audit/${i}`] = sha(e)));
  return parts;
}

/** Words for a part's pointer: 第 2 版的批复文号, 审计记录 #12, … */
function partName(copy: Partial<RegistryCopy>, pointer: string): string {
  const m = /^\/versions\/(\d+)\/(.+)$/.exec(pointer);
  if (m) return `第 ${copy.versions?.[Number(m[1])]?.number ?? '?'} 版的 ${m[2]}`;
  const a = /^\/audit\/(\d+)$/.exec(pointer);
  if (a) return `审计记录 #${copy.audit?.[Number(a[1])]?.id ?? '?'}`;
  return pointer.slice(1);
}

/**
 * Everything wrong with a registry copy, offline, given only the service's public keys: the signature over the
 * manifest, every part against the manifest (naming the version and field or the audit entry), every document
 * against its hash and SHA-256/SM3 digests, the audit entries' chain links, and each approval against the audit.
 */
export function registryErrors(doc: unknown, keys: readonly VerifyKey[]): FieldError[] {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return [{ path: '/', message: '不是登记备份文件' }];
  const copy = doc as Partial<RegistryCopy>;
  if (copy.format !== REGISTRY_FORMAT) return [{ path: '/format', message: `格式应为 ${REGISTRY_FORMAT}` }];
  if (!Array.isArray(copy.versions) || !Array.isArray(copy.audit) || !copy.manifest?.parts) {
    return [{ path: '/', message: '缺少 versions、audit 或 manifest' }];
  }
  const errors: FieldError[] = [];
  // The signature covers the manifest only; the manifest covers every part.
  errors.push(...signatureErrors({ manifest: copy.manifest, signature: copy.signature }, keys));
  const signed = copy.manifest.parts;
  const actual = manifestParts(copy as RegistryCopy);
  for (const [pointer, digest] of Object.entries(actual)) {
    if (!(pointer in signed)) errors.push({ path: pointer, message: `${partName(copy, pointer)} 不在签名清单中（被添加）` });
    else if (signed[pointer] !== digest)
      errors.push({ path: pointer, message: `${partName(copy, pointer)} 与签名清单中的摘要不符（被改动）` });
  }
  for (const pointer of Object.keys(signed)) {
    if (!(pointer in actual)) errors.push({ path: pointer, message: `签名清单中的 ${pointer} 不见了（被删除）` });
  }
  errors.push(...versionDigestErrors(copy.versions));
  copy.audit.forEach((e, i) => {
    const prev = copy.audit![i - 1];
    if (prev && e.prevHash !== prev.hash && e.id === prev.id + 1) {
      errors.push({ path: `/audit/${i}/prevHash`, message: `审计记录 #${e.id} 与上一条 #${prev.id} 的哈希不衔接` });
    }
  });
  copy.versions.forEach((v, i) => {
    const approval = copy.audit!.find((e) => e.action === 'version.approve' && e.version === v.number);
    if (!approval) {
      errors.push({ path: `/versions/${i}`, message: `第 ${v.number} 版没有批准的审计记录` });
      return;
    }
    const after = (approval.after ?? {}) as Record<string, unknown>;
    for (const field of ['hash', 'approvalNumber', 'decidedOn', 'effectiveFrom'] as const) {
      if (after[field] !== v[field]) {
        errors.push({
          path: `/versions/${i}/${field}`,
          message: `第 ${v.number} 版的 ${field}（${String(v[field])}）与审计记录 #${approval.id} 中的（${String(after[field])}）不一致`,
        });
      }
    }
  });
  return errors;
}
