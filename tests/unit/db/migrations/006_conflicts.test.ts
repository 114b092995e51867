import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../db/migrate';
import { conflictsMigration } from '../../../../db/migrations/006_conflicts';
import { MIGRATIONS } from '../../../../db/migrations/index';
import { insertRow, updateRow } from '../../../../db/repository';
import { SYNCED_TABLES, type ConflictTable } from '../../../../db/schema';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';
import { SYNC, type ColumnSpec } from './column-spec';

const CONFLICTS = {
  ...SYNC,
  kind: ['TEXT', false],
  table_name: ['TEXT', false],
  row_id: ['TEXT', false],
  column_name: ['TEXT', false],
  other_row_id: ['TEXT', true],
  earlier_value: ['TEXT', false],
  earlier_hlc: ['TEXT', false],
  earlier_by: ['TEXT', false],
  later_value: ['TEXT', false],
  later_hlc: ['TEXT', false],
  later_by: ['TEXT', false],
  winner: ['TEXT', false],
  status: ['TEXT', false],
  resolution: ['TEXT', true],
} as const satisfies ColumnSpec<ConflictTable>;

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

const CONFLICT = {
  kind: 'field', table_name: 'tasks', row_id: 't1', column_name: 'title', other_row_id: null,
  earlier_value: '"甲"', earlier_hlc: '001467680400000-000000-a', earlier_by: 'a:张三',
  later_value: '"乙"', later_hlc: '001467680401000-000000-b', later_by: 'b:李四', winner: 'later', status: 'open', resolution: null,
};
const UNIT = {
  name: '区水利局', short_name: '', kind: 'department', leader_name: '', leader_phone: '', director_name: '',
  director_phone: '', liaison_name: '', liaison_phone: '', sort_order: 0, active: 1,
};

describe('migration 006_conflicts', () => {
  it('is the sixth step of the list, and its table is synced', () => {
    expect(MIGRATIONS[5]).toBe(conflictsMigration);
    expect(conflictsMigration.version).toBe(6);
    expect(SYNCED_TABLES).toContain('conflicts');
  });

  it('upgrades a version-5 file with data, backing it up first', async () => {
    const file = join(tempDir(), 'ledger.db');
    const v5 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 5) });
    await insertRow(v5.db, writeContext(new ManualTime(Date.UTC(2016, 6, 1))), 'units', UNIT);
    await v5.close();
    const v6 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 6) });
    expect(v6.schemaVersion).toBe(6);
    expect(v6.backupMade).not.toBeNull();
    expect(v6.sqlite.prepare('SELECT count(*) FROM units').pluck().get()).toBe(1);
    expect(v6.sqlite.prepare('SELECT count(*) FROM conflicts').pluck().get()).toBe(0);
  });

  it('creates exactly the columns of db/schema.ts, a STRICT table, its indexes and defaults', () => {
    const sqlite = new BetterSqlite3(join(tempDir(), 'm.db'));
    runMigrations(sqlite, MIGRATIONS.slice(0, 6));
    const columns = sqlite.pragma('table_info(conflicts)') as ColumnInfo[];
    expect(Object.fromEntries(columns.map((c) => [c.name, [c.type, c.notnull === 0 && c.pk === 0]]))).toEqual(CONFLICTS);
    expect(columns.filter((c) => c.pk > 0).map((c) => c.name)).toEqual(['id']);
    expect(sqlite.prepare(`SELECT strict FROM pragma_table_list WHERE name = 'conflicts'`).pluck().get()).toBe(1);
    const index = (name: string) => (sqlite.pragma(`index_info(${name})`) as { name: string }[]).map((c) => c.name);
    expect(index('conflicts_row')).toEqual(['table_name', 'row_id']);
    expect(index('conflicts_other_row')).toEqual(['table_name', 'other_row_id']);
    expect(index('conflicts_status')).toEqual(['status']);
    expect(sqlite.prepare(`SELECT dflt_value FROM pragma_table_info('conflicts') WHERE name = 'status'`).pluck().get()).toBe("'open'");
    // Values are JSON, as in change_log.
    const insert = () =>
      sqlite
        .prepare(
          `INSERT INTO conflicts (id, created_at, updated_at, updated_hlc, updated_by, kind, table_name, row_id, column_name,
             earlier_value, earlier_hlc, earlier_by, later_value, later_hlc, later_by, winner)
           VALUES ('c1', '', '', '', '', 'field', 'tasks', 't1', 'title', '不是JSON', '', '', '"乙"', '', '', 'later')`,
        )
        .run();
    expect(insert).toThrow(/CHECK constraint failed/);
    sqlite.close();
  });

  it('takes rows through the repository with the change log written, and a resolution is a later write', async () => {
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    const time = new ManualTime(Date.UTC(2016, 6, 5));
    const ctx = writeContext(time);
    const id = await insertRow(ledger.db, ctx, 'conflicts', CONFLICT);
    time.advance(60_000);
    await updateRow(ledger.db, ctx, 'conflicts', id, { status: 'resolved', resolution: 'later' });
    const logged = ledger.sqlite.prepare('SELECT column_name FROM change_log WHERE row_id = ? ORDER BY hlc, column_name').pluck().all(id);
    expect(logged).toEqual(expect.arrayContaining(['kind', 'earlier_value', 'later_value', 'winner', 'status', 'resolution']));
    expect(ledger.sqlite.prepare('SELECT status, resolution FROM conflicts WHERE id = ?').get(id)).toEqual({ status: 'resolved', resolution: 'later' });
  });
});
