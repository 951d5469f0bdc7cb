// The change counter behind the service's caches: commits by other connections to tables caches depend on move
// it (so a key revoked by the CLI stops working at once), commits to the decision log do not (its writer thread
// commits every few milliseconds), and every table is either stamped by triggers or listed as one no cache uses.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNSTAMPED_TABLES, foreignChangeProbe } from '../../server/store/changes.js';
import { type World, world } from './helpers.js';

let w: World;
let other: Database.Database;
beforeAll(async () => {
  w = await world();
  other = new Database(w.db.name);
  other.pragma('busy_timeout = 5000');
});
afterAll(() => {
  other.close();
  w.close();
});

const epoch = () => w.app.services.changes.refresh();

describe('change stamp', () => {
  it('stamps every table caches may depend on, on insert, update and delete', () => {
    const tables = w.db
      .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all();
    const triggers = new Set(w.db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all());
    const missing = tables
      .filter((t) => !UNSTAMPED_TABLES.includes(t))
      .flatMap((t) => ['insert', 'update', 'delete'].map((op) => `${t}_stamp_${op}`))
      .filter((name) => !triggers.has(name));
    expect(missing).toEqual([]);
    expect(UNSTAMPED_TABLES.filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('moves when another connection changes a cached table, and stays when it writes the decision log', () => {
    const start = epoch();
    expect(epoch()).toBe(start);
    other
      .prepare(
        `INSERT INTO decision_log (id, unit_id, at, scheme_id, version, outcome, record, source)
         VALUES (900000, ?, '2026-12-01T00:00:00Z', 1, 1, 'file', '{}', 'single')`,
      )
      .run(w.ids.unitA);
    expect(epoch()).toBe(start);
    other.prepare("UPDATE users SET display_name = display_name || '' WHERE username = 'archA'").run();
    const moved = epoch();
    expect(moved).not.toBe(start);
    expect(epoch()).toBe(moved);
  });

  it('moves the content probe for a foreign change to a stamped table or the schema, not for the log', () => {
    const probe = foreignChangeProbe(w.db);
    const start = probe();
    other
      .prepare(
        `INSERT INTO decision_log (id, unit_id, at, scheme_id, version, outcome, record, source)
         VALUES (900001, ?, '2026-12-01T00:00:00Z', 1, 1, 'file', '{}', 'single')`,
      )
      .run(w.ids.unitA);
    expect(probe()).toBe(start);
    // Dropping and re-creating a trigger (what tampering with a frozen version needs) moves the schema version.
    const sql = other.prepare<[], string>("SELECT sql FROM sqlite_master WHERE name = 'orgs_stamp_update'").pluck().get()!;
    other.exec('DROP TRIGGER orgs_stamp_update');
    other.exec(sql);
    const afterSchema = probe();
    expect(afterSchema).not.toBe(start);
    other.prepare("UPDATE orgs SET name = name || '' WHERE id = ?").run(w.ids.unitA);
    expect(probe()).not.toBe(afterSchema);
  });

  it('stops a key revoked by another process on the next request', async () => {
    const { key } = w.app.services.apiKeys.issue(w.ids.unitA, '撤销测试', 1, { actorId: null, actor: 'system' });
    const classify = () => w.req('POST', `/api/v1/units/${w.ids.unitA}/classify`, { token: key, body: { title: '关于放假的通知' } });
    expect((await classify()).status).not.toBe(401);
    other.prepare("UPDATE api_keys SET revoked_at = '2026-12-01T00:00:00Z' WHERE name = '撤销测试'").run();
    expect((await classify()).status).toBe(401);
  });
});
