/**
 * The ledger query: tasks filtered, with their computed columns, sorted and paged — in SQL, so
 * that filtering and sorting by status work over the whole ledger in the database rather than
 * in memory, and the renderer only ever receives one page.
 *
 * Computed columns (same rules as `status.ts` `taskStatus`; a unit test checks they agree):
 * - latest_percent: the newest reported percentage, a lead unit's report preferred over an
 *   assisting unit's (the lead unit answers for the task as a whole).
 * - planned_percent: the planned percentage of the latest milestone due on or before today.
 * - status: done > overdue > behind > due_soon > on_track, "due soon" being
 *   `due_date <= dueSoonCutoff` (the last date within N working days of today).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
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

/** Tasks matching the filter, each with latest_percent, planned_percent and status. */
export function filteredTasks(db: Kysely<Database>, filter: LedgerFilter, params: StatusParams) {
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
      sql<number | null>`(
        SELECT p.percent FROM progress_reports p
        WHERE p.task_id = t.id AND p.deleted_hlc IS NULL AND p.percent IS NOT NULL
        ORDER BY EXISTS (
          SELECT 1 FROM task_units lu
          WHERE lu.task_id = p.task_id AND lu.unit_id = p.unit_id AND lu.role = 'lead' AND lu.deleted_hlc IS NULL
        ) DESC, p.report_date DESC, p.created_at DESC
        LIMIT 1)`.as('latest_percent'),
      sql<number | null>`(
        SELECT m.planned_percent FROM milestones m
        WHERE m.task_id = t.id AND m.deleted_hlc IS NULL AND m.due_date <= ${params.today}
        ORDER BY m.due_date DESC, m.planned_percent DESC LIMIT 1)`.as('planned_percent'),
    ]);
  if (filter.source) inner = inner.where('t.source', '=', filter.source);
  if (filter.year !== null) inner = inner.where('t.year', '=', filter.year);
  if (filter.leader) inner = inner.where('t.leader', '=', filter.leader);
  if (filter.dueFrom) inner = inner.where('t.due_date', '>=', filter.dueFrom);
  if (filter.dueTo) inner = inner.where('t.due_date', '<=', filter.dueTo);
  if (filter.unitId) {
    const unitId = filter.unitId;
    const role = filter.role;
    inner = inner.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('task_units as tu')
          .select(sql`1`.as('one'))
          .whereRef('tu.task_id', '=', 't.id')
          .where('tu.unit_id', '=', unitId)
          .where('tu.deleted_hlc', 'is', null)
          .$if(role !== null, (qb) => qb.where('tu.role', '=', role as string)),
      ),
    );
  }
  if (filter.search) {
    inner = inner.where(sql<boolean>`t.id IN ${taskIdsMatchingSql(filter.search)}`);
  }

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

export async function ledgerPage(
  db: Kysely<Database>,
  query: ParsedInput<'tasks.list'>,
  params: StatusParams,
): Promise<{ total: number; rows: TaskRow[] }> {
  const base = filteredTasks(db, query, params);
  const totalRow = await db
    .selectFrom(base.as('f'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const direction = query.sortOrder === 'desc' ? sql`DESC` : sql`ASC`;
  const sortExpr = SORT_EXPR[query.sortField];
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
export async function withUnitNames(db: Kysely<Database>, rows: FilteredRow[]): Promise<TaskRow[]> {
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
    .selectFrom('progress_reports')
    .where('task_id', 'in', ids)
    .where('deleted_hlc', 'is', null)
    .groupBy('task_id')
    .select(['task_id', (eb) => eb.fn.max('report_date').as('latest')])
    .execute();
  const latestByTask = new Map(reportDates.map((r) => [r.task_id, r.latest as string]));
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
