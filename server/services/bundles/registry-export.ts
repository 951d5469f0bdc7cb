// `sanheyi registry export`: the 登记备份 copy of a unit's approved table — its versions with their approval records,
// the audit entries of those versions and the chain head, under a signed manifest (registry-format.ts).
import { signedText } from '../../engine/bundle-format.js';
import type { Stores } from '../../store/index.js';
import type { Principal } from '../access.js';
import { type Clock, isoNow } from '../clock.js';
import type { BundleService } from './bundle-service.js';
import { REGISTRY_FORMAT, type RegistryCopy, type RegistryVersion, manifestParts } from './registry-format.js';

/** Audit entries read per page while collecting a scheme's excerpt. */
const PAGE = 1000;

export function registryCopy(
  bundles: BundleService,
  stores: Stores,
  clock: Clock,
  p: Principal,
  unitId: number,
  schemeId?: number,
): RegistryCopy {
  const plan = bundles.plan(p, unitId, schemeId);
  const scheme = stores.schemes.getScheme(plan.scheme.id)!;
  const versions: RegistryVersion[] = plan.metas.map((m) => {
    const v = stores.schemes.version(scheme.id, m.number)!;
    return {
      ...bundles.entry(v, scheme.baselineId),
      approval: {
        submittedBy: v.submittedBy,
        submittedAt: v.submittedAt,
        decidedBy: v.decidedBy,
        decidedByName: v.decidedByName,
        comment: v.comment,
        justification: v.justification,
        ...(v.backdateReason ? { backdateReason: v.backdateReason } : {}),
      },
    };
  });
  const numbers = new Set(versions.map((v) => v.number));
  const audit: RegistryCopy['audit'] = [];
  for (let before: number | undefined; ; ) {
    const page = stores.audit.list({ schemeId: scheme.id, before, limit: PAGE });
    audit.push(...page.filter((e) => e.version !== null && numbers.has(e.version)));
    if (page.length < PAGE) break;
    before = page.at(-1)!.id;
  }
  audit.sort((a, b) => a.id - b.id);
  const body = {
    format: REGISTRY_FORMAT,
    exportedAt: isoNow(clock),
    unit: plan.unit,
    scheme: plan.scheme,
    versions,
    audit,
    auditHead: bundles.chainHead(),
  };
  const manifest = { format: REGISTRY_FORMAT, parts: manifestParts(body) };
  return { ...body, manifest, signature: bundles.keys.sign(signedText({ manifest })) };
}
