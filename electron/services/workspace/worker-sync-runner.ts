/**
 * The SyncRunner of the Electron shell: each sync runs in a worker thread (the built sync-worker.cjs) with
 * its own connection to the working file, so the main process keeps answering the window during a long
 * merge. Progress comes back as messages, 取消 goes there as one, and the worker's error is rebuilt here as
 * the same class (SharingError, LockHeldError, LedgerDbError) so callers cannot tell it from the in-process
 * runner.
 *
 * What the in-process runner does on the open connection and the worker cannot: once the worker is done,
 * the main connection's clock observes the merged stamps (later local edits must sort after them), and the
 * work calendar is rebuilt lazily (holiday overrides may have come in). Both happen after a failed sync too:
 * a sync can fail after it merged into the working file (the shared file changed again, the lock was lost).
 *
 * The same worker file runs a large ledger's whole-file page check (createWorkerPageCheckRunner); the runner
 * made here carries one as `checkPages`, so a workspace given this runner checks its pages off the main thread too.
 *
 * Plain Node (no electron), so it runs in tests and on the command line as well.
 */
import os from 'node:os';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { highestKnownHlc } from '../../../db/local-meta';
import type { ServiceContext } from '../context';
import { SharingError } from '../sharing/errors';
import { lockPathOf, readLockOwner } from '../sharing/lock';
import type { SyncResult } from '../sharing/sync';
import type { PageCheckReport } from '../../../db/integrity';
import type { PageCheckRunner } from './page-check-runner';
import type { SyncRunner } from './sync-runner';
import { reviveSyncError, type MainToWorkerMessage, type WorkerToMainMessage } from './sync-worker-protocol';

/** The worker thread died without an answer (crash, out of memory, its file missing from the build). */
export class SyncWorkerError extends Error {
  override readonly name = 'SyncWorkerError';
  readonly code = 'sync_worker_failed' as const;
  /** the thread's exit code; null when it failed to start */
  readonly exitCode: number | null;

  constructor(exitCode: number | null, detail: string | null, options?: { cause?: unknown }) {
    super(
      `后台同步意外中止${exitCode === null ? '' : `（退出代码 ${exitCode}）`}${detail ? `：${detail}` : ''}。` +
        '共享台账只会被整体替换，不会只写一半；请稍后重新同步，如仍出现，请联系技术支持。',
      options,
    );
    this.exitCode = exitCode;
  }
}

function cancelledBeforeStart(): SharingError {
  return new SharingError('cancelled', '同步已取消，共享台账未作任何修改。');
}

/** What a finished worker may have changed in the working file, made known to the main connection. */
function observeWorkerChanges(ctx: ServiceContext): void {
  const highest = highestKnownHlc(ctx.ledger.sqlite);
  if (highest) ctx.write.clock.observe(highest);
  ctx.calendarCache = null;
}

/**
 * A worker that died holding the shared file's lock leaves a lock naming this very process, which the lock
 * rules never judge stale (the process is alive): everyone would be told "being synced" for half an hour.
 * Only a lock of this host and process taken since the worker started is removed; syncs run one at a time.
 */
function removeOrphanedLock(sharedPath: string, startedAt: number): void {
  try {
    const lockPath = lockPathOf(path.resolve(sharedPath));
    const owner = readLockOwner(lockPath);
    if (owner === null || owner.host !== os.hostname() || owner.pid !== process.pid) return;
    if (Date.parse(owner.startedAt) < startedAt - 1000) return;
    rmSync(lockPath, { force: true });
  } catch {
    // unreachable share: the lock ages out by the usual rules
  }
}

/**
 * A SyncRunner that runs each job in a new worker thread started from `workerFile` (out/main/sync-worker.cjs).
 * Resolves with the SyncResult; rejects with the worker's error rebuilt (SharingError / LockHeldError /
 * LedgerDbError, else Error), SharingError 'cancelled' when the signal was aborted before the start, or
 * SyncWorkerError when the thread ends without an answer.
 */
export function createWorkerSyncRunner(workerFile: string): WorkerSyncRunner {
  const runner: SyncRunner = (job, ctx, hooks) =>
    new Promise<SyncResult>((resolve, reject) => {
      if (hooks.signal.aborted) {
        reject(cancelledBeforeStart());
        return;
      }
      const startedAt = Date.now();
      let worker: Worker;
      try {
        worker = new Worker(workerFile, { workerData: job });
      } catch (error) {
        reject(new SyncWorkerError(null, (error as Error).message, { cause: error }));
        return;
      }

      let settled = false;
      let threadError: Error | null = null;
      /** a throwing onProgress stops the sync (as in-process) and is what the caller gets */
      let hookError: { error: unknown } | null = null;

      const send = (message: MainToWorkerMessage) => {
        try {
          worker.postMessage(message);
        } catch {
          // the thread is already gone: its exit settles the promise
        }
      };
      const onAbort = () => send({ type: 'cancel' });
      hooks.signal.addEventListener('abort', onAbort, { once: true });

      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        hooks.signal.removeEventListener('abort', onAbort);
        worker.unref();
        outcome();
      };
      const fail = (error: unknown) => {
        try {
          observeWorkerChanges(ctx);
        } catch {
          // the sync's own error is what matters here
        }
        reject(error);
      };

      worker.on('message', (message: WorkerToMainMessage) => {
        if (settled) return;
        switch (message.type) {
          case 'progress':
            if (hookError) return;
            try {
              hooks.onProgress(message.step, message.fraction);
            } catch (error) {
              hookError = { error };
              send({ type: 'cancel' });
            }
            return;
          case 'result':
            settle(() => {
              try {
                observeWorkerChanges(ctx);
              } catch (error) {
                reject(error);
                return;
              }
              if (hookError) reject(hookError.error);
              else resolve(message.result);
            });
            return;
          case 'error':
            settle(() => fail(hookError ? hookError.error : reviveSyncError(message.error)));
            return;
          case 'page-check':
            return; // not this job's answer
        }
      });
      // An uncaught exception in the thread: 'exit' follows and settles.
      worker.on('error', (error) => {
        threadError ??= error;
      });
      worker.on('exit', (exitCode) => {
        settle(() => {
          removeOrphanedLock(job.sharedPath, startedAt);
          fail(new SyncWorkerError(exitCode, threadError?.message ?? '后台线程未返回结果', { cause: threadError ?? undefined }));
        });
      });
    });  return Object.assign(runner, { checkPages: createWorkerPageCheckRunner(workerFile) });
}

/** A SyncRunner of the worker thread, with the page check of the same worker file. */
export type WorkerSyncRunner = SyncRunner & { checkPages: PageCheckRunner };

/**
 * A PageCheckRunner that checks each file in a new worker thread started from `workerFile`. The result is the
 * worker's report; null when stopped; it rejects with the worker's error (revived) or SyncWorkerError when the
 * thread ends without an answer. `stop` terminates the thread: its connection is gone once that resolves
 * (a check in the middle of SQLite's one long call ends when that call returns).
 */
export function createWorkerPageCheckRunner(workerFile: string): PageCheckRunner {
  return (job) => {
    let worker: Worker | null = null;
    let stopped = false;
    let exited: Promise<void> = Promise.resolve();
    const result = new Promise<PageCheckReport | null>((resolve, reject) => {
      try {
        worker = new Worker(workerFile, { workerData: job });
      } catch (error) {
        reject(new SyncWorkerError(null, (error as Error).message, { cause: error }));
        return;
      }
      // The check is a background chore: it never keeps the process alive.
      worker.unref();
      exited = new Promise((done) => worker!.once('exit', () => done()));
      let threadError: Error | null = null;
      worker.on('message', (message: WorkerToMainMessage) => {
        if (message.type === 'page-check') resolve(message.report);
        else if (message.type === 'error') reject(reviveSyncError(message.error));
      });
      worker.on('error', (error) => {
        threadError ??= error;
      });
      worker.on('exit', (exitCode) => {
        if (stopped) resolve(null);
        // After an answer this changes nothing (a promise settles once).
        else reject(new SyncWorkerError(exitCode, threadError?.message ?? '后台线程未返回结果', { cause: threadError ?? undefined }));
      });
    });
    return {
      result,
      async stop() {
        stopped = true;
        if (worker) {
          await worker.terminate();
          await exited;
        }
      },
    };
  };
}
