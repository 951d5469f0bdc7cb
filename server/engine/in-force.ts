// The version in force for a record's date: the one rule the service and loadBundle share, so that a business
// system classifying offline with a bundle picks exactly the version the service would.
import type { FieldError } from '../schemas/ajv.js';

/** An approved (or superseded) version as far as picking one for a date needs it. */
export interface DatedVersion {
  number: number;
  effectiveFrom: string;
}

/** Orders versions as the service keeps them: by effectiveFrom, then number. */
export function byEffectiveFrom<V extends DatedVersion>(versions: readonly V[]): V[] {
  return [...versions].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.number - b.number,
  );
}

/**
 * The version with the latest effectiveFrom ≤ date (ties: the higher number), from versions sorted by effectiveFrom
 * and number; undefined before the first one.
 */
export function versionInForce<V extends DatedVersion>(sorted: readonly V[], date: string): V | undefined {
  let found: V | undefined;
  for (const v of sorted) if (v.effectiveFrom <= date) found = v;
  return found;
}

/**
 * Why a record dated before the first version has none in force, in the words of the service's 409
 * `no-version-in-force`; `base` is the JSON Pointer of the record.
 */
export function noVersionInForce(first: DatedVersion, date: string, base: string): { detail: string; errors: FieldError[] } {
  // Records formed before the first approved table (存量档案) are not decided by it unless the caller says so.
  return {
    detail:
      `${date} 时尚无生效的三合一表版本（最早的第 ${first.number} 版自 ${first.effectiveFrom} 起生效）。` +
      `此前形成的文件（存量档案）不自动按本表判定：如本单位规定早期文件也按本表执行，请指定版本分类（?version=${first.number}）；否则按本单位对早期文件的规定处理`,
    errors: [{ path: `${base}/date`, message: `早于最早生效日期 ${first.effectiveFrom}` }],
  };
}
