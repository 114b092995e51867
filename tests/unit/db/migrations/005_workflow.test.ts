import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../db/migrate';
import { workflowMigration } from '../../../../db/migrations/005_workflow';
import { MIGRATIONS } from '../../../../db/migrations/index';
import { insertRow, type WriteContext } from '../../../../db/repository';
import { SYNCED_TABLES, type ObligationTable, type ReferralTable, type SupervisionActionTable } from '../../../../db/schema';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';
import { SYNC, type ColumnSpec } from './column-spec';

const ACTIONS = {
  ...SYNC,
  task_id: ['TEXT', false],
  unit_id: ['TEXT', true],
  method: ['TEXT', false],
  action_date: ['TEXT', false],
  note: ['TEXT', false],
  operator: ['TEXT', false],
  purpose: ['TEXT', false],
  document_id: ['TEXT', true],
} as const satisfies ColumnSpec<SupervisionActionTable>;

const OBLIGATIONS = {
  ...SYNC,
  kind: ['TEXT', false],
  document_id: ['TEXT', false],
  unit_id: ['TEXT', false],
  task_ids: ['TEXT', false],
  issued_on: ['TEXT', false],
  due_date: ['TEXT', false],
  status: ['TEXT', false],
  received_on: ['TEXT', true],
  received_note: ['TEXT', false],
  received_by: ['TEXT', false],
} as const satisfies ColumnSpec<ObligationTable>;

const REFERRALS = {
  ...SYNC,
  task_id: ['TEXT', true],
  unit_id: ['TEXT', false],
  referred_on: ['TEXT', false],
  referred_to: ['TEXT', false],
  reason: ['TEXT', false],
  note: ['TEXT', false],
  operator: ['TEXT', false],
} as const satisfies ColumnSpec<ReferralTable>;

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

function columnsOf(sqlite: BetterSqlite3.Database, table: string) {
  const columns = sqlite.pragma(`table_info(${table})`) as ColumnInfo[];
  return Object.fromEntries(columns.map((c) => [c.name, [c.type, c.notnull === 0 && c.pk === 0]]));
}

const asSpec = (spec: Record<string, readonly [string, boolean]>) => Object.fromEntries(Object.entries(spec).map(([name, [type, nullable]]) => [name, [type, nullable]]));

function migratedDatabase(): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(join(tempDir(), 'm.db'));
  runMigrations(sqlite, MIGRATIONS.slice(0, 5));
  return sqlite;
}

const UNIT = {
  name: '区水利局', short_name: '', kind: 'department', leader_name: '', leader_phone: '', director_name: '',
  director_phone: '', liaison_name: '', liaison_phone: '', sort_order: 0, active: 1,
};
const TASK = {
  year: 2016, source: 'meeting', code: '1', title: '河道清淤', content: '', source_ref: '', source_date: '', leader: '',
  assigned_date: '2016-06-01', time_limit_value: null, time_limit_unit: null, due_date: '2016-06-30', rhythm: 'deadline',
  parent_id: null, completed_on: null, note: '',
};

describe('migration 005_workflow', () => {
  it('is the fifth step of the list, and its tables are synced', () => {
    expect(MIGRATIONS[4]).toBe(workflowMigration);
    expect(workflowMigration.version).toBe(5);
    expect(SYNCED_TABLES).toEqual(expect.arrayContaining(['obligations', 'referrals']));
  });

  it('upgrades a version-4 file with data, backing it up first: old actions become 督办 without a document', async () => {
    const file = join(tempDir(), 'ledger.db');
    const v4 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 4) });
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    const unitId = await insertRow(v4.db, ctx, 'units', UNIT);
    const taskId = await insertRow(v4.db, ctx, 'tasks', TASK);
    // Version 4 has no purpose column: write the row the way a version-4 app did.
    v4.sqlite
      .prepare(
        `INSERT INTO supervision_actions (id, created_at, updated_at, updated_hlc, updated_by, task_id, unit_id, method, action_date, note, operator)
         VALUES ('a1', '2016-07-01T00:00:00.000Z', '2016-07-01T00:00:00.000Z', '001467331200000-000000-x', 'x:周敏', ?, ?, 'phone', '2016-07-01', '电话催办', '周敏')`,
      )
      .run(taskId, unitId);
    await v4.close();

    const v5 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 5) });
    expect(v5.schemaVersion).toBe(5);
    expect(v5.backupMade).not.toBeNull();
    expect(v5.sqlite.prepare(`SELECT purpose, document_id, note FROM supervision_actions WHERE id = 'a1'`).get()).toEqual({
      purpose: 'supervise',
      document_id: null,
      note: '电话催办',
    });
    expect(v5.sqlite.prepare(`SELECT count(*) FROM obligations`).pluck().get()).toBe(0);
    expect(v5.sqlite.prepare(`SELECT count(*) FROM referrals`).pluck().get()).toBe(0);
  });

  it('adds exactly the columns of db/schema.ts, STRICT tables, indexes and references', () => {
    const sqlite = migratedDatabase();
    expect(columnsOf(sqlite, 'supervision_actions')).toEqual(asSpec(ACTIONS));
    expect(columnsOf(sqlite, 'obligations')).toEqual(asSpec(OBLIGATIONS));
    expect(columnsOf(sqlite, 'referrals')).toEqual(asSpec(REFERRALS));
    for (const table of ['obligations', 'referrals']) {
      expect(sqlite.prepare(`SELECT strict FROM pragma_table_list WHERE name = ?`).pluck().get(table)).toBe(1);
      expect((sqlite.pragma(`table_info(${table})`) as ColumnInfo[]).filter((c) => c.pk > 0).map((c) => c.name)).toEqual(['id']);
    }
    const index = (name: string) => (sqlite.pragma(`index_info(${name})`) as { name: string }[]).map((c) => c.name);
    expect(index('supervision_actions_unit')).toEqual(['unit_id', 'action_date']);
    expect(index('obligations_unit')).toEqual(['unit_id', 'due_date']);
    expect(index('obligations_document')).toEqual(['document_id']);
    expect(index('referrals_unit')).toEqual(['unit_id', 'referred_on']);
    expect(index('referrals_task')).toEqual(['task_id']);
    const keys = (table: string) => sqlite.pragma(`foreign_key_list(${table})`) as { from: string; table: string }[];
    expect(keys('supervision_actions')).toContainEqual(expect.objectContaining({ from: 'document_id', table: 'documents' }));
    expect(keys('obligations')).toContainEqual(expect.objectContaining({ from: 'document_id', table: 'documents' }));
    expect(keys('obligations')).toContainEqual(expect.objectContaining({ from: 'unit_id', table: 'units' }));
    expect(keys('referrals')).toContainEqual(expect.objectContaining({ from: 'task_id', table: 'tasks' }));
    expect(keys('referrals')).toContainEqual(expect.objectContaining({ from: 'unit_id', table: 'units' }));
    const dflt = (table: string, column: string) =>
      sqlite.prepare(`SELECT dflt_value FROM pragma_table_info(?) WHERE name = ?`).pluck().get(table, column);
    expect(dflt('supervision_actions', 'purpose')).toBe("'supervise'");
    expect(dflt('obligations', 'status')).toBe("'open'");
    expect(dflt('obligations', 'task_ids')).toBe("'[]'");
    sqlite.close();
  });

  it('takes rows through the repository with the change log written', async () => {
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    const ctx: WriteContext = writeContext(new ManualTime(Date.UTC(2016, 6, 2)));
    const unitId = await insertRow(ledger.db, ctx, 'units', UNIT);
    const taskId = await insertRow(ledger.db, ctx, 'tasks', TASK);
    const id = await insertRow(ledger.db, ctx, 'referrals', {
      task_id: taskId, unit_id: unitId, referred_on: '2016-07-02', referred_to: '区纪委区监委', reason: '失职', note: '', operator: '张三',
    });
    const logged = await ledger.db.selectFrom('change_log').select('column_name').where('row_id', '=', id).execute();
    expect(logged.map((r) => r.column_name)).toEqual(expect.arrayContaining(['task_id', 'unit_id', 'referred_on', 'reason']));
  });
});
