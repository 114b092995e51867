/**
 * The shell's sync runner with the REAL built worker (out/main/sync-worker.cjs, from `electron-vite build`),
 * under plain Node: two working ledgers that diverged, one shared file, and the sync run in a worker thread
 * with its own connection while the main connection stays open — as in the desktop app.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { highestKnownHlc } from '../../db/local-meta';
import { ledgerDigest } from '../../db/sync/merge';
import type { WorkCalendar } from '../../electron/services/calendar';
import { SharingError } from '../../electron/services/sharing/errors';
import { LockHeldError, lockPathOf, type LockOwner } from '../../electron/services/sharing/lock';
import { createWorkingCopyFrom, type SyncStep } from '../../electron/services/sharing/sync';
import { inProcessSyncRunner, type SyncJob } from '../../electron/services/workspace/sync-runner';
import { createWorkerSyncRunner, SyncWorkerError } from '../../electron/services/workspace/worker-sync-runner';
import { addTask, addUnit, openWorking, renameTask, scratchDir, sha256, TestTime, withFile, type Working } from '../unit/sharing/helpers';

const root = path.resolve(__dirname, '../..');
// LEDGER_SYNC_WORKER_FILE: a worker built elsewhere (`npx electron-vite build --outDir <dir>`), so a check of a
// change need not rebuild the out/ folder that other runs (the e2e suite, the benchmarks) are reading.
const WORKER_FILE = process.env.LEDGER_SYNC_WORKER_FILE ?? path.join(root, 'out/main/sync-worker.cjs');

const ALL_STEPS: SyncStep[] = ['lock', 'copy', 'check', 'backup', 'merge', 'write', 'verify', 'replace', 'done'];

beforeAll(() => {
  if (!existsSync(WORKER_FILE)) {
    throw new Error(`找不到 ${path.relative(root, WORKER_FILE)}：请先运行 "npx electron-vite build" / the sync worker is not built — run "npx electron-vite build" first.`);
  }
});

interface Office {
  root: string;
  shared: string;
  a: Working;
  b: Working;
  common: string;
  onlyA: string;
  onlyB: string;
  /** the newest stamp A wrote before its sync (B must observe it) */
  aHighest: string;
}

function jobFor(w: Working, kind: SyncJob['kind'], sharedPath: string): SyncJob {
  const folder = path.dirname(w.file);
  return {
    kind,
    workingPath: w.file,
    sharedPath,
    tempDir: path.join(folder, 'tmp'),
    operator: w.ctx.write.operator,
    breakStaleLock: false,
    keepWorkingBackups: 5,
    backupFolder: path.join(folder, 'backups'),
  };
}

function hooks(onProgress: (step: SyncStep, fraction: number) => void = () => {}, signal = new AbortController().signal) {
  return { signal, onProgress };
}

/** Nothing of a sync left beside the shared file: no lock, no temporary file. */
function leftoversBeside(sharedPath: string): string[] {
  const name = path.basename(sharedPath);
  return readdirSync(path.dirname(sharedPath)).filter(
    (entry) => entry.startsWith(name) && entry !== name && !/\.\d{8}-\d{6}(-\d+)?\.bak$/.test(entry),
  );
}

/**
 * PC A exports its ledger to the share (in-process runner); PC B opens a working copy of it. Then both edit:
 * A a day later on its clock, and A syncs again in-process, so the shared file holds A's edits and B's don't.
 */
async function officeThatDiverged(): Promise<Office> {
  const dir = scratchDir('ledger-sync-worker-');
  const shared = path.join(dir, 'share', '共享台账.db');
  mkdirSync(path.dirname(shared));
  const a = await openWorking(path.join(dir, 'pc-a', '督查台账.db'), '张三', new TestTime());
  const unitA = await addUnit(a, '区交通运输局');
  const common = await addTask(a, unitA, '常务会-1', '抓紧完成104国道上虞段改线工程政策处理');
  const exported = await inProcessSyncRunner(jobFor(a, 'export', shared), a.ctx, hooks());
  expect(exported.mode).toBe('exported');

  const bTime = new TestTime(a.time.ms + 7_000);
  const copy = await createWorkingCopyFrom(shared, path.join(dir, 'pc-b', '督查台账.db'), { tempDir: path.join(dir, 'pc-b', 'tmp'), now: bTime.now });
  const b = await openWorking(copy.workingPath, null, bTime);
  await b.ok('settings.update', { operator: '李四' });

  a.time.advance(24 * 60); // A's clock runs a day ahead of B's
  const onlyA = await addTask(a, unitA, '常务会-2', '推进城区老旧小区改造');
  await renameTask(a, common, '104国道改线政策处理（A 改）');
  const aHighest = highestKnownHlc(a.ctx.ledger.sqlite)!;
  const merged = await inProcessSyncRunner(jobFor(a, 'sync', shared), a.ctx, hooks());
  expect(merged.mode).toBe('merged');

  b.time.advance(30);
  const unitB = await addUnit(b, '百官街道');
  const onlyB = await addTask(b, unitB, '常务会-3', '完成街道综合服务中心建设');
  expect(b.ctx.write.clock.last < aHighest).toBe(true); // B has not seen A's later stamps yet
  return { root: dir, shared, a, b, common, onlyA, onlyB, aHighest };
}

function titles(w: Working): Map<string, string> {
  const rows = w.ctx.ledger.sqlite.prepare('SELECT id, title FROM tasks WHERE deleted_hlc IS NULL').all() as { id: string; title: string }[];
  return new Map(rows.map((r) => [r.id, r.title]));
}

describe('a shared-ledger sync in a worker thread (out/main/sync-worker.cjs)', () => {
  it('merges on its own connection; the main connection sees the rows, its clock follows, progress arrives in order', async () => {
    const { shared, a, b, common, onlyA, onlyB, aHighest } = await officeThatDiverged();
    const runner = createWorkerSyncRunner(WORKER_FILE);
    b.ctx.calendarCache = {} as unknown as WorkCalendar; // a calendar built before the sync

    const progress: { step: SyncStep; fraction: number }[] = [];
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 1);
    let result;
    try {
      result = await runner(jobFor(b, 'sync', shared), b.ctx, hooks((step, fraction) => progress.push({ step, fraction })));
    } finally {
      clearInterval(ticker);
    }

    // What came in: A's new task and A's rename, from 张三.
    expect(result.mode).toBe('merged');
    expect(result.attempts).toBe(1);
    expect(result.report.received).toBeGreaterThanOrEqual(2);
    expect(result.report.byTable.tasks).toEqual({ added: 1, changed: 1, deleted: 0 });
    expect(result.report.conflicts).toBe(0);
    expect(result.report.fromOperators).toEqual(['张三']);
    expect(result.report.fromDevices).toContain(a.ctx.write.deviceId);
    expect(result.backupOfWorking && existsSync(result.backupOfWorking)).toBe(true);
    expect(result.sharedBackup && existsSync(result.sharedBackup)).toBe(true);
    expect(result.sharedHash).toBe(sha256(shared));
    expect(result.brokeStaleLock).toBeNull();

    // Progress: every step once, in order, ending with done at 1.
    expect(progress.map((p) => p.step)).toEqual(ALL_STEPS);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
    expect(progress.at(-1)).toEqual({ step: 'done', fraction: 1 });
    expect(ticks).toBeGreaterThan(0); // the main thread's timers kept running during the sync

    // The main connection (raw and through Kysely) sees the merged rows; B and the shared file are identical.
    const seen = titles(b);
    expect(seen.get(onlyA)).toBe('推进城区老旧小区改造');
    expect(seen.get(common)).toBe('104国道改线政策处理（A 改）');
    expect(seen.get(onlyB)).toBe('完成街道综合服务中心建设');
    const viaKysely = await b.ctx.ledger.db.selectFrom('tasks').select(['id', 'title']).where('id', '=', onlyA).executeTakeFirst();
    expect(viaKysely?.title).toBe('推进城区老旧小区改造');
    expect(withFile(shared, (db) => ledgerDigest(db))).toEqual(ledgerDigest(b.ctx.ledger.sqlite));
    expect(leftoversBeside(shared)).toEqual([]);

    // The main clock observed the merged stamps: B's next edit sorts after A's, though B's wall clock is a day behind.
    expect(b.ctx.write.clock.last >= aHighest).toBe(true);
    expect(b.ctx.write.clock.last >= highestKnownHlc(b.ctx.ledger.sqlite)!).toBe(true);
    expect(b.ctx.calendarCache).toBeNull();
    await renameTask(b, common, '104国道改线政策处理（B 随后又改）');
    const stamp = (b.ctx.ledger.sqlite.prepare('SELECT max(hlc) AS hlc FROM change_log').get() as { hlc: string }).hlc;
    expect(stamp > aHighest).toBe(true);

    // B syncs again, then A in-process: A gets B's edits, and B's later rename wins over A's (it sorts after).
    const again = await runner(jobFor(b, 'sync', shared), b.ctx, hooks());
    expect(again.report.received).toBe(0);
    const back = await inProcessSyncRunner(jobFor(a, 'sync', shared), a.ctx, hooks());
    expect(back.report.fromOperators).toEqual(['李四']);
    expect(back.report.conflicts).toBe(0);
    expect(titles(a).get(onlyB)).toBe('完成街道综合服务中心建设');
    expect(titles(a).get(common)).toBe('104国道改线政策处理（B 随后又改）');
    expect(ledgerDigest(a.ctx.ledger.sqlite)).toEqual(ledgerDigest(b.ctx.ledger.sqlite));

    // Nothing new on either side now: through the worker, nothing is backed up, merged or written.
    const idle = await runner(jobFor(a, 'sync', shared), a.ctx, hooks());
    expect(idle.report.received).toBe(0);
    expect([idle.backupOfWorking, idle.sharedBackup, idle.sharedHash]).toEqual([null, null, null]);
  });

  it('exports a new shared file through the worker', async () => {
    const dir = scratchDir('ledger-sync-worker-');
    const target = path.join(dir, 'usb', '共享台账.db');
    mkdirSync(path.dirname(target));
    const w = await openWorking(path.join(dir, 'pc', '督查台账.db'), '王五', new TestTime());
    const unit = await addUnit(w, '区教育局');
    await addTask(w, unit, '专题会-1', '推进义务教育学校建设');
    const steps: SyncStep[] = [];
    const result = await createWorkerSyncRunner(WORKER_FILE)(jobFor(w, 'export', target), w.ctx, hooks((step) => steps.push(step)));
    expect(result.mode).toBe('exported');
    expect(result.backupOfWorking).toBeNull();
    expect(result.sharedHash).toBe(sha256(target));
    expect(steps).toEqual(['lock', 'write', 'verify', 'replace', 'done']);
    expect(withFile(target, (db) => ledgerDigest(db))).toEqual(ledgerDigest(w.ctx.ledger.sqlite));
  });

  it('a lock held by another PC rejects with LockHeldError (lock_held, who holds it) and leaves the shared file as it was', async () => {
    const { shared, b } = await officeThatDiverged();
    const owner: LockOwner = {
      host: 'PC-07',
      user: '王五',
      pid: 4242,
      app: '督查台账',
      startedAt: new Date().toISOString(), // the worker judges with the real clock: a fresh lock
      token: 'c5d0f1e2-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
    };
    writeFileSync(lockPathOf(shared), JSON.stringify(owner, null, 2));
    const before = sha256(shared);
    const rowsBefore = titles(b);

    const error = await createWorkerSyncRunner(WORKER_FILE)(jobFor(b, 'sync', shared), b.ctx, hooks()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LockHeldError);
    expect(error).toBeInstanceOf(SharingError);
    const held = error as LockHeldError;
    expect(held.code).toBe('lock_held');
    expect(held.stale).toBe(false);
    expect(held.owner).toEqual(owner);
    expect(held.message).toContain('PC-07（王五）');
    expect(sha256(shared)).toBe(before);
    expect(JSON.parse(readFileSync(lockPathOf(shared), 'utf8'))).toEqual(owner); // their lock stays
    expect(titles(b)).toEqual(rowsBefore);
  });

  it('取消 during the sync rejects with cancelled and leaves the shared file as it was', async () => {
    const { shared, b, onlyA } = await officeThatDiverged();
    const before = sha256(shared);
    const runner = createWorkerSyncRunner(WORKER_FILE);
    const controller = new AbortController();
    const steps: SyncStep[] = [];

    // Deterministic: the main connection holds the write lock, so the worker cannot get past its merge
    // (busy_timeout) until the cancel has been sent; the lock is let go right after the abort.
    const sqlite = b.ctx.ledger.sqlite;
    sqlite.exec('BEGIN IMMEDIATE');
    const error = await runner(
      jobFor(b, 'sync', shared),
      b.ctx,
      hooks((step) => {
        steps.push(step);
        if (step === 'copy') {
          controller.abort();
          sqlite.exec('ROLLBACK');
        }
      }, controller.signal),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');

    expect(error).toBeInstanceOf(SharingError);
    expect((error as SharingError).code).toBe('cancelled');
    expect((error as SharingError).message).toContain('同步已取消');
    expect(steps.slice(0, 2)).toEqual(['lock', 'copy']);
    expect(steps).not.toContain('replace');
    expect(steps).not.toContain('done');
    expect(sha256(shared)).toBe(before);
    expect(leftoversBeside(shared)).toEqual([]); // lock released, no temporary file

    // Nothing is stuck: the next sync goes through.
    const again = await runner(jobFor(b, 'sync', shared), b.ctx, hooks());
    expect(again.mode).toBe('merged');
    expect(titles(b).get(onlyA)).toBe('推进城区老旧小区改造');
  });

  it('an already aborted signal rejects with cancelled before any thread starts', async () => {
    const { shared, b } = await officeThatDiverged();
    const before = sha256(shared);
    const controller = new AbortController();
    controller.abort();
    const steps: SyncStep[] = [];
    await expect(
      createWorkerSyncRunner(WORKER_FILE)(jobFor(b, 'sync', shared), b.ctx, hooks((step) => steps.push(step), controller.signal)),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(steps).toEqual([]);
    expect(sha256(shared)).toBe(before);
  });

  it('a worker that cannot run rejects with a Chinese SyncWorkerError', async () => {
    const { shared, b } = await officeThatDiverged();
    const before = sha256(shared);
    const error = await createWorkerSyncRunner(path.join(root, 'out/main/no-such-worker.cjs'))(jobFor(b, 'sync', shared), b.ctx, hooks()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SyncWorkerError);
    expect((error as SyncWorkerError).code).toBe('sync_worker_failed');
    expect((error as SyncWorkerError).message).toMatch(/^后台同步意外中止/);
    expect(sha256(shared)).toBe(before);
  });

  it('a worker that dies holding the lock: the lock it left (this process, since it started) is removed', async () => {
    const { root: dir, shared, b } = await officeThatDiverged();
    // A stand-in worker that takes the lock as the real one would (same process id and host) and dies.
    const crashing = path.join(dir, 'crashing-worker.cjs');
    writeFileSync(
      crashing,
      `const fs = require('node:fs'); const os = require('node:os'); const { workerData } = require('node:worker_threads');
       fs.writeFileSync(workerData.sharedPath + '.lock', JSON.stringify({ host: os.hostname(), user: '李四', pid: process.pid,
         app: '督查台账', startedAt: new Date().toISOString(), token: 'crashed' }));
       process.exit(3);`,
    );
    const error = await createWorkerSyncRunner(crashing)(jobFor(b, 'sync', shared), b.ctx, hooks()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SyncWorkerError);
    expect((error as SyncWorkerError).exitCode).toBe(3);
    expect((error as SyncWorkerError).message).toContain('退出代码 3');
    expect(existsSync(lockPathOf(shared))).toBe(false);
    const after = await createWorkerSyncRunner(WORKER_FILE)(jobFor(b, 'sync', shared), b.ctx, hooks());
    expect(after.mode).toBe('merged');
  });
});
