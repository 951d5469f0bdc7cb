// The signed bundle of a unit's approved table (`sanheyi.bundle/1`) and how its signature and digests are checked:
// shared by the service that signs it, loadBundle that classifies with it, and the registry copy's verifier.
import { createPublicKey, verify } from 'node:crypto';
import type { FieldError } from '../schemas/ajv.js';
import type { Scheme } from '../schemas/scheme.js';
import { canonicalJson } from './canonical-json.js';
import { contentHash, digests } from './hash.js';

export const BUNDLE_FORMAT = 'sanheyi.bundle/1' as const;

/** One approved (or superseded) version as a bundle carries it. */
export interface BundleVersion {
  number: number;
  state: 'approved' | 'superseded';
  /** 批复文号. */
  approvalNumber: string;
  /** 批复日期 (the bureau's decision date) and when it was recorded. */
  decidedOn: string;
  decidedAt: string;
  effectiveFrom: string;
  supersededAt: string | null;
  /** The national baseline compliance checks this version against, with the hash the service holds for it. */
  baseline: { id: string; hash: string } | null;
  /** The stored content hash (docs/scheme-format.md “Content hash”). */
  hash: string;
  digests: { sha256: string; sm3: string };
  document: Scheme;
}

export interface BundleSignature {
  keyId: string;
  algorithm: 'Ed25519';
  /** Ed25519 over the UTF-8 of the canonical JSON of the whole object without `signature`; base64. */
  value: string;
}

/** The head of the audit chain when the bundle was signed: anchors it, so a truncated log is detectable. */
export interface ChainHeadRef {
  id: number;
  hash: string;
}

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  unit: { id: number; name: string; fonds: string | null; kind: string | null };
  scheme: { id: number; name: string };
  /** Sorted by effectiveFrom, then number: the order the version in force is picked in. */
  versions: BundleVersion[];
  auditHead: ChainHeadRef | null;
  signature: BundleSignature;
}

/** A public key as `GET /api/v1/keys` lists it: SPKI DER in base64 (a PEM string is accepted too). */
export interface VerifyKey {
  id: string;
  publicKey: string;
}

/** The text a signature is over: canonical JSON of the object without its `signature` member. */
export function signedText(doc: object): string {
  return canonicalJson({ ...doc, signature: undefined });
}

/** Parses a bundle or registry text; an unreadable one is one problem naming where. */
export function parseSigned(input: unknown): { value: unknown; errors: FieldError[] } {
  if (typeof input !== 'string' && !Buffer.isBuffer(input)) return { value: input, errors: [] };
  const text = Buffer.isBuffer(input) ? input.toString('utf8') : input;
  try {
    return { value: JSON.parse(text), errors: [] };
  } catch (e) {
    return { value: undefined, errors: [{ path: '/', message: `不是有效的 JSON：${(e as Error).message}` }] };
  }
}

function keyObject(k: VerifyKey) {
  const text = k.publicKey.trim();
  return text.startsWith('-----BEGIN')
    ? createPublicKey(text)
    : createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
}

/** Checks `signature` over `doc` with the key it names among `keys`. */
export function signatureErrors(doc: Record<string, unknown>, keys: readonly VerifyKey[]): FieldError[] {
  const sig = doc.signature as Partial<BundleSignature> | undefined;
  if (!sig || typeof sig !== 'object' || typeof sig.value !== 'string' || typeof sig.keyId !== 'string') {
    return [{ path: '/signature', message: '没有签名' }];
  }
  if (sig.algorithm !== 'Ed25519') return [{ path: '/signature/algorithm', message: `不支持的签名算法 ${String(sig.algorithm)}` }];
  const key = keys.find((k) => k.id === sig.keyId);
  if (!key) return [{ path: '/signature/keyId', message: `签名密钥 ${sig.keyId} 不在所给的公钥中` }];
  let ok = false;
  try {
    ok = verify(null, Buffer.from(signedText(doc), 'utf8'), keyObject(key), Buffer.from(sig.value, 'base64'));
  } catch (e) {
    return [{ path: '/signature', message: `无法校验签名：${(e as Error).message}` }];
  }
  return ok ? [] : [{ path: '/signature/value', message: `签名不符（密钥 ${sig.keyId}）：签名之后内容被改动过` }];
}

/** Checks each version's document against its stored hash and both digests; names the version and the digest. */
export function versionDigestErrors(versions: unknown, base = '/versions'): FieldError[] {
  if (!Array.isArray(versions) || !versions.length) return [{ path: base, message: '没有版本' }];
  const errors: FieldError[] = [];
  versions.forEach((v: Partial<BundleVersion>, i) => {
    const at = `${base}/${i}`;
    const label = `第 ${typeof v?.number === 'number' ? v.number : '?'} 版`;
    if (!v || typeof v !== 'object' || !v.document || typeof v.document !== 'object') {
      errors.push({ path: `${at}/document`, message: `${label}没有方案文档` });
      return;
    }
    const d = digests(v.document);
    if (v.hash !== contentHash(v.document)) errors.push({ path: `${at}/hash`, message: `${label}的文档与其内容哈希 hash 不符` });
    if (v.digests?.sha256 !== d.sha256) errors.push({ path: `${at}/digests/sha256`, message: `${label}的文档与其 SHA-256 摘要不符` });
    if (v.digests?.sm3 !== d.sm3) errors.push({ path: `${at}/digests/sm3`, message: `${label}的文档与其 SM3 摘要不符` });
  });
  return errors;
}

/**
 * Everything wrong with a bundle, each problem naming its path: the format, each version's hash and digests, and
 * the signature (which covers the rest: dates, 批复文号, unit, chain head). Empty when it verifies.
 */
export function bundleErrors(doc: unknown, keys: readonly VerifyKey[]): FieldError[] {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return [{ path: '/', message: '不是三合一表签名包' }];
  const b = doc as Record<string, unknown>;
  if (b.format !== BUNDLE_FORMAT) return [{ path: '/format', message: `格式应为 ${BUNDLE_FORMAT}` }];
  return [...versionDigestErrors(b.versions), ...signatureErrors(b, keys)];
}
