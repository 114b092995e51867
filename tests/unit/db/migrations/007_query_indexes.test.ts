import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../../db/connection';
import { runMigrations } from '../../../../db/migrate';
import { queryIndexesMigration } from '../../../../db/migrations/007_query_indexes';
import { MIGRATIONS } from '../../../../db/migrations/index';
import { insertRow } from '../../../../db/repository';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';

/** name → [table, columns (index_xinfo key columns), partial WHERE or null] */
const ADDED: Record<string, [string, string[], string | null]> = {
  tasks_live_due: ['tasks', ['due_date', 'id', 'deleted_hlc'], 'deleted_hlc IS NULL'],
  tasks_live_leader: ['tasks', ['leader', 'deleted_hlc'], 'deleted_hlc IS NULL'],
  progress_reports_live_date: ['progress_reports', ['report_date', 'deleted_hlc'], 'deleted_hlc IS NULL'],
  documents_live_drafted: ['documents', ['drafted_at', 'id', 'deleted_hlc'], 'deleted_hlc IS NULL'],
  obligations_issued: ['obligations', ['issued_on'], null],
  supervision_actions_purpose_date: ['supervision_actions', ['purpose', 'action_date'], null],
};
const DROPPED = ['tasks_deleted_hlc', 'tasks_due_date'];

const UNIT = {
  name: '区水利局', short_name: '', kind: 'department', leader_name: '', leader_phone: '', director_name: '',
  director_phone: '', liaison_name: '', liaison_phone: '', sort_order: 0, active: 1,
};

function indexes(sqlite: BetterSqlite3.Database): Map<string, { table: string; sql: string }> {
  const rows = sqlite.prepare(`SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL`).all() as {
    name: string;
    tbl_name: string;
    sql: string;
  }[];
  return new Map(rows.map((r) => [r.name, { table: r.tbl_name, sql: r.sql }]));
}

function expectQueryIndexes(sqlite: BetterSqlite3.Database): void {
  const present = indexes(sqlite);
  for (const [name, [table, columns, where]] of Object.entries(ADDED)) {
    expect(present.get(name)?.table, name).toBe(table);
    const keys = (sqlite.pragma(`index_xinfo(${name})`) as { name: string | null; key: number }[]).filter((c) => c.key === 1);
    expect(keys.map((c) => c.name), name).toEqual(columns);
    const partial = /WHERE (.*)$/.exec(present.get(name)!.sql)?.[1] ?? null;
    expect(partial, name).toBe(where);
  }
  for (const name of DROPPED) expect(present.has(name), name).toBe(false);
}

describe('migration 007_query_indexes', () => {
  it('is the seventh step of the list', () => {
    expect(MIGRATIONS[6]).toBe(queryIndexesMigration);
    expect(queryIndexesMigration.version).toBe(7);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(7);
  });

  it('gives a new ledger the query indexes, and drops the two it replaces', () => {
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'), { migrations: MIGRATIONS.slice(0, 7) });
    expect(ledger.schemaVersion).toBe(7);
    expect(ledger.sqlite.pragma('user_version', { simple: true })).toBe(7);
    expectQueryIndexes(ledger.sqlite);
  });

  it('upgrades a version-6 file with data, backing it up first', async () => {
    const file = join(tempDir(), 'ledger.db');
    const v6 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 6) });
    await insertRow(v6.db, writeContext(new ManualTime(Date.UTC(2016, 6, 1))), 'units', UNIT);
    expect(indexes(v6.sqlite).has('tasks_deleted_hlc')).toBe(true);
    await v6.close();
    const v7 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 7) });
    expect(v7.schemaVersion).toBe(7);
    expect(v7.backupMade).not.toBeNull();
    expect(v7.sqlite.prepare('SELECT count(*) FROM units').pluck().get()).toBe(1);
    expectQueryIndexes(v7.sqlite);
    expect(v7.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('changes no table: the tables and columns after 006 and after 007 are the same', () => {
    const columnsOf = (sqlite: BetterSqlite3.Database) =>
      sqlite
        .prepare(`SELECT m.name AS t, p.name AS c, p.type FROM sqlite_schema m, pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY 1, p.cid`)
        .all();
    const before = new BetterSqlite3(join(tempDir(), 'v6.db'));
    runMigrations(before, MIGRATIONS.slice(0, 6));
    const after = new BetterSqlite3(join(tempDir(), 'v7.db'));
    runMigrations(after, MIGRATIONS.slice(0, 7));
    expect(columnsOf(after)).toEqual(columnsOf(before));
    before.close();
    after.close();
  });
});
