/**
 * The messages between the main process and the sync worker (sync-worker.ts), and how an error crosses
 * the thread boundary. The worker runs one job: a sync/export (SyncJob) or a large ledger's page check
 * (PageCheckJob, answered by one 'page-check' or 'error' message).
 *
 * Structured clone keeps an Error's message but not its class or own fields, so the worker sends a plain
 * description and the main side rebuilds the same class: the shell and the renderer branch on `code`
 * (lock_stale asks the user whether to break the lock, and shows who holds it).
 * Plain Node: no electron, no database.
 */
import { LedgerDbError, type LedgerDbErrorCode } from '../../../db/errors';
import { SharingError, type SharingErrorCode } from '../sharing/errors';
import { LockHeldError, type LockOwner } from '../sharing/lock';
import type { SyncResult, SyncStep } from '../sharing/sync';
import type { PageCheckReport } from '../../../db/integrity';
import type { PageCheckJob } from './page-check-runner';
import type { SyncJob } from './sync-runner';

/** Main → worker. The job normally travels as `workerData`; 'start' is for a worker started without it. */
export type MainToWorkerMessage = { type: 'start'; job: SyncJob | PageCheckJob } | { type: 'cancel' };

/** Worker → main. Exactly one 'result', 'page-check' or 'error' ends a job. */
export type WorkerToMainMessage =
  | { type: 'progress'; step: SyncStep; fraction: number }
  | { type: 'result'; result: SyncResult }
  | { type: 'page-check'; report: PageCheckReport }
  | { type: 'error'; error: SerializedSyncError };

export type SerializedSyncError =
  | { kind: 'lock'; code: SharingErrorCode; message: string; owner: LockOwner | null; stale: boolean; stack?: string }
  | { kind: 'sharing'; code: SharingErrorCode; message: string; stack?: string }
  | { kind: 'ledger_db'; code: LedgerDbErrorCode; message: string; stack?: string }
  /** anything else; `code` kept when it was a string (SQLITE_FULL, ENOSPC …: the dispatcher maps some of them) */
  | { kind: 'other'; name: string; message: string; code?: string; stack?: string };

function stackOf(err: Error): { stack?: string } {
  return typeof err.stack === 'string' ? { stack: err.stack } : {};
}

/** A plain, structured-cloneable description of what the worker threw. */
export function serializeSyncError(err: unknown): SerializedSyncError {
  if (err instanceof LockHeldError) {
    const owner = err.owner ? { ...err.owner } : null;
    return { kind: 'lock', code: err.code, message: err.message, owner, stale: err.stale, ...stackOf(err) };
  }
  if (err instanceof SharingError) return { kind: 'sharing', code: err.code, message: err.message, ...stackOf(err) };
  if (err instanceof LedgerDbError) return { kind: 'ledger_db', code: err.code, message: err.message, ...stackOf(err) };
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { kind: 'other', name: err.name, message: err.message, ...(typeof code === 'string' ? { code } : {}), ...stackOf(err) };
  }
  return { kind: 'other', name: 'Error', message: String(err) };
}

/**
 * The same class, code and message on this side (LockHeldError with its owner and staleness); anything
 * else becomes an Error with the message (and its string `code`). The worker's stack is kept for the logs.
 */
export function reviveSyncError(s: SerializedSyncError): Error {
  let error: Error;
  switch (s.kind) {
    case 'lock':
      error = new LockHeldError(s.owner ? { ...s.owner } : null, s.stale, s.message);
      break;
    case 'sharing':
      error = new SharingError(s.code, s.message);
      break;
    case 'ledger_db':
      error = new LedgerDbError(s.code, s.message);
      break;
    default: {
      error = new Error(s.message);
      if (s.name && s.name !== 'Error') {
        Object.defineProperty(error, 'name', { value: s.name, configurable: true, writable: true, enumerable: false });
      }
      if (s.code !== undefined) Object.assign(error, { code: s.code });
    }
  }
  if (s.stack) error.stack = `${s.stack}\n    (in the sync worker thread)`;
  return error;
}
