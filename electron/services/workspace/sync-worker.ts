/**
 * The sync worker (built as out/main/sync-worker.cjs): runs one SyncJob on its own connection to the working
 * file, so a long merge never stalls the main process. Started by worker-sync-runner.ts with the job as
 * `workerData` (or a 'start' message); a 'cancel' message aborts at the next safe point. It posts 'progress'
 * messages, then exactly one 'result' or 'error', and exits.
 * It also runs a large ledger's whole-file page check (PageCheckJob, page-check-runner.ts): quick_check on a
 * read-only connection of its own, answered by one 'page-check' or 'error' message; stopped by terminating it.
 *
 * The working file is already open in the main process (WAL mode, migrated): this connection neither migrates
 * nor changes journal mode, it only checks that the file is what this program expects. SQLite's locks keep the
 * two connections apart; busy_timeout lets the merge wait for a write the main process is finishing.
 * The main side makes its clock observe the merged stamps afterwards, so no clock is passed here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { APPLICATION_ID, BUSY_TIMEOUT_MS, LATEST_SCHEMA_VERSION } from '../../../db/connection';
import { foreignFileError, LedgerDbError, newerVersionError, toLedgerDbError } from '../../../db/errors';
import { checkPagesOfFile } from '../../../db/integrity';
import { exportSharedLedger, syncWithSharedFile, type SyncResult, type SyncStep } from '../sharing/sync';
import { isPageCheckJob, type PageCheckJob } from './page-check-runner';
import type { SyncJob } from './sync-runner';
import { serializeSyncError, type MainToWorkerMessage, type WorkerToMainMessage } from './sync-worker-protocol';

const port = parentPort;
if (!port) throw new Error('sync-worker must run in a worker thread (node:worker_threads).');

const controller = new AbortController();
let started = false;

function post(message: WorkerToMainMessage): void {
  port!.postMessage(message);
}

/**
 * Opens the working file for the sync. It must already be a ledger of exactly this program's schema version
 * (the main process opened and upgraded it); anything else is refused without changing the file.
 */
function openWorkingConnection(file: string, nativeBinding: string | undefined): BetterSqlite3.Database {
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { fileMustExist: true, nativeBinding });
  } catch (error) {
    throw toLedgerDbError(file, error);
  }
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const applicationId = sqlite.pragma('application_id', { simple: true }) as number;
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    if (applicationId !== APPLICATION_ID) throw foreignFileError(file);
    if (version > LATEST_SCHEMA_VERSION) throw newerVersionError(file, version, LATEST_SCHEMA_VERSION);
    if (version < LATEST_SCHEMA_VERSION) {
      throw new LedgerDbError(
        'db_migration',
        `本机台账的数据版本（${version}）低于本程序的数据版本（${LATEST_SCHEMA_VERSION}），尚未升级，本次同步未开始，台账与共享台账均未作任何修改。` +
          `请关闭并重新打开该台账（程序会先备份再升级），然后再同步。（${file}）`,
      );
    }
    sqlite.pragma('foreign_keys = ON');
    return sqlite;
  } catch (error) {
    sqlite.close();
    throw toLedgerDbError(file, error);
  }
}

/** What crosses to the main side: plain data only (SyncResult holds no Date; a copy makes sure of it). */
function plainResult(result: SyncResult): SyncResult {
  return JSON.parse(JSON.stringify(result)) as SyncResult;
}

async function run(job: SyncJob): Promise<void> {
  let message: WorkerToMainMessage;
  try {
    const workingDb = openWorkingConnection(job.workingPath, job.nativeBinding);
    try {
      const common = {
        workingDb,
        workingPath: job.workingPath,
        tempDir: job.tempDir,
        now: () => new Date(),
        operator: job.operator,
        breakStaleLock: job.breakStaleLock,
        signal: controller.signal,
        onProgress: (step: SyncStep, fraction: number) => post({ type: 'progress', step, fraction }),
        keepWorkingBackups: job.keepWorkingBackups,
        backupFolder: job.backupFolder,
        nativeBinding: job.nativeBinding,
      };
      const result =
        job.kind === 'export'
          ? await exportSharedLedger({ ...common, targetPath: job.sharedPath })
          : await syncWithSharedFile({ ...common, sharedPath: job.sharedPath, allowCreate: false });
      message = { type: 'result', result: plainResult(result) };
    } finally {
      try {
        workingDb.close();
      } catch {
        // the sync's outcome stands; the thread ends and takes the handle with it
      }
    }
  } catch (error) {
    message = { type: 'error', error: serializeSyncError(error) };
  }
  post(message);
  // Nothing more to hear: let the thread end once the message is out.
  port!.off('message', onMessage);
  port!.unref();
}

/** The page check: one long read on its own read-only connection; 'cancel' is answered by terminating the thread. */
function checkPages(job: PageCheckJob): void {
  let message: WorkerToMainMessage;
  try {
    message = { type: 'page-check', report: checkPagesOfFile(job.file, job.nativeBinding) };
  } catch (error) {
    message = { type: 'error', error: serializeSyncError(error) };
  }
  post(message);
  port!.off('message', onMessage);
  port!.unref();
}

function start(job: SyncJob | PageCheckJob): void {
  if (started) return;
  started = true;
  if (isPageCheckJob(job)) checkPages(job);
  else void run(job);
}

function onMessage(message: MainToWorkerMessage): void {
  if (message.type === 'cancel') controller.abort();
  else if (message.type === 'start') start(message.job);
}

port.on('message', onMessage);
if (workerData) start(workerData as SyncJob | PageCheckJob);
