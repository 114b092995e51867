import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../../db/connection';
import { taskBehindSpansMigration } from '../../../../db/migrations/012_task_behind_spans';
import { MIGRATIONS } from '../../../../db/migrations/index';
import { insertRow, tombstoneRow, updateRow, type WriteContext } from '../../../../db/repository';
import type { Database } from '../../../../db/schema';
import { mergeInto } from '../../../../db/sync/merge';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';
import { addTask, addUnit, link } from './ledger-rows';

async function addMilestone(db: Kysely<Database>, ctx: WriteContext, taskId: string, dueDate: string, planned: number): Promise<string> {
  return insertRow(db, ctx, 'milestones', { task_id: taskId, label: '', due_date: dueDate, planned_percent: planned, description: '' });
}

async function report(db: Kysely<Database>, ctx: WriteContext, taskId: string, unitId: string, date: string, percent: number): Promise<string> {
  return insertRow(db, ctx, 'progress_reports', {
    task_id: taskId, unit_id: unitId, period: '', report_date: date, percent, stage: '', done_text: '已推进', problems: '', next_steps: '',
    no_change: 0, reporter: '',
  });
}

interface Span {
  task_id: string;
  from_date: string;
  until_date: string | null;
  due_date: string;
}

function spans(sqlite: BetterSqlite3.Database): Span[] {
  return sqlite.prepare('SELECT task_id, from_date, until_date, due_date FROM task_behind_spans ORDER BY task_id, from_date').all() as Span[];
}

interface TaskFacts {
  id: string;
  due_date: string;
  open: boolean;
  latest: number;
  /** live milestones: due date → the highest planned percentage due that day */
  plan: Map<string, number>;
}

/** Each live task's due date, whether it is open, its latest percentage and its plan, read in JS from the synced rows. */
function taskFacts(sqlite: BetterSqlite3.Database): TaskFacts[] {
  const tasks = sqlite
    .prepare(
      `SELECT t.id, t.due_date, t.completed_on IS NULL AS open, coalesce(lp.latest_percent, 0) AS latest
         FROM tasks t LEFT JOIN task_latest_progress lp ON lp.task_id = t.id WHERE t.deleted_hlc IS NULL ORDER BY t.id`,
    )
    .all() as { id: string; due_date: string; open: number; latest: number }[];
  const milestones = sqlite.prepare('SELECT task_id, due_date, planned_percent FROM milestones WHERE deleted_hlc IS NULL').all() as {
    task_id: string;
    due_date: string;
    planned_percent: number;
  }[];
  return tasks.map((t) => {
    const plan = new Map<string, number>();
    for (const m of milestones.filter((m) => m.task_id === t.id)) plan.set(m.due_date, Math.max(plan.get(m.due_date) ?? 0, m.planned_percent));
    return { id: t.id, due_date: t.due_date, open: t.open === 1, latest: t.latest, plan };
  });
}

/** What the table must hold, worked out in JS: per open task, each milestone date whose plan is above the latest percentage. */
function expectedSpans(sqlite: BetterSqlite3.Database): Span[] {
  const expected: Span[] = [];
  for (const t of taskFacts(sqlite)) {
    if (!t.open) continue;
    const dates = [...t.plan.keys()].sort();
    dates.forEach((date, i) => {
      if (t.plan.get(date)! > t.latest && date <= t.due_date) expected.push({ task_id: t.id, from_date: date, until_date: dates[i + 1] ?? null, due_date: t.due_date });
    });
  }
  return expected.sort((a, b) => (a.task_id === b.task_id ? a.from_date.localeCompare(b.from_date) : a.task_id.localeCompare(b.task_id)));
}

/** The tasks behind on `day` by the spans (the ledger's query, ledger-query.ts `behindSql`). */
function behindBySpans(sqlite: BetterSqlite3.Database, day: string): string[] {
  return (
    sqlite
      .prepare(
        `SELECT DISTINCT s.task_id FROM task_behind_spans s
          WHERE s.due_date >= @day AND s.from_date <= @day AND (s.until_date IS NULL OR s.until_date > @day) ORDER BY s.task_id`,
      )
      .all({ day }) as { task_id: string }[]
  ).map((r) => r.task_id);
}

/** The tasks behind on `day` by status.ts's rule: open, not yet due, plan of the latest milestone due by then above the latest percentage. */
function behindByRule(sqlite: BetterSqlite3.Database, day: string): string[] {
  return taskFacts(sqlite)
    .filter((t) => {
      if (!t.open || t.due_date < day) return false;
      const reached = [...t.plan.keys()].filter((d) => d <= day).sort();
      const latestMilestone = reached[reached.length - 1];
      return latestMilestone !== undefined && t.plan.get(latestMilestone)! > t.latest;
    })
    .map((t) => t.id)
    .sort();
}

const DAYS = ['2016-03-30', '2016-03-31', '2016-04-01', '2016-06-29', '2016-06-30', '2016-07-01', '2016-09-30', '2016-10-15', '2016-12-31', '2017-01-01'];

function expectConsistent(sqlite: BetterSqlite3.Database): void {
  expect(spans(sqlite)).toEqual(expectedSpans(sqlite));
  for (const day of DAYS) expect(behindBySpans(sqlite, day), day).toEqual(behindByRule(sqlite, day));
}

describe('migration 012_task_behind_spans', () => {
  it('is the twelfth step of the list', () => {
    expect(MIGRATIONS[11]).toBe(taskBehindSpansMigration);
    expect(taskBehindSpansMigration.version).toBe(12);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(12);
  });

  it('upgrades a version-11 file with data, backing it up first: open live tasks behind their plan only', async () => {
    const file = join(tempDir(), 'ledger.db');
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    const v11 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 11) });
    const water = await addUnit(v11.db, ctx, '区水利局');
    const behind = await addTask(v11.db, ctx, { code: '1', year: 2016, dueDate: '2016-12-31' });
    await link(v11.db, ctx, behind, water, 'lead');
    await addMilestone(v11.db, ctx, behind, '2016-03-31', 20);
    await addMilestone(v11.db, ctx, behind, '2016-06-30', 50);
    await addMilestone(v11.db, ctx, behind, '2016-06-30', 40); // the same day: the higher plan counts
    await addMilestone(v11.db, ctx, behind, '2016-12-31', 100);
    await report(v11.db, ctx, behind, water, '2016-05-10', 30);
    const done = await addTask(v11.db, ctx, { code: '2', year: 2016, dueDate: '2016-12-31' });
    await addMilestone(v11.db, ctx, done, '2016-06-30', 50);
    await updateRow(v11.db, ctx, 'tasks', done, { completed_on: '2016-06-20' });
    const gone = await addTask(v11.db, ctx, { code: '3', year: 2016, dueDate: '2016-12-31' });
    await addMilestone(v11.db, ctx, gone, '2016-06-30', 50);
    await tombstoneRow(v11.db, ctx, 'tasks', gone);
    const late = await addTask(v11.db, ctx, { code: '4', year: 2016, dueDate: '2016-05-31' });
    await addMilestone(v11.db, ctx, late, '2016-04-30', 30);
    await addMilestone(v11.db, ctx, late, '2016-06-30', 60); // after the due date: the task is 逾期 then, never 滞后
    const dropped = await addMilestone(v11.db, ctx, late, '2016-05-15', 90);
    await tombstoneRow(v11.db, ctx, 'milestones', dropped);
    await v11.close();

    const v12 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 12) });
    expect(v12.schemaVersion).toBe(12);
    expect(v12.backupMade).not.toBeNull();
    // Latest 30 %: behind from 30 June (plan 50) to the end, not on 31 March (plan 20); `late` behind from 30 April.
    expect(spans(v12.sqlite)).toEqual(
      [
        { task_id: behind, from_date: '2016-06-30', until_date: '2016-12-31', due_date: '2016-12-31' },
        { task_id: behind, from_date: '2016-12-31', until_date: null, due_date: '2016-12-31' },
        { task_id: late, from_date: '2016-04-30', until_date: '2016-06-30', due_date: '2016-05-31' },
      ].sort((a, b) => (a.task_id === b.task_id ? a.from_date.localeCompare(b.from_date) : a.task_id.localeCompare(b.task_id))),
    );
    expectConsistent(v12.sqlite);
    expect(v12.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await v12.close();
  });

  it('follows every write of tasks, milestones and reports through the repository', async () => {
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    const db = ledger.db;
    const check = () => expectConsistent(ledger.sqlite);
    const water = await addUnit(db, ctx, '区水利局');
    const money = await addUnit(db, ctx, '区财政局');
    const task = await addTask(db, ctx, { code: '1', year: 2016, dueDate: '2016-12-31' });
    check();
    const q1 = await addMilestone(db, ctx, task, '2016-03-31', 25);
    const q2 = await addMilestone(db, ctx, task, '2016-06-30', 50);
    await addMilestone(db, ctx, task, '2016-09-30', 75);
    check();
    expect(spans(ledger.sqlite)).toHaveLength(3); // nothing reported yet: behind from the first milestone on
    await link(db, ctx, task, water, 'lead');
    await link(db, ctx, task, money, 'assist');
    await report(db, ctx, task, money, '2016-04-02', 60); // an assisting unit's percentage counts while the lead has none
    check();
    await report(db, ctx, task, water, '2016-04-05', 30); // the lead unit's report is preferred
    check();
    await updateRow(db, ctx, 'milestones', q2, { planned_percent: 20 });
    check();
    await updateRow(db, ctx, 'milestones', q1, { due_date: '2016-07-15' });
    check();
    await tombstoneRow(db, ctx, 'milestones', q1);
    check();
    await updateRow(db, ctx, 'tasks', task, { due_date: '2016-08-31' });
    check();
    await updateRow(db, ctx, 'tasks', task, { completed_on: '2016-08-20' });
    check();
    expect(spans(ledger.sqlite)).toEqual([]);
    await updateRow(db, ctx, 'tasks', task, { completed_on: null, title: '重新打开' });
    check();
    const other = await addTask(db, ctx, { code: '2', year: 2016, dueDate: '2016-12-31' });
    await link(db, ctx, other, water, 'lead');
    await report(db, ctx, other, water, '2016-05-01', 40); // reported before it has any milestone: no spans yet
    check();
    await addMilestone(db, ctx, other, '2016-06-30', 30);
    check();
    await updateRow(db, ctx, 'milestones', q2, { task_id: other, planned_percent: 80 });
    check();
    await tombstoneRow(db, ctx, 'tasks', other);
    check();
    expect(spans(ledger.sqlite).some((s) => s.task_id === other)).toBe(false);
    await ledger.close();
  });

  it('follows a merge that writes a task\'s milestones and reports before the task itself', async () => {
    const time = new ManualTime(Date.UTC(2016, 6, 1));
    const a = openTestLedger(join(tempDir(), 'a.db'));
    const b = openTestLedger(join(tempDir(), 'b.db'));
    const onA = writeContext(time, '张三', '01890a5d-ac96-774b-bcce-b302099a8057');
    const water = await addUnit(a.db, onA, '区水利局');
    const task = await addTask(a.db, onA, { code: '1', year: 2016, dueDate: '2016-12-31' });
    await link(a.db, onA, task, water, 'lead');
    await addMilestone(a.db, onA, task, '2016-06-30', 50);
    await addMilestone(a.db, onA, task, '2016-09-30', 80);
    await report(a.db, onA, task, water, '2016-06-01', 60);

    // The merge rebuilds records in table-name order: milestones and progress_reports before tasks.
    mergeInto(b.sqlite, a.sqlite, { sourcePeerId: 'a', now: new Date(Date.UTC(2016, 6, 2)) });
    expectConsistent(b.sqlite);
    expect(spans(b.sqlite)).toEqual([{ task_id: task, from_date: '2016-09-30', until_date: null, due_date: '2016-12-31' }]);

    await report(a.db, onA, task, water, '2016-10-08', 90);
    mergeInto(b.sqlite, a.sqlite, { sourcePeerId: 'a', now: new Date(Date.UTC(2016, 9, 9)) });
    expect(spans(b.sqlite)).toEqual([]);
    expect(spans(b.sqlite)).toEqual(spans(a.sqlite));
    expectConsistent(b.sqlite);
    await a.close();
    await b.close();
  });
});
