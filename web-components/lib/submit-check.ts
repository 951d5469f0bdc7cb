// What stands in the way of a submission, found in the page before it is sent: an incomplete table (rows without a
// condition, no test records, accounting rows filed under 文书) blocks the submission; rows kept shorter than the
// national floor are proofs the approval will refuse. Each problem points at its place (a JSON Pointer).
import { incompleteParts } from '../../server/engine/browser.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { baselineIndex, rowFloor } from './floors.js';
import { isHeading } from './items.js';
import { retentionLabel } from './format.js';
import type { Notice } from './workbench-messages.js';

export interface SubmitProblem {
  /** `/items/3/when` (a part of a row), `/tests` (the test records). */
  path: string;
  message: string;
  /** `incomplete` blocks the submission; `floor` blocks the approval. */
  kind: 'incomplete' | 'floor';
}

export function submitProblems(scheme: Scheme, baseline: Scheme | null): SubmitProblem[] {
  // The service refuses the same incomplete parts (422 incomplete-table): one rule, server/engine/completeness.ts.
  const out: SubmitProblem[] = incompleteParts(scheme, baseline).map((e) => ({ ...e, kind: 'incomplete' }));
  const ids = baseline ? baselineIndex(baseline) : null;
  if (!ids) return out;
  scheme.items.forEach((item, i) => {
    if (isHeading(scheme.items, i)) return;
    const floor = rowFloor(item, scheme, ids);
    for (const b of floor?.branches.filter((x) => x.below) ?? []) {
      out.push({
        path: `/items/${i}/retention`,
        kind: 'floor',
        message: `${b.label ? `${b.label}的文件` : ''}定为${retentionLabel(b.code)}，短于国家基线下限${retentionLabel(b.floor ?? undefined)}（依据：${floor!.basis}）`,
      });
    }
  });
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
