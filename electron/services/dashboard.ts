/** 工作台: the numbers and lists an officer checks each morning, for one year of the ledger. */
import type { Dashboard, StatusCounts } from '../contract/types';
import { TASK_SOURCES, type TaskSource, type TaskStatus } from '../contract/vocabulary';
import { todayOf, type ServiceContext } from './context';
import { statusParamsOf } from './holidays';
import { NO_FILTER, filteredTasks, withUnitNames } from './ledger-query';

const emptyCounts = (): StatusCounts => ({ total: 0, done: 0, overdue: 0, behind: 0, due_soon: 0, on_track: 0 });

function add(counts: StatusCounts, status: TaskStatus, n: number): void {
  counts.total += n;
  counts[status] += n;
}

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

export async function getDashboard(ctx: ServiceContext, requestedYear: number | null): Promise<Dashboard> {
  const db = ctx.ledger.db;
  const today = todayOf(ctx);
  const year = requestedYear ?? (await yearsInLedger(ctx))[0] ?? Number(today.slice(0, 4));
  const params = await statusParamsOf(ctx);
  const filter = { ...NO_FILTER, year };
  // One pass computes every task's status for the year; everything below is counted from it.
  const yearTasks = await filteredTasks(db, filter, params).selectAll().execute();
  const statusById = new Map(yearTasks.map((t) => [t.id, t.status]));

  const totals = emptyCounts();
  const bySourceMap = new Map<TaskSource, StatusCounts>(TASK_SOURCES.map((s) => [s, emptyCounts()]));
  for (const t of yearTasks) {
    const counts = bySourceMap.get(t.source as TaskSource);
    if (!counts) continue;
    add(counts, t.status, 1);
    add(totals, t.status, 1);
  }

  const links = await db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .where('tu.deleted_hlc', 'is', null)
    .where('t.deleted_hlc', 'is', null)
    .where('t.year', '=', year)
    .select(['tu.task_id', 'tu.role', 'u.id as unit_id', 'u.name as unit_name'])
    .execute();
  const byUnitMap = new Map<string, Dashboard['byUnit'][number]>();
  for (const link of links) {
    const status = statusById.get(link.task_id);
    if (!status) continue;
    const entry = byUnitMap.get(link.unit_id) ?? { unitId: link.unit_id, unitName: link.unit_name, lead: 0, assist: 0, ...emptyCounts() };
    add(entry, status, 1);
    if (link.role === 'lead') entry.lead += 1;
    else entry.assist += 1;
    byUnitMap.set(link.unit_id, entry);
  }
  const byUnit = [...byUnitMap.values()]
    .filter((u) => u.total > u.done)
    .sort((a, b) => b.overdue - a.overdue || b.behind - a.behind || b.due_soon - a.due_soon || a.unitName.localeCompare(b.unitName, 'zh'));

  const LIST_LIMIT = 50;
  const list = (status: TaskStatus) =>
    withUnitNames(
      db,
      yearTasks
        .filter((t) => t.status === status)
        .sort((a, b) => a.due_date.localeCompare(b.due_date) || a.id.localeCompare(b.id))
        .slice(0, LIST_LIMIT),
    );

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
    overdue: await list('overdue'),
    dueSoon: await list('due_soon'),
    behind: await list('behind'),
    recentReports: Number(recent.n),
  };
}
