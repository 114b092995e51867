/**
 * 工作台: the numbers and lists an officer checks each morning, for one year of the ledger.
 *
 * Counted in SQL, grouped, never task by task in memory, in one pass over the year's tasks: 已办结 is completed_on
 * alone, and the percentages are looked up only for open tasks not yet due. The lists read each status's first tasks
 * in index order (ledger-query.ts `firstTasksWithStatus`).
 */
import { sql } from 'kysely';
import type { Dashboard, StatusCounts } from '../contract/types';
import { TASK_SOURCES, type TaskSource, type TaskStatus } from '../contract/vocabulary';
import { todayOf, type ServiceContext } from './context';
import { statusParamsOf } from './holidays';
import { NO_FILTER, firstTasksWithStatus, openStatusSql } from './ledger-query';

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

/** One grouped row: by source (role null) or by unit and role, for one status. */
interface GroupRow {
  by: 'source' | 'unit';
  key: string;
  role: string | null;
  status: TaskStatus;
  n: number;
}

export async function getDashboard(ctx: ServiceContext, requestedYear: number | null): Promise<Dashboard> {
  const db = ctx.ledger.db;
  const today = todayOf(ctx);
  const year = requestedYear ?? (await yearsInLedger(ctx))[0] ?? Number(today.slice(0, 4));
  const params = await statusParamsOf(ctx);

  // Every task of the year with its status, computed once per task (已办结 from completed_on alone, the others only
  // for open tasks: the percentages only for those not yet due), counted by source and by unit and role in one pass
  // over tasks_live_year_state (migration 009: year, source, completed_on, due_date, id), named. CROSS JOIN keeps the tasks as
  // the outer loop, their links looked up by task_id: left to itself SQLite reads every link of the ledger and probes
  // the year's tasks.
  const grouped = await sql<GroupRow>`
    WITH year_tasks AS MATERIALIZED (
      SELECT t.id, t.source, CASE WHEN t.completed_on IS NOT NULL THEN 'done' ELSE ${openStatusSql(params)} END AS status
        FROM tasks t INDEXED BY tasks_live_year_state
       WHERE t.deleted_hlc IS NULL AND t.year = ${year})
    SELECT 'source' AS by, o.source AS key, NULL AS role, o.status, count(*) AS n FROM year_tasks o GROUP BY o.source, o.status
    UNION ALL
    SELECT 'unit', tu.unit_id, tu.role, o.status, count(*) FROM year_tasks o
      CROSS JOIN task_units tu ON tu.task_id = o.id AND tu.deleted_hlc IS NULL
     GROUP BY tu.unit_id, tu.role, o.status`.execute(db);

  const totals = emptyCounts();
  const bySourceMap = new Map<TaskSource, StatusCounts>(TASK_SOURCES.map((s) => [s, emptyCounts()]));
  const unitCounts = new Map<string, { lead: number; assist: number } & StatusCounts>();
  const unitEntry = (unitId: string) => {
    let entry = unitCounts.get(unitId);
    if (!entry) unitCounts.set(unitId, (entry = { lead: 0, assist: 0, ...emptyCounts() }));
    return entry;
  };
  for (const row of grouped.rows) {
    const n = Number(row.n);
    const status = row.status as TaskStatus;
    if (row.by === 'source') {
      const counts = bySourceMap.get(row.key as TaskSource);
      if (!counts) continue;
      for (const c of [counts, totals]) {
        c.total += n;
        c[status] += n;
      }
    } else {
      const entry = unitEntry(row.key);
      entry.total += n;
      entry[status] += n;
      if (row.role === 'lead') entry.lead += n;
      else entry.assist += n;
    }
  }

  const withOpen = [...unitCounts.entries()].filter(([, u]) => u.total > u.done);
  const names = withOpen.length === 0
    ? new Map<string, string>()
    : new Map(
        (await db.selectFrom('units').select(['id', 'name']).where('id', 'in', withOpen.map(([id]) => id)).execute()).map((u) => [u.id, u.name]),
      );
  const byUnit = withOpen
    .map(([unitId, u]) => ({ unitId, unitName: names.get(unitId) ?? '', ...u }))
    .sort((a, b) => b.overdue - a.overdue || b.behind - a.behind || b.due_soon - a.due_soon || a.unitName.localeCompare(b.unitName, 'zh'));

  const LIST_LIMIT = 50;
  const filter = { ...NO_FILTER, year };
  const list = (status: TaskStatus) => firstTasksWithStatus(db, filter, status, params, LIST_LIMIT);

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
