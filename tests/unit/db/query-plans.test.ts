/**
 * Every query the ledger's main screens run is served by an index (issue 8). The test asserts plans, not times:
 * on a demo ledger it captures the SQL that the real services send (a Kysely over the same connection with a
 * `log` hook, and `prepare` watched for the sync merge, which uses better-sqlite3 directly), runs
 * `EXPLAIN QUERY PLAN` on each with its own parameters and checks:
 * - a big table is never read by a plain `SCAN` (a full pass over its rows) nor by a non-covering search on
 *   `deleted_hlc IS NULL` alone (the same pass, plus a look-up per row); the few whole-ledger reads that are the
 *   work itself (computed status, sorts on other columns, one- or two-character search) are listed with reasons;
 * - the ledger's default sort (期限, ascending) is read in index order, with no temporary B-tree;
 * - the page's computed columns look its tasks up by id, and the unit filter starts from the unit's links.
 * Small tables (units, settings, holidays …) may be scanned: they hold tens of rows.
 *
 * Both without planner statistics (the app never runs ANALYZE or `PRAGMA optimize`, so that is every real
 * ledger today; the planner then takes every table as large) and with them, on the demo scaled up 31 times to a
 * few thousand tasks over five years (the demo alone is so small that a scan is the right plan for everything).
 * Each plan is printed, so a reader sees what the planner chose.
 */
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../db/connection';
import type { Database } from '../../../db/schema';
import { searchTaskIds } from '../../../db/search';
import { mergeInto } from '../../../db/sync/merge';
import { dispatch } from '../../../electron/services/dispatch';
import { handlers } from '../../../electron/services/handlers';
import type { ServiceContext } from '../../../electron/services/context';
import type { Channel, ChannelInput, ChannelOutput } from '../../../electron/contract/channels';
import type { Result } from '../../../electron/contract/types';
import { LEDGER_SORT_FIELDS } from '../../../electron/contract/vocabulary';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

/** Tables of a few dozen rows at most: a full scan of them is cheaper than any index. */
const SMALL_TABLES = new Set(['units', 'u', 'settings', 'holiday_overrides', 'local_meta', 'sync_state', 'merge_incoming', 'temp.merge_incoming', 'temp.sqlite_master']);
/**
 * Names of query results, not tables: `page` the ids of one ledger page (json_each, ledger-query.ts `rowsOf`), `devices` the sync merge's recursive list of devices, `role_list` and `source_list` the 工作台's unit roles and task
 * sources (SELECT 'lead' UNION ALL SELECT 'assist' …: each a CONSTANT ROW).
 */
const DERIVED = new Set(['page', 'devices', 'role_list', 'source_list', 'CONSTANT']);

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

interface Captured {
  label: string;
  sql: string;
  plan: PlanRow[];
}

function explain(sqlite: BetterSqlite3.Database, sql: string, parameters: readonly unknown[]): PlanRow[] {
  return sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...parameters) as PlanRow[];
}

function formatPlan(plan: readonly PlanRow[]): string {
  const depth = new Map<number, number>([[0, 0]]);
  return plan
    .map((row) => {
      const d = (depth.get(row.parent) ?? 0) + 1;
      depth.set(row.id, d);
      return `${'  '.repeat(d)}${row.detail}`;
    })
    .join('\n');
}

/**
 * Plan lines that read a big table row by row: a `SCAN` not through an index, or a non-covering `SEARCH` whose only
 * constraint is `deleted_hlc IS NULL` (nearly every row is live: a full pass with a table look-up per row).
 */
function fullScansOfBigTables(plan: readonly PlanRow[]): string[] {
  return plan
    .map((row) => row.detail)
    .filter((detail) => {
      if (/^SEARCH \S+ USING INDEX \S+ \(deleted_hlc=\?\)$/.test(detail)) return true;
      const match = /^SCAN (\S+)(?: AS (\S+))?(.*)$/.exec(detail);
      if (!match) return false;
      const [, table, alias, rest] = match as unknown as [string, string, string | undefined, string];
      if (SMALL_TABLES.has(table) || (alias && SMALL_TABLES.has(alias)) || DERIVED.has(table)) return false;
      // FTS5 virtual table access and subquery results are not table scans.
      if (rest.includes('VIRTUAL TABLE') || table.startsWith('(')) return false;
      return !/USING (COVERING )?INDEX/.test(rest);
    });
}

/**
 * Reading every live row is the work itself here, not a missing index (checked against the scans the plans show,
 * so an entry that is no longer needed is noticed: see the last test).
 */
const WHOLE_LEDGER: Record<string, { table: string; why: string }> = {
  'ledger: sort title desc': { table: 't', why: 'a whole-ledger sort by 标题 reads every live task' },
  'ledger: sort updated_at desc': { table: 't', why: 'a whole-ledger sort by 更新时间 reads every live task' },
  'ledger: search (short term)': { table: 'd', why: 'a one- or two-character term cannot use the trigram index: LIKE over the live tasks\' texts (db/search.ts)' },
};

function allowed(label: string, scan: string): boolean {
  const entry = WHOLE_LEDGER[label];
  return entry !== undefined && new RegExp(`^SCAN ${entry.table}\\b`).test(scan);
}

const SELECT_RE = /^\s*(select|with)\b/i;

/** The tables copied to make the demo ledger the size of a real one, parents first. */
const SCALED_TABLES = ['documents', 'document_exports', 'obligations', 'tasks', 'task_units', 'milestones', 'progress_reports', 'supervision_actions', 'extension_requests'];
/** Columns holding the id of a copied row: they point at the same copy. */
const ID_COLUMNS = new Set(['id', 'task_id', 'parent_id', 'document_id', 'supersedes_id']);

/**
 * Adds `copies` copies of the demo's tasks, documents and their children (spread over the four years before), so the
 * statistics describe a ledger of a few thousand tasks rather than the demo's hundred, where every plan is a scan.
 */
function scaleUp(sqlite: BetterSqlite3.Database, copies: number): void {
  sqlite.pragma('foreign_keys = OFF');
  sqlite.transaction(() => {
    for (let k = 1; k <= copies; k += 1) {
      for (const table of SCALED_TABLES) {
        const columns = (sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
        const back = k % 5; // years back
        const values = columns.map((c) => {
          if (ID_COLUMNS.has(c)) return `${c} || '-${k}'`;
          if (c === 'year') return `year - ${back}`;
          // Dates and times ('2026-…') move back with the year.
          return `CASE WHEN typeof(${c}) = 'text' AND ${c} GLOB '[0-9][0-9][0-9][0-9]-*' THEN printf('%04d', substr(${c}, 1, 4) - ${back}) || substr(${c}, 5) ELSE ${c} END`;
        });
        sqlite.exec(`INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM ${table} WHERE id NOT LIKE '%-%-%-%-%-%'`);
      }
    }
  })();
  sqlite.pragma('foreign_keys = ON');
}

describe.each([
  { stats: false, title: 'without planner statistics (a ledger never closed yet)' },
  { stats: true, title: 'with planner statistics (after ANALYZE)' },
])('query plans of the main queries, $title', ({ stats }) => {
  let t: TempLedger;
  let captured: Captured[] = [];
  let label = '';

  beforeAll(async () => {
    t = await openTempLedger('2026-11-26');
    await t.ok('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: true });
    const sqlite = t.ctx.ledger.sqlite;
    const someTask = (await t.ok('tasks.list', { limit: 1 })).rows[0]!;
    const someUnit = (await t.ok('units.list', {}))[0]!;
    const leader = (await t.ok('tasks.leaders', {}))[0]!;
    if (stats) {
      scaleUp(sqlite, 30);
      sqlite.exec('ANALYZE');
    }
    const logging = new Kysely<Database>({
      dialect: new SqliteDialect({ database: { prepare: (s: string) => sqlite.prepare(s), close: () => undefined } }),
      log(event) {
        if (event.level !== 'query' || !SELECT_RE.test(event.query.sql)) return;
        captured.push({ label, sql: event.query.sql, plan: explain(sqlite, event.query.sql, event.query.parameters) });
      },
    });
    const ctx: ServiceContext = { ...t.ctx, ledger: { ...t.ctx.ledger, db: logging } };
    const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
      const result = (await dispatch(handlers, ctx, channel, input, (err) => {
        throw err;
      })) as Result<ChannelOutput<C>>;
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value;
    };
    const run = async (name: string, body: () => Promise<unknown>) => {
      label = name;
      await body();
    };


    await run('ledger: default sort', () => call('tasks.list', {}));
    for (const sortField of LEDGER_SORT_FIELDS) {
      await run(`ledger: sort ${sortField} desc`, () => call('tasks.list', { sortField, sortOrder: 'desc' }));
    }
    await run('ledger: year', () => call('tasks.list', { year: 2026 }));
    await run('ledger: year + source', () => call('tasks.list', { year: 2026, source: someTask.source }));
    await run('ledger: source', () => call('tasks.list', { source: someTask.source }));
    await run('ledger: unit', () => call('tasks.list', { unitId: someUnit.id }));
    await run('ledger: unit + role', () => call('tasks.list', { unitId: someUnit.id, role: 'lead' }));
    await run('ledger: unit + role + year by code', () => call('tasks.list', { unitId: someUnit.id, role: 'lead', year: 2026, sortField: 'code' }));
    await run('ledger: unit + source', () => call('tasks.list', { unitId: someUnit.id, source: someTask.source }));
    await run('ledger: statuses', () => call('tasks.list', { statuses: ['overdue', 'behind'] }));
    await run('ledger: overdue by status', () => call('tasks.list', { statuses: ['overdue'], sortField: 'status' }));
    await run('ledger: year + overdue, behind by status', () => call('tasks.list', { year: 2026, statuses: ['overdue', 'behind'], sortField: 'status' }));
    await run('ledger: done', () => call('tasks.list', { statuses: ['done'] }));
    await run('search ids', () => searchTaskIds(logging, '百官街道'));
    await run('ledger: leader', () => call('tasks.list', { leader }));
    await run('ledger: due range', () => call('tasks.list', { dueFrom: '2026-01-01', dueTo: '2026-06-30' }));
    await run('ledger: search (trigram)', () => call('tasks.list', { search: '百官街道' }));
    await run('ledger: search (short term)', () => call('tasks.list', { search: '百官' }));
    await run('ledger: search (trigram) + year', () => call('tasks.list', { search: '百官街道', year: 2026 }));
    await run('ledger: search (trigram) by title', () => call('tasks.list', { search: '百官街道', sortField: 'title' }));
    await run('ledger: search (trigram) + leader', () => call('tasks.list', { search: '百官街道', leader: '王副区长' }));
    await run('leaders', () => call('tasks.leaders', {}));
    await run('dashboard', () => call('dashboard.get', { year: 2026 }));
    await run('task detail', () => call('tasks.get', { id: someTask.id }));
    await run('units list', () => call('units.list', { includeInactive: true }));
    await run('documents list', () => call('documents.list', {}));
    await run('documents list: year + type', () => call('documents.list', { year: 2026, type: 'supervision_notice' }));
    await run('feedback overview', () => call('feedback.overview', { year: 2026 }));
    await run('feedback of unit', () => call('feedback.ofUnit', { year: 2026, unitId: someUnit.id }));
    await run('chase list', () => call('chase.list', { year: 2026 }));
    await run('chase list of unit', () => call('chase.list', { year: 2026, unitId: someUnit.id }));

    // The sync merge runs on the raw connections: watch what they prepare, and explain it there and then
    // (its temporary table exists only while it runs).
    const target: Ledger = openLedger(path.join(t.dir, 'other.db'));
    label = 'sync merge';
    for (const db of [sqlite, target.sqlite]) {
      const original = db.prepare.bind(db);
      db.prepare = ((source: string) => {
        const statement = original(source);
        if (SELECT_RE.test(source)) {
          const parameters = Array.from({ length: (source.match(/\?/g) ?? []).length }, () => null);
          captured.push({ label, sql: source, plan: original(`EXPLAIN QUERY PLAN ${source}`).all(...parameters) as PlanRow[] });
        }
        return statement;
      }) as typeof db.prepare;
    }
    mergeInto(target.sqlite, sqlite, { sourcePeerId: t.ctx.write.deviceId, now: new Date() });
    mergeInto(sqlite, target.sqlite, { sourcePeerId: target.deviceId!, now: new Date() });
    await target.close();
  }, 120_000);

  afterAll(async () => {
    await t.close();
    captured = [];
  });

  it('prints every plan', () => {
    const seen = new Set<string>();
    for (const c of captured) {
      const key = `${c.label}\u0000${c.sql}`;
      if (seen.has(key)) continue;
      seen.add(key);
      console.log(`── ${c.label}\n${c.sql}\n${formatPlan(c.plan)}\n`);
    }
    expect(captured.length).toBeGreaterThan(50);
  });

  it('reads no big table by a full scan', () => {
    const offenders = captured
      .map((c) => ({ label: c.label, sql: c.sql, scans: fullScansOfBigTables(c.plan).filter((scan) => !allowed(c.label, scan)) }))
      .filter((c) => c.scans.length > 0)
      .map((c) => `${c.label}: ${c.scans.join('; ')}\n  ${c.sql}`);
    expect([...new Set(offenders)]).toEqual([]);
  });

  it('looks the page\'s tasks up by id to compute their columns and unit names', () => {
    const pageRows = captured.filter((c) => c.label.startsWith('ledger:') && /json_each\(\?\) AS page/.test(c.sql));
    expect(pageRows.length).toBeGreaterThan(0);
    for (const q of pageRows) {
      const plan = formatPlan(q.plan);
      expect(plan, `${q.label}: ${q.sql}`).toMatch(/SCAN page VIRTUAL TABLE/);
      expect(plan, `${q.label}: ${q.sql}`).toMatch(/SEARCH t USING INDEX sqlite_autoindex_tasks_1 \(id=\?\)/);
      expect(plan, `${q.label}: ${q.sql}`).toMatch(/SEARCH m USING COVERING INDEX milestones_live_task_due \(task_id=\? AND due_date<\?\)/);
      expect(plan, `${q.label}: ${q.sql}`).toMatch(/SEARCH tu USING INDEX task_units_task_unit_role \(task_id=\?\)/);
    }
  });

  it('counts and pages a unit\'s tasks from the unit\'s facts alone', () => {
    const unitPages = captured.filter((c) => /^ledger: unit( \+ role)?( \+ role \+ year by code)?$/.test(c.label) && /task_unit_facts/.test(c.sql));
    expect(unitPages.length).toBe(6); // a count and a page for each of the three
    for (const q of unitPages) {
      expect(formatPlan(q.plan), q.sql).toMatch(/SEARCH f USING COVERING INDEX task_unit_facts_unit \(unit_id=\?/);
      expect(q.sql).not.toMatch(/"tasks"|task_units/);
    }
  });

  it('finds a unit\'s tasks through the unit\'s links when another filter needs the tasks', () => {
    const unitQueries = captured.filter((c) => c.label === 'ledger: unit + source' && /task_units/.test(c.sql) && /"t"\."id" in \(select/.test(c.sql));
    expect(unitQueries.length).toBeGreaterThan(0);
    for (const q of unitQueries) {
      // the links from an index alone (migration 009), each task then by id (its row read for the source)
      expect(formatPlan(q.plan), q.sql).toMatch(/SEARCH tu USING COVERING INDEX task_units_live_unit_role \(unit_id=\?/);
      expect(formatPlan(q.plan), q.sql).toMatch(/SEARCH t USING (COVERING )?INDEX tasks_live_id \(id=\?\)/);
    }
  });

  it('merges from the changes it copied: never a pass over the change log', () => {
    const merge = captured.filter((c) => c.label === 'sync merge');
    expect(merge.length).toBeGreaterThan(5);
    const passes = merge.filter((c) => c.plan.some((row) => /^SCAN (c|change_log)\b/.test(row.detail)));
    expect(passes.map((c) => `${c.sql}\n${formatPlan(c.plan)}`)).toEqual([]);
    const touched = merge.filter((c) => /merge_incoming CROSS JOIN change_log c/.test(c.sql));
    expect(touched.length).toBeGreaterThan(0);
    for (const q of touched) expect(formatPlan(q.plan)).toMatch(/SCAN (temp\.)?merge_incoming[\s\S]*SEARCH c USING INDEX sqlite_autoindex_change_log_1 \(id=\?\)/);
  });

  it('sorts the whole ledger by 编号 from the index of live tasks\' sort keys', () => {
    const byCode = captured.filter((c) => c.label === 'ledger: sort code desc' && /^select "t"\."id"/.test(c.sql));
    expect(byCode.length).toBe(1);
    expect(formatPlan(byCode[0]!.plan)).toMatch(/SCAN t USING COVERING INDEX tasks_live_id/);
  });

  it('sorts the ledger by its default order (期限) without a temporary B-tree', () => {
    const pageQueries = captured.filter((c) => c.label === 'ledger: default sort' && c.sql.startsWith('select "t"."id" from "tasks"') && /limit/.test(c.sql));
    expect(pageQueries.length).toBeGreaterThan(0);
    for (const q of pageQueries) {
      expect(formatPlan(q.plan), q.sql).not.toMatch(/TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/);
      expect(formatPlan(q.plan), q.sql).toMatch(/SCAN t USING (COVERING )?INDEX tasks_live_due/);
    }
  });

  it('reads the open statuses from the index of open tasks, in page order, and 滞后 only for tasks not yet due', () => {
    const overdue = captured.filter((c) => c.label === 'ledger: overdue by status' && /^select "t"\."id" from "tasks"/.test(c.sql) && /limit/.test(c.sql));
    expect(overdue.length).toBeGreaterThan(0);
    for (const q of overdue) {
      expect(formatPlan(q.plan), q.sql).toMatch(/SEARCH t USING COVERING INDEX tasks_open_due \(due_date<\?\)/);
      expect(formatPlan(q.plan), q.sql).not.toMatch(/TEMP B-TREE/);
    }
    const ofYear = captured.filter(
      (c) => c.label === 'ledger: year + overdue, behind by status' && /^select/.test(c.sql) && /completed_on IS NULL|task_behind_spans/.test(c.sql),
    );
    expect(ofYear.length).toBeGreaterThanOrEqual(3); // a count per status, a page for the first (and more if needed)
    for (const q of ofYear) {
      const plan = formatPlan(q.plan);
      expect(q.sql).not.toMatch(/milestones/); // 滞后 is read from task_behind_spans (migration 012), not worked out per task
      if (/task_behind_spans/.test(q.sql)) {
        // the tasks behind today: one range of the spans of tasks not yet due, then each task by id
        expect(plan, q.sql).toMatch(/^ {2}SEARCH s USING COVERING INDEX task_behind_spans_due \(due_date>\?\)\n {2}SEARCH t USING INDEX sqlite_autoindex_tasks_1 \(id=\?\)/);
      } else {
        expect(plan, q.sql).toMatch(/SEARCH t USING COVERING INDEX tasks_open_year_due \(year=\? AND due_date<\?\)/);
      }
    }
  });

  it('counts the 工作台 in counted ranges of covering indexes, never sorting the year\'s tasks or links', () => {
    const dashboard = captured.filter((c) => c.label === 'dashboard');
    const bySource = dashboard.filter((c) => /AS source UNION ALL/.test(c.sql));
    const byUnit = dashboard.filter((c) => /FROM units u CROSS JOIN/.test(c.sql));
    expect(bySource.length).toBe(1);
    expect(byUnit.length).toBe(1);
    const sourcePlan = formatPlan(bySource[0]!.plan);
    expect(sourcePlan, bySource[0]!.sql).toMatch(/SEARCH t USING COVERING INDEX tasks_live_year_state \(year=\? AND source=\? AND completed_on>\?\)/);
    expect(sourcePlan, bySource[0]!.sql).toMatch(/SEARCH t USING COVERING INDEX tasks_live_year_state \(year=\? AND source=\? AND completed_on=\? AND due_date<\?\)/);
    expect(sourcePlan, bySource[0]!.sql).toMatch(/SEARCH t USING COVERING INDEX tasks_live_year_state \(year=\? AND source=\? AND completed_on=\? AND due_date>\?\)/);
    const unitPlan = formatPlan(byUnit[0]!.plan);
    expect(unitPlan, byUnit[0]!.sql).toMatch(/SEARCH f USING COVERING INDEX task_unit_facts_year_unit \(year=\? AND unit_id=\? AND role=\? AND done=\?\)/);
    expect(unitPlan, byUnit[0]!.sql).toMatch(/SEARCH f USING COVERING INDEX task_unit_facts_year_unit \(year=\? AND unit_id=\? AND role=\? AND done=\? AND due_date<\?\)/);
    expect(unitPlan, byUnit[0]!.sql).toMatch(/SEARCH f USING COVERING INDEX task_unit_facts_year_unit \(year=\? AND unit_id=\? AND role=\? AND done=\? AND due_date>\?\)/);
    for (const q of [...bySource, ...byUnit]) expect(formatPlan(q.plan), q.sql).not.toMatch(/TEMP B-TREE/);
    // 滞后 is looked up once, for the year's open tasks not yet due only, and their links by task.
    // 滞后: the spans of tasks behind today (migration 012), then those tasks by id and their links by task.
    const behind = dashboard.filter((c) => /task_behind_spans AS s CROSS JOIN/i.test(c.sql));
    expect(behind.length).toBe(2);
    for (const q of behind) expect(formatPlan(q.plan), q.sql).toMatch(/^ {2}SEARCH s USING COVERING INDEX task_behind_spans_due \(due_date>\?\)/);
    const [tasksBehind, linksBehind] = behind;
    expect(formatPlan(tasksBehind!.plan), tasksBehind!.sql).toMatch(/SEARCH t USING INDEX sqlite_autoindex_tasks_1 \(id=\?\)/);
    expect(formatPlan(linksBehind!.plan), linksBehind!.sql).toMatch(/SEARCH f USING COVERING INDEX task_unit_facts_task_links \(task_id=\? AND year=\?\)/);
  });

  it('reads search hits in the full-text index\'s order, stopping at the limit', () => {
    const search = captured.filter((c) => c.label === 'search ids');
    expect(search.length).toBe(1);
    expect(formatPlan(search[0]!.plan)).toMatch(/SCAN s VIRTUAL TABLE INDEX/);
    expect(formatPlan(search[0]!.plan)).not.toMatch(/TEMP B-TREE/);
    expect(formatPlan(search[0]!.plan)).toMatch(/SEARCH d USING COVERING INDEX task_search_docs_doc_task \(doc_id=\?\)/);
  });

  it('counts a search alone inside the full-text index and sorts its hits on their keys, any other search in the page\'s own pass', () => {
    const alone = captured.filter((c) => c.label === 'ledger: search (trigram)');
    const count = alone.filter((c) => /^SELECT count\(\*\) AS n FROM task_search WHERE/.test(c.sql));
    expect(count.length).toBe(1); // the hits counted by the index: no hit's task looked up
    expect(formatPlan(count[0]!.plan)).toMatch(/^ {2}SCAN task_search VIRTUAL TABLE INDEX/);
    // By 期限 (the default): each hit's keys found by its document id (migration 014), no task read for the order.
    const alonePage = alone.filter((c) => /FROM task_search AS s CROSS JOIN task_search_keys AS k/.test(c.sql));
    expect(alonePage.length).toBe(1);
    expect(formatPlan(alonePage[0]!.plan)).toMatch(/^ {2}SCAN s VIRTUAL TABLE INDEX \S+\n {2}SEARCH k USING INTEGER PRIMARY KEY \(rowid=\?\)\n {2}USE TEMP B-TREE FOR ORDER BY$/);
    expect(alone.some((c) => /^select "t"\."id"/.test(c.sql))).toBe(false);
    // Sorted on what the keys do not carry (标题): the hits' tasks, found through the documents' small index.
    const byTitle = captured.filter((c) => c.label === 'ledger: search (trigram) by title' && /^select "t"\."id"/.test(c.sql));
    expect(byTitle.length).toBe(1);
    expect(byTitle[0]!.sql).not.toMatch(/OVER \(\)/);
    expect(formatPlan(byTitle[0]!.plan)).toMatch(/SEARCH d USING COVERING INDEX task_search_docs_doc_task \(doc_id=\?\)/);
    // With the year the 台账 opens on: the same read of the keys, filtered there, counting its rows in the same pass.
    const withYear = captured.filter((c) => c.label === 'ledger: search (trigram) + year');
    const withYearPage = withYear.filter((c) => /FROM task_search AS s CROSS JOIN task_search_keys AS k/.test(c.sql));
    expect(withYearPage.length).toBe(1);
    expect(withYearPage[0]!.sql).toMatch(/count\(\*\) OVER \(\)/);
    expect(withYearPage[0]!.sql).toMatch(/k\.year = \?/);
    expect(formatPlan(withYearPage[0]!.plan)).toMatch(/^( *)SCAN s VIRTUAL TABLE INDEX \S+\n\1SEARCH k USING INTEGER PRIMARY KEY \(rowid=\?\)$/m);
    expect(withYear.some((c) => /^select "t"\."id"|^SELECT count\(\*\) AS n FROM task_search WHERE/.test(c.sql))).toBe(false);
    // With a filter the keys do not carry (the leader): the hits' tasks, counting in the page's own pass.
    const withLeader = captured.filter((c) => c.label === 'ledger: search (trigram) + leader' && /^select "t"\."id"/.test(c.sql));
    expect(withLeader.length).toBe(1); // the page, counting its rows: no separate count query matching again
    expect(withLeader[0]!.sql).toMatch(/count\(\*\) OVER \(\)/);
    expect(formatPlan(withLeader[0]!.plan)).toMatch(/SEARCH d USING COVERING INDEX task_search_docs_doc_task \(doc_id=\?\)/);
  });

  it('needs every whole-ledger exception it grants', () => {
    for (const [label, entry] of Object.entries(WHOLE_LEDGER)) {
      const scanned = captured.some((c) => c.label === label && fullScansOfBigTables(c.plan).some((scan) => allowed(label, scan)));
      if (stats) expect(scanned, `${label}: ${entry.why}`).toBe(true);
    }
  });
});
