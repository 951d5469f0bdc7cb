// The decision log's sinks: batches inserted by a worker thread on its own connection (nothing written on the
// caller's), visible to the caller once settled; a worker that cannot open the database hands its batches back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InThreadSink, SPARE_IDS, WorkerSink } from '../../server/services/decision-log/log-sink.js';
import { ChangeCounter } from '../../server/store/changes.js';
import { type Db, openDatabase } from '../../server/store/db.js';
import { DecisionLogStore, type LogRow, type LogValues, logValues } from '../../server/store/decision-log-store.js';

let dir: string;
let db: Db;
let store: DecisionLogStore;
let here: InThreadSink;
const errors: Error[] = [];
let nextId = 1;

const rows = (n: number): LogValues[] =>
  Array.from(
    { length: n },
    (): LogRow => ({
      id: nextId++,
      unitId: 1,
      at: '2026-12-01T08:00:00.000Z',
      schemeId: 1,
      version: 1,
      outcome: 'file',
      itemId: '1.1',
      exclusionId: null,
      classCode: 'WS',
      retention: 'D30',
      needs: null,
      record: '{"title":"关于放假的通知"}',
      requestId: null,
      apiKeyId: null,
      userId: null,
      source: 'batch',
    }),
  ).map(logValues);
const count = () => db.prepare<[], number>('SELECT count(*) FROM decision_log').pluck().get();
const ownChanges = () => db.prepare<[], number>('SELECT total_changes()').pluck().get();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sanheyi-sink-'));
  db = openDatabase(join(dir, 'log.db'));
  db.prepare("INSERT INTO orgs (id, type, name, created_at) VALUES (1, 'bureau', '市档案局', '2026-01-01')").run();
  store = new DecisionLogStore(db);
  here = new InThreadSink(db, store, new ChangeCounter(db));
  errors.length = 0;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('DecisionLogStore.insertValues', () => {
  it('inserts rows in statements of many rows and one at a time, each value in its column, ignoring ids already there', () => {
    const batch = rows(70); // two statements of 32 rows, six single rows
    batch[33][10] = '["amount"]';
    batch[69][12] = 'req-69';
    store.insertValues(batch.slice(0, 40));
    store.insertValues(batch);
    expect(count()).toBe(70);
    const stored = db.prepare('SELECT * FROM decision_log ORDER BY id').raw().all();
    expect(stored).toEqual(batch);
  });
});

describe('WorkerSink', () => {
  it('inserts on its own connection: settled batches are visible here, and nothing was written on this one', () => {
    const sink = new WorkerSink(db.name, here, (e) => errors.push(e));
    const before = ownChanges();
    sink.write(rows(500));
    sink.write(rows(700));
    sink.settle();
    expect(count()).toBe(1200);
    expect(ownChanges()).toBe(before);
    sink.write(rows(3));
    sink.close();
    expect(count()).toBe(1203);
    expect(errors).toEqual([]);
  });

  it('reserves a block of ids with a batch, for the caller to take once: ids no later reservation hands out', () => {
    const sink = new WorkerSink(db.name, here, (e) => errors.push(e));
    expect(sink.takeIds()).toBeNull(); // nothing written yet
    sink.write(rows(3));
    sink.settle();
    const block = sink.takeIds();
    expect(block).toEqual({ first: expect.any(Number), count: SPARE_IDS });
    expect(sink.takeIds()).toBeNull();
    expect(store.reserveIds().first).toBe(block!.first + SPARE_IDS);
    sink.write(rows(1)); // and another one with the next batch
    sink.settle();
    expect(sink.takeIds()!.first).toBeGreaterThan(block!.first);
    sink.close();
    expect(errors).toEqual([]);
  });

  it('ignores a batch written twice (ids are handed out once)', () => {
    const sink = new WorkerSink(db.name, here, (e) => errors.push(e));
    const batch = rows(2);
    sink.write(batch);
    sink.write(batch);
    sink.write(rows(1));
    sink.settle();
    expect(count()).toBe(3);
    sink.close();
    expect(errors).toEqual([]);
  });

  it('writes here what the worker could not (the database busy past its timeout), and everything after', async () => {
    const sink = new WorkerSink(db.name, here, (e) => errors.push(e));
    sink.write(rows(10));
    sink.settle();
    // Another process holds the write lock longer than the worker's busy timeout (5 s).
    const holder = new Database(db.name);
    holder.exec('BEGIN IMMEDIATE');
    sink.write(rows(100));
    await new Promise((r) => setTimeout(r, 5600));
    holder.exec('ROLLBACK');
    holder.close();
    sink.settle();
    expect(count()).toBe(110);
    sink.write(rows(1));
    expect(count()).toBe(111); // from now on written on this thread, at once
    sink.close();
    await vi.waitFor(() => expect(errors.length).toBeGreaterThanOrEqual(2));
    const messages = errors.map((e) => e.message);
    expect(messages).toContainEqual('分类记录写入线程已停止（写入失败）；1 批改在主线程写入，此后亦然');
    expect(messages).toContainEqual(expect.stringMatching(/^分类记录第 2 批（100 条）写入失败：database is locked/));
  }, 20_000);

  it('hands its batches back when the worker cannot open the database, and writes here from then on', () => {
    const sink = new WorkerSink(dir, here, (e) => errors.push(e)); // a directory is no database
    sink.write(rows(10));
    sink.write(rows(5));
    sink.settle();
    expect(count()).toBe(15);
    sink.write(rows(1));
    expect(count()).toBe(16);
    sink.close();
    expect(errors.map((e) => e.message)).toContainEqual('分类记录写入线程已停止（写入失败）；2 批改在主线程写入，此后亦然');
  });
});
