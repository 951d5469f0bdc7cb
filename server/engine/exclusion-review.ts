// The wording of a review that an exclusion could not settle: its qualifier unknown while a 永久/30年 row matched, or
// a 涉密 record, which is never excluded automatically.
import type { Row } from './row-plan.js';
import type { CompiledExclusion } from './scheme-parts.js';

export interface ExclusionReview {
  reasons: readonly string[];
  guidance: string;
}

const NONE: readonly string[] = Object.freeze([]);

/** `kept`: the period the row could give; `what`: the unknown facts in words (empty when none is named). */
export function unsureReview(
  e: CompiledExclusion,
  row: Row,
  kept: string,
  lacking: readonly string[],
  what: string,
  minimal: boolean,
): ExclusionReview {
  const facts = lacking.length ? what : '不归档的法定条件';
  return {
    reasons: minimal
      ? NONE
      : [
          `可能属于不归档范围 ${e.x.id}：${e.x.scope}，但${facts}未能确认`,
          `同时匹配条款 ${row.item.id}：${row.item.scope}（可定为${kept}），不能在事实不明时不归档`,
        ],
    guidance: `请确认${facts}：确属“${e.x.scope}”的不归档；否则按条款 ${row.item.id} 归档`,
  };
}

export function classifiedReview(e: CompiledExclusion, minimal: boolean): ExclusionReview {
  return {
    reasons: minimal ? NONE : [`符合不归档范围 ${e.x.id}：${e.x.scope}，但涉密文件（机密、绝密）不自动按不归档处理`],
    guidance: '涉密文件是否归档须由档案员会同保密管理人员判断',
  };
}
