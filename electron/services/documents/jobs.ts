/**
 * Background jobs the UI follows with a progress bar and may cancel (an export batch).
 *
 * Jobs live in memory only, per open ledger: a WeakMap keyed by the ServiceContext, so they go away with
 * it. A finished job is kept for a while so that the UI's last poll still sees how it ended.
 */
import { newId } from '../../../db/ids';
import type { ExportJob } from '../../contract/documents';
import type { ServiceContext } from '../context';
import { toAppError } from '../dispatch';
import { notFound } from '../errors';

/** What the work sees of its job: the cancel signal and the progress reporter. */
export interface JobControl {
  signal: AbortSignal;
  progress: (done: number, total: number) => void;
}

interface Job {
  snapshot: ExportJob;
  controller: AbortController;
  settled: Promise<void>;
}

/** Finished jobs kept for polling; older ones are forgotten. */
const KEEP_FINISHED = 20;

const jobsByContext = new WeakMap<ServiceContext, Map<string, Job>>();

function jobsOf(ctx: ServiceContext): Map<string, Job> {
  let jobs = jobsByContext.get(ctx);
  if (!jobs) {
    jobs = new Map();
    jobsByContext.set(ctx, jobs);
  }
  return jobs;
}

function forgetOldFinished(jobs: Map<string, Job>): void {
  const finished = [...jobs.entries()].filter(([, job]) => job.snapshot.state !== 'running');
  for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(id);
}

/**
 * Starts `work` in the background and returns its job id at once. The work resolves with the files it wrote;
 * if it rejects after a cancel, the job ends `cancelled`, otherwise `failed` with a Chinese message.
 */
export function startJob(ctx: ServiceContext, total: number, work: (control: JobControl) => Promise<string[]>): string {
  const jobs = jobsOf(ctx);
  forgetOldFinished(jobs);
  const id = newId();
  const controller = new AbortController();
  const snapshot: ExportJob = { id, state: 'running', done: 0, total, files: [], error: null };
  const control: JobControl = {
    signal: controller.signal,
    progress: (done, newTotal) => {
      snapshot.done = done;
      snapshot.total = newTotal;
    },
  };
  const settled = Promise.resolve()
    .then(() => work(control))
    .then(
      (files) => {
        snapshot.files = files;
        snapshot.done = snapshot.total;
        snapshot.state = 'done';
      },
      (err: unknown) => {
        if (controller.signal.aborted) {
          snapshot.state = 'cancelled';
          return;
        }
        const error = toAppError(err);
        if (error.code === 'internal') console.error(err);
        snapshot.state = 'failed';
        snapshot.error = error.message;
      },
    );
  jobs.set(id, { snapshot, controller, settled });
  return id;
}

function requireJob(ctx: ServiceContext, id: string): Job {
  const job = jobsOf(ctx).get(id);
  if (!job) throw notFound('导出任务');
  return job;
}

/** A copy of the job's state (the UI must not hold the live object). */
export function getJob(ctx: ServiceContext, id: string): ExportJob {
  const { snapshot } = requireJob(ctx, id);
  return { ...snapshot, files: [...snapshot.files] };
}

/** Asks the job to stop; it ends `cancelled` once it has removed what it wrote. A finished job is left as it is. */
export function cancelJob(ctx: ServiceContext, id: string): ExportJob {
  const job = requireJob(ctx, id);
  if (job.snapshot.state === 'running') job.controller.abort();
  return getJob(ctx, id);
}

/** Resolves when the job has ended, with its final state (for the command line and tests). */
export async function settledJob(ctx: ServiceContext, id: string): Promise<ExportJob> {
  await requireJob(ctx, id).settled;
  return getJob(ctx, id);
}
