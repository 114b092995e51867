import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertRow, tombstoneRow, updateRow } from '../../../../db/repository';
import { initialMigration } from '../../../../db/migrations/001_initial';
import { taskLatestProgressMigration } from '../../../../db/migrations/002_task_latest_progress';
import { MIGRATIONS } from '../../../../db/migrations/index';
import type { Kysely } from 'kysely';
import type { Database } from '../../../../db/schema';
import type { WriteContext } from '../../../../db/repository';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';

async function addUnit(db: Kysely<Database>, ctx: WriteContext, name: string): Promise<string> {
  return insertRow(db, ctx, 'units', {
    name, short_name: '', kind: 'department', leader_name: '', leader_phone: '', director_name: '', director_phone: '',
    liaison_name: '', liaison_phone: '', sort_order: 0, active: 1,
  });
}

async function addTask(db: Kysely<Database>, ctx: WriteContext): Promise<string> {
  return insertRow(db, ctx, 'tasks', {
    year: 2016, source: 'livelihood', code: '1', title: '农村饮用水提标', content: '', source_ref: '', source_date: '', leader: '',
    assigned_date: '2016-02-01', time_limit_value: null, time_limit_unit: null, due_date: '2016-12-31', rhythm: 'monthly',
    parent_id: null, completed_on: null, note: '',
  });
}

async function report(db: Kysely<Database>, ctx: WriteContext, taskId: string, unitId: string, date: string, percent: number | null) {
  return insertRow(db, ctx, 'progress_reports', {
    task_id: taskId, unit_id: unitId, period: '', report_date: date, percent, stage: '', done_text: '进展', problems: '',
    next_steps: '', no_change: percent === null ? 1 : 0, reporter: '',
  });
}

async function latest(db: Kysely<Database>, taskId: string) {
  return db.selectFrom('task_latest_progress').select(['latest_percent', 'latest_report_date']).where('task_id', '=', taskId).executeTakeFirst();
}

describe('migration 002_task_latest_progress', () => {
  it('is the second step of the list', () => {
    expect(MIGRATIONS[1]).toBe(taskLatestProgressMigration);
    expect(taskLatestProgressMigration.version).toBe(2);
  });

  it('fills the table for the tasks of a version-1 file when it upgrades', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    const time = new ManualTime(Date.UTC(2016, 6, 1));
    const v1 = openTestLedger(file, { migrations: [initialMigration] });
    const ctx = writeContext(time);
    const unitId = await addUnit(v1.db, ctx, '区水利局');
    const taskId = await addTask(v1.db, ctx);
    await insertRow(v1.db, ctx, 'task_units', { task_id: taskId, unit_id: unitId, role: 'lead', contact_person: '', contact_phone: '', completed_on: null });
    await report(v1.db, ctx, taskId, unitId, '2016-06-30', 40);
    await report(v1.db, ctx, taskId, unitId, '2016-07-01', null);
    await v1.close();

    const v2 = openTestLedger(file, { migrations: [initialMigration, taskLatestProgressMigration] });
    expect(v2.schemaVersion).toBe(2);
    expect(v2.backupMade).not.toBeNull();
    expect(await latest(v2.db, taskId)).toEqual({ latest_percent: 40, latest_report_date: '2016-07-01' });
  });

  it('follows inserts, tombstones and role changes, preferring the lead unit', async () => {
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    const db = ledger.db;
    const lead = await addUnit(db, ctx, '区水利局');
    const assist = await addUnit(db, ctx, '丰惠镇');
    const taskId = await addTask(db, ctx);
    expect(await latest(db, taskId)).toBeUndefined();
    const leadLink = await insertRow(db, ctx, 'task_units', { task_id: taskId, unit_id: lead, role: 'lead', contact_person: '', contact_phone: '', completed_on: null });
    await insertRow(db, ctx, 'task_units', { task_id: taskId, unit_id: assist, role: 'assist', contact_person: '', contact_phone: '', completed_on: null });
    expect(await latest(db, taskId)).toEqual({ latest_percent: null, latest_report_date: null });

    await report(db, ctx, taskId, lead, '2016-06-01', 30);
    const assistReport = await report(db, ctx, taskId, assist, '2016-06-20', 90);
    // The lead unit's 30 % speaks for the task, though the assisting unit reported later.
    expect(await latest(db, taskId)).toEqual({ latest_percent: 30, latest_report_date: '2016-06-20' });

    await updateRow(db, ctx, 'task_units', leadLink, { role: 'assist' });
    expect((await latest(db, taskId))?.latest_percent).toBe(90);

    await tombstoneRow(db, ctx, 'progress_reports', assistReport);
    expect(await latest(db, taskId)).toEqual({ latest_percent: 30, latest_report_date: '2016-06-01' });
  });
});
