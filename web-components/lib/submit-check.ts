// What stands in the way of a submission, found in the page before it is sent: an incomplete table (rows without a
// condition, no test records, accounting rows filed under 文书) blocks the submission; rows kept shorter than the
// national floor are proofs the approval will refuse. Each problem points at its place (a JSON Pointer).
import type { Scheme, SchemeClass } from '../../server/schemas/scheme.js';
import { baselineIndex, rowFloor } from './floors.js';
import { isHeading } from './items.js';
import { retentionLabel } from './format.js';
import type { Notice } from './workbench-messages.js';

export interface SubmitProblem {
  /** `/items/3` (a row), `/tests` (the test records). */
  path: string;
  message: string;
  /** `incomplete` blocks the submission; `floor` blocks the approval. */
  kind: 'incomplete' | 'floor';
}

/** Whether a top-level class is the 文书 门类 (code WS or a name containing 文书). */
function isWenshu(c: SchemeClass): boolean {
  return c.code === 'WS' || c.name.includes('文书');
}

/** An accounting row: 79号令 is its source, or the baseline row it comes from is filed outside 文书. */
function isAccounting(basis: string | undefined, baselineClass: string | undefined, baselineTop: ReadonlySet<string>): boolean {
  if (basis && /79号令|会计档案管理办法/.test(basis)) return true;
  return baselineClass !== undefined && !baselineTop.has(baselineClass.split('/')[0]);
}

export function submitProblems(scheme: Scheme, baseline: Scheme | null): SubmitProblem[] {
  const out: SubmitProblem[] = [];
  const wenshu = new Set(scheme.classes.filter(isWenshu).map((c) => c.code));
  const ids = baseline ? baselineIndex(baseline) : null;
  const baselineWenshu = new Set((baseline?.classes ?? []).filter(isWenshu).map((c) => c.code));
  scheme.items.forEach((item, i) => {
    if (isHeading(scheme.items, i)) return;
    const path = `/items/${i}`;
    if (item.when === undefined)
      out.push({ path, kind: 'incomplete', message: `条款 ${item.id} 还没有判断条件，任何文件都不会归入此条款` });
    const top = item.class?.split('/')[0];
    const origin = ids && item.derivedFrom ? ids.get(item.derivedFrom) : undefined;
    if (top && wenshu.has(top) && isAccounting(item.basis, origin?.class, baselineWenshu)) {
      out.push({ path, kind: 'incomplete', message: `条款 ${item.id} 是会计档案，却放在文书档案类目 ${item.class} 下` });
    }
    const floor = ids ? rowFloor(item, scheme, ids) : null;
    for (const b of floor?.branches.filter((x) => x.below) ?? []) {
      out.push({
        path: `${path}/retention`,
        kind: 'floor',
        message: `条款 ${item.id}${b.label ? `（${b.label}）` : ' '}定为${retentionLabel(b.code)}，短于国家基线下限${retentionLabel(b.floor ?? undefined)}（依据：${floor!.basis}）`,
      });
    }
  });
  if (!scheme.tests?.length)
    out.push({ path: '/tests', kind: 'incomplete', message: '还没有测试用例：请在“试分类与测试”中把典型文件存为测试用例' });
  return out;
}

/** What to tell before a submission: the blocking problems (nothing is sent), or the proofs approval will refuse. */
export function submitNotice(problems: readonly SubmitProblem[]): { block: boolean; notice: Notice } | null {
  const errors = (kind: SubmitProblem['kind']) =>
    problems.filter((p) => p.kind === kind).map((p) => ({ path: p.path, message: p.message }));
  const incomplete = errors('incomplete');
  if (incomplete.length)
    return {
      block: true,
      notice: { kind: 'error', text: `未能提交：三合一表还不完整，以下 ${incomplete.length} 处须先补齐。`, errors: incomplete },
    };
  const floors = errors('floor');
  if (floors.length)
    return {
      block: false,
      notice: { kind: 'warn', text: `以下 ${floors.length} 处短于国家基线下限，不能获批，请先改正：`, errors: floors },
    };
  return null;
}
