/**
 * The background page check of a large working ledger: the workspace opens it after the cheap checks only
 * (fullCheckMaxBytes 0 here: every test file counts as large), then reads every page after the open — in the
 * shell in the sync worker's thread — reports damage in Chinese through the status the 台账文件 page and the
 * status bar show, and remembers a clean check for the day in workspace.json.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { PageCheckReport } from '../../../db/integrity';
import { readWorkspaceConfig } from '../../../electron/services/workspace/config';
import { inProcessPageCheckRunner, type PageCheckRunner } from '../../../electron/services/workspace/page-check-runner';
import { createWorkerPageCheckRunner } from '../../../electron/services/workspace/worker-sync-runner';
import { Workspace, type WorkspaceOptions } from '../../../electron/services/workspace/workspace';
import { createLedgerWithData, ledgerWithFiller, smashPage } from '../db/fixtures';
import { scratchDir, sha256, TestTime } from '../sharing/helpers';

const root = path.resolve(__dirname, '../../..');


/** Counts the checks a runner starts. */
function counting(runner: PageCheckRunner): { runner: PageCheckRunner; started: string[] } {
  const started: string[] = [];
  return {
    started,
    runner: (job) => {
      started.push(job.file);
      return runner(job);
    },
  };
}

function workspaceIn(dataFolder: string, time: TestTime, extra: Partial<WorkspaceOptions> = {}): Workspace {
  const ws = new Workspace({ dataFolder, now: time.now, automaticSync: false, fullCheckMaxBytes: 0, ...extra });
  onTestFinished(() => ws.close());
  return ws;
}

describe('the background page check of a large ledger', () => {
  it('runs after the open, says ok, and is not repeated the same day (but is the next day)', async () => {
    const dir = scratchDir('ledger-page-check-');
    const file = path.join(dir, 'ledger', '督查台账.db');
    await ledgerWithFiller(file);
    const time = new TestTime();
    const first = counting(inProcessPageCheckRunner);
    const ws = workspaceIn(path.join(dir, 'data'), time, { checkPages: first.runner });

    const ctx = ws.open(file);
    expect(ctx.ledger.pagesChecked).toBe(false);
    expect(ws.pageCheckStatus.status).toBe('running'); // the open returned before the check ran
    expect(await ws.pageCheckSettled()).toEqual({ status: 'ok', message: null });
    expect(first.started).toEqual([file]);
    expect(ws.status().lastError).toBeNull();
    expect(readWorkspaceConfig(ws.dataFolder).pagesChecked).toEqual([{ file, on: '2016-09-20' }]);
    await ws.close();

    // Reopened the same day (another start of the app): no second whole-file read.
    const again = counting(inProcessPageCheckRunner);
    const ws2 = workspaceIn(path.join(dir, 'data'), time, { checkPages: again.runner });
    ws2.open(file);
    expect(ws2.pageCheckStatus.status).toBe('skipped-today');
    expect(again.started).toEqual([]);
    await ws2.close();

    time.advance(24 * 60);
    const nextDay = counting(inProcessPageCheckRunner);
    const ws3 = workspaceIn(path.join(dir, 'data'), time, { checkPages: nextDay.runner });
    ws3.open(file);
    expect((await ws3.pageCheckSettled()).status).toBe('ok');
    expect(nextDay.started).toEqual([file]);
    expect(readWorkspaceConfig(ws3.dataFolder).pagesChecked).toEqual([{ file, on: '2016-09-21' }]);
  });

  it('opens a large ledger with a damaged page and reports the damage in Chinese in the status', async () => {
    const dir = scratchDir('ledger-page-check-');
    const file = path.join(dir, 'ledger', '督查台账.db');
    const { lastLeaf } = await ledgerWithFiller(file);
    smashPage(file, lastLeaf);
    const ws = workspaceIn(path.join(dir, 'data'), new TestTime());

    ws.open(file); // not refused: the damaged page is not read at open
    const state = await ws.pageCheckSettled();
    expect(state.status).toBe('damaged');
    expect(state.message).toMatch(/^后台检查发现台账文件已损坏/);
    const shown = ws.status().lastError;
    expect(shown?.code).toBe('db_corrupt');
    expect(shown?.message).toBe(state.message);
    expect(shown?.message).toContain('请尽快从备份恢复');
    // Damage is never remembered as a clean check: the next start checks again.
    expect(readWorkspaceConfig(ws.dataFolder).pagesChecked).toEqual([]);
  });

  it('a small ledger is checked whole at open: no background check', async () => {
    const dir = scratchDir('ledger-page-check-');
    const file = path.join(dir, 'ledger', '督查台账.db');
    await createLedgerWithData(file);
    const checks = counting(inProcessPageCheckRunner);
    const ws = new Workspace({ dataFolder: path.join(dir, 'data'), now: new TestTime().now, automaticSync: false, checkPages: checks.runner });
    onTestFinished(() => ws.close());
    const ctx = ws.open(file);
    expect(ctx.ledger.pagesChecked).toBe(true);
    expect(ws.pageCheckStatus.status).toBe('not-needed');
    expect(checks.started).toEqual([]);
  });

  it('closing the ledger stops a check that has not finished', async () => {
    const dir = scratchDir('ledger-page-check-');
    const file = path.join(dir, 'ledger', '督查台账.db');
    await ledgerWithFiller(file);
    let stopped = false;
    const never: PageCheckRunner = () => ({
      result: new Promise<PageCheckReport | null>(() => {}),
      stop: () => {
        stopped = true;
        return Promise.resolve();
      },
    });
    const ws = workspaceIn(path.join(dir, 'data'), new TestTime(), { checkPages: never });
    ws.open(file);
    expect(ws.pageCheckStatus.status).toBe('running');
    await ws.close();
    expect(stopped).toBe(true);
    expect(ws.pageCheckStatus.status).toBe('stopped');
  });
});

describe('the page check in a worker thread (the sync worker, run from its TypeScript source)', () => {
  /** A worker entry that loads sync-worker.ts through tsx: the same code electron-vite bundles into sync-worker.cjs. */
  function sourceWorker(dir: string): string {
    const entry = path.join(dir, 'sync-worker-from-source.cjs');
    writeFileSync(
      entry,
      `require(${JSON.stringify(path.join(root, 'node_modules/tsx/dist/cjs/index.cjs'))});\n` +
        `require(${JSON.stringify(path.join(root, 'electron/services/workspace/sync-worker.ts'))});\n`,
    );
    return entry;
  }

  it('reports a sound file ok and a damaged one in Chinese, on its own connection while the ledger is open', async () => {
    const dir = scratchDir('ledger-page-check-worker-');
    const sound = path.join(dir, 'ledger', '督查台账.db');
    const damaged = path.join(dir, 'ledger', '损坏.db');
    await ledgerWithFiller(sound);
    const { lastLeaf } = await ledgerWithFiller(damaged);
    smashPage(damaged, lastLeaf);
    const runner = createWorkerPageCheckRunner(sourceWorker(dir));

    const time = new TestTime();
    const ws = workspaceIn(path.join(dir, 'data'), time, { checkPages: runner });
    ws.open(sound);
    expect(await ws.pageCheckSettled()).toEqual({ status: 'ok', message: null });
    await ws.switchTo(damaged);
    const state = await ws.pageCheckSettled();
    expect(state.status).toBe('damaged');
    expect(ws.status().lastError?.message).toContain(damaged);
    await ws.close();
    // The worker only read: the sound file is as the workspace left it.
    const before = sha256(sound);
    expect((await runner({ kind: 'page-check', file: sound }).result)?.ok).toBe(true);
    expect(sha256(sound)).toBe(before);
  });
});
