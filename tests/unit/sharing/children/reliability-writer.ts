/**
 * Child process of the kill -9 loop (tests/unit/reliability/kill-loop.test.ts): opens a working ledger through
 * the app's own context and writes numbered records through the services (`dispatch`), one transaction each,
 * until it is killed. It lives in this folder because `bundleChild` (../helpers.ts) bundles scripts from here.
 *
 * Sequence number n is written as
 * - odd n: `tasks.create`, 序号 `K-<n>` (a task, its lead unit and one milestone, with their change_log rows);
 * - even n: `progress.add` on the task of n - 1, 工作进展 `第<n>次写入` (a progress report and its change_log rows).
 * It continues after the highest number already in the file, so the numbers in the file are 1..N without a gap
 * whatever moment the previous child died at.
 *
 * stdout: `loaded` once the code is loaded (the ledger not yet touched); then it waits for a line `go` on stdin,
 * so the parent can start the next child while it checks the last one. Then `ready <next n>` once the ledger is
 * open, and `committed <n>` after each service call returned, i.e. after its COMMIT.
 *
 * argv: <ledger file> <unit id> [<count>]   (default: write until killed)
 */
import { writeSync } from 'node:fs';
import type { Handlers } from '../../../../electron/contract/channels';
import { closeAppContext, openAppContext, type ServiceContext } from '../../../../electron/services/context';
import { dispatch } from '../../../../electron/services/dispatch';
import { addProgressReport } from '../../../../electron/services/progress';
import { createTask } from '../../../../electron/services/tasks';

const [file, unitId, countText] = process.argv.slice(2) as [string, string, string | undefined];
const count = countText === undefined ? Number.POSITIVE_INFINITY : Number(countText);

// The two entries of electron/services/handlers.ts this child uses, exactly as written there. Importing that
// whole map would bundle every service (documents, xlsx …) and nearly triple the child's start time.
const handlers = {
  'tasks.create': (input, ctx) => createTask(ctx, input),
  'progress.add': (input, ctx) => addProgressReport(ctx, input),
} as Pick<Handlers<ServiceContext>, 'tasks.create' | 'progress.add'> as Handlers<ServiceContext>;

function fail(message: string): never {
  writeSync(2, `${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const ctx = openAppContext({ file, now: () => new Date(2016, 8, 20, 9, 0, 0) });
  const sqlite = ctx.ledger.sqlite;
  const lastTask = sqlite
    .prepare(`SELECT id, CAST(substr(code, 3) AS INTEGER) AS n FROM tasks WHERE code LIKE 'K-%' ORDER BY n DESC LIMIT 1`)
    .get() as { id: string; n: number } | undefined;
  const lastReport = sqlite
    .prepare(`SELECT CAST(substr(done_text, 2, length(done_text) - 4) AS INTEGER) AS n FROM progress_reports ORDER BY n DESC LIMIT 1`)
    .get() as { n: number } | undefined;
  let n = Math.max(lastTask?.n ?? 0, lastReport?.n ?? 0) + 1;
  let taskId = lastTask?.id ?? null;
  writeSync(1, `ready ${n}\n`);

  for (let written = 0; written < count; written += 1, n += 1) {
    const result =
      n % 2 === 1
        ? await dispatch(handlers, ctx, 'tasks.create', {
            year: 2016,
            source: 'meeting',
            code: `K-${n}`,
            title: `第${n}次写入：推进城区截污纳管工程`,
            content: '区政府常务会议要求按期办结，逐月报送进展。',
            sourceRef: '区政府第12次常务会议',
            sourceDate: '2016-09-20',
            leader: '王副区长',
            assignedDate: '2016-09-20',
            timeLimitValue: 10,
            timeLimitUnit: 'workday',
            units: [{ unitId, role: 'lead' }],
            milestones: [{ label: '完成方案', dueDate: '2016-09-30', plannedPercent: 30 }],
          })
        : await dispatch(handlers, ctx, 'progress.add', {
            taskId: taskId ?? fail(`no task to report on before ${n}`),
            unitId,
            reportDate: '2016-09-20',
            percent: 50,
            doneText: `第${n}次写入`,
          });
    if (!result.ok) fail(`write ${n} failed: ${result.error.code} ${result.error.message}`);
    if (n % 2 === 1) taskId = (result.value as { task: { id: string } }).task.id;
    writeSync(1, `committed ${n}\n`);
  }
  await closeAppContext(ctx);
  writeSync(1, 'finished\n');
  process.exit(0);
}

writeSync(1, 'loaded\n');
let input = '';
process.stdin.on('data', (chunk: Buffer) => {
  input += chunk.toString();
  if (!input.includes('go\n')) return;
  process.stdin.pause();
  main().catch((error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
});
process.stdin.on('end', () => {
  if (!input.includes('go\n')) process.exit(0); // the parent went away without starting us
});
