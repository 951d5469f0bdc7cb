// Schemes and their versions as readers see them, and the helpers every workflow step shares (content hash,
// a unit's copy of a baseline, document checks, state words). The steps: drafts.ts, decisions.ts, review.ts,
// supersede.ts; who may do what: scheme-access.ts.
import { contentHash, validateScheme } from '../../engine/index.js';
import type { Scheme } from '../../schemas/scheme.js';
import { VERSION_STATE_LABELS } from '../../schemas/version-states.js';
import type { Stores } from '../../store/index.js';
import type { Org } from '../../store/orgs-store.js';
import type { SchemeInfo, StoredVersion, VersionMeta } from '../../store/schemes-store.js';
import type { Access, Principal } from '../access.js';
import { AppError, notFound } from '../errors.js';
import type { SchemeTarget } from './scheme-access.js';
import type { Supersede } from './supersede.js';
import type { ApprovedContent } from '../audit-integrity.js';

export interface SchemeWithVersions extends SchemeInfo {
  versions: VersionMeta[];
}

export interface NewSchemeInput {
  name: string;
  baseline?: string;
  document?: unknown;
}

/** A state as a sentence names it: “版本 2 当前为已批准”. */
export const STATE_WORDS = VERSION_STATE_LABELS;

export class SchemesService {
  constructor(
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly supersede: Supersede,
    private readonly integrity: ApprovedContent,
  ) {}

  listForUnit(p: Principal | null, unitId: number): SchemeWithVersions[] {
    this.access.readableUnit(this.access.user(p), unitId);
    return this.stores.schemes.schemesOfUnit(unitId).map((s) => ({ ...s, versions: this.versions(s.id) }));
  }

  get(t: SchemeTarget): SchemeWithVersions {
    return { ...t.scheme, versions: this.versions(t.scheme.id) };
  }

  version(t: SchemeTarget, number: number): StoredVersion {
    const v = this.stores.schemes.version(t.scheme.id, number);
    if (!v) throw notFound('方案版本');
    return this.supersede.view(t.scheme.id, [this.integrity.verified(v)])[0];
  }

  /** A version with what its exports print: the scheme (for the file name) and the deciding reviewer's display name. */
  forExport(t: SchemeTarget, number: number): { scheme: SchemeInfo; version: StoredVersion; reviewer: string | null } {
    const version = this.version(t, number);
    const reviewer = version.decidedBy ? (this.stores.users.byUsername(version.decidedBy)?.displayName ?? version.decidedBy) : null;
    return { scheme: t.scheme, version, reviewer };
  }

  /** The versions' meta, superseded ones shown so as soon as they are due (GETs never write). */
  private versions(schemeId: number): VersionMeta[] {
    return this.supersede.view(schemeId, this.stores.schemes.versions(schemeId));
  }
}

/** The content hash of a document: the engine's `contentHash` (docs/scheme-format.md “Content hash”). */
export function documentHash(doc: Scheme): string {
  return contentHash(doc);
}

/** The document if it is a valid scheme; otherwise 422 with every error, paths under `base`. */
export function validDocument(doc: unknown, base: string): Scheme {
  const checked = validateScheme(doc);
  if (!checked.ok) {
    throw new AppError(
      'invalid_document',
      `方案有 ${checked.errors.length} 处错误`,
      checked.errors.map((e) => ({ path: base + (e.path === '/' ? '' : e.path) || '/', message: e.message })),
    );
  }
  return checked.scheme;
}

/**
 * A unit's own copy of a baseline: its name, 全宗号, kind and table title (the 报审 table carries the unit's title,
 * never the baseline's); every row remembers the baseline row it came from.
 */
export function fromBaseline(base: Scheme, unit: Org, baseline: { id: string; hash: string }): Scheme {
  const { id: _id, version: _v, tests, ...rest } = structuredClone(base) as Scheme;
  const doc: Scheme = {
    ...rest,
    title: `${unit.name}档案分类方案、归档范围和保管期限表`,
    unit: unit.name,
    kind: unit.kind ?? rest.kind,
    baseline,
    items: rest.items.map((it) => ({ ...it, derivedFrom: it.id })),
  };
  if (unit.fonds) doc.fonds = unit.fonds;
  if (tests) doc.tests = tests;
  return doc;
}
