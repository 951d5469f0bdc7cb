// “转为测试”: a decided review becomes a test record of the unit's current draft, expecting what the archivist
// decided, so the draft can be changed until it decides the same by itself.
import { recordSchema } from '../../schemas/record.js';
import type { SchemeTest } from '../../schemas/scheme.js';
import type { Stores } from '../../store/index.js';
import type { VersionMeta } from '../../store/schemes-store.js';
import type { Principal } from '../access.js';
import { AppError, conflict, notFound } from '../errors.js';
import type { Drafts } from '../schemes/drafts.js';
import type { SchemeAccess } from '../schemes/scheme-access.js';
import type { DecisionLogService } from './decision-log-service.js';
import { MASK } from './masks.js';

const RECORD_FIELDS = new Set(Object.keys(recordSchema.properties));

export const testName = (id: number) => `分类记录 ${id} 的人工判断`;

export class ReviewToTest {
  constructor(
    private readonly stores: Stores,
    private readonly log: DecisionLogService,
    private readonly schemeAccess: SchemeAccess,
    private readonly drafts: Drafts,
  ) {}

  /** Adds the test to the draft of the scheme that classified the record; returns the draft's meta and the test. */
  add(p: Principal | null, unitId: number, id: number): { version: VersionMeta; test: SchemeTest } {
    this.log.ownUnit(p, unitId);
    const entry = this.log.entry(p, unitId, id);
    const decision = this.stores.reviewInbox.decision(unitId, id);
    if (entry.outcome !== 'review') throw notFound('待判断记录');
    if (!decision) throw conflict(`记录 ${id} 还没有判断结论`);
    const t = this.schemeAccess.editable(p, entry.schemeId);
    const open = this.stores.schemes.openVersion(entry.schemeId);
    if (open?.state !== 'draft') throw conflict('方案没有草稿版本：请先新建草稿，再把判断结论转为测试');
    const draft = this.stores.schemes.version(entry.schemeId, open.number)!;
    const name = testName(id);
    if ((draft.document.tests ?? []).some((x) => x.name === name)) throw conflict(`草稿第 ${open.number} 版已有“${name}”`);

    const record: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(entry.record)) {
      if (!RECORD_FIELDS.has(k)) continue; // a field the record schema does not know would make the test invalid
      if (v === MASK) throw conflict(`记录 ${id} 的字段 ${k} 按单位规则已遮盖，无法转为测试`);
      record[k] = v;
    }
    if (typeof record.title !== 'string') throw conflict(`记录 ${id} 没有保存题名，无法转为测试`);
    const test = {
      name,
      record,
      expect:
        decision.outcome === 'file'
          ? { outcome: 'file' as const, item: decision.itemId!, retention: decision.retention! }
          : { outcome: 'exclude' as const },
    } as SchemeTest;
    const document = { ...draft.document, tests: [...(draft.document.tests ?? []), test] };
    const version = this.drafts.putDocument(
      t,
      open.number,
      (current) => {
        if (current.rev !== draft.rev) throw new AppError('precondition_failed', '草稿已被他人修改，请重试');
      },
      document,
    );
    return { version, test };
  }
}
