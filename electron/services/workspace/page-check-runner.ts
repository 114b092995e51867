/**
 * Who runs the whole-file page check (quick_check) of a large ledger after it was opened — the part of the
 * open-time check that reads every page, moved off the open path (db/file-check.ts): seconds of disk reading
 * for a ledger of a few hundred MB, half a minute for 1.5 GB.
 *
 * The Electron shell runs it in a worker thread (the sync worker's second job kind, worker-sync-runner.ts), so
 * the window keeps answering; the command line, the tests and the browser test bridge run it in this thread,
 * deferred until the open has returned (their ledgers are small and get the check at open anyway).
 *
 * Plain Node: no electron.
 */
import { checkPagesOfFile, type PageCheckReport } from '../../../db/integrity';

/** Plain data (structured-cloneable): what a worker needs to check the file on its own connection. */
export interface PageCheckJob {
  kind: 'page-check';
  file: string;
  nativeBinding?: string;
}

export interface RunningPageCheck {
  /** the report; null when stopped before it finished; rejects when the check could not run (busy, unreadable) */
  result: Promise<PageCheckReport | null>;
  /** stops the check (its connection closed); resolves once nothing of it holds the file any more */
  stop(): Promise<void>;
}

export type PageCheckRunner = (job: PageCheckJob) => RunningPageCheck;

export function isPageCheckJob(value: unknown): value is PageCheckJob {
  return !!value && typeof value === 'object' && (value as { kind?: unknown }).kind === 'page-check';
}

/** In this thread, after the current turn of the event loop (it blocks the thread while it reads). */
export const inProcessPageCheckRunner: PageCheckRunner = (job) => {
  let timer: NodeJS.Timeout | null = null;
  let settle: (report: PageCheckReport | null) => void = () => {};
  const result = new Promise<PageCheckReport | null>((resolve, reject) => {
    settle = resolve;
    timer = setTimeout(() => {
      timer = null;
      try {
        resolve(checkPagesOfFile(job.file, job.nativeBinding));
      } catch (error) {
        reject(error);
      }
    }, 0);
  });
  return {
    result,
    stop() {
      if (timer) {
        clearTimeout(timer);
        timer = null;
        settle(null);
      }
      return Promise.resolve();
    },
  };
};
