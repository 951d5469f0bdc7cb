// The decision log: one row per classification a business system asked for (single, batch, NDJSON), written in
// batches by the service's writer; paged listing, per-unit statistics, per-unit settings and the retention purge.
import type { Db } from './db.js';

export type LogOutcome = 'file' | 'exclude' | 'review';
export type LogSource = 'single' | 'batch' | 'ndjson';

/** A row as the writer inserts it: `needs` and `record` already JSON. */
export interface LogRow {
  id: number;
  unitId: number;
  at: string;
  schemeId: number;
  version: number | null;
  outcome: LogOutcome;
  itemId: string | null;
  exclusionId: string | null;
  classCode: string | null;
  retention: string | null;
  needs: string | null;
  record: string;
  requestId: string | null;
  apiKeyId: number | null;
  userId: number | null;
  source: LogSource;
}

/**
 * A row's values in column order: what the writer's worker thread receives (cheaper to pass than objects). The
 * record may still be an object: it is serialised when the row is inserted, on the thread that inserts it.
 */
export type LogValues = [
  id: number,
  unitId: number,
  at: string,
  schemeId: number,
  version: number | null,
  outcome: LogOutcome,
  itemId: string | null,
  exclusionId: string | null,
  classCode: string | null,
  retention: string | null,
  needs: string | null,
  record: string | Record<string, unknown>,
  requestId: string | null,
  apiKeyId: number | null,
  userId: number | null,
  source: LogSource,
];

export const logValues = (r: LogRow): LogValues => [
  r.id,
  r.unitId,
  r.at,
  r.schemeId,
  r.version,
  r.outcome,
  r.itemId,
  r.exclusionId,
  r.classCode,
  r.retention,
  r.needs,
  r.record,
  r.requestId,
  r.apiKeyId,
  r.userId,
  r.source,
];

export interface LogEntry extends Omit<LogRow, 'needs' | 'record'> {
  needs: string[] | null;
  record: Record<string, unknown>;
}

export interface LogFilter {
  outcome?: LogOutcome;
  itemId?: string;
  /** ISO instants, `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  /** Entries with an id lower than this (paging backwards from the newest). */
  before?: number;
  limit: number;
}

/** How a field of a logged record is kept: masked (`＊＊＊`) or left out, always or only at these 密级. */
export interface MaskRule {
  field: string;
  action: 'mask' | 'omit';
  securityLevels?: string[];
}

export interface LogSettings {
  unitId: number;
  enabled: boolean;
  retentionDays: number;
  masks: MaskRule[];
  updatedAt: string | null;
}

export const DEFAULT_RETENTION_DAYS = 400;

export interface Count {
  key: string;
  count: number;
}

/** Classification figures of one unit since an instant (the supervision view reads these). */
export interface UnitStats {
  calls: number;
  filed: number;
  excluded: number;
  review: number;
  /** Rows whose records went to review most often. */
  topReviewRows: Count[];
  /** Fields named in `needs` of review outcomes most often. */
  topMissingFields: Count[];
}

interface DbRow {
  id: number;
  unit_id: number;
  at: string;
  scheme_id: number;
  version: number | null;
  outcome: LogOutcome;
  item_id: string | null;
  exclusion_id: string | null;
  class_code: string | null;
  retention: string | null;
  needs: string | null;
  record: string;
  request_id: string | null;
  api_key_id: number | null;
  user_id: number | null;
  source: LogSource;
}

export const toLogEntry = (r: DbRow): LogEntry => ({
  id: r.id,
  unitId: r.unit_id,
  at: r.at,
  schemeId: r.scheme_id,
  version: r.version,
  outcome: r.outcome,
  itemId: r.item_id,
  exclusionId: r.exclusion_id,
  classCode: r.class_code,
  retention: r.retention,
  needs: r.needs === null ? null : (JSON.parse(r.needs) as string[]),
  record: JSON.parse(r.record) as Record<string, unknown>,
  requestId: r.request_id,
  apiKeyId: r.api_key_id,
  userId: r.user_id,
  source: r.source,
});

/** Ids a process reserves at a time (the log writer's own reservations; its thread reserves larger ones). */
const ID_BLOCK = 1000;
const LOG_COLUMNS = 16;
/** Rows per INSERT statement. */
const INSERT_ROWS = 32;
/** The record's column in LogValues. */
const RECORD = 11;
const recordText = (r: string | Record<string, unknown>): string => (typeof r === 'string' ? r : JSON.stringify(r));

export class DecisionLogStore {
  private readonly insert;
  private readonly takeBlock;
  private readonly byId;
  private readonly statsCounts;
  private readonly statsRows;
  private readonly statsNeeds;
  private readonly settingsGet;
  private readonly settingsPut;
  private readonly settingsAll;
  private readonly purgeUnit;
  private readonly unitsOnDefault;
  /** Inserts rows in one transaction. */
  readonly insertMany: (rows: LogRow[]) => void;
  /** The same, from rows' values in column order. */
  readonly insertValues: (rows: LogValues[]) => void;

  constructor(private readonly db: Db) {
    // Positional parameters: binding by name costs about a tenth more per row. An id already there is the same entry
    // written again (a batch the writer thread committed just before it stopped): ignored. Rows go in
    // INSERT_ROWS at a time: a statement's run has a fixed cost (binding aside, the CHECK constraints' `IN` lists
    // are set up once per run), so one run per row cost about twice as much per row as runs of 32 rows.
    const insertSql = (n: number) =>
      `INSERT OR IGNORE INTO decision_log (id, unit_id, at, scheme_id, version, outcome, item_id, exclusion_id, class_code, retention, needs,
         record, request_id, api_key_id, user_id, source)
       VALUES ${Array(n)
         .fill(`(${Array(LOG_COLUMNS).fill('?').join(', ')})`)
         .join(', ')}`;
    this.insert = db.prepare<LogValues>(insertSql(1));
    const insertBlock = db.prepare<unknown[]>(insertSql(INSERT_ROWS));
    const params: unknown[] = new Array(INSERT_ROWS * LOG_COLUMNS);
    this.insertValues = db.transaction((rows: LogValues[]) => {
      let i = 0;
      for (; i + INSERT_ROWS <= rows.length; i += INSERT_ROWS) {
        for (let j = 0; j < INSERT_ROWS; j++) {
          const r = rows[i + j];
          for (let c = 0; c < LOG_COLUMNS; c++) params[j * LOG_COLUMNS + c] = r[c];
          params[j * LOG_COLUMNS + RECORD] = recordText(r[RECORD]);
        }
        insertBlock.run(params);
      }
      for (; i < rows.length; i++) {
        const r = rows[i];
        this.insert.run(...(r.with(RECORD, recordText(r[RECORD])) as LogValues));
      }
    });
    this.insertMany = (rows) => this.insertValues(rows.map(logValues));
    // Never below an id already used (a database restored from a backup keeps its rows and its counter together).
    this.takeBlock = db
      .prepare<[number, number], number>(
        `UPDATE decision_log_ids SET next_id = max(next_id, (SELECT coalesce(max(id), 0) + 1 FROM decision_log)) + ?
         WHERE only = 1 RETURNING next_id - ?`,
      )
      .pluck();
    this.byId = db.prepare<[number, number], DbRow>('SELECT * FROM decision_log WHERE unit_id = ? AND id = ?');
    this.statsCounts = db.prepare<[number, string], { outcome: LogOutcome; n: number }>(
      'SELECT outcome, count(*) AS n FROM decision_log WHERE unit_id = ? AND at >= ? GROUP BY outcome',
    );
    this.statsRows = db.prepare<[number, string, number], { key: string; count: number }>(
      `SELECT item_id AS key, count(*) AS count FROM decision_log
       WHERE unit_id = ? AND at >= ? AND outcome = 'review' AND item_id IS NOT NULL
       GROUP BY item_id ORDER BY count DESC, item_id LIMIT ?`,
    );
    this.statsNeeds = db.prepare<[number, string, number], { key: string; count: number }>(
      `SELECT j.value AS key, count(*) AS count FROM decision_log d, json_each(d.needs) j
       WHERE d.unit_id = ? AND d.at >= ? AND d.outcome = 'review' AND d.needs IS NOT NULL
       GROUP BY j.value ORDER BY count DESC, j.value LIMIT ?`,
    );
    this.settingsGet = db.prepare<
      [number],
      { unit_id: number; enabled: number; retention_days: number; masks: string; updated_at: string }
    >('SELECT unit_id, enabled, retention_days, masks, updated_at FROM decision_log_settings WHERE unit_id = ?');
    this.settingsAll = db.prepare<[], { unit_id: number; retention_days: number }>(
      'SELECT unit_id, retention_days FROM decision_log_settings',
    );
    this.settingsPut = db.prepare<{ unitId: number; enabled: number; retentionDays: number; masks: string; by: number | null; at: string }>(
      `INSERT INTO decision_log_settings (unit_id, enabled, retention_days, masks, updated_by, updated_at)
       VALUES (@unitId, @enabled, @retentionDays, @masks, @by, @at)
       ON CONFLICT (unit_id) DO UPDATE SET enabled = excluded.enabled, retention_days = excluded.retention_days,
         masks = excluded.masks, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    );
    this.purgeUnit = db.prepare<[number, string]>('DELETE FROM decision_log WHERE unit_id = ? AND at < ?');
    this.unitsOnDefault = db
      .prepare<[], number>("SELECT id FROM orgs WHERE type = 'unit' AND id NOT IN (SELECT unit_id FROM decision_log_settings) ORDER BY id")
      .pluck();
  }

  /** Reserves `count` ids for this process; returns the first. */
  reserveIds(count = ID_BLOCK): { first: number; count: number } {
    return { first: this.takeBlock.get(count, count)!, count };
  }

  get(unitId: number, id: number): LogEntry | undefined {
    const r = this.byId.get(unitId, id);
    return r && toLogEntry(r);
  }

  private where(unitId: number, f: Omit<LogFilter, 'limit' | 'before'>): { sql: string; params: (string | number)[] } {
    const parts = ['unit_id = ?'];
    const params: (string | number)[] = [unitId];
    const add = (sql: string, value: string | undefined) => {
      if (value === undefined) return;
      parts.push(sql);
      params.push(value);
    };
    add('outcome = ?', f.outcome);
    add('item_id = ?', f.itemId);
    add('at >= ?', f.from);
    add('at < ?', f.to);
    return { sql: parts.join(' AND '), params };
  }

  /** Newest first. */
  list(unitId: number, f: LogFilter): LogEntry[] {
    const w = this.where(unitId, f);
    if (f.before !== undefined) {
      w.sql += ' AND id < ?';
      w.params.push(f.before);
    }
    return this.db
      .prepare<(string | number)[], DbRow>(`SELECT * FROM decision_log WHERE ${w.sql} ORDER BY id DESC LIMIT ?`)
      .all(...w.params, f.limit)
      .map(toLogEntry);
  }

  count(unitId: number, f: Omit<LogFilter, 'limit' | 'before'>): number {
    const w = this.where(unitId, f);
    return this.db
      .prepare<(string | number)[], number>(`SELECT count(*) FROM decision_log WHERE ${w.sql}`)
      .pluck()
      .get(...w.params)!;
  }

  /** Every entry of the filter, oldest first, one at a time (exports, impact replay). */
  *iterate(unitId: number, f: Omit<LogFilter, 'limit' | 'before'>): IterableIterator<LogEntry> {
    const w = this.where(unitId, f);
    const stmt = this.db.prepare<(string | number)[], DbRow>(`SELECT * FROM decision_log WHERE ${w.sql} ORDER BY id`);
    for (const r of stmt.iterate(...w.params)) yield toLogEntry(r);
  }

  /** Ids and records of one scheme's entries in a window, oldest first: what the impact replay reads. */
  *iterateRecords(
    unitId: number,
    schemeId: number,
    f: Omit<LogFilter, 'limit' | 'before'>,
  ): IterableIterator<{ id: number; record: Record<string, unknown> }> {
    const w = this.where(unitId, f);
    const stmt = this.db.prepare<(string | number)[], { id: number; record: string }>(
      `SELECT id, record FROM decision_log WHERE ${w.sql} AND scheme_id = ? ORDER BY id`,
    );
    for (const r of stmt.iterate(...w.params, schemeId)) yield { id: r.id, record: JSON.parse(r.record) as Record<string, unknown> };
  }

  unitStats(unitId: number, since: string, top = 5): UnitStats {
    const by: Record<LogOutcome, number> = { file: 0, exclude: 0, review: 0 };
    for (const r of this.statsCounts.all(unitId, since)) by[r.outcome] = r.n;
    return {
      calls: by.file + by.exclude + by.review,
      filed: by.file,
      excluded: by.exclude,
      review: by.review,
      topReviewRows: this.statsRows.all(unitId, since, top),
      topMissingFields: this.statsNeeds.all(unitId, since, top),
    };
  }

  settings(unitId: number): LogSettings {
    const r = this.settingsGet.get(unitId);
    if (!r) return { unitId, enabled: true, retentionDays: DEFAULT_RETENTION_DAYS, masks: [], updatedAt: null };
    return {
      unitId,
      enabled: r.enabled === 1,
      retentionDays: r.retention_days,
      masks: JSON.parse(r.masks) as MaskRule[],
      updatedAt: r.updated_at,
    };
  }

  putSettings(s: Omit<LogSettings, 'updatedAt'>, by: number | null, at: string): LogSettings {
    this.settingsPut.run({
      unitId: s.unitId,
      enabled: s.enabled ? 1 : 0,
      retentionDays: s.retentionDays,
      masks: JSON.stringify(s.masks),
      by,
      at,
    });
    return this.settings(s.unitId);
  }

  /** Deletes entries older than each unit's window (decisions on them go too). Returns how many. */
  purge(now: Date): number {
    const cutoff = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    return this.db.transaction(() => {
      // Unit by unit, each through the (unit_id, at) index.
      let n = 0;
      for (const unitId of this.unitsOnDefault.all()) n += this.purgeUnit.run(unitId, cutoff(DEFAULT_RETENTION_DAYS)).changes;
      for (const s of this.settingsAll.all()) n += this.purgeUnit.run(s.unit_id, cutoff(s.retention_days)).changes;
      return n;
    })();
  }
}
