/**
 * 台账文件与共享 end to end in Debian's Chromium against the real workspace: this PC (A, in the browser) exports its
 * ledger as a shared file from the 台账文件 page; another PC (B, a second bridge driven by service calls) opens
 * that shared file as its own working copy. Both rename the same task offline; A syncs from the status bar (past
 * a lock a crashed PC left, after the user's word), B syncs, A syncs again: the after-sync summary shows the
 * conflict, 查看同步冲突 leads to it, 采用对方 settles it.
 * Then B adds a unit, A syncs once more and 撤销本次同步: the page reloads, the unit is gone, and automatic syncs
 * are paused.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SharingStatus, SwitchOutcome, SyncOutcomeView } from '../../electron/contract/sharing';
import type { TaskDetail, Unit } from '../../electron/contract/types';
import { dispatch } from '../../electron/services/dispatch';
import { handlers } from '../../electron/services/handlers';
import { startBridge, type Bridge } from '../support/bridge-server';
import { openBrowserSession, type BrowserSession } from '../support/browser-session';
import { clickWhenOpened } from '../support/dialog-click';
import { fixedClock, tempDir } from '../support/temp-ledger';

const TODAY = '2026-11-26';
const ORIGINAL = '推进城南片区老旧小区改造（共享同步测试）';
const OURS = '推进城南片区老旧小区改造（本机修改）';
const THEIRS = '推进城南片区老旧小区改造（对方修改）';
const NEW_UNIT = '区城市更新中心（对方新增）';
const SCREENSHOT_DIR = process.env.LEDGER_SCREENSHOTS ? path.resolve('docs/screenshots') : path.resolve('test-results/screenshots');

// --- bridge setup: the host's dialogs answered by the test (BridgePorts); B is a second bridge without a browser.
const shareDir = tempDir('ledger-share-');
const sharedPath = path.join(shareDir, '督查台账-共享.db');
const otherDir = tempDir('ledger-other-pc-');

let session: BrowserSession;
let page: Page;
let other: Bridge;

const onA = <T>(channel: string, input: unknown = {}): Promise<T> => session.service<T>(channel, input);

/** B: every call goes to the ledger B has open now (it changes when B opens the shared file). */
async function onB<T>(channel: string, input: unknown = {}): Promise<T> {
  const result = await dispatch(handlers, other.ctx, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

async function openSessions(): Promise<void> {
  session = await openBrowserSession({ today: TODAY, ports: { chooseSharedTarget: async () => sharedPath } });
  other = await startBridge({ file: path.join(otherDir, '督查台账.db'), now: fixedClock(TODAY), ports: { pickSharedFile: async () => sharedPath } });
}
// --- end bridge setup

const nav = (label: string) => page.getByTestId('nav-menu').getByText(label, { exact: true }).click();
const summary = () => page.getByTestId('sync-summary');
const screenshot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });

/** 关闭 of the after-sync summary, and the summary gone. */
async function closeSummary(): Promise<void> {
  await clickWhenOpened(page.getByTestId('sync-summary-close'));
  await summary().waitFor({ state: 'detached' });
}

/** 立即同步 in the status bar, and the summary that follows. */
async function syncFromStatusBar(): Promise<void> {
  await page.getByTestId('sync-now').click();
  await summary().waitFor();
}

beforeAll(async () => {
  await openSessions();
  page = session.page;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await onA('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: false });
  await onB('app.setup', { operator: '李四', officeName: '绍兴市上虞区人民政府办公室', loadDemo: false });
});

afterAll(async () => {
  await other?.close();
  await session?.close();
  rmSync(shareDir, { recursive: true, force: true });
  rmSync(otherDir, { recursive: true, force: true });
});

describe('sharing in a browser', () => {
  it('exports, syncs, shows and settles a conflict, and undoes a sync', async () => {
    const unit = await onA<Unit>('units.create', { name: '区住建局', kind: 'department' });
    const taskInput = (title: string) => ({
      year: 2026,
      source: 'meeting',
      title,
      assignedDate: '2026-10-08',
      dueDate: '2026-12-31',
      units: [{ unitId: unit.id, role: 'lead' }],
    });
    const task = (await onA<TaskDetail>('tasks.create', taskInput(ORIGINAL))).task;

    // A: 导出为共享台账 on the 台账文件 page; the status bar names the shared file from then on.
    await page.goto(session.bridge.url);
    await page.getByTestId('dashboard').waitFor();
    await expect.poll(() => page.getByTestId('sync-status-shared').textContent()).toBe('未关联共享台账');
    await nav('台账文件');
    await page.getByTestId('files-page').waitFor();
    await page.getByTestId('shared-export').click();
    await summary().waitFor();
    expect(await summary().getAttribute('data-mode')).toBe('exported');
    await closeSummary();
    await expect.poll(() => page.getByTestId('shared-path').textContent()).toBe(sharedPath);
    await expect.poll(() => page.getByTestId('sync-status-shared').textContent()).toBe('共享台账：督查台账-共享.db');
    await screenshot('sharing-files.png');

    // B: 打开共享台账 makes its own working copy, linked to the shared file.
    expect((await onB<SwitchOutcome>('sharing.openShared')).switched).toBe(true);
    expect((await onB<SharingStatus>('sharing.status')).sharedPath).toBe(sharedPath);
    expect((await onB<TaskDetail>('tasks.get', { id: task.id })).task.title).toBe(ORIGINAL);

    // Offline, both rename the task.
    await onA('tasks.update', { id: task.id, task: taskInput(OURS) });
    await onB('tasks.update', { id: task.id, task: taskInput(THEIRS) });

    // A syncs (its rename goes to the shared file) past a lock a crashed PC left behind, once the user says so;
    // B syncs (and meets A's rename), A syncs again.
    const lock = { host: 'PC-07', user: '王五', pid: 1, app: '督查台账', startedAt: '2026-11-26T06:00:00+08:00', token: 'crashed' };
    writeFileSync(`${sharedPath}.lock`, JSON.stringify(lock));
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-stale-lock').waitFor();
    expect(await page.getByTestId('sync-stale-lock').textContent()).toContain('PC-07（王五）');
    await clickWhenOpened(page.getByTestId('sync-break-lock'));
    await summary().waitFor();
    await closeSummary();
    await onB<SyncOutcomeView>('sharing.syncNow', { breakStaleLock: false });
    await syncFromStatusBar();
    const conflicts = summary().getByTestId('sync-summary-conflicts');
    await conflicts.waitFor();
    expect(await conflicts.getAttribute('data-count')).toBe('1');
    expect(await summary().getByTestId('sync-summary-line').textContent()).toContain('1 处冲突');
    await screenshot('sharing-summary.png');

    // Until it is dealt with, the task carries a 冲突 badge in the 台账 (the summary comes back from the status bar).
    await closeSummary();
    await nav('督查台账');
    await page.locator(`[data-task-id="${task.id}"] [data-testid="ledger-conflict-tag"]`).waitFor();
    await page.locator('[data-testid="sync-status-last"]').first().click();
    await summary().waitFor();

    // 查看同步冲突 → the conflicts page; 采用对方 keeps B's title.
    await clickWhenOpened(summary().getByTestId('sync-summary-show-conflicts'));
    await page.getByTestId('conflicts-page').waitFor();
    const card = page.getByTestId('conflict-card').first();
    await card.waitFor();
    await card.getByRole('button', { name: '采用对方' }).click();
    await page.getByTestId('conflicts-empty').waitFor();
    expect((await onA<TaskDetail>('tasks.get', { id: task.id })).task.title).toBe(THEIRS);
    await nav('督查台账');
    await page.locator(`[data-task-id="${task.id}"]`).waitFor();
    expect(await page.getByTestId('ledger-conflict-tag').count()).toBe(0);

    // A later sync brings B's new unit; 撤销本次同步 puts this PC's ledger back as it was before it.
    await onB<Unit>('units.create', { name: NEW_UNIT, kind: 'department' });
    await onB<SyncOutcomeView>('sharing.syncNow', { breakStaleLock: false });
    await syncFromStatusBar();
    expect((await onA<Unit[]>('units.list', { includeInactive: true })).map((u) => u.name)).toContain(NEW_UNIT);
    await page.evaluate(() => {
      (globalThis as unknown as { beforeUndo?: boolean }).beforeUndo = true;
    });
    await clickWhenOpened(page.getByTestId('sync-summary-undo'));
    await clickWhenOpened(page.getByTestId('sync-undo-confirm'));
    await page.waitForFunction(() => (globalThis as unknown as { beforeUndo?: boolean }).beforeUndo === undefined);
    await page.getByTestId('dashboard').waitFor();
    expect((await onA<Unit[]>('units.list', { includeInactive: true })).map((u) => u.name)).not.toContain(NEW_UNIT);
    expect((await onA<TaskDetail>('tasks.get', { id: task.id })).task.title).toBe(THEIRS);
    await page.getByTestId('sync-status-paused').waitFor();
    expect((await onA<SharingStatus>('sharing.status')).paused).toBe(true);
  });
});
