import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../../db/connection';
import { openTaskIndexesMigration } from '../../../../db/migrations/009_open_task_indexes';
import { MIGRATIONS } from '../../../../db/migrations/index';
import { insertRow, type WriteContext } from '../../../../db/repository';
import type { Database } from '../../../../db/schema';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';

async function addTask(db: Kysely<Database>, ctx: WriteContext, code: string, dueDate: string, completedOn: string | null): Promise<string> {
  return insertRow(db, ctx, 'tasks', {
    year: 2016, source: 'livelihood', code, title: '农村饮用水提标', content: '', source_ref: '', source_date: '', leader: '',
    assigned_date: '2016-02-01', time_limit_value: null, time_limit_unit: null, due_date: dueDate, rhythm: 'monthly',
    parent_id: null, completed_on: completedOn, note: '',
  });
}

function indexNames(sqlite: BetterSqlite3.Database): string[] {
  return sqlite
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name IN ('tasks', 'milestones', 'task_search_docs', 'task_units') AND sql IS NOT NULL ORDER BY name`)
    .pluck()
    .all() as string[];
}

function plan(sqlite: BetterSqlite3.Database, sql: string, ...args: unknown[]): string {
  return (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');
}

const OVERDUE = `SELECT t.id FROM tasks t WHERE t.deleted_hlc IS NULL AND t.completed_on IS NULL AND t.due_date < ? ORDER BY t.due_date, t.id LIMIT 100`;

describe('migration 009_open_task_indexes', () => {
  it('is the ninth step of the list', () => {
    expect(MIGRATIONS[8]).toBe(openTaskIndexesMigration);
    expect(openTaskIndexesMigration.version).toBe(9);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(9);
  });

  it('adds the indexes of open tasks, of a year\'s live tasks and of live milestones, and the overdue page reads one in order', () => {
    const v8 = openTestLedger(join(tempDir(), 'v8.db'), { migrations: MIGRATIONS.slice(0, 8) });
    const v9 = openTestLedger(join(tempDir(), 'v9.db'), { migrations: MIGRATIONS.slice(0, 9) });
    const added = indexNames(v9.sqlite).filter((name) => !indexNames(v8.sqlite).includes(name));
    expect(added).toEqual(['milestones_live_task_due', 'task_search_docs_doc_task', 'task_units_live_unit_role', 'tasks_live_id', 'tasks_live_year_due', 'tasks_live_year_state', 'tasks_open_due', 'tasks_open_year_due']);
    expect(plan(v8.sqlite, OVERDUE, '2016-09-20')).not.toContain('tasks_open_due');
    const overdue = plan(v9.sqlite, OVERDUE, '2016-09-20');
    expect(overdue).toContain('SEARCH t USING COVERING INDEX tasks_open_due (due_date<?)');
    expect(overdue).not.toContain('TEMP B-TREE');
    const hits = `SELECT d.task_id FROM task_search_docs d INDEXED BY task_search_docs_doc_task
                   WHERE d.doc_id IN (SELECT rowid FROM task_search WHERE task_search MATCH ?)`;
    expect(plan(v9.sqlite, hits, '"饮用水"')).toContain('SEARCH d USING COVERING INDEX task_search_docs_doc_task (doc_id=?)');
    // named as ledger-query.ts names it (without statistics the planner takes the unique index on id)
    const ofUnit = `SELECT t.id FROM tasks t INDEXED BY tasks_live_id WHERE t.deleted_hlc IS NULL
                      AND t.id IN (SELECT tu.task_id FROM task_units tu WHERE tu.unit_id = ? AND tu.role = ? AND tu.deleted_hlc IS NULL)
                    ORDER BY length(t.code), t.code, t.due_date, t.id LIMIT 100`;
    const unitPlan = plan(v9.sqlite, ofUnit, 'u', 'lead');
    expect(unitPlan).toContain('SEARCH tu USING COVERING INDEX task_units_live_unit_role (unit_id=? AND role=?)');
    expect(unitPlan).toContain('SEARCH t USING COVERING INDEX tasks_live_id (id=?)');
  });

  it('upgrades a version-8 file with data, and the open-task index follows completion', async () => {
    const file = join(tempDir(), 'ledger.db');
    const time = new ManualTime(Date.UTC(2016, 8, 20));
    const ctx = writeContext(time);
    const v8 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 8) });
    const late = await addTask(v8.db, ctx, '1', '2016-09-01', null);
    await addTask(v8.db, ctx, '2', '2016-08-01', '2016-07-30');
    await addTask(v8.db, ctx, '3', '2016-12-31', null);
    await v8.close();

    const v9 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 9) });
    expect(v9.schemaVersion).toBe(9);
    expect(v9.backupMade).not.toBeNull();
    const overdue = () => v9.sqlite.prepare(OVERDUE).pluck().all('2016-09-20');
    expect(overdue()).toEqual([late]);
    v9.sqlite.prepare('UPDATE tasks SET completed_on = ? WHERE id = ?').run('2016-09-19', late);
    expect(overdue()).toEqual([]);
    const hits = v9.sqlite.prepare(`SELECT d.task_id FROM task_search_docs d INDEXED BY task_search_docs_doc_task
                                     WHERE d.doc_id IN (SELECT rowid FROM task_search WHERE task_search MATCH ?) ORDER BY 1`).pluck();
    expect(hits.all('"饮用水"')).toHaveLength(3);
    v9.sqlite.prepare('UPDATE tasks SET deleted_hlc = ? WHERE id = ?').run('0000000000000-0000-test', late);
    expect(hits.all('"饮用水"')).not.toContain(late);
    expect(hits.all('"饮用水"')).toHaveLength(2);
    expect(v9.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
