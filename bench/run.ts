/**
 * `npm run bench`: the figures of issue 8 on a synthetic ledger (bench/synthetic-ledger.ts, cached by seed),
 * several runs each, median (and p95 where there are enough runs) against the budget; writes bench/results.json.
 *
 * Env:
 *   BENCH_QUICK=1             10,000 tasks / 100,000 reports instead of 100,000 / 1,000,000 (and a 10,000-task sync)
 *   BENCH_SKIP=sync,import    skip parts: open, page, search, dashboard, notices, import, sync, memory
 *   BENCH_RUNS=15             runs per fast figure (after 2 warm-up runs)
 *   BENCH_SEED=20261126       seed of the synthetic ledger
 *   BENCH_OUT=file.json       write the results there instead of bench/results.json
 * The numbers are wall-clock on a shared machine: treat single runs of the slow parts as indicative only.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../db/connection';
import { likeContainsPattern, searchTaskIds } from '../db/search';
import { call } from '../electron/cli/command-kit';
import { closeAppContext, openAppContext, type ServiceContext } from '../electron/services/context';
import { getDashboard } from '../electron/services/dashboard';
import { statusParamsOf } from '../electron/services/holidays';
import type { StatusParams } from '../electron/services/ledger-query';
import { measureDocuments } from './documents';
import { measureSharingSync } from './sharing-sync';
import { DEFAULT_SEED, FULL_SIZE, QUICK_SIZE, SYNTHETIC_TODAY, syntheticLedger, type SyntheticLedger } from './synthetic-ledger';
import { measureXlsxImport } from './xlsx-import';
import { round, stats, type Figure } from './figure';

const QUICK = process.env.BENCH_QUICK === '1';
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SEED = Number(process.env.BENCH_SEED ?? DEFAULT_SEED);
const SIZE = QUICK ? QUICK_SIZE : FULL_SIZE;
const SELF = fileURLToPath(import.meta.url);
/** Rounds over all page cases before the first is timed (see measurePages). */
const PAGE_WARMUP_RUNS = 10;

const figures: Figure[] = [];

/** The commit measured, and the uncommitted files of the code measured (db/, electron/), if any. */
function gitState(): { commit: string; uncommitted: string[] } {
  const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout?.trimEnd() ?? '';
  return { commit: git('rev-parse', 'HEAD'), uncommitted: git('status', '--short', '--', 'db', 'electron').split('\n').filter(Boolean) };
}


/** `alsoOk`: a second condition of the figure (a page's ratio to raw SQL), printed in the same ✓/✗. */
function record(name: string, values: readonly number[], budget: number, opts: { unit?: 'ms' | 'MB'; note?: string; size?: string; alsoOk?: boolean } = {}): Figure {
  const s = stats(values);
  const figure: Figure = {
    name,
    size: opts.size ?? `${SIZE.tasks} 项事项 / ${SIZE.reports} 条进展`,
    runs: values.length,
    medianMs: round(s.median),
    p95Ms: s.p95 === null ? null : round(s.p95),
    minMs: round(s.min),
    maxMs: round(s.max),
    budget,
    unit: opts.unit ?? 'ms',
    ok: s.median <= budget && opts.alsoOk !== false,
    ...(opts.note ? { note: opts.note } : {}),
  };
  figures.push(figure);
  const u = figure.unit === 'MB' ? ' MB' : ' ms';
  console.log(`${figure.ok ? '✓' : '✗'} ${name}: 中位数 ${figure.medianMs}${u}${figure.p95Ms !== null ? `，p95 ${figure.p95Ms}${u}` : ''}（${values.length} 次），预算 ≤ ${budget}${u}${opts.note ? `；${opts.note}` : ''}`);
  return figure;
}


async function timeRuns(runs: number, work: () => unknown, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times;
}

/**
 * Two ways of doing the same work timed in alternation (a, b, a, b …), so that the drift of a shared machine's
 * speed over the seconds of a run falls on both alike and their ratio compares like with like.
 */
async function timeAlternating(runs: number, a: () => unknown, b: () => unknown, warmup = 2): Promise<[number[], number[]]> {
  for (let i = 0; i < warmup; i += 1) {
    await a();
    await b();
  }
  const timesA: number[] = [];
  const timesB: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    let start = performance.now();
    await a();
    timesA.push(performance.now() - start);
    start = performance.now();
    await b();
    timesB.push(performance.now() - start);
  }
  return [timesA, timesB];
}

function openBench(file: string): ServiceContext {
  return openAppContext({ file, now: () => SYNTHETIC_TODAY });
}

// ——— the ledger page, through the service layer and as hand-written SQL ———

interface PageCase {
  label: string;
  query: Record<string, unknown>;
  raw: (sqlite: BetterSqlite3.Database, p: StatusParams) => unknown;
}

const COMPUTED = (today: string) => `
  lp.latest_percent, lp.latest_report_date,
  (SELECT m.planned_percent FROM milestones m
    WHERE m.task_id = t.id AND m.deleted_hlc IS NULL AND m.due_date <= '${today}'
    ORDER BY m.due_date DESC, m.planned_percent DESC LIMIT 1) AS planned_percent`;
const STATUS = (p: StatusParams) => `CASE
  WHEN completed_on IS NOT NULL THEN 'done'
  WHEN due_date < '${p.today}' THEN 'overdue'
  WHEN planned_percent IS NOT NULL AND planned_percent > coalesce(latest_percent, 0) THEN 'behind'
  WHEN due_date <= '${p.dueSoonCutoff}' THEN 'due_soon'
  ELSE 'on_track' END`;

const statements = new Map<string, BetterSqlite3.Statement>();
function prepared(sqlite: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let stmt = statements.get(text);
  if (!stmt) {
    stmt = sqlite.prepare(text);
    statements.set(text, stmt);
  }
  return stmt;
}

const UNIT_NAMES = (role: string) => `(SELECT group_concat(u.name, '、' ORDER BY tu.created_at, u.sort_order, tu.id)
    FROM task_units tu JOIN units u ON u.id = tu.unit_id WHERE tu.task_id = t.id AND tu.deleted_hlc IS NULL AND tu.role = '${role}')`;

/** One page's rows with their computed columns and unit names, in page order — what rowsOf does, by hand. */
function rawPageRows(sqlite: BetterSqlite3.Database, p: StatusParams, ids: string[]): unknown[] {
  if (ids.length === 0) return [];
  return prepared(
    sqlite,
    `SELECT *, ${STATUS(p)} AS status FROM (SELECT page.key AS position, t.id, t.year, t.source, t.code, t.title, t.leader, t.due_date, t.completed_on, t.updated_at, ${COMPUTED(p.today)},
        ${UNIT_NAMES('lead')} AS lead_units, ${UNIT_NAMES('assist')} AS assist_units
       FROM json_each(?) AS page JOIN tasks t ON t.id = page.value LEFT JOIN task_latest_progress lp ON lp.task_id = t.id WHERE t.deleted_hlc IS NULL)
      ORDER BY position`,
  ).all(JSON.stringify(ids));
}

/**
 * The cheap path by hand: count and page on tasks, computed columns for the page only (as ledgerPage does).
 * `order` is the whole ORDER BY but the final `t.id`.
 */
function rawSimplePage(sqlite: BetterSqlite3.Database, p: StatusParams, where: string, args: unknown[], order: string, from = 'tasks t'): unknown {
  const total = prepared(sqlite, `SELECT count(*) AS n FROM ${from} WHERE t.deleted_hlc IS NULL AND ${where}`).get(...args);
  const ids = (prepared(sqlite, `SELECT t.id FROM ${from} WHERE t.deleted_hlc IS NULL AND ${where} ORDER BY ${order}, t.id LIMIT 100`).all(...args) as { id: string }[]).map((r) => r.id);
  return [total, rawPageRows(sqlite, p, ids)];
}

/** A unit's page by 编号 from task_unit_facts alone (ledger-query.ts `unitFactsPage`), by hand. */
function rawUnitFactsPage(sqlite: BetterSqlite3.Database, p: StatusParams, args: [string, string]): unknown {
  const where = 'f.unit_id = ? AND f.role = ?';
  const total = prepared(sqlite, `SELECT count(DISTINCT f.task_id) AS n FROM task_unit_facts f WHERE ${where}`).get(...args);
  const ids = (
    prepared(sqlite, `SELECT f.task_id AS id FROM task_unit_facts f WHERE ${where} GROUP BY f.task_id ORDER BY length(f.code), f.code, f.due_date, f.task_id LIMIT 100`).all(...args) as { id: string }[]
  ).map((r) => r.id);
  return [total, rawPageRows(sqlite, p, ids)];
}

/** Each open status as a predicate on tasks (as ledger-query.ts `statusConditions` writes it), by hand. */
const BEHIND_TODAY = (p: StatusParams) => `s.due_date >= '${p.today}' AND s.from_date <= '${p.today}' AND (s.until_date IS NULL OR s.until_date > '${p.today}')`;
const BEHIND = (p: StatusParams) => `t.id IN (SELECT s.task_id FROM task_behind_spans s WHERE ${BEHIND_TODAY(p)})`;
const STATUS_WHERE = (p: StatusParams): Record<string, string> => ({
  overdue: `t.completed_on IS NULL AND t.due_date < '${p.today}'`,
  // 滞后 alone: read from the spans of tasks behind today, each task by id (ledger-query.ts `tasksWithStatuses`)
  behind: BEHIND_TODAY(p),
  due_soon: `t.completed_on IS NULL AND t.due_date >= '${p.today}' AND t.due_date <= '${p.dueSoonCutoff}' AND NOT ${BEHIND(p)}`,
  on_track: `t.completed_on IS NULL AND t.due_date >= '${p.today}' AND t.due_date > '${p.dueSoonCutoff}' AND NOT ${BEHIND(p)}`,
});
const STATUS_FROM: Record<string, string> = { behind: 'task_behind_spans s CROSS JOIN tasks t ON t.id = s.task_id' };

/**
 * The status path by hand, same strategy as ledgerPage sorted by status: each wanted (open) status counted as a
 * predicate on tasks, then read in rank order, each in (期限, id) order, until the page is full; the computed
 * columns for the page only.
 */
function rawStatusPage(sqlite: BetterSqlite3.Database, p: StatusParams, where: string, args: unknown[], statuses: string[]): unknown {
  const rank = ['overdue', 'behind', 'due_soon', 'on_track'].filter((s) => statuses.includes(s));
  const counts = rank.map((s) => (prepared(sqlite, `SELECT count(*) AS n FROM ${STATUS_FROM[s] ?? 'tasks t'} WHERE t.deleted_hlc IS NULL AND ${where} AND ${STATUS_WHERE(p)[s]}`).get(...args) as { n: number }).n);
  const ids: string[] = [];
  rank.forEach((s, i) => {
    if (ids.length >= 100 || counts[i] === 0) return;
    const rows = prepared(sqlite, `SELECT t.id FROM ${STATUS_FROM[s] ?? 'tasks t'} WHERE t.deleted_hlc IS NULL AND ${where} AND ${STATUS_WHERE(p)[s]} ORDER BY t.due_date, t.id LIMIT ?`).all(...args, 100 - ids.length) as { id: string }[];
    for (const r of rows) ids.push(r.id);
  });
  return [counts, rawPageRows(sqlite, p, ids)];
}

async function measurePages(ctx: ServiceContext): Promise<void> {
  const sqlite = ctx.ledger.sqlite;
  const params = await statusParamsOf(ctx);
  const busiestTown = (sqlite.prepare("SELECT tu.unit_id AS id, u.name FROM task_units tu JOIN units u ON u.id = tu.unit_id WHERE tu.role = 'lead' GROUP BY tu.unit_id ORDER BY count(*) DESC LIMIT 1").get() as { id: string; name: string });
  const cases: PageCase[] = [
    {
      label: '2026 年·政府工作报告，按期限',
      query: { year: 2026, source: 'work_report', sortField: 'due_date' },
      raw: (db, p) => rawSimplePage(db, p, 't.year = ? AND t.source = ?', [2026, 'work_report'], 't.due_date'),
    },
    {
      label: '全部，按期限（默认视图）',
      query: { sortField: 'due_date' },
      raw: (db, p) => rawSimplePage(db, p, '1', [], 't.due_date'),
    },
    {
      label: `${busiestTown.name}牵头，按编号`,
      query: { unitId: busiestTown.id, role: 'lead', sortField: 'code' },
      raw: (db, p) => rawUnitFactsPage(db, p, [busiestTown.id, 'lead']),
    },
    {
      label: '2026 年·逾期+滞后，按状态',
      query: { year: 2026, statuses: ['overdue', 'behind'], sortField: 'status' },
      raw: (db, p) => rawStatusPage(db, p, 't.year = ?', [2026], ['overdue', 'behind']),
    },
    {
      label: '全部年份·逾期，按状态',
      query: { statuses: ['overdue'], sortField: 'status' },
      raw: (db, p) => rawStatusPage(db, p, '1', [], ['overdue']),
    },
  ];
  console.log('\n台账一页（100 行）：服务层（tasks.list，含参数校验）与手写 SQL（原生 better-sqlite3）');
  // Every case a few times before any is timed: otherwise the first case measured times the service's JavaScript
  // (query building, input checks) before V8 has optimised it, while the raw side is mostly SQLite's own C code.
  for (let i = 0; i < PAGE_WARMUP_RUNS; i += 1) {
    for (const c of cases) {
      await call(ctx, 'tasks.list', c.query as never);
      c.raw(sqlite, params);
    }
  }
  for (const c of cases) {
    const [service, raw] = await timeAlternating(RUNS, () => call(ctx, 'tasks.list', c.query as never), () => c.raw(sqlite, params));
    const s = stats(service).median;
    const r = stats(raw).median;
    const ratio = s / r;
    record(`台账一页：${c.label}`, service, 10, {
      note: `手写 SQL ${r.toFixed(1)} ms，比值 ${ratio.toFixed(2)}× （预算 ≤ 1.5×${ratio <= 1.5 ? ' ✓' : ' ✗'}）`,
      alsoOk: ratio <= 1.5,
    });
    Object.assign(figures[figures.length - 1]!, { rawSqlMedianMs: round(r), serviceToRawRatio: round(ratio * 100) / 100, ratioBudget: 1.5, ratioOk: ratio <= 1.5 });
  }
}

async function measureSearch(ctx: ServiceContext, terms: Record<string, string>): Promise<void> {
  const sqlite = ctx.ledger.sqlite;
  console.log('\n全文检索（3 个字以上，FTS5 trigram）与 LIKE 扫描');
  for (const [kind, term] of Object.entries(terms)) {
    const hits = (sqlite.prepare('SELECT count(*) AS n FROM task_search WHERE task_search MATCH ?').get(`"${term}"`) as { n: number }).n;
    const fts = await timeRuns(RUNS, () => searchTaskIds(ctx.ledger.db, term));
    const like = await timeRuns(Math.max(3, Math.floor(RUNS / 3)), () =>
      prepared(sqlite, "SELECT task_id FROM task_search_docs WHERE body LIKE ? ESCAPE '\\' ORDER BY doc_id DESC LIMIT 200").all(likeContainsPattern(term)),
    1);
    const ratio = stats(like).median / stats(fts).median;
    record(`全文检索「${term}」（${kind}，${hits} 项命中）`, fts, 20, { note: `LIKE 扫描 ${stats(like).median.toFixed(1)} ms，LIKE/FTS = ${ratio.toFixed(1)}×` });
    Object.assign(figures[figures.length - 1]!, { likeMedianMs: round(stats(like).median), likeToFtsRatio: round(ratio), hits });
  }
  const term = terms.medium!;
  const page = await timeRuns(RUNS, () => call(ctx, 'tasks.list', { search: term, sortField: 'due_date' } as never));
  record(`台账一页：检索「${term}」，按期限`, page, 20);
  // The 台账 opens on the current year: a search typed there keeps that filter.
  const pageOfYear = await timeRuns(RUNS, () => call(ctx, 'tasks.list', { search: term, year: 2026, sortField: 'due_date' } as never));
  record(`台账一页：2026 年·检索「${term}」，按期限（台账打开时的本年度）`, pageOfYear, 20);
}

/** Run in a child process: RSS of a fresh process after opening the ledger and showing 工作台 and the first page. */
async function rssProbe(file: string): Promise<void> {
  const before = process.memoryUsage().rss;
  const ctx = openBench(file);
  await getDashboard(ctx, null);
  await call(ctx, 'tasks.list', {} as never);
  const after = process.memoryUsage();
  process.stdout.write(JSON.stringify({ before, rss: after.rss, heapUsed: after.heapUsed }));
  await closeAppContext(ctx);
}

function measureMemory(file: string): void {
  const child = spawnSync(process.execPath, [...process.execArgv, SELF], { env: { ...process.env, BENCH_RSS_PROBE: file }, encoding: 'utf8' });
  const m = /\{.*\}/.exec(child.stdout)?.[0];
  if (!m) {
    console.log(`内存探测失败：${child.stderr.slice(0, 500)}`);
    return;
  }
  const r = JSON.parse(m) as { before: number; rss: number; heapUsed: number };
  const mb = (n: number) => n / 1024 / 1024;
  record('主进程内存（打开台账、工作台、第一页后的 RSS）', [mb(r.rss)], 250, {
    unit: 'MB',
    note: `Node 进程（不含 Electron 本身约 80–120 MB 的基线），启动时 ${mb(r.before).toFixed(0)} MB，JS 堆 ${mb(r.heapUsed).toFixed(0)} MB`,
  });
}

function printTable(): void {
  console.log('\n| 指标 | 规模 | 中位数 | p95 | 预算 | 结果 |\n|---|---|---|---|---|---|');
  for (const f of figures) {
    const u = f.unit === 'MB' ? ' MB' : ' ms';
    console.log(`| ${f.name}${f.note ? `（${f.note}）` : ''} | ${f.size} | ${f.medianMs}${u} | ${f.p95Ms ?? '—'}${f.p95Ms === null ? '' : u} | ≤ ${f.budget}${u} | ${f.ok ? '✓' : '✗'} |`);
  }
}

async function measureReads(ledger: SyntheticLedger): Promise<void> {
  if (!SKIP.has('open')) {
    // open + schema check: the file check (header, identity, tables, root pages; quick_check only for a file up to
    // FULL_CHECK_AT_OPEN_MAX_BYTES — a larger one's pages are checked after the open, in the workspace's background
    // worker) + migrations check + device id + clock. The first run is the cold one (file not yet in the page
    // cache), as at the app's start; no warm-up.
    const opens: number[] = [];
    let pagesChecked = true;
    for (let i = 0; i < (QUICK ? Math.min(RUNS, 5) : 3); i += 1) {
      const start = performance.now();
      const ctx = openBench(ledger.file);
      opens.push(performance.now() - start);
      pagesChecked = ctx.ledger.pagesChecked;
      await closeAppContext(ctx);
    }
    record('打开台账并检查结构（openAppContext）', opens, 100, {
      note: `首次 ${opens[0]!.toFixed(0)} ms；${pagesChecked ? '打开时已逐页检查' : '逐页检查在打开后由后台线程进行'}`,
    });
  }

  const ctx = openBench(ledger.file);
  try {
    if (!SKIP.has('page')) await measurePages(ctx);
    if (!SKIP.has('search')) await measureSearch(ctx, ledger.searchTerms);
    if (!SKIP.has('dashboard')) {
      console.log('\n工作台');
      record('工作台（2026 年：按状态/来源/单位、即将到期、逾期）', await timeRuns(Math.max(5, Math.floor(RUNS / 2)), () => getDashboard(ctx, 2026), 1), 50);
    }
  } finally {
    await closeAppContext(ctx);
  }
  if (!SKIP.has('memory')) measureMemory(ledger.file);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  console.log(`督查台账性能基准（${QUICK ? '快速：' : ''}${SIZE.tasks} 项事项，种子 ${SEED}）；${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ''}，Node ${process.version}，负载 ${os.loadavg().map((n) => n.toFixed(1)).join('/')}`);
  // The synthetic ledger is only needed by the read figures.
  const needsLedger = ['open', 'page', 'search', 'dashboard', 'memory'].some((part) => !SKIP.has(part));
  const ledger = needsLedger ? await syntheticLedger(SEED, SIZE) : null;
  if (ledger) console.log(ledger.generatedMs === null ? `使用缓存的合成台账 ${ledger.file}` : `生成合成台账用时 ${(ledger.generatedMs / 1000).toFixed(1)} s`);
  if (ledger) await measureReads(ledger);

  if (!SKIP.has('notices')) {
    console.log('\n公文（演示台账 + 100 个单位，见 bench/documents.ts）');
    const d = await measureDocuments(9, 100);
    const demo = '演示台账 + 100 单位';
    record('督查通知书 1 份：排版生成 .docx', d.renderMs, 50, { size: demo });
    record('督查通知书 1 份：导出（排版、写盘、fsync、登记）', d.exportMs, 50, { size: demo });
    record(`督查通知书 ${d.batchCount} 份（每单位一份）：起草 + 导出`, [d.batchDraftMs + d.batchExportMs], 3000, {
      size: demo,
      note: `起草 ${d.batchDraftMs.toFixed(0)} ms，导出 ${d.batchExportMs.toFixed(0)} ms，1 次`,
    });
  }
  if (!SKIP.has('import')) {
    console.log('\nExcel 导入（见 bench/xlsx-import.ts，每种规模 1 次）');
    for (const r of await measureXlsxImport([171, 10_000])) {
      record(`导入 ${r.rows} 行（读取、解析、一个事务）`, [r.commitMs], r.rows <= 171 ? 1000 : 5000, {
        size: '空台账 + 10 个单位',
        note: `预览 ${r.previewMs.toFixed(0)} ms，重新导入 ${r.againMs.toFixed(0)} ms，导入时最长阻塞 ${r.commitBlockMs.toFixed(0)} ms`,
      });
    }
  }
  if (!SKIP.has('sync')) {
    const tasks = QUICK ? 10_000 : 100_000;
    console.log(`\n同步（见 bench/sharing-sync.ts：${tasks} 项事项经 repository 写入，双方各 1,000 处改动，1 次）`);
    const s = await measureSharingSync(tasks, 1000, (line) => console.log(`  ${line}`));
    for (const step of s.syncs.slice(1, 4)) {
      record(`同步：${step.label}`, [step.ms], 2000, { size: `${tasks} 项事项，各 1,000 处改动`, note: `建台账 ${(s.buildMs / 1000).toFixed(0)} s；最终一致：${s.consistent ? '是' : '否'}` });
    }
  }

  // ——— renderer (bench/renderer.ts): the 台账 in Chromium over a copy of the synthetic ledger; BENCH_SKIP=renderer skips it ———
  if (!SKIP.has('renderer')) {
    console.log('\n界面（见 bench/renderer.ts：Chromium 中的真实界面，经测试桥调用服务，台账为合成台账的副本）');
    // imported here: Playwright and the e2e harness are loaded only when this part runs
    const { measureRenderer } = await import('./renderer');
    for (const f of await measureRenderer({ quick: QUICK, seed: SEED, log: (line) => console.log(`  ${line}`) })) {
      figures.push(f);
      console.log(`${f.ok ? '✓' : '✗'} ${f.name}: 中位数 ${f.medianMs} ms${f.p95Ms !== null ? `，p95 ${f.p95Ms} ms` : ''}（${f.runs} 次），预算 ≤ ${f.budget} ms${f.note ? `；${f.note}` : ''}`);
    }
  }
  // ——— end of renderer ———

  printTable();
  const cpus = os.cpus();
  const results = {
    machine: { cpus: cpus.length, model: cpus[0]?.model ?? '', mem: os.totalmem(), node: process.version, platform: `${os.platform()} ${os.release()} ${os.arch()}`, loadavg: os.loadavg() },
    date: startedAt.toISOString(),
    seed: SEED,
    schemaVersion: LATEST_SCHEMA_VERSION,
    git: gitState(),
    quick: QUICK,
    skipped: [...SKIP],
    size: SIZE,
    generatedMs: ledger?.generatedMs == null ? null : round(ledger.generatedMs),
    figures,
  };
  const out = process.env.BENCH_OUT ? path.resolve(process.env.BENCH_OUT) : path.join(path.dirname(SELF), 'results.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n已写入 ${out}；未达预算：${figures.filter((f) => !f.ok).length} 项`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const probe = process.env.BENCH_RSS_PROBE;
  (probe ? rssProbe(probe) : main()).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
