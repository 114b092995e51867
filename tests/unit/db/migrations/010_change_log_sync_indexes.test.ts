import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../../db/connection';
import { NEWEST_CHANGE_HLC_SQL, highestKnownHlc } from '../../../../db/local-meta';
import { changeLogSyncIndexesMigration } from '../../../../db/migrations/010_change_log_sync_indexes';
import { MIGRATIONS } from '../../../../db/migrations/index';
import { insertRow, updateRow } from '../../../../db/repository';
import { deviceMarks } from '../../../../db/sync/merge';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';

const UNIT = {
  name: '区水利局', short_name: '', kind: 'department', leader_name: '', leader_phone: '', director_name: '',
  director_phone: '', liaison_name: '', liaison_phone: '', sort_order: 0, active: 1,
} as const;

function changeLogIndexes(sqlite: BetterSqlite3.Database): string[] {
  return sqlite
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'change_log' AND sql IS NOT NULL ORDER BY name`)
    .pluck()
    .all() as string[];
}

function plan(sqlite: BetterSqlite3.Database, sql: string, ...params: unknown[]): string {
  return (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
}

describe('migration 010_change_log_sync_indexes', () => {
  it('is the tenth step of the list', () => {
    expect(MIGRATIONS[9]).toBe(changeLogSyncIndexesMigration);
    expect(changeLogSyncIndexesMigration.version).toBe(10);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(10);
  });

  it('replaces change_log_hlc with (device, stamp) and a partial index of the 文号 changes, and the merge look-ups use them', () => {
    const v9 = openTestLedger(join(tempDir(), 'v9.db'), { migrations: MIGRATIONS.slice(0, 9) });
    expect(changeLogIndexes(v9.sqlite)).toEqual(['change_log_hlc', 'change_log_row']);
    const v10 = openTestLedger(join(tempDir(), 'v10.db'), { migrations: MIGRATIONS.slice(0, 10) });
    expect(changeLogIndexes(v10.sqlite)).toEqual(['change_log_device_hlc', 'change_log_document_numbers', 'change_log_row']);

    const sqlite = v10.sqlite;
    // One device's newest stamp, and its changes from a stamp on: seeks on change_log_device_hlc.
    expect(plan(sqlite, 'SELECT max(hlc) FROM change_log WHERE device_id = ?', 'd')).toContain('change_log_device_hlc');
    expect(plan(sqlite, 'SELECT id FROM change_log WHERE device_id = ? AND hlc >= ? ORDER BY hlc, id', 'd', '')).toMatch(
      /SEARCH change_log USING INDEX change_log_device_hlc \(device_id=\? AND hlc>\?\)/,
    );
    // The newest stamp of the whole log and the list of devices: index seeks only, no scan of the table.
    for (const sql of [NEWEST_CHANGE_HLC_SQL]) {
      const text = plan(sqlite, sql);
      expect(text).toContain('change_log_device_hlc');
      expect(text).not.toMatch(/SCAN change_log(?! USING COVERING INDEX change_log_device_hlc)/);
    }
    // Earlier numberings with the same 文号.
    expect(
      plan(sqlite, `SELECT id FROM change_log WHERE table_name = 'documents' AND column_name = 'number' AND value = ?`, '"1"'),
    ).toContain('change_log_document_numbers');
  });

  it('upgrades a version-9 file with data: same newest stamp, same per-device marks, integrity ok', async () => {
    const file = join(tempDir(), 'ledger.db');
    const time = new ManualTime(Date.UTC(2016, 6, 1));
    const a = writeContext(time, '张三', '0190a000-0000-7000-8000-00000000000a');
    const b = writeContext(time, '李四', '0190a000-0000-7000-8000-00000000000b');
    const v9 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 9) });
    const unit = await insertRow(v9.db, a, 'units', UNIT);
    time.advance(1000);
    await updateRow(v9.db, b, 'units', unit, { name: '区水利局（改）' });
    time.advance(1000);
    await updateRow(v9.db, a, 'units', unit, { short_name: '水利' });
    const newestBefore = v9.sqlite.prepare('SELECT max(hlc) FROM change_log').pluck().get() as string;
    const marksBefore = v9.sqlite.prepare('SELECT device_id, max(hlc) AS hlc FROM change_log GROUP BY device_id ORDER BY device_id').all();
    await v9.close();

    const v10 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 10) });
    expect(v10.schemaVersion).toBe(10);
    expect(highestKnownHlc(v10.sqlite)).toBe(newestBefore);
    expect([...deviceMarks(v10.sqlite)].map(([device_id, hlc]) => ({ device_id, hlc }))).toEqual(marksBefore);
    expect(v10.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
