// What one POST /try may cost: any signed-in user may send any document, so its size and its work are capped.
import { AppError } from '../services/errors.js';

/**
 * Characters of the document as JSON: a real unit's table is 100–500 KB; the body may be 5 MB, and validating and
 * compiling a document costs about a second per MB on this event loop.
 */
export const TRY_DOCUMENT_CHARS = 1_000_000;
/**
 * Records × the document's rows, exclusions and condition nodes (every JSON value under `items` and `exclusions`):
 * a bound on the evaluations one request can ask for. A baseline (≈ 5,700 nodes) tries 1,000 records at once;
 * a 1,000-row table about 100 (the tester sends smaller batches then).
 */
export const TRY_WORK = 10_000_000;

/** 413 naming `/document` or `/records` when the request is over a limit; otherwise nothing. */
export function checkTryCost(document: Record<string, unknown>, records: readonly unknown[]): void {
  const chars = JSON.stringify(document).length;
  if (chars > TRY_DOCUMENT_CHARS) {
    const message = `方案文档过大（${chars} 字符，上限 ${TRY_DOCUMENT_CHARS}）`;
    throw new AppError('payload_too_large', message, [{ path: '/document', message }]);
  }
  // At most about half a million values: the document has at most TRY_DOCUMENT_CHARS characters.
  const weight = nodes([document.items, document.exclusions]);
  if (records.length * weight > TRY_WORK) {
    const fits = Math.max(1, Math.floor(TRY_WORK / weight));
    const message = `试分类工作量过大：${records.length} 条记录 × 方案的 ${weight} 个条款与条件节点，超过上限 ${TRY_WORK}；请每次试分类不超过 ${fits} 条记录`;
    throw new AppError('payload_too_large', message, [{ path: '/records', message }]);
  }
}

/** JSON values under `roots`. */
function nodes(roots: unknown[]): number {
  const stack = [...roots];
  let n = 0;
  while (stack.length) {
    const v = stack.pop();
    if (v === undefined) continue;
    n++;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) stack.push(x);
  }
  return n;
}
