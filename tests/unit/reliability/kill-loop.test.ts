/**
 * Kill -9 loop with real processes: a child (../sharing/children/reliability-writer.ts) opens the working ledger
 * through the app context and writes records through the services, one transaction each, printing
 * `committed <n>` after each commit; the parent kills it with SIGKILL at a random moment, KILL_LOOP_RUNS times
 * (default 300), from "right after start, while the ledger is being opened and checked" to "in the middle of
 * writing". After every kill:
 * - the file as the crash left it (ledger + -wal + -shm, copied) opens with `openLedger` and passes
 *   `PRAGMA integrity_check`;
 * - every number a child reported is there, and the numbers are exactly 1..N (a transaction is all or nothing);
 * - every record row has its complete change_log (same stamp), no change_log row points at a missing row, and
 *   stamps grow with the sequence numbers (a restarted clock never reuses or goes below a written stamp);
 * - the next child opens the real file as the crash left it (SQLite's WAL recovery) and carries on.
 *
 * Start-up cost: loading a bundled child's code takes ~0.2 s of CPU (0.08 s of it Node itself), more than the rest
 * of an iteration; the child imports only the two services it calls, not the whole handler map (1.3 MB bundle
 * instead of 4.8 MB, which took ~0.45 s). And the next children are started while the current one runs and is
 * checked: each touches the ledger only when told `go`, and each kill is measured from that `go`. So the loop is
 * bound by CPU, not by waiting: ~85 s for 300 kills on 2 shared cores, longer when other work competes for them.
 * KILL_LOOP_SEED changes the random moments.
 *
 * What a SIGKILL does not test: power loss. The OS keeps what a killed process wrote, so this shows that the
 * app's transactions and SQLite's recovery hold up, not that fsync reaches the disk (synchronous=FULL does that).
 */
import { once } from 'node:events';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../../db/connection';
import { copyAsCrashImage } from '../db/fixtures';
import { changeLogProblems } from './ledger-checks';
import { addUnit, integrityOf, openWorking, scratchDir, startChild, type Child } from '../sharing/helpers';

const RUNS = Number(process.env.KILL_LOOP_RUNS ?? 300);
const SEED = Number(process.env.KILL_LOOP_SEED ?? 20160920);
/** Children started ahead (loading their code) while the current one runs: ~0.2 s of CPU each. */
const STANDBY = 2;

/**
 * Where a kill is aimed, measured from `go`: a quarter while the ledger is being opened (file check,
 * quick_check, WAL recovery, clock), a quarter after `ready` (the first write, cold code), half after the first
 * commit (between and inside later writes, ~4 ms each).
 */
type Aim = 'opening' | 'first write' | 'writing';
function aimOf(random: () => number): { aim: Aim; delay: number } {
  const r = random();
  if (r < 0.25) return { aim: 'opening', delay: random() * 30 };
  if (r < 0.5) return { aim: 'first write', delay: random() * 35 };
  return { aim: 'writing', delay: random() * 40 };
}

/** Small seeded PRNG (mulberry32): the same seed gives the same kill moments. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Standby {
  child: Child;
  loaded: Promise<string>;
  closed: Promise<unknown>;
}

async function standby(file: string, unitId: string): Promise<Standby> {
  const child = await startChild('reliability-writer', [file, unitId]);
  const closed = once(child.process, 'close'); // stdout fully read, not just the process gone
  const loaded = child.waitFor(/^loaded$/);
  loaded.catch(() => undefined); // the last standby may be killed unused
  return { child, loaded, closed };
}

/** Tables the child writes; their rows are inserted once and never changed. */
const RECORD_TABLES = ['tasks', 'task_units', 'milestones', 'progress_reports'];

function count(sqlite: BetterSqlite3.Database, sql: string, ...params: unknown[]): number {
  return (sqlite.prepare(sql).get(...params) as { n: number }).n;
}

/** Checks the records of a ledger after a crash; returns the highest sequence number in it. */
function checkRecords(sqlite: BetterSqlite3.Database, reported: readonly number[], label: string): number {
  const tasks = sqlite
    .prepare(`SELECT id, CAST(substr(code, 3) AS INTEGER) AS n, updated_hlc AS hlc FROM tasks WHERE code LIKE 'K-%' AND deleted_hlc IS NULL`)
    .all() as { id: string; n: number; hlc: string }[];
  const reports = sqlite
    .prepare(
      `SELECT task_id AS taskId, CAST(substr(done_text, 2, length(done_text) - 4) AS INTEGER) AS n, updated_hlc AS hlc
       FROM progress_reports WHERE deleted_hlc IS NULL`,
    )
    .all() as { taskId: string; n: number; hlc: string }[];
  const records = [...tasks, ...reports].sort((a, b) => a.n - b.n);
  const numbers = records.map((r) => r.n);
  const highest = numbers.length;
  // All or nothing, in order: exactly 1..N, odd ones tasks, even ones reports.
  expect(numbers, label).toEqual(Array.from({ length: highest }, (_, i) => i + 1));
  expect(tasks.every((t) => t.n % 2 === 1) && reports.every((r) => r.n % 2 === 0), label).toBe(true);
  const missing = reported.filter((n) => n > highest);
  expect(missing, `${label}: reported as committed but not in the file`).toEqual([]);
  const taskOf = new Map(tasks.map((t) => [t.n, t.id]));
  expect(reports.filter((r) => taskOf.get(r.n - 1) !== r.taskId), `${label}: report on the wrong task`).toEqual([]);
  // Stamps grow with the sequence: a restarted child continued its clock above everything written.
  for (let i = 1; i < records.length; i += 1) {
    if (!(records[i]!.hlc > records[i - 1]!.hlc)) throw new Error(`${label}: stamp of ${records[i]!.n} not above ${records[i - 1]!.n}`);
  }

  // Each task came with exactly one lead unit and one milestone (the same transaction).
  expect(count(sqlite, `SELECT count(*) AS n FROM task_units`), label).toBe(tasks.length);
  expect(count(sqlite, `SELECT count(*) AS n FROM milestones`), label).toBe(tasks.length);
  expect(
    count(sqlite, `SELECT count(*) AS n FROM tasks t WHERE (SELECT count(*) FROM task_units u WHERE u.task_id = t.id) != 1 OR (SELECT count(*) FROM milestones m WHERE m.task_id = t.id) != 1`),
    label,
  ).toBe(0);
  // Every row has its complete change_log under the row's own stamp, and the log has nothing else.
  expect(changeLogProblems(sqlite, RECORD_TABLES), label).toEqual([]);
  return highest;
}

describe('a writer killed (SIGKILL) at random moments', () => {
  it(`loses no reported commit and leaves an intact ledger (${RUNS} kills)`, async () => {
    const root = scratchDir('ledger-kill-');
    const file = path.join(root, '督查科', '督查台账.db');
    const first = await openWorking(file, '张三');
    const unitId = await addUnit(first, '区住房和城乡建设局');
    await first.close();

    const checkDir = path.join(root, 'check');
    mkdirSync(checkDir);
    const random = prng(SEED);
    const reported: number[] = [];
    const lifetimes: number[] = [];
    const checks: number[] = [];
    let waitedForLoad = 0;
    const phases = { opening: 0, beforeFirstCommit: 0, writing: 0 };
    let highest = 0;
    const started = performance.now();

    const queue: Standby[] = [];
    for (let i = 0; i < Math.min(STANDBY, RUNS); i += 1) queue.push(await standby(file, unitId));
    for (let run = 0; run < RUNS; run += 1) {
      const current = queue.shift()!;
      const waitStart = performance.now();
      await current.loaded;
      waitedForLoad += performance.now() - waitStart;
      if (run + queue.length + 1 < RUNS) queue.push(await standby(file, unitId));

      const { aim, delay } = aimOf(random);
      const child = current.child;
      child.process.stdin!.write('go\n');
      const go = performance.now();
      if (aim !== 'opening') await Promise.race([child.waitFor(aim === 'writing' ? /^committed / : /^ready /), child.exited]);
      if (delay >= 1) await sleep(delay);
      const alive = child.process.exitCode === null && child.process.signalCode === null;
      expect(alive, `run ${run}: the child ended by itself: ${child.stderr()}`).toBe(true);
      child.process.kill('SIGKILL');
      lifetimes.push(performance.now() - go);
      await current.closed;
      expect(child.process.signalCode, `run ${run}: ${child.stderr()}`).toBe('SIGKILL');

      const lines = child.lines;
      const committed = lines.filter((l) => l.startsWith('committed ')).map((l) => Number(l.slice('committed '.length)));
      if (!lines.some((l) => l.startsWith('ready '))) phases.opening += 1;
      else if (committed.length === 0) phases.beforeFirstCommit += 1;
      else phases.writing += 1;
      reported.push(...committed);

      // Open the file exactly as the crash left it, on a copy: the next child then recovers the original itself
      // (that read/write restart is the app's own, `openAppContext`; a child that cannot open fails the test).
      // The copy is opened read-only: the same checks (header, quick_check) and WAL recovery, without the
      // checkpoint and fsync a read/write close would add to every iteration.
      const checkStart = performance.now();
      for (const name of readdirSync(checkDir)) rmSync(path.join(checkDir, name));
      const image = path.join(checkDir, '督查台账.db');
      copyAsCrashImage(file, image);
      const ledger = openLedger(image, { readonly: true });
      try {
        const label = `run ${run} (aimed at ${aim}, killed after ${Math.round(lifetimes.at(-1)!)} ms)`;
        expect(integrityOf(ledger.sqlite), label).toBe('ok');
        const now = checkRecords(ledger.sqlite, reported, label);
        expect(now, label).toBeGreaterThanOrEqual(highest);
        highest = now;
      } finally {
        await ledger.close();
      }
      checks.push(performance.now() - checkStart);
    }

    // The real file, after the last crash: opens, recovers, passes the same checks.
    const last = openLedger(file);
    try {
      expect(integrityOf(last.sqlite)).toBe('ok');
      expect(checkRecords(last.sqlite, reported, 'final')).toBe(highest);
    } finally {
      await last.close();
    }

    const seconds = (performance.now() - started) / 1000;
    // One line with the figures, to be quoted.
    console.log(
      `kill -9 loop: ${RUNS} kills (seed ${SEED}; ${phases.opening} while opening, ${phases.beforeFirstCommit} after opening but before a reported commit, ` +
        `${phases.writing} after reported commits), ${reported.length} reported commits, ${highest} records in the file ` +
        `(${highest - reported.length} committed but killed before reporting), median child lifetime ${median(lifetimes).toFixed(1)} ms ` +
        `(from go; max ${Math.max(...lifetimes).toFixed(0)} ms), median check after a kill ${median(checks).toFixed(1)} ms, ` +
        `final file ${(statSync(file).size / 1048576).toFixed(1)} MiB, ${seconds.toFixed(1)} s ` +
        `(${(waitedForLoad / 1000).toFixed(1)} s of it waiting for a child to finish loading)`,
    );
    expect(phases.opening).toBeGreaterThan(0);
    expect(phases.writing).toBeGreaterThan(0);
  }, 480_000);
});
