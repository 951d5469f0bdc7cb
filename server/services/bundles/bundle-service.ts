// The signed bundle of a unit's approved table (GET /units/{unit}/bundle) and the public keys that verify it.
import { createHash } from 'node:crypto';
import { BUNDLE_FORMAT, type Bundle, type BundleVersion, type ChainHeadRef, signedText } from '../../engine/bundle-format.js';
import { canonicalJson } from '../../engine/canonical-json.js';
import { digests } from '../../engine/hash.js';
import type { Stores } from '../../store/index.js';
import type { StoredVersion, VersionMeta } from '../../store/schemes-store.js';
import type { Principal } from '../access.js';
import type { Baselines } from '../baselines.js';
import type { ClassifyService } from '../classify-service.js';
import type { Db } from '../../store/db.js';
import { auditEvents } from '../audit-events.js';
import { type Clock, isoNow } from '../clock.js';
import type { PublicKeyInfo, SigningKeys } from './signing-keys.js';
import type { ApprovedContent } from '../audit-integrity.js';

/** What the bundle of a unit is built from, before the documents are read. */
export interface Plan {
  unit: Bundle['unit'];
  scheme: Bundle['scheme'];
  metas: VersionMeta[];
  etag: string;
}

export class BundleService {
  constructor(
    private readonly stores: Stores,
    private readonly classify: ClassifyService,
    private readonly baselines: Baselines,
    readonly keys: SigningKeys,
    /** The audit chain head a bundle anchors. */
    readonly chainHead: () => ChainHeadRef | null,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly integrity: ApprovedContent,
  ) {}

  /** Replaces the signing key (audited); bundles signed before keep verifying with the retired public key. */
  rotateKey(actor: string): PublicKeyInfo {
    const before = this.keys.currentId();
    const fresh = this.keys.rotate();
    this.db
      .transaction(() => this.stores.audit.append(auditEvents.signingKeyRotated(isoNow(this.clock), actor, before, fresh)))
      .immediate();
    return fresh;
  }

  /**
   * The unit's approved versions as the classifier sees them (same access and scheme choice as classify: the unit's
   * API keys and users who may read the unit; `?scheme=` when it has several approved schemes). The weak ETag
   * covers the versions, their approvals and the signing key, not the chain head, so polling stays cheap while
   * nothing was approved; `notModified(etag)` true answers without reading or signing anything.
   */
  bundle(p: Principal | null, unitId: number, schemeId: number | undefined, notModified: (etag: string) => boolean) {
    const plan = this.plan(p, unitId, schemeId);
    if (notModified(plan.etag)) return { etag: plan.etag, bundle: null };
    return { etag: plan.etag, bundle: this.sign(plan) };
  }

  /** Builds and signs the bundle of a unit outside a request (the registry export, as an operator). */
  bundleFor(p: Principal, unitId: number, schemeId?: number): Bundle {
    return this.sign(this.plan(p, unitId, schemeId));
  }

  /** The unit, scheme and approved versions a bundle (or registry copy) is made of, and their ETag. */
  plan(p: Principal | null, unitId: number, schemeId: number | undefined): Plan {
    const t = this.classify.target(p, unitId, { schemeId });
    const scheme = this.stores.schemes.getScheme(t.schemeId)!;
    const metas = t.versions.map((v) => this.stores.schemes.metaById(v.id)!);
    const keyId = this.keys.currentId();
    const basis = metas.map((m) => [
      m.number,
      m.state,
      m.hash,
      m.approvalNumber,
      m.decidedOn,
      m.decidedAt,
      m.effectiveFrom,
      m.supersededAt,
    ]);
    const digest = createHash('sha256')
      .update(canonicalJson({ format: BUNDLE_FORMAT, unit: t.unit, scheme: scheme.name, basis, keyId, baselines: this.baselines.list() }))
      .digest('base64url')
      .slice(0, 27);
    return {
      unit: { id: t.unit.id, name: t.unit.name, fonds: t.unit.fonds, kind: t.unit.kind },
      scheme: { id: scheme.id, name: scheme.name },
      metas,
      etag: `W/"bundle.${digest}"`,
    };
  }

  private sign(plan: Plan): Bundle {
    const scheme = this.stores.schemes.getScheme(plan.scheme.id)!;
    const versions = plan.metas.map((m) => this.entry(this.stores.schemes.version(scheme.id, m.number)!, scheme.baselineId));
    const unsigned: Omit<Bundle, 'signature'> = {
      format: BUNDLE_FORMAT,
      unit: plan.unit,
      scheme: plan.scheme,
      versions,
      auditHead: this.chainHead(),
    };
    return { ...unsigned, signature: this.keys.sign(signedText(unsigned)) };
  }

  /** One version as bundles and registry copies carry it. */
  entry(stored: StoredVersion, schemeBaseline: string | null): BundleVersion {
    // What the service signs or registers is the approved content itself (503 if the stored one does not verify).
    const v = this.integrity.verified(stored);
    // The baseline compliance checks against (services/schemes/review.ts complianceOf): the named one, else the kind's.
    const named = v.document.baseline?.id ?? schemeBaseline;
    const b = (named ? this.baselines.get(named) : undefined) ?? this.baselines.forKind(v.document.kind);
    return {
      number: v.number,
      state: v.state as BundleVersion['state'],
      approvalNumber: v.approvalNumber ?? '',
      decidedOn: v.decidedOn ?? '',
      decidedAt: v.decidedAt ?? '',
      effectiveFrom: v.effectiveFrom ?? '',
      supersededAt: v.supersededAt,
      baseline: b ? { id: b.id, hash: b.hash } : null,
      hash: v.hash,
      digests: digests(v.document),
      document: v.document,
    };
  }
}
