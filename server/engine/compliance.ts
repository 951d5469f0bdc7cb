// Compliance of a unit's scheme with its national baseline: the baseline periods are floors (10号令 Art. 11, 8号令,
// 79号令), which a unit may lengthen and never shorten. A period proven shorter than the floor cannot be approved.
import { pointer } from '../schemas/pointer.js';
import { RETENTIONS, type RetentionCode } from '../schemas/retention-codes.js';
import type { Scheme, SchemeClass, SchemeItem } from '../schemas/scheme.js';
import { branchFloors, mappingOf } from './floors.js';
import { BoundedCache } from './bounded-cache.js';
import { flattenClasses } from './classes.js';
import { parentId } from './clause-numbers.js';
import { type CompiledScheme, compileValid } from './compile.js';
import { prepareRecord } from './prepare-record.js';
import { type BaselineRowText, STRONG_MATCH, bestMatch } from './row-match.js';

export type ComplianceKind =
  /** A row maps to a baseline row but gives (a branch of) it a shorter retention than the floor. Blocks approval. */
  | 'shorterRetention'
  /** A baseline test record now gets a shorter retention than the baseline gives it. Blocks approval. */
  | 'testShorter'
  /** A baseline test record the baseline files is now excluded (不归档). Blocks approval. */
  | 'testNotFiled'
  /** A baseline test record the baseline files now needs a person's decision (needs a justification). */
  | 'testUndecided'
  /** A row without `derivedFrom` whose wording resembles a baseline row: the archivist should confirm the mapping. */
  | 'suggestedMapping'
  /** A branch the baseline row does not have (other label): no floor applies to it. */
  | 'branchWithoutFloor'
  /** A baseline row no row of the scheme maps to (its records may still be covered by other rows). */
  | 'baselineRowUnmapped';

export { rowCodes, shortestCode } from './floors.js';

const label = (c: RetentionCode | null | undefined) => (c ? RETENTIONS[c].label : '无');

export interface ComplianceFinding {
  kind: ComplianceKind;
  /** `error`: a proof, approval is refused; `warning`: approval needs a recorded justification; `info`: for review. */
  severity: 'error' | 'warning' | 'info';
  /** JSON Pointer into the document named by `in`. */
  path: string;
  in: 'scheme' | 'baseline';
  message: string;
  item?: string;
  /** Branch label of the scheme row concerned. */
  branch?: string;
  baselineItem?: string;
  baselineRetention?: RetentionCode;
  /** The baseline row's legal source (e.g. 79号令附表1 第1项). */
  basis?: string;
  retention?: RetentionCode | null;
  /** How the row was mapped to the baseline row: its derivedFrom, the same id, or its wording. */
  mapping?: 'derivedFrom' | 'id' | 'wording';
  /** suggestedMapping: the baseline rows the wording matches, and how well (0–1). */
  suggested?: string[];
  score?: number;
  /** Index of the baseline test record concerned. */
  test?: number;
}

export interface ComplianceReport {
  baseline: { id: string | null; hash: string };
  findings: ComplianceFinding[];
  /** Any `error` finding: the version cannot be approved (no justification waives a shorter period). */
  blocking: boolean;
  /** No `error`, but `warning` findings: an approval must record why they are acceptable. */
  requiresJustification: boolean;
}

export function checkCompliance(scheme: CompiledScheme, baselineCompiled: CompiledScheme): ComplianceReport {
  const findings: ComplianceFinding[] = [];
  const doc = scheme.source;
  const baseline = withUnitParameters(baselineCompiled, doc);
  const base = baseline.scheme;
  const baseById = new Map(base.items.map((it) => [it.id, it]));
  const headings = new Set(base.items.map((it) => parentId(it.id)).filter((p): p is string => p !== null));
  const classNames = new Map(flattenClasses(base.classes as SchemeClass[]).map((c) => [c.path, c.names.at(-1) ?? '']));
  const rowTexts: BaselineRowText[] = base.items
    .filter((it) => !headings.has(it.id))
    .map((item) => ({ item, className: classNames.get(item.class ?? '') ?? '' }));
  const mapped = new Set<string>();
  /** Rows that have no mapping (and are not marked notDerived), by id: the baseline's test records may suggest one. */
  const unmapped = new Map<string, { index: number; suggestion: ComplianceFinding | null }>();

  // Rows: each outcome of a row must reach the floor of its baseline row.
  doc.items.forEach((item, i) => {
    if (item.retention === undefined) return;
    const mapping = mappingOf(item, doc, baseById);
    if (!mapping && !item.notDerived) unmapped.set(item.id, { index: i, suggestion: null });
    let floorRows: SchemeItem[] = [];
    let how: ComplianceFinding['mapping'];
    if (mapping) {
      floorRows = [mapping.row];
      how = mapping.how;
    } else if (!item.notDerived) {
      const match = bestMatch(item, rowTexts);
      if (match) {
        const suggestion: ComplianceFinding = {
          kind: 'suggestedMapping',
          severity: 'info',
          in: 'scheme',
          path: pointer('items', i),
          item: item.id,
          suggested: match.ids,
          score: match.score,
          message: `条款 ${item.id}“${item.scope}”可能对应基线条款 ${match.ids.join('、')}：请在条款上确认对应关系（或标明无基线对应）`,
        };
        findings.push(suggestion);
        unmapped.get(item.id)!.suggestion = suggestion;
        if (match.score >= STRONG_MATCH) {
          floorRows = match.ids.map((id) => baseById.get(id)!);
          how = 'wording';
        }
      }
    }
    for (const floorRow of floorRows) {
      mapped.add(floorRow.id);
      for (const f of branchFloors(item, floorRow)) {
        const where = f.index === null ? pointer('items', i, 'retention') : pointer('items', i, 'retention', f.index, 'code');
        const what = f.branch === undefined ? `条款 ${item.id} 的保管期限` : `条款 ${item.id}“${f.branch}”分支的保管期限`;
        if (f.floor === null) {
          findings.push({
            kind: 'branchWithoutFloor',
            severity: 'info',
            in: 'scheme',
            path: where,
            item: item.id,
            branch: f.branch,
            baselineItem: floorRow.id,
            retention: f.own,
            message: `条款 ${item.id} 的“${f.branch}”分支在基线条款 ${floorRow.id} 中没有同名分支，不受基线期限约束`,
          });
          continue;
        }
        if (RETENTIONS[f.own].rank >= RETENTIONS[f.floor].rank) continue;
        const inferred =
          how === 'wording' ? `（按文字推断对应基线条款 ${floorRow.id}“${floorRow.scope}”；如不对应，请标明无基线对应）` : '';
        const finding: ComplianceFinding = {
          kind: 'shorterRetention',
          severity: 'error',
          in: 'scheme',
          path: where,
          item: item.id,
          baselineItem: floorRow.id,
          baselineRetention: f.floor,
          retention: f.own,
          mapping: how,
          message: `${what}为${label(f.own)}，短于基线条款 ${floorRow.id} 的${label(f.floor)}${floorRow.basis ? `（${floorRow.basis}）` : ''}：基线期限是最低期限，只能延长不能缩短${inferred}`,
        };
        if (f.branch !== undefined) finding.branch = f.branch;
        if (floorRow.basis) finding.basis = floorRow.basis;
        findings.push(finding);
      }
    }
  });

  // The baseline's own sample records, run through the scheme.
  const baseFields = new Set(baseline.fields.keys());
  const ownFields = new Set(scheme.fields.keys());
  (base.tests ?? []).forEach((test, t) => {
    const expected = baseline.classify(prepareRecord(test.record as Record<string, unknown>, baseFields).record);
    // A record the baseline itself could not decide (filed only by a row's 从长 default) sets no floor.
    if (expected.outcome !== 'file' || !expected.retention || expected.decidedBy === 'default') return;
    const got = scheme.classify(prepareRecord(test.record as Record<string, unknown>, ownFields).record);
    // Where a baseline record lands on a row without a mapping, that row likely is the baseline row's counterpart.
    const landed = got.outcome === 'file' && got.item && expected.item ? unmapped.get(got.item.id) : undefined;
    if (landed && expected.item) suggestByTest(landed, got.item!.id, expected.item.id);
    const what = `基线测试记录“${test.name ?? test.record.title}”`;
    const basis = expected.item?.basis;
    const common = {
      in: 'baseline' as const,
      path: pointer('tests', t),
      test: t,
      baselineItem: expected.item?.id,
      baselineRetention: expected.retention.code,
      ...(basis ? { basis } : {}),
    };
    const source = basis ? `（${basis}）` : '';
    if (got.outcome === 'exclude') {
      findings.push({
        ...common,
        kind: 'testNotFiled',
        severity: 'error',
        retention: null,
        message: `${what}在基线中归档（${expected.retention.label}${source}），在本方案中不归档（${got.exclusion?.id ?? ''}）`,
      });
    } else if (got.outcome === 'review') {
      findings.push({
        ...common,
        kind: 'testUndecided',
        severity: 'warning',
        retention: null,
        message: `${what}在基线中归档（${expected.retention.label}${source}），在本方案中需人工判断`,
      });
    } else if (got.retention && RETENTIONS[got.retention.code].rank < RETENTIONS[expected.retention.code].rank) {
      const f: ComplianceFinding = {
        ...common,
        kind: 'testShorter',
        severity: 'error',
        retention: got.retention.code,
        message: `${what}在基线中为${expected.retention.label}${source}，在本方案中为${got.retention.label}（条款 ${got.item?.id ?? '无'}）`,
      };
      if (got.item) f.item = got.item.id;
      findings.push(f);
    }
  });

  function suggestByTest(row: { index: number; suggestion: ComplianceFinding | null }, id: string, baseId: string) {
    if (row.suggestion) {
      const ids = row.suggestion.suggested!;
      if (!ids.includes(baseId)) {
        ids.push(baseId);
        row.suggestion.message = `条款 ${id} 可能对应基线条款 ${ids.join('、')}（按文字和基线测试记录）：请在条款上确认对应关系（或标明无基线对应）`;
      }
      return;
    }
    row.suggestion = {
      kind: 'suggestedMapping',
      severity: 'info',
      in: 'scheme',
      path: pointer('items', row.index),
      item: id,
      suggested: [baseId],
      score: 1,
      message: `基线条款 ${baseId} 的测试记录在本方案中由条款 ${id} 归档：条款 ${id} 可能对应基线条款 ${baseId}，请确认对应关系（或标明无基线对应）`,
    };
    findings.push(row.suggestion);
  }

  // Baseline rows nothing maps to (informational: other rows may cover their records).
  base.items.forEach((item, i) => {
    if (headings.has(item.id) || mapped.has(item.id)) return;
    findings.push({
      kind: 'baselineRowUnmapped',
      severity: 'info',
      in: 'baseline',
      path: pointer('items', i),
      baselineItem: item.id,
      message: `基线条款 ${item.id}“${item.scope}”在本方案中没有对应条款`,
    });
  });

  const blocking = findings.some((f) => f.severity === 'error');
  return {
    baseline: { id: base.id ?? null, hash: baselineCompiled.hash },
    findings,
    blocking,
    requiresJustification: !blocking && findings.some((f) => f.severity === 'warning'),
  };
}

/**
 * The baseline as the unit's parameters make it: what counts as 重要 (大额资金标准 …) is the unit's own setting, so
 * the baseline's test records are classified with the unit's values before they are compared.
 */
function withUnitParameters(baseline: CompiledScheme, doc: Scheme): CompiledScheme {
  const own = new Map((doc.parameters ?? []).map((p) => [p.name, p]));
  const params = baseline.source.parameters ?? [];
  if (!params.some((p) => own.has(p.name) && JSON.stringify(own.get(p.name)!.value) !== JSON.stringify(p.value))) return baseline;
  const parameters = params.map((p) => (own.has(p.name) && own.get(p.name)!.type === p.type ? { ...p, value: own.get(p.name)!.value } : p));
  // Compiled once per baseline and set of values: compliance is asked on every review page, submit and approval.
  const key = JSON.stringify(parameters.map((p) => p.value));
  let byValues = withParameters.get(baseline);
  if (!byValues) withParameters.set(baseline, (byValues = new BoundedCache<string, CompiledScheme>(MAX_PARAMETER_SETS)));
  return byValues.get(key) ?? byValues.keep(key, compileValid({ ...baseline.source, parameters }));
}

/** Baselines compiled with a unit's parameter values, per compiled baseline (a few sets each: units share standards). */
const withParameters = new WeakMap<CompiledScheme, BoundedCache<string, CompiledScheme>>();
const MAX_PARAMETER_SETS = 16;
