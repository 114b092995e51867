/**
 * Child process: syncs a working ledger with a shared file, announcing each step on stdout (`step <name>`)
 * so the parent can kill it (SIGKILL) at a chosen point. argv: <working file> <shared file> <temp folder>
 * <pause ms per step>
 */
import { writeSync } from 'node:fs';
import { closeAppContext, openAppContext } from '../../../../electron/services/context';
import { syncWithSharedFile } from '../../../../electron/services/sharing/sync';

const [workingPath, sharedPath, tempDir, pauseText] = process.argv.slice(2) as [string, string, string, string];
const pauseMs = Number(pauseText);

/** Holds the process inside a step for a moment, so a kill lands mid-step rather than only between steps. */
function pause(): void {
  if (pauseMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
}

const ctx = openAppContext({ file: workingPath, now: () => new Date(2016, 8, 21, 9, 0, 0) });
syncWithSharedFile({
  workingDb: ctx.ledger.sqlite,
  workingPath,
  sharedPath,
  tempDir,
  now: ctx.now,
  operator: 'child',
  clock: ctx.write.clock,
  breakStaleLock: true,
  onProgress: (step) => {
    writeSync(1, `step ${step}\n`);
    pause();
  },
})
  .then(async () => {
    await closeAppContext(ctx);
    writeSync(1, 'finished\n');
  })
  .catch((error: unknown) => {
    writeSync(2, `${String(error)}\n`);
    process.exit(1);
  });
