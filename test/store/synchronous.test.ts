// SQLite's `synchronous` setting (issue 17.13): NORMAL by default under WAL, FULL when SANHEYI_SYNCHRONOUS=full.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../server/config.js';
import { openDatabase } from '../../server/store/db.js';

const dir = mkdtempSync(join(tmpdir(), 'sanheyi-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('synchronous', () => {
  it('is read from SANHEYI_SYNCHRONOUS: normal by default, full on request, anything else refused', () => {
    expect(readConfig({}).synchronous).toBe('NORMAL');
    expect(readConfig({ SANHEYI_SYNCHRONOUS: 'full' }).synchronous).toBe('FULL');
    expect(readConfig({ SANHEYI_SYNCHRONOUS: 'FULL' }).synchronous).toBe('FULL');
    expect(readConfig({ SANHEYI_SYNCHRONOUS: 'normal' }).synchronous).toBe('NORMAL');
    expect(() => readConfig({ SANHEYI_SYNCHRONOUS: 'off' })).toThrow(ConfigError);
  });

  it('is what the opened database runs with (PRAGMA synchronous: 1 NORMAL, 2 FULL), in WAL mode', () => {
    const normal = openDatabase(join(dir, 'normal.db'));
    expect(normal.pragma('synchronous', { simple: true })).toBe(1);
    expect(normal.pragma('journal_mode', { simple: true })).toBe('wal');
    normal.close();
    const full = openDatabase(join(dir, 'full.db'), { synchronous: 'FULL' });
    expect(full.pragma('synchronous', { simple: true })).toBe(2);
    full.close();
  });
});
