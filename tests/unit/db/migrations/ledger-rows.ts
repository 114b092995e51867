/** Rows written through the repository for the migration tests of the derived tables (011–013). */
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
