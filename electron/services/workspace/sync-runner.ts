/**
 * Who runs a sync. The workspace describes the job in plain data; a runner does it and reports progress.
 *
 * In-process (command line, tests, the e2e bridge): syncWithSharedFile on the open connection. The Electron
 * shell runs the same job in a worker thread with its own connection to the working file, so a long merge
 * never stalls the main process (the window keeps answering, the progress bar moves, 取消 is heard).
 */
import type { SyncResult, SyncStep } from '../sharing/sync';
import { exportSharedLedger, syncWithSharedFile } from '../sharing/sync';
import type { ServiceContext } from '../context';

/** Plain data (structured-cloneable): everything a worker needs to run the sync on its own connection. */
export interface SyncJob {
  /** 'export': create a new shared file at sharedPath (must not exist); 'sync': merge with the linked one */
  kind: 'sync' | 'export';
  workingPath: string;
  sharedPath: string;
  tempDir: string;
  operator: string;
  breakStaleLock: boolean;
  keepWorkingBackups: number;
  backupFolder: string;
  nativeBinding?: string;
}

export interface SyncHooks {
  signal: AbortSignal;
  onProgress: (step: SyncStep, fraction: number) => void;
}

export type SyncRunner = (job: SyncJob, ctx: ServiceContext, hooks: SyncHooks) => Promise<SyncResult>;

export const inProcessSyncRunner: SyncRunner = (job, ctx, hooks) => {
  const common = {
    workingDb: ctx.ledger.sqlite,
    workingPath: job.workingPath,
    tempDir: job.tempDir,
    now: ctx.now,
    operator: job.operator,
    breakStaleLock: job.breakStaleLock,
    signal: hooks.signal,
    onProgress: hooks.onProgress,
    clock: ctx.write.clock,
    keepWorkingBackups: job.keepWorkingBackups,
    backupFolder: job.backupFolder,
    nativeBinding: job.nativeBinding,
  };
  return job.kind === 'export'
    ? exportSharedLedger({ ...common, targetPath: job.sharedPath })
    : syncWithSharedFile({ ...common, sharedPath: job.sharedPath, allowCreate: false });
};
