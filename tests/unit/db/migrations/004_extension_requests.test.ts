import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../db/migrate';
import { extensionRequestsMigration } from '../../../../db/migrations/004_extension_requests';
import { MIGRATIONS } from '../../../../db/migrations/index';
import { insertRow, type WriteContext } from '../../../../db/repository';
import { SYNCED_TABLES, type ExtensionRequestTable } from '../../../../db/schema';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';
import { SYNC, type ColumnSpec } from './column-spec';

const EXPECTED = {
  ...SYNC,
  task_id: ['TEXT', false],
  unit_id: ['TEXT', false],
  reason: ['TEXT', false],
  stage_progress: ['TEXT', false],
  requested_date: ['TEXT', false],
  status: ['TEXT', false],
  decided_on: ['TEXT', true],
  decided_by: ['TEXT', false],
  decision_note: ['TEXT', false],
  original_due_date: ['TEXT', true],
  approved_due_date: ['TEXT', true],
} as const satisfies ColumnSpec<ExtensionRequestTable>;

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

function migratedDatabase(): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(join(tempDir(), 'm.db'));
  runMigrations(sqlite, MIGRATIONS.slice(0, 4));
  return sqlite;
}

describe('migration 004_extension_requests', () => {
  it('is the fourth step of the list, and its table is synced', () => {
    expect(MIGRATIONS[3]).toBe(extensionRequestsMigration);
    expect(extensionRequestsMigration.version).toBe(4);
    expect(SYNCED_TABLES).toContain('extension_requests');
  });

  it('upgrades a version-3 file with data, backing it up first', async () => {
    const file = join(tempDir(), 'ledger.db');
    const v3 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 3) });
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    await insertRow(v3.db, ctx, 'settings', { id: 'officeName', value: JSON.stringify('绍兴市上虞区人民政府办公室') });
    await v3.close();

    const v4 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 4) });
    expect(v4.schemaVersion).toBe(4);
    expect(v4.backupMade).not.toBeNull();
    expect(v4.sqlite.prepare(`SELECT value FROM settings WHERE id = 'officeName'`).pluck().get()).toBe('"绍兴市上虞区人民政府办公室"');
    expect(v4.sqlite.prepare(`SELECT count(*) FROM extension_requests`).pluck().get()).toBe(0);
  });

  it('creates the table with exactly the columns of db/schema.ts, STRICT, indexed by task, with references', () => {
    const sqlite = migratedDatabase();
    const columns = sqlite.pragma(`table_info(extension_requests)`) as ColumnInfo[];
    const actual = Object.fromEntries(columns.map((c) => [c.name, [c.type, c.notnull === 0 && c.pk === 0]]));
    expect(actual).toEqual(Object.fromEntries(Object.entries(EXPECTED).map(([name, [type, nullable]]) => [name, [type, nullable]])));
    expect(columns.filter((c) => c.pk > 0).map((c) => c.name)).toEqual(['id']);
    const strict = sqlite.prepare(`SELECT strict FROM pragma_table_list WHERE name = 'extension_requests'`).pluck().get();
    expect(strict).toBe(1);
    expect((sqlite.pragma(`index_info(extension_requests_task)`) as { name: string }[]).map((c) => c.name)).toEqual(['task_id']);
    const keys = sqlite.pragma(`foreign_key_list(extension_requests)`) as { from: string; table: string }[];
    expect(keys).toContainEqual(expect.objectContaining({ from: 'task_id', table: 'tasks' }));
    expect(keys).toContainEqual(expect.objectContaining({ from: 'unit_id', table: 'units' }));
    sqlite.close();
  });

  it('takes rows through the repository with the change log written', async () => {
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    const ctx: WriteContext = writeContext(new ManualTime(Date.UTC(2016, 6, 2)));
    const unitId = await insertRow(ledger.db, ctx, 'units', {
      name: '区水利局', short_name: '', kind: 'department', leader_name: '', leader_phone: '', director_name: '',
      director_phone: '', liaison_name: '', liaison_phone: '', sort_order: 0, active: 1,
    });
    const taskId = await insertRow(ledger.db, ctx, 'tasks', {
      year: 2016, source: 'meeting', code: '1', title: '河道清淤', content: '', source_ref: '', source_date: '', leader: '',
      assigned_date: '2016-06-01', time_limit_value: null, time_limit_unit: null, due_date: '2016-06-30', rhythm: 'deadline',
      parent_id: null, completed_on: null, note: '',
    });
    const id = await insertRow(ledger.db, ctx, 'extension_requests', {
      task_id: taskId, unit_id: unitId, reason: '汛期无法施工', stage_progress: '已完成方案设计', requested_date: '2016-09-30',
      status: 'requested', decided_on: null, decided_by: '', decision_note: '', original_due_date: null, approved_due_date: null,
    });
    const row = await ledger.db.selectFrom('extension_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'requested', decided_on: null, decided_by: '', original_due_date: null });
    const defaults = ledger.sqlite.prepare(`SELECT dflt_value FROM pragma_table_info('extension_requests') WHERE name = 'status'`).pluck().get();
    expect(defaults).toBe("'requested'");
    const logged = await ledger.db.selectFrom('change_log').select('column_name').where('row_id', '=', id).execute();
    expect(logged.map((r) => r.column_name)).toEqual(expect.arrayContaining(['task_id', 'reason', 'requested_date']));
    // status is at its default ('requested'): a merge that inserts the row from its log gets it from the schema
    expect(logged.map((r) => r.column_name)).not.toContain('status');
  });
});
