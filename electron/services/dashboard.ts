/** 工作台: the numbers and lists an officer checks each morning, for one year of the ledger. */
import type { Dashboard, StatusCounts } from '../contract/types';
import { TASK_SOURCES, type TaskSource, type TaskStatus } from '../contract/vocabulary';
import { todayOf, type ServiceContext } from './context';
import { statusParamsOf } from './holidays';
import { NO_FILTER, filteredTasks, ledgerPage } from './ledger-query';

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
  const yearTasks = filteredTasks(db, filter, params);

  const bySourceRows = await db
    .selectFrom(yearTasks.as('f'))
    .select(['f.source', 'f.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['f.source', 'f.status'])
    .execute();
  const totals = emptyCounts();
  const bySourceMap = new Map<TaskSource, StatusCounts>(TASK_SOURCES.map((s) => [s, emptyCounts()]));
  for (const r of bySourceRows) {
    const counts = bySourceMap.get(r.source as TaskSource);
    if (!counts) continue;
    add(counts, r.status, Number(r.n));
    add(totals, r.status, Number(r.n));
  }

  const byUnitRows = await db
    .selectFrom(yearTasks.as('f'))
    .innerJoin('task_units as tu', 'tu.task_id', 'f.id')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .where('tu.deleted_hlc', 'is', null)
    .select(['u.id as unit_id', 'u.name as unit_name', 'tu.role', 'f.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['u.id', 'u.name', 'tu.role', 'f.status'])
    .execute();
  const byUnitMap = new Map<string, Dashboard['byUnit'][number]>();
  for (const r of byUnitRows) {
    const entry = byUnitMap.get(r.unit_id) ?? { unitId: r.unit_id, unitName: r.unit_name, lead: 0, assist: 0, ...emptyCounts() };
    const n = Number(r.n);
    add(entry, r.status, n);
    if (r.role === 'lead') entry.lead += n;
    else entry.assist += n;
    byUnitMap.set(r.unit_id, entry);
  }
  const byUnit = [...byUnitMap.values()]
    .filter((u) => u.total > u.done)
    .sort((a, b) => b.overdue - a.overdue || b.behind - a.behind || b.due_soon - a.due_soon || a.unitName.localeCompare(b.unitName, 'zh'));

  const list = async (status: TaskStatus) =>
    (
      await ledgerPage(
        db,
        { ...filter, statuses: [status], sortField: 'due_date', sortOrder: 'asc', offset: 0, limit: 50 },
        params,
      )
    ).rows;

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
