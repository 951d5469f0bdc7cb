// The review inbox: logged classifications that went to review and await an archivist's decision, grouped by row
// and by missing field; the decisions themselves (file under a row with a period, or exclude with a reason).
import type { Db } from './db.js';
import { type LogEntry, toLogEntry } from './decision-log-store.js';

export interface ReviewDecision {
  logId: number;
  unitId: number;
  outcome: 'file' | 'exclude';
  itemId: string | null;
  retention: string | null;
  reason: string | null;
  decidedBy: number;
  decidedByName: string;
  decidedAt: string;
}

/** A decision with what the archivist needs to recognise the record. */
export interface DecidedEntry extends ReviewDecision {
  title: string | null;
  record: Record<string, unknown>;
}

export interface InboxGroup {
  /** The row (null: no row matched), and the missing field (null: none named). */
  row: string | null;
  field: string | null;
  count: number;
}

export interface InboxFilter {
  /** A row id, or null for reviews no row matched. */
  row?: string | null;
  field?: string;
  before?: number;
  limit: number;
}

interface DecisionRow {
  log_id: number;
  unit_id: number;
  outcome: 'file' | 'exclude';
  item_id: string | null;
  retention: string | null;
  reason: string | null;
  decided_by: number;
  decided_by_name: string;
  decided_at: string;
}

const toDecision = (r: DecisionRow): ReviewDecision => ({
  logId: r.log_id,
  unitId: r.unit_id,
  outcome: r.outcome,
  itemId: r.item_id,
  retention: r.retention,
  reason: r.reason,
  decidedBy: r.decided_by,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at,
});

const PENDING = `d.unit_id = ? AND d.outcome = 'review' AND NOT EXISTS (SELECT 1 FROM review_decisions r WHERE r.log_id = d.id)`;

export class ReviewInboxStore {
  private readonly groupsStmt;
  private readonly pendingCount;
  private readonly insert;
  private readonly decisionStmt;
  private readonly decidedStmt;

  constructor(private readonly db: Db) {
    this.groupsStmt = db.prepare<[number], InboxGroup>(
      `SELECT d.item_id AS row, j.value AS field, count(*) AS count
       FROM decision_log d LEFT JOIN json_each(d.needs) j
       WHERE ${PENDING} GROUP BY d.item_id, j.value ORDER BY count DESC, d.item_id, j.value`,
    );
    this.pendingCount = db.prepare<[number], number>(`SELECT count(*) FROM decision_log d WHERE ${PENDING}`).pluck();
    this.insert = db.prepare<Omit<DecisionRow, 'decided_by_name'>>(
      `INSERT INTO review_decisions (log_id, unit_id, outcome, item_id, retention, reason, decided_by, decided_at)
       VALUES (@log_id, @unit_id, @outcome, @item_id, @retention, @reason, @decided_by, @decided_at)`,
    );
    this.decisionStmt = db.prepare<[number, number], DecisionRow>(
      `SELECT r.*, u.display_name AS decided_by_name FROM review_decisions r JOIN users u ON u.id = r.decided_by
       WHERE r.unit_id = ? AND r.log_id = ?`,
    );
    this.decidedStmt = db.prepare<[number, number, number], DecisionRow & { record: string }>(
      `SELECT r.*, u.display_name AS decided_by_name, d.record FROM review_decisions r
       JOIN users u ON u.id = r.decided_by JOIN decision_log d ON d.id = r.log_id
       WHERE r.unit_id = ? AND r.log_id < ? ORDER BY r.log_id DESC LIMIT ?`,
    );
  }

  /** Decided reviews, newest record first (paged by log id). */
  decided(unitId: number, before: number | undefined, limit: number): DecidedEntry[] {
    return this.decidedStmt.all(unitId, before ?? Number.MAX_SAFE_INTEGER, limit).map((r) => {
      const record = JSON.parse(r.record) as Record<string, unknown>;
      return { ...toDecision(r), title: typeof record.title === 'string' ? record.title : null, record };
    });
  }

  /** Pending reviews by (row, missing field): a review naming two fields counts in both of its groups. */
  groups(unitId: number): InboxGroup[] {
    return this.groupsStmt.all(unitId);
  }

  pending(unitId: number): number {
    return this.pendingCount.get(unitId)!;
  }

  /** Pending review entries, newest first. */
  entries(unitId: number, f: InboxFilter): LogEntry[] {
    let sql = `SELECT d.* FROM decision_log d WHERE ${PENDING}`;
    const params: (string | number)[] = [unitId];
    if (f.row === null) sql += ' AND d.item_id IS NULL';
    else if (f.row !== undefined) {
      sql += ' AND d.item_id = ?';
      params.push(f.row);
    }
    if (f.field !== undefined) {
      sql += ' AND EXISTS (SELECT 1 FROM json_each(d.needs) j WHERE j.value = ?)';
      params.push(f.field);
    }
    if (f.before !== undefined) {
      sql += ' AND d.id < ?';
      params.push(f.before);
    }
    sql += ' ORDER BY d.id DESC LIMIT ?';
    params.push(f.limit);
    return this.db
      .prepare<(string | number)[], Parameters<typeof toLogEntry>[0]>(sql)
      .all(...params)
      .map(toLogEntry);
  }

  /** Records one decision. Call inside the transaction that audits it. */
  add(d: Omit<ReviewDecision, 'decidedByName'>): void {
    this.insert.run({
      log_id: d.logId,
      unit_id: d.unitId,
      outcome: d.outcome,
      item_id: d.itemId,
      retention: d.retention,
      reason: d.reason,
      decided_by: d.decidedBy,
      decided_at: d.decidedAt,
    });
  }

  decision(unitId: number, logId: number): ReviewDecision | undefined {
    const r = this.decisionStmt.get(unitId, logId);
    return r && toDecision(r);
  }
}
