// Whether a 三合一表 is complete enough to submit: every row has a condition (an imported row marked needsCondition
// is valid but classifies nothing), the table has test records, and no accounting row is filed under 文书. Pure and
// browser-safe: the page shows these problems before it sends a submission, and the service refuses a submission
// that has any (422 incomplete-table), each naming its place as a JSON Pointer.
import type { FieldError } from '../schemas/ajv.js';
import type { Scheme } from '../schemas/scheme.js';
import { documentClass, isDocumentsRoot } from './classes.js';
import { parentId } from './clause-numbers.js';

/** The sources of accounting records: 财政部 国家档案局令第79号 (会计档案管理办法). */
const ACCOUNTING_BASIS = /79号令|会计档案管理办法/;

/**
 * An accounting row: its source is 79号令, or the baseline row it is derived from is filed outside the baseline's
 * 文书 门类 (the baseline files accounting under 会计档案 and the like).
 */
function isAccounting(basis: string | undefined, derivedFrom: string | undefined, baseline: Scheme | null): boolean {
  if (basis && ACCOUNTING_BASIS.test(basis)) return true;
  if (!baseline || !derivedFrom) return false;
  const origin = baseline.items.find((it) => it.id === derivedFrom);
  if (!origin?.class) return false;
  const roots = baseline.classes.filter(isDocumentsRoot).map((c) => c.code);
  return roots.length > 0 && !roots.includes(origin.class.split('/')[0]);
}

/**
 * What keeps a valid table from being submitted. `baseline` is the national baseline the table is held to (for
 * recognising rows derived from accounting rows), or null.
 */
export function incompleteParts(scheme: Scheme, baseline: Scheme | null): FieldError[] {
  const out: FieldError[] = [];
  const headings = new Set(scheme.items.map((it) => parentId(it.id)).filter((p): p is string => p !== null));
  scheme.items.forEach((item, i) => {
    if (headings.has(item.id)) return;
    if (item.when === undefined) out.push({ path: `/items/${i}/when`, message: '还没有判断条件，任何文件都不会归入此条款' });
    if (item.class && documentClass(scheme, item.class) && isAccounting(item.basis, item.derivedFrom, baseline))
      out.push({ path: `/items/${i}/class`, message: `是会计档案，却放在文书档案类目 ${item.class} 下，请改放到会计档案类目` });
  });
  if (!scheme.tests?.length) out.push({ path: '/tests', message: '一条也没有，请在“试分类与测试”中把典型文件存为测试用例' });
  return out;
}
