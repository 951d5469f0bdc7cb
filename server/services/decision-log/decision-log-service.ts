// The decision log of a unit: what classify recorded (written through the batching writer), its listing for the
// unit's archivists, its settings (on/off, retention window, masked fields), the figures for supervision and the
// scheduled purge. Not to be confused with schemes/decisions.ts (approving scheme versions).
import type { ClassifyResult } from '../../engine/result.js';
import type { ChangeCounter } from '../../store/changes.js';
import type { Db } from '../../store/db.js';
import type { LogEntry, LogFilter, LogSettings, LogSource, MaskRule, UnitStats } from '../../store/decision-log-store.js';
import type { Stores } from '../../store/index.js';
import type { Org } from '../../store/orgs-store.js';
import type { User } from '../../store/users-store.js';
import type { Access, Principal } from '../access.js';
import { auditEvents } from '../audit-events.js';
import { type Clock, isoAt, isoNow } from '../clock.js';
import { forbidden, notFound } from '../errors.js';
import { logCsv, logXlsx } from './log-export.js';
import { logSink } from './log-sink.js';
import { DecisionLogWriter, type WriterOptions } from './log-writer.js';
import { XLSX_TYPE } from '../../print/render-export.js';

export type { LogSource };

/** Who asked for a classification and how (the HTTP edge fills it in). */
export interface ClassifyCall {
  principal: Principal | null;
  requestId: string | null;
  source: LogSource;
}

export interface LogPage {
  entries: LogEntry[];
  total: number;
  /** Pass as `before` for the next (older) page; null on the last page. */
  next: number | null;
}

export class DecisionLogService {
  readonly writer: DecisionLogWriter;
  /** Settings read since the database last changed (the classify path asks per record). */
  private readonly cached = new Map<number, LogSettings>();
  private epoch = -1;

  constructor(
    private readonly db: Db,
    private readonly stores: Stores,
    private readonly access: Access,
    private readonly clock: Clock,
    private readonly changes: ChangeCounter,
    private readonly onError: (e: Error) => void,
    writer?: WriterOptions,
  ) {
    const sink = logSink(db, stores.decisionLog, changes, onError, writer?.worker ?? true);
    this.writer = new DecisionLogWriter(sink, stores.decisionLog, changes, onError, writer);
  }

  private settingsOf(unitId: number): LogSettings {
    const epoch = this.changes.epoch();
    if (epoch !== this.epoch) {
      this.cached.clear();
      this.epoch = epoch;
    }
    let s = this.cached.get(unitId);
    if (!s) {
      s = this.stores.decisionLog.settings(unitId);
      this.cached.set(unitId, s);
    }
    return s;
  }

  /**
   * The classify path: queues one classification (nothing is written here). Returns the entry's id, or null when
   * the unit has switched its log off. `text`, when given, is the JSON text `record` was parsed from (an NDJSON line):
   * stored as it is when no mask applies to the record.
   */
  record(
    unitId: number,
    schemeId: number,
    version: number | null,
    record: Record<string, unknown>,
    result: ClassifyResult,
    call: ClassifyCall,
    text?: string,
  ): number | null {
    const s = this.settingsOf(unitId);
    if (!s.enabled) return null;
    const p = call.principal;
    const id = this.writer.nextId();
    this.writer.add({
      id,
      unitId,
      // Formatted once per millisecond: formatting costs a third of serialising a record.
      at: isoAt(this.clock().getTime()),
      schemeId,
      version,
      result,
      record,
      text: text ?? null,
      masks: s.masks,
      requestId: call.requestId,
      apiKeyId: p?.kind === 'key' ? p.key.id : null,
      userId: p?.kind === 'user' ? p.user.id : null,
      source: call.source,
    });
    return id;
  }

  /** The unit, if the user may work on its log: the unit's archivists and admins. */
  ownUnit(p: Principal | null, unitId: number): { user: User; unit: Org } {
    const user = this.access.user(p);
    const unit = this.access.readableUnit(user, unitId);
    if (!this.access.canEdit(user, unit)) throw forbidden('只有本单位档案员或系统管理员可以查看分类记录');
    return { user, unit };
  }

  list(p: Principal | null, unitId: number, filter: LogFilter): LogPage {
    this.ownUnit(p, unitId);
    this.writer.flush();
    const entries = this.stores.decisionLog.list(unitId, filter);
    const { before: _b, limit: _l, ...rest } = filter;
    return {
      entries,
      total: this.stores.decisionLog.count(unitId, rest),
      next: entries.length === filter.limit ? entries[entries.length - 1].id : null,
    };
  }

  /** The filtered log as a file named after the unit. */
  async exportFile(
    p: Principal | null,
    unitId: number,
    filter: Omit<LogFilter, 'limit' | 'before'>,
    format: 'xlsx' | 'csv',
  ): Promise<{ name: string; type: string; body: string | Buffer }> {
    const { unit } = this.ownUnit(p, unitId);
    this.writer.flush();
    // Read before building the file: the iterator holds the connection, exceljs yields to the event loop.
    const entries = [...this.stores.decisionLog.iterate(unitId, filter)];
    const name = `${unit.name}分类记录.${format}`;
    if (format === 'csv') return { name, type: 'text/csv; charset=utf-8', body: logCsv(entries) };
    return { name, type: XLSX_TYPE, body: await logXlsx(entries, `${unit.name}分类记录`) };
  }

  entry(p: Principal | null, unitId: number, id: number): LogEntry {
    this.ownUnit(p, unitId);
    this.writer.flush();
    const e = this.stores.decisionLog.get(unitId, id);
    if (!e) throw notFound('分类记录');
    return e;
  }

  settings(p: Principal | null, unitId: number): LogSettings {
    this.ownUnit(p, unitId);
    return this.stores.decisionLog.settings(unitId);
  }

  updateSettings(p: Principal | null, unitId: number, input: { enabled: boolean; retentionDays: number; masks: MaskRule[] }): LogSettings {
    const { user } = this.ownUnit(p, unitId);
    return this.db
      .transaction(() => {
        const at = isoNow(this.clock);
        const before = this.stores.decisionLog.settings(unitId);
        const after = this.stores.decisionLog.putSettings({ unitId, ...input }, user.id, at);
        this.stores.audit.append(auditEvents.decisionLogSettings(at, user, unitId, before, after));
        return after;
      })
      .immediate();
  }

  /**
   * Classification figures of a unit since an instant. No access check: the caller (the supervision view) has
   * already decided the unit is visible to its user.
   */
  unitStats(unitId: number, since: string): UnitStats {
    this.writer.flush();
    return this.stores.decisionLog.unitStats(unitId, since);
  }

  /** Deletes entries older than each unit's retention window. Returns how many went. */
  purge(): number {
    this.writer.flush();
    return this.changes.unseen(() => this.stores.decisionLog.purge(this.clock()));
  }

  /** Runs the purge now and every `ms` (unref'd: it never keeps the process alive). Returns the stop function. */
  schedulePurge(ms = 3600_000): () => void {
    this.purge();
    const timer = setInterval(() => {
      try {
        if (this.db.open) this.purge();
      } catch (e) {
        this.onError(e as Error);
      }
    }, ms);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Shutdown: writes what is queued. */
  close(): void {
    this.writer.close();
  }
}
