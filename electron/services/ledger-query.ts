/**
 * The ledger query: tasks filtered, with their computed columns, sorted and paged — in SQL, so
 * that filtering and sorting by status work over the whole ledger in the database rather than
 * in memory, and the renderer only ever receives one page.
 *
 * Computed columns (same rules as `status.ts` `taskStatus`; a unit test checks they agree):
 * - latest_percent: the newest reported percentage, a lead unit's report preferred over an
 *   assisting unit's (the lead unit answers for the task as a whole); kept in task_latest_progress.
 * - planned_percent: the planned percentage of the latest milestone due on or before today.
 * - status: done > overdue > behind > due_soon > on_track, "due soon" being
 *   `due_date <= dueSoonCutoff` (the last date within N working days of today).
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database, TaskTable } from '../../db/schema';
import { taskIdsMatchingSql } from '../../db/search';
import type { ParsedInput } from '../contract/channels';
import type { TaskRow } from '../contract/types';
import type { LedgerSortField, TaskSource, TaskStatus } from '../contract/vocabulary';

export interface StatusParams {
  today: string;
  dueSoonCutoff: string;
}

export type LedgerFilter = Pick<
  ParsedInput<'tasks.list'>,
  'source' | 'year' | 'unitId' | 'role' | 'statuses' | 'leader' | 'dueFrom' | 'dueTo' | 'search'
>;

export const NO_FILTER: LedgerFilter = {
  source: null,
  year: null,
  unitId: null,
  role: null,
  statuses: [],
  leader: null,
  dueFrom: null,
  dueTo: null,
  search: '',
};

/** The filters that need no computed column, on a query over `tasks as t`. */
type TasksAsT = Database & { t: TaskTable };

function applyTaskFilter<O>(qb: SelectQueryBuilder<TasksAsT, 't', O>, filter: LedgerFilter): SelectQueryBuilder<TasksAsT, 't', O> {
  let q = qb;
  if (filter.source) q = q.where('t.source', '=', filter.source);
  if (filter.year !== null) q = q.where('t.year', '=', filter.year);
  if (filter.leader) q = q.where('t.leader', '=', filter.leader);
  if (filter.dueFrom) q = q.where('t.due_date', '>=', filter.dueFrom);
  if (filter.dueTo) q = q.where('t.due_date', '<=', filter.dueTo);
  if (filter.unitId) {
    const unitId = filter.unitId;
    const role = filter.role;
    // `IN`, not a correlated EXISTS: the unit's links are found through task_units_unit_role and the tasks looked
    // up by id, instead of every task being tried against the unit (tests/unit/db/query-plans.test.ts).
    q = q.where('t.id', 'in', (eb) =>
      eb
        .selectFrom('task_units as tu')
        .select('tu.task_id')
        .where('tu.unit_id', '=', unitId)
        .where('tu.deleted_hlc', 'is', null)
        .$if(role !== null, (sub) => sub.where('tu.role', '=', role as string)),
    );
  }
  if (filter.search) q = q.where(sql<boolean>`t.id IN ${taskIdsMatchingSql(filter.search)}`);
  return q;
}

/**
 * Tasks matching the filter, each with latest_percent, planned_percent and status.
 * `onlyIds` restricts it to a page already chosen, so the computed columns are worked out for
 * those rows only.
 */
export function filteredTasks(db: Kysely<Database>, filter: LedgerFilter, params: StatusParams, onlyIds?: readonly string[]) {
  let inner = db
    .selectFrom('tasks as t')
    .where('t.deleted_hlc', 'is', null)
    .select([
      't.id',
      't.year',
      't.source',
      't.code',
      't.title',
      't.leader',
      't.due_date',
      't.completed_on',
      't.updated_at',
      // Kept by triggers (migration 002): one primary-key lookup instead of scanning the task's reports.
      sql<number | null>`(SELECT lp.latest_percent FROM task_latest_progress lp WHERE lp.task_id = t.id)`.as('latest_percent'),
      sql<number | null>`(
        SELECT m.planned_percent FROM milestones m
        WHERE m.task_id = t.id AND m.deleted_hlc IS NULL AND m.due_date <= ${params.today}
        ORDER BY m.due_date DESC, m.planned_percent DESC LIMIT 1)`.as('planned_percent'),
    ]);
  inner = applyTaskFilter(inner, filter);
  if (onlyIds) inner = inner.where('t.id', 'in', onlyIds.length > 0 ? [...onlyIds] : ['']);

  let outer = db
    .selectFrom(inner.as('b'))
    .selectAll('b')
    .select(
      sql<TaskStatus>`CASE
        WHEN b.completed_on IS NOT NULL THEN 'done'
        WHEN b.due_date < ${params.today} THEN 'overdue'
        WHEN b.planned_percent IS NOT NULL AND b.planned_percent > coalesce(b.latest_percent, 0) THEN 'behind'
        WHEN b.due_date <= ${params.dueSoonCutoff} THEN 'due_soon'
        ELSE 'on_track' END`.as('status'),
    );
  if (filter.statuses.length > 0) {
    const statuses = filter.statuses;
    outer = db.selectFrom(outer.as('s')).selectAll('s').where('s.status', 'in', statuses) as unknown as typeof outer;
  }
  return outer;
}

/** Order of statuses when sorting by status: most urgent first. */
const STATUS_RANK = sql`CASE status WHEN 'overdue' THEN 0 WHEN 'behind' THEN 1 WHEN 'due_soon' THEN 2 WHEN 'on_track' THEN 3 ELSE 4 END`;

const SORT_EXPR: Record<LedgerSortField, ReturnType<typeof sql>> = {
  code: sql`length(code), code`,
  title: sql`title`,
  due_date: sql`due_date`,
  status: STATUS_RANK,
  latest_percent: sql`coalesce(latest_percent, -1)`,
  updated_at: sql`updated_at`,
  source: sql`source`,
};

/** Sorts that need the computed columns of every matching row; the others sort on `tasks` alone. */
const COMPUTED_SORTS: ReadonlySet<LedgerSortField> = new Set(['status', 'latest_percent']);

export async function ledgerPage(
  db: Kysely<Database>,
  query: ParsedInput<'tasks.list'>,
  params: StatusParams,
): Promise<{ total: number; rows: TaskRow[] }> {
  const direction = query.sortOrder === 'desc' ? sql`DESC` : sql`ASC`;
  const sortExpr = SORT_EXPR[query.sortField];
  if (query.statuses.length === 0 && !COMPUTED_SORTS.has(query.sortField)) {
    // Filter, count and page on `tasks` and its indexes; compute status for the page's rows only.
    const matching = applyTaskFilter(db.selectFrom('tasks as t').where('t.deleted_hlc', 'is', null), query);
    const totalRow = await matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const pageIds = await matching
      .select('t.id')
      .orderBy(sql`${sortExpr} ${direction}`)
      // Ties: 期限, then id. Sorting by 期限 it is not repeated, so the order is exactly tasks_live_due's
      // (due_date, id) and the page is read in index order, stopping at the LIMIT (a repeated term defeats that).
      .$if(query.sortField !== 'due_date', (qb) => qb.orderBy('t.due_date'))
      .orderBy('t.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    const ids = pageIds.map((r) => r.id);
    const computed = await filteredTasks(db, NO_FILTER, params, ids).selectAll().execute();
    const byId = new Map(computed.map((r) => [r.id, r]));
    const ordered = ids.map((id) => byId.get(id)).filter((r): r is FilteredRow => r !== undefined);
    return { total: Number(totalRow.n), rows: await withUnitNames(db, ordered) };
  }
  const base = filteredTasks(db, query, params);
  const totalRow = await db
    .selectFrom(base.as('f'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const page = await db
    .selectFrom(base.as('f'))
    .selectAll('f')
    .orderBy(sql`${sortExpr} ${direction}`)
    .orderBy('f.due_date')
    .orderBy('f.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { total: Number(totalRow.n), rows: await withUnitNames(db, page) };
}

type FilteredRow = {
  id: string;
  year: number;
  source: string;
  code: string;
  title: string;
  leader: string;
  due_date: string;
  completed_on: string | null;
  updated_at: string;
  latest_percent: number | null;
  planned_percent: number | null;
  status: TaskStatus;
};

/** Adds lead/assist unit names and the latest report date for one page of rows (one query). */
export async function withUnitNames(db: Kysely<Database>, rows: readonly FilteredRow[]): Promise<TaskRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = await db
    .selectFrom('task_units as tu')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .where('tu.task_id', 'in', ids)
    .where('tu.deleted_hlc', 'is', null)
    .select(['tu.task_id', 'tu.role', 'u.name'])
    .orderBy('tu.created_at')
    .orderBy('u.sort_order')
    .execute();
  const reportDates = await db
    .selectFrom('task_latest_progress')
    .where('task_id', 'in', ids)
    .select(['task_id', 'latest_report_date'])
    .execute();
  const latestByTask = new Map(reportDates.map((r) => [r.task_id, r.latest_report_date]));
  const names = new Map<string, { lead: string[]; assist: string[] }>();
  for (const link of links) {
    const entry = names.get(link.task_id) ?? { lead: [], assist: [] };
    (link.role === 'lead' ? entry.lead : entry.assist).push(link.name);
    names.set(link.task_id, entry);
  }
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    source: r.source as TaskSource,
    code: r.code,
    title: r.title,
    leader: r.leader,
    leadUnits: names.get(r.id)?.lead.join('、') ?? '',
    assistUnits: names.get(r.id)?.assist.join('、') ?? '',
    dueDate: r.due_date,
    completedOn: r.completed_on,
    status: r.status,
    latestPercent: r.latest_percent,
    latestReportDate: latestByTask.get(r.id) ?? null,
    plannedPercent: r.planned_percent,
    updatedAt: r.updated_at,
  }));
}
