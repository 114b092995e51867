/** Rows written through the repository, and task_unit_facts read back, for the migration tests of the derived tables (011–013). */
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { insertRow, type WriteContext } from '../../../../db/repository';
import type { Database } from '../../../../db/schema';

export async function addUnit(db: Kysely<Database>, ctx: WriteContext, name: string): Promise<string> {
  return insertRow(db, ctx, 'units', {
    name, short_name: '', kind: 'department', leader_name: '', leader_phone: '', director_name: '', director_phone: '',
    liaison_name: '', liaison_phone: '', sort_order: 0, active: 1,
  });
}

export async function addTask(db: Kysely<Database>, ctx: WriteContext, task: { code: string; year: number; dueDate: string }): Promise<string> {
  return insertRow(db, ctx, 'tasks', {
    year: task.year, source: 'work_report', code: task.code, title: '推进城南片区老旧小区改造', content: '', source_ref: '', source_date: '',
    leader: '', assigned_date: '2016-02-01', time_limit_value: null, time_limit_unit: null, due_date: task.dueDate, rhythm: 'monthly',
    parent_id: null, completed_on: null, note: '',
  });
}

export async function link(db: Kysely<Database>, ctx: WriteContext, taskId: string, unitId: string, role: 'lead' | 'assist'): Promise<string> {
  return insertRow(db, ctx, 'task_units', { task_id: taskId, unit_id: unitId, role, contact_person: '', contact_phone: '', completed_on: null });
}

/** The columns of task_unit_facts: 011's, and the 编号 013 adds. */
const FACT_COLUMNS = { 11: 'link_id, task_id, unit_id, role, year, done, due_date', 13: 'link_id, task_id, unit_id, role, year, done, due_date, code' };

/** What task_unit_facts must hold at `version`: every live link of a live task, with the task's facts. */
export function expectedFacts(sqlite: BetterSqlite3.Database, version: 11 | 13): unknown[] {
  const code = version === 13 ? ', t.code' : '';
  return sqlite
    .prepare(
      `SELECT tu.id AS link_id, tu.task_id, tu.unit_id, tu.role, t.year, (t.completed_on IS NOT NULL) AS done, t.due_date${code}
         FROM task_units tu JOIN tasks t ON t.id = tu.task_id
        WHERE tu.deleted_hlc IS NULL AND t.deleted_hlc IS NULL ORDER BY tu.id`,
    )
    .all();
}

/** What task_unit_facts holds, in the columns of `version`. */
export function facts(sqlite: BetterSqlite3.Database, version: 11 | 13): unknown[] {
  return sqlite.prepare(`SELECT ${FACT_COLUMNS[version]} FROM task_unit_facts ORDER BY link_id`).all();
}
