// Compliance of a unit's scheme with its baseline: the baseline periods are floors (10号令 Art. 11), never shortened.
import { pointer } from '../schemas/pointer.js';
import { RETENTIONS, type RetentionCode } from '../schemas/retention-codes.js';
import type { Scheme, SchemeItem } from '../schemas/scheme.js';
import type { CompiledScheme } from './compile.js';
import { parentId } from './clause-numbers.js';

export type ComplianceKind =
  /** A row maps to a baseline row but its shortest retention is shorter than the baseline row's. */
  | 'shorterRetention'
  /** A baseline test record now gets a shorter retention than the baseline gives it. */
  | 'testShorter'
  /** A baseline test record the baseline files is now excluded (不归档). */
  | 'testNotFiled'
  /** A baseline test record the baseline files now needs a person's decision. */
  | 'testUndecided'
  /** A baseline row no row of the scheme maps to (its records may still be covered by other rows). */
  | 'baselineRowUnmapped';

export interface ComplianceFinding {
  kind: ComplianceKind;
  /** `error` findings need a recorded justification before approval. */
  severity: 'error' | 'warning' | 'info';
  /** JSON Pointer into the document named by `in`. */
  path: string;
  in: 'scheme' | 'baseline';
  message: string;
  item?: string;
  baselineItem?: string;
  baselineRetention?: RetentionCode;
  retention?: RetentionCode | null;
  /** Index of the baseline test record concerned. */
  test?: number;
}

export interface ComplianceReport {
  baseline: { id: string | null; hash: string };
  findings: ComplianceFinding[];
  /** Whether an approval must record a justification (any `error` finding). */
  requiresJustification: boolean;
}

/** Every retention code a row can give: its fixed code, or each branch's. Heading rows give none. */
export function rowCodes(item: SchemeItem): RetentionCode[] {
  if (item.retention === undefined) return [];
  return Array.isArray(item.retention) ? item.retention.map((b) => b.code) : [item.retention as RetentionCode];
}

/** The shortest retention a row can give, incl. its 重要/一般 branches. */
export function shortestCode(codes: readonly RetentionCode[]): RetentionCode | null {
  let best: RetentionCode | null = null;
  for (const c of codes) if (best === null || RETENTIONS[c].rank < RETENTIONS[best].rank) best = c;
  return best;
}

const label = (c: RetentionCode | null | undefined) => (c ? RETENTIONS[c].label : '无');

/**
 * The baseline row a scheme row maps to: its `derivedFrom`, else the same id when the scheme names a baseline.
 * Returns null when the row has no counterpart.
 */
export function baselineRowOf(item: SchemeItem, scheme: Pick<Scheme, 'baseline'>, baselineIds: ReadonlyMap<string, SchemeItem>): SchemeItem | null {
  if (item.derivedFrom !== undefined) return baselineIds.get(item.derivedFrom) ?? null;
  if (scheme.baseline) return baselineIds.get(item.id) ?? null;
  return null;
}

export function checkCompliance(scheme: CompiledScheme, baseline: CompiledScheme): ComplianceReport {
  const findings: ComplianceFinding[] = [];
  const doc = scheme.scheme;
  const base = baseline.scheme;
  const baseById = new Map(base.items.map((it) => [it.id, it]));
  const headings = new Set(base.items.map((it) => parentId(it.id)).filter((p): p is string => p !== null));
  const mapped = new Set<string>();

  // Rows: the shortest period a row can give must not undercut its baseline row's shortest.
  doc.items.forEach((item, i) => {
    const floorRow = baselineRowOf(item, doc, baseById);
    if (!floorRow) return;
    mapped.add(floorRow.id);
    const floor = shortestCode(rowCodes(floorRow));
    const own = shortestCode(rowCodes(item));
    if (!floor || !own) return;
    if (RETENTIONS[own].rank < RETENTIONS[floor].rank) {
      findings.push({
        kind: 'shorterRetention', severity: 'error', in: 'scheme', path: pointer('items', i, 'retention'),
        item: item.id, baselineItem: floorRow.id, baselineRetention: floor, retention: own,
        message: `条款 ${item.id} 的保管期限最短为${label(own)}，短于基线条款 ${floorRow.id} 的${label(floor)}（基线期限为最低期限，只能延长不能缩短）`,
      });
    }
  });

  // The baseline's own sample records, run through the scheme.
  (base.tests ?? []).forEach((test, t) => {
    const expected = baseline.classify(test.record);
    if (expected.outcome !== 'file' || !expected.retention) return;
    const got = scheme.classify(test.record);
    const what = `基线测试记录“${test.name ?? test.record.title}”`;
    const common = { in: 'baseline' as const, path: pointer('tests', t), test: t, baselineItem: expected.item?.id, baselineRetention: expected.retention.code };
    if (got.outcome === 'exclude') {
      findings.push({ ...common, kind: 'testNotFiled', severity: 'error', retention: null, message: `${what}在基线中归档（${expected.retention.label}），在本方案中不归档（${got.exclusion?.id ?? ''}）` });
    } else if (got.outcome === 'review') {
      findings.push({ ...common, kind: 'testUndecided', severity: 'warning', retention: null, message: `${what}在基线中归档（${expected.retention.label}），在本方案中需人工判断` });
    } else if (got.retention && RETENTIONS[got.retention.code].rank < RETENTIONS[expected.retention.code].rank) {
      const f: ComplianceFinding = {
        ...common, kind: 'testShorter', severity: 'error', retention: got.retention.code,
        message: `${what}在基线中为${expected.retention.label}，在本方案中为${got.retention.label}（条款 ${got.item?.id ?? '无'}）`,
      };
      if (got.item) f.item = got.item.id;
      findings.push(f);
    }
  });

  // Baseline rows nothing maps to (informational: other rows may cover their records).
  base.items.forEach((item, i) => {
    if (headings.has(item.id) || mapped.has(item.id)) return;
    findings.push({ kind: 'baselineRowUnmapped', severity: 'info', in: 'baseline', path: pointer('items', i), baselineItem: item.id, message: `基线条款 ${item.id}“${item.scope}”在本方案中没有对应条款` });
  });

  return {
    baseline: { id: base.id ?? null, hash: baseline.hash },
    findings,
    requiresJustification: findings.some((f) => f.severity === 'error'),
  };
}
