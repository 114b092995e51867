/**
 * 同步冲突 end to end in Debian's Chromium against the real services: a second copy of the bridge's ledger (one
 * origin, as two PCs get it from the shared file) moves a task's deadline on "another PC" as 李四 while this PC
 * moves it too; merging that copy in records a real conflict. The nav shows the count, the page shows 本机值 and
 * 对方值 side by side, 保留本机 resolves it: the card moves to 已处理, the badge goes, the task keeps this PC's date.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../db/connection';
import { highestKnownHlc, resetDeviceId, saveClock, writeLocalMeta } from '../../db/local-meta';
import { mergeInto } from '../../db/sync/merge';
import type { ConflictView } from '../../electron/contract/conflicts';
import type { TaskDetail, Unit } from '../../electron/contract/types';
import { closeAppContext, createServiceContext, type ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { handlers } from '../../electron/services/handlers';
import { openBrowserSession, type BrowserSession } from '../support/browser-session';
import { fixedClock } from '../support/temp-ledger';

const TODAY = '2026-11-26';
const ORIGINAL_DUE = '2026-12-31';
const OUR_DUE = '2026-12-20';
const THEIR_DUE = '2027-01-15';
const SCREENSHOT_DIR = process.env.LEDGER_SCREENSHOTS ? path.resolve('docs/screenshots') : path.resolve('test-results/screenshots');

let session: BrowserSession;
let page: Page;
let other: ServiceContext | null = null;

const service = <T>(channel: string, input: unknown): Promise<T> => session.service<T>(channel, input);

async function onOther<T>(channel: string, input: unknown): Promise<T> {
  const result = await dispatch(handlers, other!, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

const zh = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

beforeAll(async () => {
  session = await openBrowserSession({ today: TODAY });
  page = session.page;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await service('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: false });
});

afterAll(async () => {
  if (other) await closeAppContext(other);
  await session?.close();
});

describe('sync conflicts in a browser', () => {
  it('shows a merged due-date conflict side by side, keeps this PC’s date, and the badge goes', async () => {
    const unit = await service<Unit>('units.create', { name: '区水利局', kind: 'department' });
    const taskInput = (dueDate: string) => ({
      year: 2026,
      source: 'meeting',
      title: '完成曹娥江沿岸河道清淤（同步冲突测试）',
      assignedDate: '2026-10-08',
      dueDate,
      units: [{ unitId: unit.id, role: 'lead' }],
    });
    const task = (await service<TaskDetail>('tasks.create', taskInput(ORIGINAL_DUE))).task;

    // Another PC's working copy from the same origin: a snapshot of the bridge's ledger with its own device id.
    const ctx = session.bridge.ctx;
    saveClock(ctx.ledger.sqlite, ctx.write.clock);
    const copy = path.join(session.dir, '另一台电脑.db');
    rmSync(copy, { force: true });
    ctx.ledger.sqlite.prepare('VACUUM INTO ?').run(copy);
    const now = fixedClock(TODAY);
    const ledger = openLedger(copy, { now, backupDir: path.join(session.dir, 'other-backups') });
    resetDeviceId(ledger.sqlite);
    writeLocalMeta(ledger.sqlite, 'operator', '李四');
    other = createServiceContext(ledger, now);

    // Offline, both move the deadline; 李四's edit comes later (his clock has seen ours), so the merge shows his.
    await service('tasks.update', { id: task.id, task: taskInput(OUR_DUE) });
    other.write.clock.observe(highestKnownHlc(ctx.ledger.sqlite)!);
    await onOther('tasks.update', { id: task.id, task: taskInput(THEIR_DUE) });
    const report = mergeInto(ctx.ledger.sqlite, other.ledger.sqlite, { sourcePeerId: other.write.deviceId, now: now() });
    ctx.write.clock.observe(highestKnownHlc(ctx.ledger.sqlite)!);
    expect(report.conflicts).toBe(1);
    const [conflict] = await service<ConflictView[]>('conflicts.list', { status: 'open' });
    expect(conflict).toMatchObject({ columnLabel: '办理期限', winner: 'later', later: { operator: '李四', isThisDevice: false } });
    expect((await service<TaskDetail>('tasks.get', { id: task.id })).task.dueDate).toBe(THEIR_DUE);

    // The nav counts it; the page shows both sides.
    await page.goto(session.bridge.url);
    await page.getByTestId('dashboard').waitFor();
    const badge = page.getByTestId('nav-conflicts-badge');
    await badge.waitFor();
    await expect.poll(() => badge.textContent()).toBe('1');
    await page.getByTestId('nav-conflicts').click();
    await page.getByTestId('conflicts-page').waitFor();
    const card = page.locator(`[data-testid="conflict-card"][data-conflict-id="${conflict!.id}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('open');
    const ours = card.locator('[data-testid^="conflict-side-"][data-this-device="true"]');
    const theirs = card.locator('[data-testid^="conflict-side-"][data-this-device="false"]');
    expect(await ours.getByTestId('conflict-side-title').textContent()).toBe('本机值');
    expect(await theirs.getByTestId('conflict-side-title').textContent()).toBe('对方值');
    expect(await ours.getByTestId('conflict-value').getAttribute('data-value')).toBe(OUR_DUE);
    expect(await ours.getByTestId('conflict-value').textContent()).toBe(zh(OUR_DUE));
    expect(await theirs.getByTestId('conflict-value').textContent()).toBe(zh(THEIR_DUE));
    expect(await theirs.getByTestId('conflict-operator').textContent()).toBe('李四');
    expect(await ours.getByTestId('conflict-operator').textContent()).toBe('周敏');
    expect(await theirs.getByTestId('conflict-current').count()).toBe(1);
    expect(await ours.getByTestId('conflict-current').count()).toBe(0);
    await expect.poll(() => card.getByTestId('conflict-record').textContent()).toContain('完成曹娥江沿岸河道清淤');

    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'conflicts.png') });

    // The task's drawer warns of it and leads back here.
    await card.getByTestId('conflict-record').click();
    const warning = page.getByTestId('task-conflicts');
    await warning.waitFor();
    expect(await warning.getAttribute('data-count')).toBe('1');
    expect(await warning.textContent()).toContain('有 1 处同步冲突待确认');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'conflicts-drawer.png') });
    await page.getByTestId('task-conflicts-open').click();
    await page.locator('.detail-drawer').waitFor({ state: 'hidden' });
    await card.waitFor();

    // 保留本机: the card leaves 待确认 and the badge goes.
    const keep = card.getByRole('button', { name: '保留本机' });
    await keep.click();
    await page.getByTestId('conflicts-empty').waitFor();
    expect(await page.getByTestId('conflicts-empty').textContent()).toContain('没有待确认的同步冲突。');
    await badge.waitFor({ state: 'detached' });
    expect(await page.getByTestId('nav-conflicts').getAttribute('data-count')).toBe('0');

    // …and is under 已处理, with what was chosen.
    await page.getByTestId('conflicts-tabs').getByRole('tab', { name: '已处理' }).click();
    const done = page.locator(`[data-testid="conflict-card"][data-conflict-id="${conflict!.id}"][data-status="resolved"]`);
    await done.waitFor();
    expect(await done.getByTestId('conflict-resolution').textContent()).toContain('保留本机');
    expect(await done.getByRole('button').count()).toBe(0);

    // The task keeps this PC's date, and its drawer no longer warns of a conflict.
    await done.getByTestId('conflict-record').click();
    const drawer = page.getByTestId('task-detail');
    await page.locator(`[data-testid="task-detail"][data-task-id="${task.id}"]`).waitFor();
    await expect.poll(() => drawer.getByTestId('detail-due').getAttribute('data-due')).toBe(OUR_DUE);
    expect(await drawer.getByTestId('detail-due').textContent()).toContain(zh(OUR_DUE));
    expect(await page.getByTestId('task-conflicts').count()).toBe(0);
    expect((await service<TaskDetail>('tasks.get', { id: task.id })).task.dueDate).toBe(OUR_DUE);
    expect(await service<ConflictView[]>('conflicts.list', { status: 'open' })).toEqual([]);
  });
});
