/**
 * 工作台: the numbers and lists an officer checks each morning, for one year of the ledger.
 *
 * Counted in SQL from covering indexes read in group order, never task by task in memory: by source over the year's
 * tasks, by unit over task_unit_facts (migration 011). 已办结, 逾期, 临期 and 正常 are sums over completion and due
 * date; 滞后 (today's planned percentage above the latest reported one) is read once from the spans of tasks behind
 * today (migration 012), and those tasks and their links are moved into it. The lists read each status's first
 * tasks in index order (ledger-query.ts `firstTaskIdsWithStatus`); the 滞后 list is the first of the tasks already
 * found; the three lists' rows are then read in one statement.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Dashboard, StatusCounts } from '../contract/types';
import { TASK_SOURCES, UNIT_ROLES, type TaskSource } from '../contract/vocabulary';
import { todayOf, type ServiceContext } from './context';
import { statusParamsOf } from './holidays';
import { NO_FILTER, behindLinksOfYear, behindTasksOfYear, firstTaskIdsWithStatus, rowsOf } from './ledger-query';

const emptyCounts = (): StatusCounts => ({ total: 0, done: 0, overdue: 0, behind: 0, due_soon: 0, on_track: 0 });

export async function yearsInLedger(ctx: ServiceContext): Promise<number[]> {
  const rows = await ctx.ledger.db
    .selectFrom('tasks')
    .select('year')
    .distinct()
    .where('deleted_hlc', 'is', null)
    .orderBy('year', 'desc')
    .execute();
  const current = Number(todayOf(ctx).slice(0, 4));
  const years = rows.map((r) => r.year);
  if (!years.includes(current)) years.unshift(current);
  return years.sort((a, b) => b - a);
}

/** One group's tasks by status, 滞后 not yet told apart (it is counted under 临期 or 正常 by due date). */
interface DateCountsRow {
  key: string;
  /** the unit's name (per unit only) */
  name: string | null;
  role: string | null;
  done: number;
  overdue: number;
  due_soon: number;
  on_track: number;
}

export async function getDashboard(ctx: ServiceContext, requestedYear: number | null): Promise<Dashboard> {
  const db = ctx.ledger.db;
  const today = todayOf(ctx);
  const year = requestedYear ?? (await yearsInLedger(ctx))[0] ?? Number(today.slice(0, 4));
  const params = await statusParamsOf(ctx);

  // Every status but 滞后 is a predicate on completion and due date (ledger-query.ts), so the counts are ranges of
  // covering indexes, never a status computed per task: per source, four counted ranges of tasks_live_year_state
  // (migration 009: year, source, completed_on, due_date) — counting a range steps through the index without
  // evaluating anything; summing expressions over every task of the year took ten times as long. Open tasks not
  // yet due are counted under 临期 or 正常 by due date here…
  const sources = sql.join(TASK_SOURCES.map((source) => sql`SELECT ${source} AS source`), sql` UNION ALL `);
  const tasksIn = (range: RawBuilder<unknown>) =>
    sql`(SELECT count(*) FROM tasks t INDEXED BY tasks_live_year_state
          WHERE t.deleted_hlc IS NULL AND t.year = ${year} AND t.source = source_list.source AND ${range})`;
  const bySourceRows = await sql<DateCountsRow>`
    SELECT source_list.source AS key, NULL AS name, NULL AS role,
           ${tasksIn(sql`t.completed_on IS NOT NULL`)} AS done,
           ${tasksIn(sql`t.completed_on IS NULL AND t.due_date < ${params.today}`)} AS overdue,
           ${tasksIn(sql`t.completed_on IS NULL AND t.due_date >= ${params.today} AND t.due_date <= ${params.dueSoonCutoff}`)} AS due_soon,
           ${tasksIn(sql`t.completed_on IS NULL AND t.due_date >= ${params.today} AND t.due_date > ${params.dueSoonCutoff}`)} AS on_track
      FROM (${sources}) source_list`.execute(db);
  // The same per unit and role, over task_unit_facts_year_unit (migration 011: year, unit, role, done, due date).
  const roles = sql.join(UNIT_ROLES.map((role) => sql`SELECT ${role} AS role`), sql` UNION ALL `);
  const linksIn = (range: RawBuilder<unknown>) =>
    sql`(SELECT count(*) FROM task_unit_facts f WHERE f.year = ${year} AND f.unit_id = u.id AND f.role = role_list.role AND ${range})`;
  const byUnitRows = await sql<DateCountsRow>`
    SELECT u.id AS key, u.name, role_list.role,
           ${linksIn(sql`f.done = 1`)} AS done,
           ${linksIn(sql`f.done = 0 AND f.due_date < ${params.today}`)} AS overdue,
           ${linksIn(sql`f.done = 0 AND f.due_date >= ${params.today} AND f.due_date <= ${params.dueSoonCutoff}`)} AS due_soon,
           ${linksIn(sql`f.done = 0 AND f.due_date >= ${params.today} AND f.due_date > ${params.dueSoonCutoff}`)} AS on_track
      FROM units u CROSS JOIN (${roles}) role_list`.execute(db);
  // …and the year's 滞后 tasks and their links, read from the spans of tasks behind today, are moved from there.
  const behindTasks = await behindTasksOfYear(db, year, params);
  const behindLinks = behindTasks.length === 0 ? [] : await behindLinksOfYear(db, year, params);

  const totals = emptyCounts();
  const bySourceMap = new Map<TaskSource, StatusCounts>(TASK_SOURCES.map((s) => [s, emptyCounts()]));
  const unitCounts = new Map<string, { unitName: string; lead: number; assist: number } & StatusCounts>();
  const unitEntry = (unitId: string, unitName: string) => {
    let entry = unitCounts.get(unitId);
    if (!entry) unitCounts.set(unitId, (entry = { unitName, lead: 0, assist: 0, ...emptyCounts() }));
    return entry;
  };
  /** Adds a row's counts; returns how many tasks (or links) it holds. */
  const add = (counts: StatusCounts, row: DateCountsRow): number => {
    let total = 0;
    for (const key of ['done', 'overdue', 'due_soon', 'on_track'] as const) {
      counts[key] += Number(row[key]);
      total += Number(row[key]);
    }
    counts.total += total;
    return total;
  };
  /** One 滞后 task (or link) counted under 临期 or 正常 by its due date: moved to 滞后. */
  const moveToBehind = (counts: StatusCounts, dueDate: string) => {
    counts[dueDate <= params.dueSoonCutoff ? 'due_soon' : 'on_track'] -= 1;
    counts.behind += 1;
  };
  for (const row of bySourceRows.rows) {
    add(bySourceMap.get(row.key as TaskSource)!, row);
    add(totals, row);
  }
  for (const task of behindTasks) {
    const counts = bySourceMap.get(task.source as TaskSource);
    if (!counts) continue;
    moveToBehind(counts, task.due_date);
    moveToBehind(totals, task.due_date);
  }
  for (const row of byUnitRows.rows) {
    if (Number(row.done) + Number(row.overdue) + Number(row.due_soon) + Number(row.on_track) === 0) continue;
    const entry = unitEntry(row.key, row.name ?? '');
    const total = add(entry, row);
    if (row.role === 'lead') entry.lead += total;
    else entry.assist += total;
  }
  // A behind link's unit has that link among its counted ones, so its entry exists.
  for (const link of behindLinks) {
    const entry = unitCounts.get(link.unit_id);
    if (entry) moveToBehind(entry, link.due_date);
  }

  const byUnit = [...unitCounts.entries()]
    .filter(([, u]) => u.total > u.done)
    .map(([unitId, u]) => ({ unitId, ...u }))
    .sort((a, b) => b.overdue - a.overdue || b.behind - a.behind || b.due_soon - a.due_soon || a.unitName.localeCompare(b.unitName, 'zh'));

  const LIST_LIMIT = 50;
  const filter = { ...NO_FILTER, year };
  const overdueIds = await firstTaskIdsWithStatus(db, filter, 'overdue', params, LIST_LIMIT);
  const dueSoonIds = await firstTaskIdsWithStatus(db, filter, 'due_soon', params, LIST_LIMIT);
  const behindIds = behindTasks.slice(0, LIST_LIMIT).map((t) => t.id);
  // One statement for the three lists' rows, handed back to each list by id.
  const listRows = new Map((await rowsOf(db, [...overdueIds, ...dueSoonIds, ...behindIds], params)).map((row) => [row.id, row]));
  const rowsOfList = (ids: readonly string[]) => ids.flatMap((id) => listRows.get(id) ?? []);

  const weekAgo = new Date(`${today}T00:00:00Z`);
  weekAgo.setUTCDate(weekAgo.getUTCDate() - 7);
  const recent = await db
    .selectFrom('progress_reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_hlc', 'is', null)
    .where('report_date', '>', weekAgo.toISOString().slice(0, 10))
    .executeTakeFirstOrThrow();

  return {
    today,
    year,
    totals,
    bySource: TASK_SOURCES.map((source) => ({ source, ...(bySourceMap.get(source) ?? emptyCounts()) })),
    byUnit,
    overdue: rowsOfList(overdueIds),
    dueSoon: rowsOfList(dueSoonIds),
    behind: rowsOfList(behindIds),
    recentReports: Number(recent.n),
  };
}
