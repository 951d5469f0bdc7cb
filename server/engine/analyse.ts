// Static analysis of a compiled scheme: rows that can never win, overlapping rows with different retention,
// classes with no rows, failing tests and rows, branches and exclusions no test covers.
import { pointer } from '../schemas/ajv.js';
import type { FieldDef } from '../schemas/fields.js';
import { RETENTIONS } from '../schemas/retention-codes.js';
import type { SchemeClass } from '../schemas/scheme.js';
import { flattenClasses } from './classes.js';
import type { ClassifyResult, CompiledScheme, Row } from './compile.js';
import { addDays } from './dates.js';
import { guardOf, varPath } from './guards.js';
import { canonicalJson } from './hash.js';
import { argsOf, holds, isLogic, operatorOf } from './logic-compile.js';
import { referencedParameters } from './parameters.js';
import { LONGEST } from './policy.js';
import { type TestRun, runTests } from './run-tests.js';

export type FindingKind =
  | 'failingTest'
  | 'unreachable'
  | 'needsCondition'
  | 'overlap'
  | 'emptyClass'
  | 'uncoveredRow'
  | 'uncoveredBranch'
  | 'uncoveredExclusion'
  | 'shorterDefault'
  | 'unusedParameter';

export interface Finding {
  kind: FindingKind;
  severity: 'error' | 'warning' | 'info';
  /** JSON Pointer of the row, class, exclusion or test concerned. */
  path: string;
  message: string;
  item?: string;
  /** Another row involved (overlap, shadowing). */
  other?: string;
  /** A record showing the finding (overlap). */
  example?: Record<string, unknown>;
  /** Overlaps the rows mark as intended (`intendedOverlaps`), folded into one finding per row. */
  intended?: string[];
}

export interface Analysis {
  tests: TestRun;
  findings: Finding[];
  counts: Record<Finding['severity'], number>;
}

/** Above this many rows the pairwise overlap search is skipped (it grows with the square of the rows). */
export const MAX_PAIRWISE_ROWS = 1500;

export function analyse(compiled: CompiledScheme): Analysis {
  const { scheme, rows } = compiled;
  const findings: Finding[] = [];
  const itemPath = (row: Row) => pointer('items', row.order);

  // Failing tests
  const tests = runTests(compiled);
  for (const o of tests.outcomes) {
    if (!o.passed)
      findings.push({
        kind: 'failingTest',
        severity: 'error',
        path: pointer('tests', o.index),
        message: `测试“${o.name}”未通过：${o.failures.join('；')}`,
      });
  }

  // Rows without conditions, or that can never win
  const whenOf = (row: Row) => scheme.items[row.order].when;
  const conj = rows.map((r) => conjuncts(whenOf(r)));
  const exclusionConj = (scheme.exclusions ?? []).map((x) => ({ x, set: conjuncts(x.when) }));
  rows.forEach((row, i) => {
    if (whenOf(row) === undefined) {
      findings.push({
        kind: 'needsCondition',
        severity: 'warning',
        path: itemPath(row),
        item: row.item.id,
        message: `条款 ${row.item.id} 还没有判断条件，不会匹配任何文件`,
      });
      return;
    }
    const g = guardOf(whenOf(row));
    if (g !== null && g.some((clause) => clause.length === 0)) {
      findings.push({
        kind: 'unreachable',
        severity: 'warning',
        path: itemPath(row),
        item: row.item.id,
        message: `条款 ${row.item.id} 的条件永远不成立`,
      });
      return;
    }
    for (const { x, set } of exclusionConj) {
      if (subset(set, conj[i])) {
        findings.push({
          kind: 'unreachable',
          severity: 'warning',
          path: itemPath(row),
          item: row.item.id,
          other: x.id,
          message: `条款 ${row.item.id} 匹配的文件都属于不归档条目 ${x.id}，该条款永远不会生效`,
        });
        return;
      }
    }
    const shadow = rows.find((other, j) => j !== i && other.code !== null && subset(conj[j], conj[i]) && alwaysBeats(other, row));
    if (shadow) {
      findings.push({
        kind: 'unreachable',
        severity: 'warning',
        path: itemPath(row),
        item: row.item.id,
        other: shadow.item.id,
        message: `条款 ${row.item.id} 匹配的文件都同时匹配条款 ${shadow.item.id}（${RETENTIONS[shadow.code!].label}），按规则总由后者决定，前者永远不会胜出`,
      });
    }
  });

  // Overlaps with different retention, found on the tests' records and on one synthesised record per row
  const samples: Record<string, unknown>[] = (scheme.tests ?? []).map((t) => t.record as Record<string, unknown>);
  for (const row of rows) {
    const w = witness(whenOf(row), compiled.fields);
    if (w && holds(row.when, w)) samples.push(w);
  }
  // One record per pair of rows that can give different retention and can both hold (bounded for huge tables).
  const codes = rows.map((r) => new Set(r.branches ? r.branches.map((b) => b.code) : [r.code]));
  const pairs = rows.length <= MAX_PAIRWISE_ROWS;
  for (let i = 0; pairs && i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      if (codes[i].size === 1 && codes[j].size === 1 && [...codes[i]][0] === [...codes[j]][0]) continue;
      const w = witness({ and: [whenOf(rows[i]) ?? false, whenOf(rows[j]) ?? false] }, compiled.fields);
      if (w && holds(rows[i].when, w) && holds(rows[j].when, w)) samples.push(w);
    }
  }
  const seenPairs = new Set<string>();
  // Overlaps a row marks as intended (inherited from a baseline, or confirmed by the editor): one folded finding per row.
  const intendedBy = new Map(rows.map((r) => [r.item.id, new Set(scheme.items[r.order].intendedOverlaps ?? [])]));
  const folded = new Map<string, string[]>();
  for (const record of samples) {
    const result = compiled.classify(record);
    const decided = result.candidates.filter((c) => c.retention);
    for (let a = 0; a < decided.length; a++) {
      for (let b = a + 1; b < decided.length; b++) {
        const [x, y] = [decided[a], decided[b]];
        if (x.retention!.code === y.retention!.code) continue;
        const key = `${x.id}|${y.id}`;
        if (seenPairs.has(key)) continue;
        seenPairs.add(key);
        const owner = intendedBy.get(x.id)!.has(y.id) ? x.id : intendedBy.get(y.id)!.has(x.id) ? y.id : null;
        if (owner !== null) {
          const list = folded.get(owner) ?? [];
          list.push(owner === x.id ? y.id : x.id);
          folded.set(owner, list);
          continue;
        }
        const row = rows.find((r) => r.item.id === x.id)!;
        findings.push({
          kind: 'overlap',
          severity: 'warning',
          path: itemPath(row),
          item: x.id,
          other: y.id,
          example: record,
          message: `条款 ${x.id}（${x.retention!.label}）与 ${y.id}（${y.retention!.label}）可同时匹配同一文件，例如“${String(record.title)}”，将按保管期限从长取${winnerLabel(result)}`,
        });
      }
    }
  }

  const orderOf = new Map(rows.map((r) => [r.item.id, r.order]));
  for (const row of rows) {
    const others = folded.get(row.item.id)?.sort((a, b) => orderOf.get(a)! - orderOf.get(b)!);
    if (!others) continue;
    findings.push({
      kind: 'overlap',
      severity: 'info',
      path: itemPath(row),
      item: row.item.id,
      other: others[0],
      intended: others,
      message: `条款 ${row.item.id} 与 ${others.join('、')} 的重叠已标明为预期（同一文件按保管期限从长取），不逐一列出`,
    });
  }

  // A default naming a shorter branch decides against the “从长” rule whenever the metadata cannot decide.
  for (const row of rows) {
    if (row.defaultOutcome < 0 || !row.branches || row.defaultRule === LONGEST) continue;
    const chosen = row.branches.find((b) => b.label === row.defaultRule);
    if (chosen && RETENTIONS[chosen.code].rank < row.maxRank) {
      findings.push({
        kind: 'shorterDefault',
        severity: 'warning',
        path: pointer('items', row.order, 'default'),
        item: row.item.id,
        message: `条款 ${row.item.id} 在无法判断时默认取“${chosen.label}”（${RETENTIONS[chosen.code].label}），短于其最长分支：介于两种保管期限之间的，一般应从长`,
      });
    }
  }

  // Classes with no rows
  const used = new Set(rows.map((r) => r.klass.path));
  for (const c of flattenClasses(scheme.classes as SchemeClass[])) {
    const hasRows = [...used].some((p) => p === c.path || p.startsWith(c.path + '/'));
    if (!hasRows)
      findings.push({
        kind: 'emptyClass',
        severity: 'info',
        path: pointer(...c.pointer),
        message: `类目 ${c.path}（${c.names.join(' > ')}）下没有任何条款`,
      });
  }

  // Coverage by the scheme's own tests
  const decidedBy = new Set<string>();
  const branchesHit = new Set<string>();
  const exclusionsHit = new Set<string>();
  for (const o of tests.outcomes) {
    if (o.result.item) decidedBy.add(o.result.item.id);
    if (o.result.item && o.result.branch) branchesHit.add(`${o.result.item.id}|${o.result.branch}`);
    if (o.result.exclusion) exclusionsHit.add(o.result.exclusion.id);
  }
  for (const row of rows) {
    if (whenOf(row) === undefined) continue;
    if (!decidedBy.has(row.item.id)) {
      findings.push({
        kind: 'uncoveredRow',
        severity: 'info',
        path: itemPath(row),
        item: row.item.id,
        message: `没有测试记录由条款 ${row.item.id} 决定`,
      });
      continue;
    }
    for (const b of row.branches ?? []) {
      if (!branchesHit.has(`${row.item.id}|${b.label}`)) {
        findings.push({
          kind: 'uncoveredBranch',
          severity: 'info',
          path: itemPath(row),
          item: row.item.id,
          message: `条款 ${row.item.id} 的“${b.label}”分支没有测试记录`,
        });
      }
    }
  }
  (scheme.exclusions ?? []).forEach((x, i) => {
    if (!exclusionsHit.has(x.id))
      findings.push({
        kind: 'uncoveredExclusion',
        severity: 'info',
        path: pointer('exclusions', i),
        message: `没有测试记录命中不归档条目 ${x.id}`,
      });
  });

  // A parameter no condition names: setting the unit's value (大额资金标准 …) changes no decision. Tables copied from a
  // baseline before copies kept the references hold the baseline's sample values as constants instead.
  const referenced = referencedParameters(compiled.source);
  (compiled.source.parameters ?? []).forEach((p, i) => {
    if (!referenced.has(p.name))
      findings.push({
        kind: 'unusedParameter',
        severity: 'warning',
        path: pointer('parameters', i),
        message: `参数“${p.label}”没有被任何条件引用：修改它的值不会改变分类结果（请在条件中选用此参数，或删除它）`,
      });
  });

  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { tests, findings, counts };
}

function winnerLabel(result: ClassifyResult): string {
  return result.outcome === 'file' ? `条款 ${result.item!.id}（${result.retention!.label}）` : '（需人工判断）';
}

/** A row whose fixed retention always beats `row` under the policy, whatever `row`'s branches say. */
function alwaysBeats(other: Row, row: Row): boolean {
  const rank = RETENTIONS[other.code!].rank;
  if (rank !== row.maxRank) return rank > row.maxRank;
  if (row.branches) return false;
  return other.depth > row.depth || (other.depth === row.depth && other.order < row.order);
}

/** The top-level conjuncts of a condition, keyed by canonical JSON. */
function conjuncts(logic: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (n: unknown) => {
    if (n === true) return;
    if (isLogic(n) && operatorOf(n) === 'and') argsOf(n).forEach(walk);
    else out.set(canonicalJson(n), n);
  };
  walk(logic);
  return out;
}

/**
 * Whether condition A (conjuncts `a`) implies condition B (conjuncts `b`): every conjunct of B is a conjunct of A,
 * or an `or` with one alternative that is a conjunct of A. Sound, not complete.
 */
function subset(b: Map<string, unknown>, a: Map<string, unknown>): boolean {
  for (const [key, node] of b) {
    if (a.has(key)) continue;
    if (isLogic(node) && operatorOf(node) === 'or' && argsOf(node).some((x) => a.has(canonicalJson(x)))) continue;
    return false;
  }
  return true;
}

/** A record that probably satisfies `logic` (checked by the caller), built from its equalities and keywords. */
export function witness(logic: unknown, fields: ReadonlyMap<string, FieldDef>): Record<string, unknown> | null {
  const draft: Record<string, unknown> = {};
  const get = (path: string): unknown => {
    const [head, tail] = path.split('.', 2);
    return tail === undefined ? draft[head] : (draft.extra as Record<string, unknown> | undefined)?.[tail];
  };
  const set = (path: string, value: unknown): boolean => {
    const current = get(path);
    if (current !== undefined && current !== value) return false;
    const [head, tail] = path.split('.', 2);
    if (tail === undefined) draft[head] = value;
    else draft.extra = { ...(draft.extra as object | undefined), [tail]: value };
    return true;
  };
  const solve = (n: unknown): boolean => {
    if (!isLogic(n)) return n !== false;
    const op = operatorOf(n);
    const args = argsOf(n);
    if (op === 'and') return args.every(solve);
    if (op === 'or') return args.some((a) => solve(a));
    if (op === '!!') return solve(args[0]);
    if (op === '==' || op === '===') {
      const field = varPath(args[0]);
      return field === null ? true : set(field, args[1]);
    }
    if (op === 'in') {
      const field = varPath(args[0]);
      if (field !== null && Array.isArray(args[1]) && args[1].length) return set(field, args[1][0]);
      const container = varPath(args[1]);
      if (container !== null && typeof args[0] === 'string') return addToContainer(container, args[0]);
      return true;
    }
    if (op === 'some') {
      const field = varPath(args[0]);
      const test = args[1];
      if (field !== null && isLogic(test) && operatorOf(test) === 'in' && Array.isArray(argsOf(test)[1])) {
        return addToContainer(field, (argsOf(test)[1] as unknown[])[0] as string);
      }
      return true;
    }
    if (op === '>' || op === '>=' || op === '<' || op === '<=') {
      const field = varPath(args[0]);
      if (field === null || args.length !== 2) return true;
      const v = args[1];
      const up = op === '>' ? 1 : op === '<' ? -1 : 0;
      if (typeof v === 'number') return set(field, v + up);
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return set(field, addDays(v, up));
    }
    return true;
  };
  const addToContainer = (path: string, value: string): boolean => {
    const def = fields.get(path);
    const current = get(path);
    if (def?.type === 'stringArray') {
      const list = Array.isArray(current) ? current : [];
      if (!list.includes(value)) list.push(value);
      return set(path, list) || (Array.isArray(current) && current.includes(value));
    }
    if (current !== undefined && typeof current !== 'string') return false;
    const text = (current as string | undefined) ?? '';
    if (text.includes(value)) return true;
    const [head, tail] = path.split('.', 2);
    if (tail === undefined) draft[head] = text + value;
    else draft.extra = { ...(draft.extra as object | undefined), [tail]: text + value };
    return true;
  };
  if (!solve(logic)) return null;
  if (draft.title === undefined) draft.title = '样例文件';
  if (draft.date === undefined) draft.date = '2024-06-30';
  return draft;
}
