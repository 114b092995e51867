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
 *
 * A page is chosen on `tasks` and its indexes alone — status filters and the status sort included, as predicates
 * (see "status as predicates" below) — and the computed columns are worked out for its rows only.
 */
import { CompiledQuery, sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database, TaskTable } from '../../db/schema';
import { countSearchHits, ftsPhraseQuery, splitSearchTerms, taskIdsMatchingSql } from '../../db/search';
import type { ParsedInput } from '../contract/channels';
import type { TaskRow } from '../contract/types';
import { TASK_STATUSES, type LedgerSortField, type TaskSource, type TaskStatus } from '../contract/vocabulary';

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

/** The planned percentage as of today of task `t`: that of its latest milestone due on or before today. */
function plannedPercentSql(params: StatusParams): RawBuilder<number | null> {
  return sql<number | null>`(
    SELECT m.planned_percent FROM milestones m
     WHERE m.task_id = t.id AND m.deleted_hlc IS NULL AND m.due_date <= ${params.today}
     ORDER BY m.due_date DESC, m.planned_percent DESC LIMIT 1)`;
}

/** The status of row `b`, which carries completed_on, due_date, planned_percent and latest_percent. */
function statusOfBSql(params: StatusParams): RawBuilder<TaskStatus> {
  return sql<TaskStatus>`CASE
    WHEN b.completed_on IS NOT NULL THEN 'done'
    WHEN b.due_date < ${params.today} THEN 'overdue'
    WHEN b.planned_percent IS NOT NULL AND b.planned_percent > coalesce(b.latest_percent, 0) THEN 'behind'
    WHEN b.due_date <= ${params.dueSoonCutoff} THEN 'due_soon'
    ELSE 'on_track' END`;
}

/**
 * Tasks matching the filter, each with latest_percent, planned_percent and status: every matching task's status
 * computed (统计分析 counts a year with it). A ledger page instead picks its rows first and computes them for those
 * rows only (`rowsOf`).
 */
export function filteredTasks(db: Kysely<Database>, filter: LedgerFilter, params: StatusParams) {
  let inner = db
    .selectFrom('tasks as t')
    // Kept by triggers (migration 002): one primary-key lookup instead of scanning the task's reports; joined
    // rather than asked twice, as the page also shows the latest report's date.
    .leftJoin('task_latest_progress as lp', 'lp.task_id', 't.id')
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
      'lp.latest_percent',
      'lp.latest_report_date',
      plannedPercentSql(params).as('planned_percent'),
    ]);
  inner = applyTaskFilter(inner as unknown as SelectQueryBuilder<TasksAsT, 't', object>, filter) as unknown as typeof inner;

  let outer = db
    .selectFrom(inner.as('b'))
    .selectAll('b')
    .select(statusOfBSql(params).as('status'));
  if (filter.statuses.length > 0) {
    const statuses = filter.statuses;
    outer = db.selectFrom(outer.as('s')).selectAll('s').where('s.status', 'in', statuses) as unknown as typeof outer;
  }
  return outer;
}

// ——— status as predicates on tasks ———
//
// Status depends on today, so it is never stored; but it need not be computed for every task either. By the rules
// above: 已办结 ⇔ completed_on IS NOT NULL; 逾期 ⇔ open and due_date < today; the three others concern open tasks
// due today or later only, and only 滞后 needs the planned and latest percentages. A status filter is therefore a
// WHERE on tasks (an index range of tasks_open_due / tasks_open_year_due, migration 009, for the open statuses),
// and the percentages are looked up only for the open tasks not yet due, the candidates for 滞后.
// tests/unit/services/ledger-status-paths.test.ts checks every status subset and sort against status.ts.

const LATEST_PERCENT = sql<number | null>`(SELECT lp.latest_percent FROM task_latest_progress lp WHERE lp.task_id = t.id)`;

/** The spans of tasks behind on `today` (task_behind_spans, migration 012), on a query that names them `s`. */
function behindTodaySql(p: StatusParams): RawBuilder<boolean> {
  return sql<boolean>`s.due_date >= ${p.today} AND s.from_date <= ${p.today} AND (s.until_date IS NULL OR s.until_date > ${p.today})`;
}

/**
 * 1 when the task is behind its plan today (planned percentage as of today above the latest reported one), else 0 —
 * for an open task due today or later (the other terms say so). Read from task_behind_spans (migration 012: the
 * dates each open task is behind, kept by triggers): the tasks behind today are one range of task_behind_spans_due,
 * worked out once per query, instead of a milestone and a percentage looked up for every candidate task.
 */
function behindSql(p: StatusParams): RawBuilder<number> {
  return sql<number>`t.id IN (SELECT s.task_id FROM task_behind_spans s WHERE ${behindTodaySql(p)})`;
}

const OPEN_STATUSES = ['overdue', 'behind', 'due_soon', 'on_track'] as const;

/**
 * The WHERE terms (to be AND-ed) selecting the tasks whose status is one of `statuses`; none when every status is
 * wanted. Open-only sets start with `completed_on IS NULL` as a term of its own, so the partial indexes of open
 * tasks apply.
 */
export function statusConditions(statuses: readonly TaskStatus[], p: StatusParams): RawBuilder<boolean>[] {
  const wanted = new Set(statuses);
  if (wanted.size === 0 || wanted.size === TASK_STATUSES.length) return [];
  const open = OPEN_STATUSES.filter((s) => wanted.has(s));
  if (open.length === 0) return [sql<boolean>`t.completed_on IS NOT NULL`];
  const openTerms = openStatusTerms(new Set(open), p);
  if (!wanted.has('done')) return [sql<boolean>`t.completed_on IS NULL`, ...openTerms];
  const openPart = openTerms.length > 0 ? sql.join(openTerms, sql` AND `) : sql`1`;
  return [sql<boolean>`(t.completed_on IS NOT NULL OR (t.completed_on IS NULL AND ${openPart}))`];
}

/** Terms on an open task for a non-empty set of open statuses. */
function openStatusTerms(open: ReadonlySet<TaskStatus>, p: StatusParams): RawBuilder<boolean>[] {
  const overdue = open.has('overdue');
  const behind = open.has('behind');
  const dueSoon = open.has('due_soon');
  const onTrack = open.has('on_track');
  const notYetDue: RawBuilder<boolean>[] = [];
  if (!(behind && dueSoon && onTrack)) {
    if (behind && dueSoon) notYetDue.push(sql<boolean>`(t.due_date <= ${p.dueSoonCutoff} OR ${behindSql(p)})`);
    else if (behind && onTrack) notYetDue.push(sql<boolean>`(t.due_date > ${p.dueSoonCutoff} OR ${behindSql(p)})`);
    else if (behind) notYetDue.push(sql<boolean>`${behindSql(p)}`);
    else {
      if (dueSoon && !onTrack) notYetDue.push(sql<boolean>`t.due_date <= ${p.dueSoonCutoff}`);
      if (onTrack && !dueSoon) notYetDue.push(sql<boolean>`t.due_date > ${p.dueSoonCutoff}`);
      notYetDue.push(sql<boolean>`NOT ${behindSql(p)}`);
    }
  }
  const anyNotYetDue = behind || dueSoon || onTrack;
  if (!anyNotYetDue) return [sql<boolean>`t.due_date < ${p.today}`];
  const notYetDuePart = [sql<boolean>`t.due_date >= ${p.today}`, ...notYetDue];
  if (!overdue) return notYetDuePart;
  if (notYetDue.length === 0) return []; // overdue + all three: every open task
  return [sql<boolean>`(t.due_date < ${p.today} OR (${sql.join(notYetDuePart, sql` AND `)}))`];
}

/**
 * The status of an open task (completed_on IS NULL), for a query over `tasks as t`: CASE stops at the first match, so
 * the percentages are looked up only for tasks not yet due.
 */
export function openStatusSql(p: StatusParams): RawBuilder<TaskStatus> {
  return sql<TaskStatus>`CASE
    WHEN t.due_date < ${p.today} THEN 'overdue'
    WHEN ${behindSql(p)} THEN 'behind'
    WHEN t.due_date <= ${p.dueSoonCutoff} THEN 'due_soon'
    ELSE 'on_track' END`;
}

/**
 * The ids of the first `limit` tasks with one status in the ledger's order (期限, then id) — the 工作台's lists. No
 * count: it reads the status's tasks in index order and stops at the limit.
 */
export async function firstTaskIdsWithStatus(
  db: Kysely<Database>,
  filter: LedgerFilter,
  status: TaskStatus,
  params: StatusParams,
  limit: number,
): Promise<string[]> {
  const rows = await tasksWithStatuses(db, filter, [status], params)
    .select('t.id')
    .orderBy('t.due_date')
    .orderBy('t.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** A year's tasks that are 滞后 today, in the ledger's order (期限, then id) — the 工作台 counts and lists them from this one pass. */
export async function behindTasksOfYear(
  db: Kysely<Database>,
  year: number,
  params: StatusParams,
): Promise<{ id: string; source: string; due_date: string }[]> {
  return tasksWithStatuses(db, { ...NO_FILTER, year }, ['behind'], params)
    .select(['t.id', 't.source', 't.due_date'])
    .orderBy('t.due_date')
    .orderBy('t.id')
    .execute();
}

/**
 * The lead and assisting links, for the 工作台's per-unit counts, of the year's tasks behind today: from the same
 * spans, each task's links read from task_unit_facts_task_links (migration 012) alone.
 */
export async function behindLinksOfYear(
  db: Kysely<Database>,
  year: number,
  params: StatusParams,
): Promise<{ unit_id: string; role: string; due_date: string }[]> {
  const { rows } = await sql<{ unit_id: string; role: string; due_date: string }>`
    SELECT f.unit_id, f.role, f.due_date
      FROM task_behind_spans AS s CROSS JOIN task_unit_facts AS f INDEXED BY task_unit_facts_task_links ON f.task_id = s.task_id
     WHERE ${behindTodaySql(params)} AND f.year = ${year}`.execute(db);
  return rows;
}

/** The lead or assisting units of task `t`, in the order they were linked, joined by 、. */
function unitNamesSql(role: 'lead' | 'assist'): RawBuilder<string | null> {
  return sql<string | null>`(
    SELECT group_concat(u.name, '、' ORDER BY tu.created_at, u.sort_order, tu.id)
      FROM task_units tu JOIN units u ON u.id = tu.unit_id
     WHERE tu.task_id = t.id AND tu.deleted_hlc IS NULL AND tu.role = ${role})`;
}

/**
 * Stand-ins for the values of `rowsOf`'s statement, compiled into its parameters once and replaced per call. They
 * cannot be values of their own: a date is `YYYY-MM-DD`, and the ids go in as a JSON array.
 */
const PAGE_TODAY = '\u0000today';
const PAGE_DUE_SOON_CUTOFF = '\u0000dueSoonCutoff';
const PAGE_IDS = '\u0000ids';

/** `rowsOf`'s statement, compiled once per connection: building it with Kysely cost a tenth of a page's time. */
const pageRowsStatements = new WeakMap<Kysely<Database>, CompiledQuery<PageRow>>();

function pageRowsStatement(db: Kysely<Database>): CompiledQuery<PageRow> {
  let compiled = pageRowsStatements.get(db);
  if (!compiled) {
    const stand = { today: PAGE_TODAY, dueSoonCutoff: PAGE_DUE_SOON_CUTOFF };
    compiled = sql<PageRow>`
    SELECT b.*, ${statusOfBSql(stand)} AS status FROM (
      SELECT page.key AS position, t.id, t.year, t.source, t.code, t.title, t.leader, t.due_date, t.completed_on,
             t.updated_at, lp.latest_percent, lp.latest_report_date, ${plannedPercentSql(stand)} AS planned_percent,
             ${unitNamesSql('lead')} AS lead_units, ${unitNamesSql('assist')} AS assist_units
        FROM json_each(${PAGE_IDS}) AS page
        JOIN tasks t ON t.id = page.value
        LEFT JOIN task_latest_progress lp ON lp.task_id = t.id
       WHERE t.deleted_hlc IS NULL) b
     ORDER BY b.position`.compile(db);
    pageRowsStatements.set(db, compiled);
  }
  return compiled;
}

/**
 * The computed columns and unit names of the given tasks (one page), in the given order: one statement with a
 * constant text whatever the page — the ids go in as one JSON array, read in order by json_each — so that a page
 * costs one prepared statement and no regrouping in JS.
 */
export async function rowsOf(db: Kysely<Database>, ids: readonly string[], params: StatusParams): Promise<TaskRow[]> {
  if (ids.length === 0) return [];
  const statement = pageRowsStatement(db);
  const values = new Map<unknown, unknown>([
    [PAGE_TODAY, params.today],
    [PAGE_DUE_SOON_CUTOFF, params.dueSoonCutoff],
    [PAGE_IDS, JSON.stringify(ids)],
  ]);
  const parameters = statement.parameters.map((p) => (values.has(p) ? values.get(p) : p));
  const { rows } = await db.executeQuery(CompiledQuery.raw(statement.sql, parameters) as CompiledQuery<PageRow>);
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    source: r.source as TaskSource,
    code: r.code,
    title: r.title,
    leader: r.leader,
    leadUnits: r.lead_units ?? '',
    assistUnits: r.assist_units ?? '',
    dueDate: r.due_date,
    completedOn: r.completed_on,
    status: r.status,
    latestPercent: r.latest_percent,
    latestReportDate: r.latest_report_date,
    plannedPercent: r.planned_percent,
    updatedAt: r.updated_at,
  }));
}

/** Order of statuses when sorting by status: most urgent first. */
const STATUS_RANK: readonly TaskStatus[] = ['overdue', 'behind', 'due_soon', 'on_track', 'done'];

/** Each term takes the sort's direction (编号 descending is longest first, not only the text reversed). */
const SORT_TERMS: Record<Exclude<LedgerSortField, 'status'>, ReturnType<typeof sql>[]> = {
  code: [sql`length(t.code)`, sql`t.code`],
  title: [sql`t.title`],
  due_date: [sql`t.due_date`],
  latest_percent: [sql`coalesce(${LATEST_PERCENT}, -1)`],
  updated_at: [sql`t.updated_at`],
  source: [sql`t.source`],
};

type Matching = SelectQueryBuilder<TasksAsT, 't', object>;

/**
 * `tasks as t`, named to be read through tasks_live_id (migration 009: id, code, due_date of live tasks) when the
 * filter finds its tasks by id — a unit's links or a search's hits, a few thousand ids at most: counting them and
 * sorting them by 编号 or 期限 then reads that small index instead of each task's whole row. Without statistics the
 * planner would take the unique index on id, which has none of those columns.
 */
function tasksFor(db: Kysely<Database>, filter: LedgerFilter) {
  return filter.unitId || filter.search
    ? db.selectFrom(sql`tasks AS t INDEXED BY tasks_live_id` as unknown as 'tasks as t')
    : db.selectFrom('tasks as t');
}

function matchingTasks(db: Kysely<Database>, filter: LedgerFilter, conditions: readonly RawBuilder<boolean>[]): Matching {
  let q = applyTaskFilter(tasksFor(db, filter).where('t.deleted_hlc', 'is', null), filter) as Matching;
  for (const c of conditions) q = q.where(c);
  return q;
}

/**
 * The tasks matching the filter whose status is one of `statuses` (all of them when empty). 滞后 alone is read from
 * the spans of tasks behind today — a few hundred in a 100,000-task ledger, at most one span per task on a given
 * day — each task then looked up by id and tested against the filter. CROSS JOIN keeps that order: without statistics
 * the planner would rather walk a year's open tasks not yet due (8,500 of them) and test each against the spans.
 * A span exists only for a live, open task, with the task's due date, so it also stands for 未办结 and 未到期.
 */
function tasksWithStatuses(db: Kysely<Database>, filter: LedgerFilter, statuses: readonly TaskStatus[], params: StatusParams): Matching {
  if (statuses.length !== 1 || statuses[0] !== 'behind') return matchingTasks(db, filter, statusConditions(statuses, params));
  const behindToday = db.selectFrom(sql`task_behind_spans AS s CROSS JOIN tasks AS t ON t.id = s.task_id` as unknown as 'tasks as t');
  return applyTaskFilter(behindToday.where('t.deleted_hlc', 'is', null), filter).where(behindTodaySql(params)) as Matching;
}

async function countOf(q: Matching): Promise<number> {
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function ledgerPage(
  db: Kysely<Database>,
  query: ParsedInput<'tasks.list'>,
  params: StatusParams,
): Promise<{ total: number; rows: TaskRow[] }> {
  const { total, ids } = query.sortField === 'status' ? await pageByStatus(db, query, params) : await pageBySortField(db, query, params);
  return { total, rows: await rowsOf(db, ids, params) };
}

/**
 * A page's LIMIT written into the statement rather than bound: SQLite plans a sort for a known number of rows
 * better (the ids of a year's page: 0.19 instead of 0.24 ms). The contract bounds it (1–500) and the 台账 always
 * asks for 100, so it makes no more than a few statement texts; the offset, which grows as the user scrolls, stays
 * bound.
 */
function pageLimitSql(limit: number): RawBuilder<number> {
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`page limit must be a positive integer: ${limit}`);
  return sql.lit(limit) as RawBuilder<number>;
}

/** The sort fields whose keys task_unit_facts carries (migration 013: 编号 and due date), each term as SORT_TERMS's. */
const UNIT_FACT_SORT_TERMS: Partial<Record<LedgerSortField, ReturnType<typeof sql>[]>> = {
  code: [sql`length(f.code)`, sql`f.code`],
  due_date: [sql`f.due_date`],
};

/** The unit and the facts' sort terms when the page is a unit's — the unit (and role, and year) the only filter, sorted by 编号 or 期限. */
function unitFactsPageOf(query: ParsedInput<'tasks.list'>): { unitId: string; terms: ReturnType<typeof sql>[] } | null {
  const terms = UNIT_FACT_SORT_TERMS[query.sortField];
  const unitOnly = !query.source && !query.leader && !query.dueFrom && !query.dueTo && !filterHasSearch(query) && query.statuses.length === 0;
  return terms && unitOnly && query.unitId !== null ? { unitId: query.unitId, terms } : null;
}

/**
 * A unit's page, counted and paged from task_unit_facts_unit (migration 013) alone: the facts hold every live link
 * of a live task with the task's year, 编号 and due date, so no task is looked up until the page's rows. Grouped by
 * task: a task may link a unit twice (as lead and assisting, or twice after a merge).
 */
async function unitFactsPage(db: Kysely<Database>, query: ParsedInput<'tasks.list'>, unitId: string, terms: ReturnType<typeof sql>[]) {
  const { role, year } = query;
  const facts = db
    .selectFrom('task_unit_facts as f')
    .where('f.unit_id', '=', unitId)
    .$if(role !== null, (qb) => qb.where('f.role', '=', role as string))
    .$if(year !== null, (qb) => qb.where('f.year', '=', year as number));
  const direction = query.sortOrder === 'desc' ? sql`DESC` : sql`ASC`;
  const counted = await facts.select(sql<number>`count(DISTINCT f.task_id)`.as('n')).executeTakeFirstOrThrow();
  const rows = await facts
    .select('f.task_id as id')
    .groupBy('f.task_id')
    .orderBy(sql.join(terms.map((term) => sql`${term} ${direction}`)))
    .$if(query.sortField !== 'due_date', (qb) => qb.orderBy('f.due_date'))
    .orderBy('f.task_id')
    .limit(pageLimitSql(query.limit))
    .offset(query.offset)
    .execute();
  return { total: Number(counted.n), ids: rows.map((r) => r.id) };
}

/** The sort fields whose keys task_search_keys carries (migration 014), each term as SORT_TERMS's. */
const SEARCH_KEY_SORT_TERMS: Partial<Record<LedgerSortField, ReturnType<typeof sql>[]>> = {
  code: [sql`length(k.code)`, sql`k.code`],
  due_date: [sql`k.due_date`],
};

/**
 * The full-text query and the keys' sort terms when the page is a search whose every term is indexed, filtered by
 * nothing the keys do not carry (year, source, due-date range: what the 台账's toolbar sets), sorted by 编号 or 期限.
 */
function searchKeysPageOf(query: ParsedInput<'tasks.list'>): { phrase: string; terms: ReturnType<typeof sql>[] } | null {
  const terms = SEARCH_KEY_SORT_TERMS[query.sortField];
  const otherFilter = query.leader || query.unitId !== null || query.statuses.length > 0;
  if (!terms || !filterHasSearch(query) || otherFilter) return null;
  const { indexed, scanned } = splitSearchTerms(query.search);
  return indexed.length > 0 && scanned.length === 0 ? { phrase: ftsPhraseQuery(indexed), terms } : null;
}

/**
 * A search's page sorted on task_search_keys (migration 014): each hit's task, year, source and sort keys are one
 * row found by the hit's document id, so no task is looked up until the page's rows. The index holds one document
 * per live task, so every hit is a live task, once. A search alone is counted inside the full-text index; with a
 * filter the page counts its rows in its own pass (only a page past the end needs the count on its own).
 */
async function searchKeysPage(db: Kysely<Database>, query: ParsedInput<'tasks.list'>, phrase: string, terms: ReturnType<typeof sql>[]) {
  const direction = query.sortOrder === 'desc' ? sql`DESC` : sql`ASC`;
  const filters = [
    ...(query.year !== null ? [sql`k.year = ${query.year}`] : []),
    ...(query.source ? [sql`k.source = ${query.source}`] : []),
    ...(query.dueFrom ? [sql`k.due_date >= ${query.dueFrom}`] : []),
    ...(query.dueTo ? [sql`k.due_date <= ${query.dueTo}`] : []),
  ];
  const indexCount = filters.length === 0 ? await countSearchHits(db, query.search) : null;
  // CROSS JOIN keeps the hits first: the keys are read by document id, never scanned.
  const hits = sql`FROM task_search AS s CROSS JOIN task_search_keys AS k ON k.doc_id = s.rowid
     WHERE task_search MATCH ${phrase}${sql.join(filters.map((f) => sql` AND ${f}`), sql``)}`;
  const { rows } = await sql<{ id: string; total?: number }>`
    SELECT k.task_id AS id${indexCount === null ? sql`, count(*) OVER () AS total` : sql``} ${hits}
     ORDER BY ${sql.join(terms.map((term) => sql`${term} ${direction}`))}${query.sortField !== 'due_date' ? sql`, k.due_date` : sql``}, k.task_id
     LIMIT ${pageLimitSql(query.limit)} OFFSET ${query.offset}`.execute(db);
  const ids = rows.map((r) => r.id);
  if (indexCount !== null) return { total: indexCount, ids };
  if (rows[0]?.total !== undefined) return { total: Number(rows[0].total), ids };
  const counted = await sql<{ n: number }>`SELECT count(*) AS n ${hits}`.execute(db);
  return { total: Number(counted.rows[0]?.n ?? 0), ids };
}

/** Filter, count and page on `tasks` and its indexes; the page's computed columns are worked out afterwards. */
async function pageBySortField(db: Kysely<Database>, query: ParsedInput<'tasks.list'>, params: StatusParams) {
  const ofUnit = unitFactsPageOf(query);
  if (ofUnit) return unitFactsPage(db, query, ofUnit.unitId, ofUnit.terms);
  const ofSearch = searchKeysPageOf(query);
  if (ofSearch) return searchKeysPage(db, query, ofSearch.phrase, ofSearch.terms);
  const matching = tasksWithStatuses(db, query, query.statuses, params);
  const sortField = query.sortField as Exclude<LedgerSortField, 'status'>;
  const direction = query.sortOrder === 'desc' ? sql`DESC` : sql`ASC`;
  // With a search, every hit is looked up and sorted whatever the LIMIT. A search alone whose terms all go through
  // the trigram index is counted inside the index (one document per live task), without looking up any hit; any
  // other search counts its rows in the page's own pass (a window count) rather than matching and looking up again.
  // Only a page past the end (no row to carry the count) needs the count on its own.
  const indexCount = isSearchOnly(query) ? await countSearchHits(db, query.search) : null;
  const countInPage = filterHasSearch(query) && indexCount === null;
  const total = indexCount ?? (countInPage ? 0 : await countOf(matching));
  const rows = await matching
    .select('t.id')
    .$if(countInPage, (qb) => qb.select(sql<number>`count(*) OVER ()`.as('total')))
    .orderBy(sql.join(SORT_TERMS[sortField].map((term) => sql`${term} ${direction}`)))
    // Ties: 期限, then id. Sorting by 期限 it is not repeated, so the order is exactly tasks_live_due's
    // (due_date, id) and the page is read in index order, stopping at the LIMIT (a repeated term defeats that).
    .$if(sortField !== 'due_date', (qb) => qb.orderBy('t.due_date'))
    .orderBy('t.id')
    .limit(pageLimitSql(query.limit))
    .offset(query.offset)
    .execute();
  const ids = rows.map((r) => r.id);
  if (!countInPage) return { total, ids };
  const first = rows[0] as { total?: number } | undefined;
  return { total: first?.total !== undefined ? Number(first.total) : await countOf(matching), ids };
}

/** A search and no other filter. */
function isSearchOnly(query: ParsedInput<'tasks.list'>): boolean {
  const otherFilter = query.source || query.year !== null || query.leader || query.dueFrom || query.dueTo || query.unitId !== null || query.statuses.length > 0;
  return filterHasSearch(query) && !otherFilter;
}

function filterHasSearch(filter: LedgerFilter): boolean {
  return Boolean(filter.search); // the same test as applyTaskFilter's
}

/**
 * Sorted by status (ties: 期限, then id, whatever the direction): the statuses are read one after the other in rank
 * order, each in (期限, id) order — an index order for the open ones — instead of ranking every matching task.
 * Each wanted status is counted (the total is their sum, 已办结 the matching tasks minus the open ones), then only
 * the statuses the page overlaps are read, each with its own LIMIT/OFFSET.
 */
async function pageByStatus(db: Kysely<Database>, query: ParsedInput<'tasks.list'>, params: StatusParams) {
  const wanted = query.statuses.length > 0 ? new Set(query.statuses) : new Set(STATUS_RANK);
  const order = (query.sortOrder === 'desc' ? [...STATUS_RANK].reverse() : STATUS_RANK).filter((s) => wanted.has(s));
  const counts = new Map<TaskStatus, number>();
  for (const status of order) {
    if (status === 'done') continue;
    counts.set(status, await countOf(tasksWithStatuses(db, query, [status], params)));
  }
  if (wanted.has('done')) {
    const all = await countOf(matchingTasks(db, query, []));
    const open = await countOf(matchingTasks(db, query, [sql<boolean>`t.completed_on IS NULL`]));
    counts.set('done', all - open);
  }
  const ids: string[] = [];
  let skip = query.offset;
  for (const status of order) {
    const n = counts.get(status) ?? 0;
    if (ids.length >= query.limit) break;
    if (skip >= n) {
      skip -= n;
      continue;
    }
    const rows = await tasksWithStatuses(db, query, [status], params)
      .select('t.id')
      .orderBy('t.due_date')
      .orderBy('t.id')
      .limit(query.limit - ids.length)
      .offset(skip)
      .execute();
    skip = 0;
    for (const r of rows) ids.push(r.id);
  }
  let total = 0;
  for (const n of counts.values()) total += n;
  return { total, ids };
}

type PageRow = {
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
  latest_report_date: string | null;
  planned_percent: number | null;
  lead_units: string | null;
  assist_units: string | null;
  status: TaskStatus;
};
