/**
 * How long a sync through a shared ledger file takes on this machine (a benchmark to run by hand, not a test):
 *   npx tsx bench/sharing-sync.ts [tasks=100000] [edits=1000]
 * 1. PC A's ledger with N tasks (each with its lead unit), written through the repository as the services do
 *    (so every column not at its default is in the change log), is exported as the shared file; PC B opens a
 *    working copy of it. A's base ledger is built once and cached at `.cache/bench/sharing-sync-base-v<V>-<N>.db`
 *    (building 100,000 tasks through the repository takes minutes); each run works on a copy. Delete the file to
 *    rebuild it.
 * 2. Both diverge: each adds `edits` tasks and renames `edits` tasks, half of them the same ones (conflicts).
 * 3. Sync A, sync B, sync A, sync B — the time of each and of its steps (a table at the end), and the file sizes.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { insertRow, updateRow } from '../db/repository';
import { ledgerDigest } from '../db/sync/merge';
import { closeAppContext, openAppContext, type ServiceContext } from '../electron/services/context';
import { call } from '../electron/cli/command-kit';
import { createWorkingCopyFrom, syncWithSharedFile, type SyncStep } from '../electron/services/sharing/sync';
import { describeMergeReport } from '../electron/services/sharing/summary';

const BATCH = 2000;
/** A's base ledgers, built once per size through the repository. */
const CACHE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'bench');
/** 2: inserts no longer log the columns left at their default (db/repository.ts), a smaller log and file. */
const CACHE_VERSION = 2;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (file: string) => `${(statSync(file).size / 1024 / 1024).toFixed(0)} MB`;

/** Adds `count` tasks, each led by `unitId`, in transactions of BATCH; returns their ids. */
async function addTasks(ctx: ServiceContext, unitId: string, count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += BATCH) {
    await ctx.ledger.db.transaction().execute(async (trx) => {
      for (let i = start; i < Math.min(count, start + BATCH); i += 1) {
        const id = await insertRow(trx, ctx.write, 'tasks', {
          year: 2016,
          source: 'meeting' as const,
          code: `${prefix}-${i}`,
          title: `${prefix} 督查事项 ${i}：抓紧推进重点项目政策处理`,
          content: '会议要求按期办结，并报送进展情况。',
          source_ref: '区政府第12次常务会议',
          source_date: '2016-09-20',
          leader: '王副区长',
          due_date: '2016-12-31',
          assigned_date: '2016-09-20',
          rhythm: 'deadline',
          note: '',
        });
        await insertRow(trx, ctx.write, 'task_units', { task_id: id, unit_id: unitId, role: 'lead' as const, contact_person: '', contact_phone: '' });
        ids.push(id);
      }
    });
  }
  return ids;
}

async function rename(ctx: ServiceContext, ids: readonly string[], suffix: string): Promise<void> {
  await ctx.ledger.db.transaction().execute(async (trx) => {
    for (const id of ids) await updateRow(trx, ctx.write, 'tasks', id, { title: `已调整（${suffix}）${id.slice(-6)}` });
  });
}

/** Each sync's steps in ms, for the table printed at the end. */
type StepTimes = Partial<Record<SyncStep, number>>;

async function timedSync(
  label: string,
  ctx: ServiceContext,
  file: string,
  shared: string,
  tempDir: string,
  log: (line: string) => void,
  table: { label: string; steps: StepTimes; ms: number }[],
): Promise<number> {
  const marks: [SyncStep, number][] = [];
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await syncWithSharedFile({
    workingDb: ctx.ledger.sqlite,
    workingPath: file,
    sharedPath: shared,
    tempDir,
    now: ctx.now,
    operator: ctx.write.operator,
    clock: ctx.write.clock,
    onProgress: (step) => marks.push([step, performance.now()]),
  });
  const stepTimes: StepTimes = {};
  marks.slice(0, -1).forEach(([step, at], i) => {
    stepTimes[step] = (stepTimes[step] ?? 0) + (marks[i + 1]![1] - at);
  });
  const steps = Object.entries(stepTimes).map(([step, ms]) => `${step} ${seconds(ms)}`);
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  table.push({ label, steps: stepTimes, ms });
  // CPU time of this process beside the wall time: on a loaded machine the wall time is mostly waiting.
  // What the sync skipped when there was nothing to do (sync.ts): no backup or merge, or no write-back.
  const skipped = result.mode === 'merged' && result.sharedHash === null ? (result.backupOfWorking === null ? '；双方均无新修改' : '；共享台账无需改写') : '';
  log(`${label}：${seconds(ms)}，CPU ${seconds((cpu.user + cpu.system) / 1000)}（${result.mode}；${describeMergeReport(result.report)}${skipped}）`);
  log(`  各步骤：${steps.join('，')}`);
  return ms;
}

export interface SyncMeasurement {
  tasks: number;
  edits: number;
  /** building A's ledger through the repository */
  buildMs: number;
  /** each sync, in order: 导出为共享台账, 同步 A, 同步 B, 再同步 A, 再同步 B */
  syncs: { label: string; ms: number }[];
  consistent: boolean;
}

/**
 * A's ledger with `tasks` tasks and one unit, from the cache or built (through the repository) into it; copied
 * to `file`. Returns the unit and the base tasks in the order they were written.
 */
async function baseLedger(file: string, tasks: number, log: (line: string) => void): Promise<{ ctx: ServiceContext; unitId: string; base: string[]; buildMs: number }> {
  const cached = path.join(CACHE_DIR, `sharing-sync-base-v${CACHE_VERSION}-${tasks}.db`);
  let buildMs = 0;
  if (!existsSync(cached)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    const building = `${cached}.building-${process.pid}`;
    const start = performance.now();
    const ctx = openAppContext({ file: building });
    ctx.write.operator = '张三';
    const unitId = (await call(ctx, 'units.create', { name: '区交通运输局', kind: 'department' })).id;
    await addTasks(ctx, unitId, tasks, 'A');
    await closeAppContext(ctx);
    buildMs = performance.now() - start;
    for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true });
    renameSync(building, cached);
    log(`建立 ${tasks} 项事项的台账（经 repository，存入缓存 ${cached}）：${seconds(buildMs)}，${megabytes(cached)}`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const start = performance.now();
  copyFileSync(cached, file);
  const ctx = openAppContext({ file });
  ctx.write.operator = '张三';
  const unitId = ctx.ledger.sqlite.prepare(`SELECT id FROM units WHERE name = '区交通运输局'`).pluck().get() as string;
  // In the order they were written (rowid: the cache is never vacuumed).
  const base = ctx.ledger.sqlite.prepare(`SELECT id FROM tasks ORDER BY rowid`).pluck().all() as string[];
  log(`A 的台账（${tasks} 项事项，${megabytes(file)}）：复制缓存并打开 ${seconds(performance.now() - start)}`);
  return { ctx, unitId, base, buildMs };
}

function printStepTable(table: { label: string; steps: StepTimes; ms: number }[], log: (line: string) => void): void {
  const steps = [...new Set(table.flatMap((row) => Object.keys(row.steps)))] as SyncStep[];
  const cell = (text: string) => text.padStart(10);
  log(['步骤（秒）'.padEnd(12), ...table.map((row) => cell(row.label))].join(''));
  for (const step of steps) {
    log([step.padEnd(14), ...table.map((row) => cell(row.steps[step] === undefined ? '-' : (row.steps[step]! / 1000).toFixed(2)))].join(''));
  }
  log(['合计'.padEnd(12), ...table.map((row) => cell((row.ms / 1000).toFixed(2)))].join(''));
}

/** Runs the scenario of the header once; `log` gets the lines it prints by hand. */
export async function measureSharingSync(TASKS = 100_000, EDITS = 1000, log: (line: string) => void = console.log): Promise<SyncMeasurement> {
  const syncs: { label: string; ms: number }[] = [];
  const root = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-sync-'));
  try {
    const shared = path.join(root, 'share', '共享台账.db');
    mkdirSync(path.dirname(shared), { recursive: true });
    const aFile = path.join(root, 'a', '督查台账.db');
    const bFile = path.join(root, 'b', '督查台账.db');
    const { ctx: a, unitId, base, buildMs } = await baseLedger(aFile, TASKS, log);
    const table: { label: string; steps: StepTimes; ms: number }[] = [];
    syncs.push({ label: '导出为共享台账', ms: await timedSync('导出为共享台账', a, aFile, shared, path.join(root, 'a', 'tmp'), log, table) });
    log(`  共享台账文件：${megabytes(shared)}`);
    const start = performance.now();
    await createWorkingCopyFrom(shared, bFile, { tempDir: path.join(root, 'b', 'tmp') });
    log(`在 B 上打开共享台账（建立本机工作副本）：${seconds(performance.now() - start)}`);
    const b = openAppContext({ file: bFile });
    b.write.operator = '李四';

    // Divergence: new tasks on both sides, renames on both, half of B's renames on the same tasks as A's.
    await addTasks(a, unitId, EDITS, 'A新');
    await addTasks(b, unitId, EDITS, 'B新');
    await rename(a, base.slice(0, EDITS), 'A');
    await rename(b, base.slice(EDITS / 2, EDITS / 2 + EDITS), 'B');

    syncs.push({ label: '同步 A', ms: await timedSync('同步 A', a, aFile, shared, path.join(root, 'a', 'tmp'), log, table) });
    syncs.push({ label: '同步 B', ms: await timedSync('同步 B', b, bFile, shared, path.join(root, 'b', 'tmp'), log, table) });
    syncs.push({ label: '再同步 A', ms: await timedSync('再同步 A', a, aFile, shared, path.join(root, 'a', 'tmp'), log, table) });
    syncs.push({ label: '再同步 B', ms: await timedSync('再同步 B', b, bFile, shared, path.join(root, 'b', 'tmp'), log, table) });
    // Not timed: digests read both whole ledgers.
    const digestA = ledgerDigest(a.ledger.sqlite);
    const digestB = ledgerDigest(b.ledger.sqlite);
    const afterLast = Object.keys(digestA).filter((t) => digestA[t] !== digestB[t]);
    log(`A 与 B 一致：${afterLast.length === 0 ? '是' : `否（${afterLast.join('、')}）`}`);
    printStepTable(table, log);
    await closeAppContext(a);
    await closeAppContext(b);
    return { tasks: TASKS, edits: EDITS, buildMs, syncs, consistent: afterLast.length === 0 };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

// Run by hand (not when bench/run.ts imports this file).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void measureSharingSync(Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 1000));
}
