import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../../../db/connection';
import { runMigrations } from '../../../../db/migrate';
import { initialMigration } from '../../../../db/migrations/001_initial';
import { MIGRATIONS } from '../../../../db/migrations/index';
import type {
  ChangeLogTable,
  Database,
  HolidayOverrideTable,
  LocalMetaTable,
  MilestoneTable,
  ProgressReportTable,
  SettingTable,
  SupervisionActionTable,
  SyncStateTable,
  TaskTable,
  TaskUnitTable,
  UnitTable,
} from '../../../../db/schema';
import { openTestLedger, tempDir } from '../helpers';
import { SYNC, type ColumnSpec } from './column-spec';

/** The tables step 1 creates: every table of db/schema.ts except those later steps add. */
type LaterTables = 'task_latest_progress' | 'documents' | 'document_exports' | 'extension_requests' | 'obligations' | 'referrals' | 'conflicts' | 'task_unit_facts' | 'task_behind_spans' | 'task_search_keys';
/** Columns later steps add to tables of step 1 (005 adds two to supervision_actions). */
type InitialTables = Omit<Database, LaterTables | 'supervision_actions'> & {
  supervision_actions: Omit<SupervisionActionTable, 'purpose' | 'document_id'>;
};

const EXPECTED: { [T in keyof InitialTables]: ColumnSpec<InitialTables[T]> } = {
  units: {
    ...SYNC,
    name: ['TEXT', false],
    short_name: ['TEXT', false],
    kind: ['TEXT', false],
    leader_name: ['TEXT', false],
    leader_phone: ['TEXT', false],
    director_name: ['TEXT', false],
    director_phone: ['TEXT', false],
    liaison_name: ['TEXT', false],
    liaison_phone: ['TEXT', false],
    sort_order: ['INTEGER', false],
    active: ['INTEGER', false],
  } satisfies ColumnSpec<UnitTable>,
  tasks: {
    ...SYNC,
    year: ['INTEGER', false],
    source: ['TEXT', false],
    code: ['TEXT', false],
    title: ['TEXT', false],
    content: ['TEXT', false],
    source_ref: ['TEXT', false],
    source_date: ['TEXT', false],
    leader: ['TEXT', false],
    assigned_date: ['TEXT', false],
    time_limit_value: ['INTEGER', true],
    time_limit_unit: ['TEXT', true],
    due_date: ['TEXT', false],
    rhythm: ['TEXT', false],
    parent_id: ['TEXT', true],
    completed_on: ['TEXT', true],
    note: ['TEXT', false],
  } satisfies ColumnSpec<TaskTable>,
  task_units: {
    ...SYNC,
    task_id: ['TEXT', false],
    unit_id: ['TEXT', false],
    role: ['TEXT', false],
    contact_person: ['TEXT', false],
    contact_phone: ['TEXT', false],
    completed_on: ['TEXT', true],
  } satisfies ColumnSpec<TaskUnitTable>,
  milestones: {
    ...SYNC,
    task_id: ['TEXT', false],
    label: ['TEXT', false],
    due_date: ['TEXT', false],
    planned_percent: ['INTEGER', false],
    description: ['TEXT', false],
  } satisfies ColumnSpec<MilestoneTable>,
  progress_reports: {
    ...SYNC,
    task_id: ['TEXT', false],
    unit_id: ['TEXT', false],
    period: ['TEXT', false],
    report_date: ['TEXT', false],
    percent: ['INTEGER', true],
    stage: ['TEXT', false],
    done_text: ['TEXT', false],
    problems: ['TEXT', false],
    next_steps: ['TEXT', false],
    no_change: ['INTEGER', false],
    reporter: ['TEXT', false],
  } satisfies ColumnSpec<ProgressReportTable>,
  supervision_actions: {
    ...SYNC,
    task_id: ['TEXT', false],
    unit_id: ['TEXT', true],
    method: ['TEXT', false],
    action_date: ['TEXT', false],
    note: ['TEXT', false],
    operator: ['TEXT', false],
    // version 5 adds purpose and document_id (005_workflow.test.ts)
  } satisfies ColumnSpec<Omit<SupervisionActionTable, 'purpose' | 'document_id'>>,
  holiday_overrides: {
    ...SYNC,
    date: ['TEXT', false],
    kind: ['TEXT', false],
    note: ['TEXT', false],
  } satisfies ColumnSpec<HolidayOverrideTable>,
  settings: { ...SYNC, value: ['TEXT', false] } satisfies ColumnSpec<SettingTable>,
  change_log: {
    id: ['TEXT', false],
    table_name: ['TEXT', false],
    row_id: ['TEXT', false],
    column_name: ['TEXT', false],
    value: ['TEXT', false],
    hlc: ['TEXT', false],
    device_id: ['TEXT', false],
    operator: ['TEXT', false],
  } satisfies ColumnSpec<ChangeLogTable>,
  sync_state: { peer_id: ['TEXT', false], last_hlc: ['TEXT', false], synced_at: ['TEXT', false] } satisfies ColumnSpec<SyncStateTable>,
  local_meta: { key: ['TEXT', false], value: ['TEXT', false] } satisfies ColumnSpec<LocalMetaTable>,
};

const EXPECTED_INDEXES: Record<string, [table: string, columns: string[]]> = {
  tasks_year_source_due: ['tasks', ['year', 'source', 'due_date']],
  tasks_due_date: ['tasks', ['due_date']],
  tasks_deleted_hlc: ['tasks', ['deleted_hlc']],
  tasks_parent_id: ['tasks', ['parent_id']],
  task_units_task_id: ['task_units', ['task_id']],
  task_units_unit_role: ['task_units', ['unit_id', 'role']],
  milestones_task_due: ['milestones', ['task_id', 'due_date']],
  progress_reports_task_date: ['progress_reports', ['task_id', 'report_date']],
  progress_reports_unit_date: ['progress_reports', ['unit_id', 'report_date']],
  supervision_actions_task_id: ['supervision_actions', ['task_id']],
  supervision_actions_unit_id: ['supervision_actions', ['unit_id']],
  holiday_overrides_date: ['holiday_overrides', ['date']],
  change_log_hlc: ['change_log', ['hlc']],
  change_log_row: ['change_log', ['table_name', 'row_id']],
};

const EXPECTED_FOREIGN_KEYS: [table: string, column: string, parent: string][] = [
  ['tasks', 'parent_id', 'tasks'],
  ['task_units', 'task_id', 'tasks'],
  ['task_units', 'unit_id', 'units'],
  ['milestones', 'task_id', 'tasks'],
  ['progress_reports', 'task_id', 'tasks'],
  ['progress_reports', 'unit_id', 'units'],
  ['supervision_actions', 'task_id', 'tasks'],
  ['supervision_actions', 'unit_id', 'units'],
];

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

function freshDatabase(): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(join(tempDir(), 'm.db'));
  return sqlite;
}

describe('migration 001_initial', () => {
  it('is the first step of the list', () => {
    expect(MIGRATIONS[0]).toBe(initialMigration);
    expect(initialMigration.version).toBe(1);
  });

  it('applies to an empty file through openLedger: user_version 1, our application_id', () => {
    const ledger = openTestLedger(join(tempDir(), 'new.db'), { migrations: [initialMigration] });
    expect(ledger.sqlite.pragma('user_version', { simple: true })).toBe(1);
    expect(ledger.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(ledger.schemaVersion).toBe(1);
  });

  it('creates every table of db/schema.ts with exactly its columns, types and nullability', () => {
    const sqlite = freshDatabase();
    runMigrations(sqlite, [initialMigration]);
    for (const [table, spec] of Object.entries(EXPECTED)) {
      const columns = sqlite.pragma(`table_info(${table})`) as ColumnInfo[];
      const actual = Object.fromEntries(columns.map((c) => [c.name, [c.type, c.notnull === 0 && c.pk === 0]]));
      expect(actual, table).toEqual(Object.fromEntries(Object.entries(spec).map(([name, [type, nullable]]) => [name, [type, nullable]])));
      const pk = columns.filter((c) => c.pk > 0).map((c) => c.name);
      expect(pk, table).toEqual([table === 'sync_state' ? 'peer_id' : table === 'local_meta' ? 'key' : 'id']);
    }
    sqlite.close();
  });

  it('makes every table STRICT: a value of the wrong type is refused', () => {
    const sqlite = freshDatabase();
    runMigrations(sqlite, [initialMigration]);
    const strict = sqlite.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 1`).pluck().all();
    expect(strict).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO units (id, created_at, updated_at, updated_hlc, updated_by, name, sort_order) VALUES ('u', '', '', '', '', 'x', 'first')`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    sqlite.close();
  });

  it('creates the indexes the ledger queries need', () => {
    const sqlite = freshDatabase();
    runMigrations(sqlite, [initialMigration]);
    for (const [index, [table, columns]] of Object.entries(EXPECTED_INDEXES)) {
      const owner = sqlite.prepare(`SELECT tbl_name FROM sqlite_schema WHERE type = 'index' AND name = ?`).pluck().get(index);
      expect(owner, index).toBe(table);
      const indexed = (sqlite.pragma(`index_info(${index})`) as { name: string }[]).map((c) => c.name);
      expect(indexed, index).toEqual(columns);
    }
    sqlite.close();
  });

  it('declares the foreign keys, and enforces them', () => {
    const sqlite = freshDatabase();
    runMigrations(sqlite, [initialMigration]);
    for (const [table, column, parent] of EXPECTED_FOREIGN_KEYS) {
      const keys = sqlite.pragma(`foreign_key_list(${table})`) as { from: string; table: string; to: string }[];
      expect(keys, `${table}.${column}`).toContainEqual(expect.objectContaining({ from: column, table: parent, to: 'id' }));
    }
    sqlite.pragma('foreign_keys = ON');
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO task_units (id, created_at, updated_at, updated_hlc, updated_by, task_id, unit_id, role)
           VALUES ('l', '', '', '', '', 'no-such-task', 'no-such-unit', 'lead')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    sqlite.close();
  });

  it('creates the trigram full-text index and its upkeep triggers', () => {
    const sqlite = freshDatabase();
    runMigrations(sqlite, [initialMigration]);
    const fts = sqlite.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'task_search'`).pluck().get() as string;
    expect(fts).toMatch(/USING fts5/i);
    expect(fts).toMatch(/tokenize = 'trigram'/);
    const triggers = sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger'`).pluck().all();
    expect(triggers).toEqual(
      expect.arrayContaining([
        'tasks_search_ai',
        'tasks_search_au',
        'tasks_search_ad',
        'progress_reports_search_ai',
        'progress_reports_search_au',
        'progress_reports_search_ad',
        'change_log_no_update',
        'change_log_no_delete',
        'change_log_insert_once',
      ]),
    );
    sqlite.close();
  });

  it('makes change_log append-only', () => {
    const sqlite = freshDatabase();
    runMigrations(sqlite, [initialMigration]);
    const insert = sqlite.prepare(`INSERT INTO change_log VALUES (?, 'tasks', 'r', 'title', ?, 'h', 'd', 'o')`);
    expect(insert.run('c1', '"甲"').changes).toBe(1);
    expect(() => sqlite.exec(`UPDATE change_log SET value = '"乙"'`)).toThrow(/只能追加/);
    expect(() => sqlite.exec(`DELETE FROM change_log`)).toThrow(/只能追加/);
    // Offering the same change again (a merge) changes nothing — not even through REPLACE.
    expect(insert.run('c1', '"丙"').changes).toBe(0);
    sqlite.prepare(`INSERT OR REPLACE INTO change_log VALUES ('c1', 'tasks', 'r', 'title', '"丁"', 'h', 'd', 'o')`).run();
    expect(sqlite.prepare(`SELECT value FROM change_log`).pluck().all()).toEqual(['"甲"']);
    expect(() => insert.run('c2', 'not json')).toThrow(/CHECK constraint failed/);
    sqlite.close();
  });

  it('runs once: a second pass over the list changes nothing', () => {
    const sqlite = freshDatabase();
    expect(runMigrations(sqlite, [initialMigration])).toBe(1);
    const schema = sqlite.prepare(`SELECT sql FROM sqlite_schema ORDER BY name`).pluck().all();
    expect(runMigrations(sqlite, [initialMigration])).toBe(1);
    expect(sqlite.prepare(`SELECT sql FROM sqlite_schema ORDER BY name`).pluck().all()).toEqual(schema);
    sqlite.close();
  });
});
