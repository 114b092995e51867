import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../../db/connection';
import { taskUnitsLookupMigration } from '../../../../db/migrations/008_task_units_lookup';
import { MIGRATIONS } from '../../../../db/migrations/index';
import { insertRow, type WriteContext } from '../../../../db/repository';
import type { Database } from '../../../../db/schema';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';

async function addUnit(db: Kysely<Database>, ctx: WriteContext, name: string): Promise<string> {
  return insertRow(db, ctx, 'units', {
    name, short_name: '', kind: 'department', leader_name: '', leader_phone: '', director_name: '', director_phone: '',
    liaison_name: '', liaison_phone: '', sort_order: 0, active: 1,
  });
}

async function addTask(db: Kysely<Database>, ctx: WriteContext, code: string): Promise<string> {
  return insertRow(db, ctx, 'tasks', {
    year: 2016, source: 'livelihood', code, title: '农村饮用水提标', content: '', source_ref: '', source_date: '', leader: '',
    assigned_date: '2016-02-01', time_limit_value: null, time_limit_unit: null, due_date: '2016-12-31', rhythm: 'monthly',
    parent_id: null, completed_on: null, note: '',
  });
}

async function link(db: Kysely<Database>, ctx: WriteContext, taskId: string, unitId: string, role: 'lead' | 'assist') {
  await insertRow(db, ctx, 'task_units', { task_id: taskId, unit_id: unitId, role, contact_person: '', contact_phone: '', completed_on: null });
}

async function report(db: Kysely<Database>, ctx: WriteContext, taskId: string, unitId: string, date: string, percent: number) {
  await insertRow(db, ctx, 'progress_reports', {
    task_id: taskId, unit_id: unitId, period: '', report_date: date, percent, stage: '', done_text: '进展', problems: '',
    next_steps: '', no_change: 0, reporter: '',
  });
}

function indexNames(sqlite: BetterSqlite3.Database): string[] {
  return (sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'task_units' AND sql IS NOT NULL ORDER BY name`).pluck().all() as string[]);
}

/** The lead-link lookup of migration 002's triggers, as SQLite plans it. */
function leadLookupPlan(sqlite: BetterSqlite3.Database): string[] {
  const rows = sqlite
    .prepare(
      `EXPLAIN QUERY PLAN SELECT p.percent FROM progress_reports p
        WHERE p.task_id = ? AND p.deleted_hlc IS NULL AND p.percent IS NOT NULL
        ORDER BY EXISTS (SELECT 1 FROM task_units lu WHERE lu.task_id = p.task_id AND lu.unit_id = p.unit_id
                                                      AND lu.role = 'lead' AND lu.deleted_hlc IS NULL) DESC,
                 p.report_date DESC LIMIT 1`,
    )
    .all('x') as { detail: string }[];
  return rows.map((r) => r.detail);
}

describe('migration 008_task_units_lookup', () => {
  it('is the eighth step of the list', () => {
    expect(MIGRATIONS[7]).toBe(taskUnitsLookupMigration);
    expect(taskUnitsLookupMigration.version).toBe(8);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(8);
  });

  it('replaces task_units_task_id with the (task, unit, role) index, and the lead lookup uses it', () => {
    const v7 = openTestLedger(join(tempDir(), 'v7.db'), { migrations: MIGRATIONS.slice(0, 7) });
    expect(indexNames(v7.sqlite)).toEqual(['task_units_task_id', 'task_units_unit_role']);
    expect(leadLookupPlan(v7.sqlite).join('\n')).toContain('task_units_unit_role');

    const v8 = openTestLedger(join(tempDir(), 'v8.db'), { migrations: MIGRATIONS.slice(0, 8) });
    expect(indexNames(v8.sqlite)).toEqual(['task_units_task_unit_role', 'task_units_unit_role']);
    const plan = leadLookupPlan(v8.sqlite).join('\n');
    expect(plan).toContain('COVERING INDEX task_units_task_unit_role (task_id=? AND unit_id=? AND role=? AND deleted_hlc=?)');
    expect(plan).not.toContain('task_units_unit_role');
  });

  it('upgrades a version-7 file with data, backing it up first, and the triggers still keep the latest progress', async () => {
    const file = join(tempDir(), 'ledger.db');
    const time = new ManualTime(Date.UTC(2016, 6, 1));
    const ctx = writeContext(time);
    const v7 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 7) });
    const lead = await addUnit(v7.db, ctx, '区水利局');
    const assist = await addUnit(v7.db, ctx, '区财政局');
    const taskId = await addTask(v7.db, ctx, '1');
    await link(v7.db, ctx, taskId, lead, 'lead');
    await link(v7.db, ctx, taskId, assist, 'assist');
    await report(v7.db, ctx, taskId, lead, '2016-06-30', 40);
    await v7.close();

    const v8 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 8) });
    expect(v8.schemaVersion).toBe(8);
    expect(v8.backupMade).not.toBeNull();
    expect(v8.sqlite.prepare('SELECT count(*) FROM task_units').pluck().get()).toBe(2);
    // A newer report of the assisting unit does not replace the lead unit's figure; a newer lead report does.
    await report(v8.db, ctx, taskId, assist, '2016-07-10', 90);
    const latest = () => v8.sqlite.prepare('SELECT latest_percent, latest_report_date FROM task_latest_progress WHERE task_id = ?').get(taskId);
    expect(latest()).toEqual({ latest_percent: 40, latest_report_date: '2016-07-10' });
    await report(v8.db, ctx, taskId, lead, '2016-07-15', 60);
    expect(latest()).toEqual({ latest_percent: 60, latest_report_date: '2016-07-15' });
    expect(v8.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
