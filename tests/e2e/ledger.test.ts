/**
 * End to end in Debian's Chromium: the real renderer bundle (out/renderer, built by `npm run test:e2e`)
 * talks to the real services and a real ledger file through the test bridge, which stands in for the
 * preload. First run → demo data → filter and search the ledger → open a task → add a progress report →
 * its light changes → reload: still there.
 *
 * `LEDGER_SCREENSHOTS=1` writes the README's screenshots to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerPage, TaskDetail } from '../../electron/contract/types';
import { openBrowserSession, type BrowserSession } from '../support/browser-session';

const TODAY = '2026-11-26';
const SCREENSHOT_DIR = process.env.LEDGER_SCREENSHOTS ? path.resolve('docs/screenshots') : path.resolve('test-results/screenshots');

let session: BrowserSession;
let page: Page;

const service = <T>(channel: string, input: unknown): Promise<T> => session.service<T>(channel, input);

/** A screenshot once drawers and toasts have finished sliding in (no CSS animation still running). */
async function screenshot(name: string): Promise<void> {
  // The page's document, typed here without pulling the DOM library into the Node-side tsconfig.
  type AnimatedDocument = { getAnimations(): Array<{ playState: string }> };
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: AnimatedDocument }).document.getAnimations().every((a) => a.playState !== 'running'),
  );
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });
}

async function openLedgerAndSearch(text: string): Promise<void> {
  await page.getByTestId('nav-menu').getByText('督查台账').click();
  const search = page.getByTestId('ledger-search').locator('input').or(page.locator('input[data-testid="ledger-search"]')).first();
  await search.fill(text);
  await search.press('Enter');
}

beforeAll(async () => {
  session = await openBrowserSession({ today: TODAY });
  page = session.page;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});

afterAll(async () => {
  await session?.close();
});

describe('the ledger in a browser', () => {
  it('asks for the operator and office on first run and loads the demo data', async () => {
    await page.goto(session.bridge.url);
    await page.getByTestId('first-run').waitFor();
    await page.getByTestId('setup-operator').fill('周敏');
    await page.getByTestId('setup-office').fill('绍兴市上虞区人民政府办公室');
    await page.getByTestId('setup-demo').click();
    await page.getByTestId('dashboard').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('office-name').textContent()).toContain('上虞区人民政府办公室');
    await page.getByTestId('dashboard-by-source').getByText('民生实事').first().waitFor();
    await screenshot('dashboard.png');
  });

  it('shows the ledger with lights, and filters it by search', async () => {
    await page.getByTestId('nav-menu').getByText('督查台账').click();
    await page.getByTestId('ledger-row').first().waitFor();
    const all = await service<LedgerPage>('tasks.list', { limit: 1 });
    await expect.poll(() => page.getByTestId('ledger-total').textContent()).toContain(String(all.total));
    expect(await page.getByTestId('status-light').count()).toBeGreaterThan(5);
    await screenshot('ledger.png');

    // Filter: the dashboard's 逾期 card opens the ledger filtered to overdue tasks.
    await page.getByTestId('nav-menu').getByText('工作台').click();
    await page.getByTestId('stat-overdue').click();
    const overdue = await service<LedgerPage>('tasks.list', { year: 2026, statuses: ['overdue'], limit: 500 });
    expect(overdue.total).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('ledger-total').textContent()).toContain(String(overdue.total));
    await expect.poll(async () => new Set(await page.getByTestId('ledger-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status'))))).toEqual(new Set(['overdue']));
    await page.getByTestId('filter-reset').click();

    const matching = await service<LedgerPage>('tasks.list', { search: '民生', limit: 500 });
    expect(matching.total).toBeGreaterThan(0);
    await openLedgerAndSearch('民生');
    await expect.poll(() => page.getByTestId('ledger-total').textContent()).toContain(String(matching.total));
  });

  it('adds a progress report to a task behind plan, and its light changes and stays after a reload', async () => {
    const behind = await service<LedgerPage>('tasks.list', { statuses: ['behind'], limit: 1 });
    const target = behind.rows[0]!;
    await openLedgerAndSearch(target.title);
    const row = page.locator(`[data-testid="ledger-row"][data-task-id="${target.id}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('behind');
    await row.click();
    const detail = page.getByTestId('task-detail');
    await detail.waitFor();
    await expect.poll(() => detail.getByTestId('detail-status').getAttribute('data-status')).toBe('behind');

    const reportsBefore = (await service<TaskDetail>('tasks.get', { id: target.id })).reports.length;
    await page.getByTestId('add-progress').click();
    const form = page.getByTestId('progress-form');
    await form.waitFor();
    await form.getByTestId('progress-percent').locator('input').or(form.locator('input[data-testid="progress-percent"]')).first().fill('100');
    await form.getByTestId('progress-done').fill('已全面完成年度目标，经验收合格（端到端测试）');
    await page.getByTestId('progress-submit').click();

    await expect.poll(async () => (await service<TaskDetail>('tasks.get', { id: target.id })).reports.length).toBe(reportsBefore + 1);
    await expect.poll(() => detail.getByTestId('detail-status').getAttribute('data-status')).not.toBe('behind');
    const expected = (await service<TaskDetail>('tasks.get', { id: target.id })).status;
    expect(expected).not.toBe('behind');
    await expect.poll(() => detail.getByTestId('detail-status').getAttribute('data-status')).toBe(expected);
    await page.keyboard.press('Escape');
    await expect.poll(() => row.getAttribute('data-status')).toBe(expected);

    await page.reload();
    await openLedgerAndSearch(target.title);
    await expect.poll(() => row.getAttribute('data-status')).toBe(expected);
    await row.click();
    await page.getByTestId('task-detail').waitFor();
    await expect.poll(() => page.getByTestId('progress-item').first().textContent()).toContain('端到端测试');
    await screenshot('task-detail.png');
    await page.keyboard.press('Escape');
    await page.getByTestId('task-detail').waitFor({ state: 'hidden' });
  });

  it('answers the keyboard: Ctrl+F searches, Ctrl+N opens a new task that explains what is missing, Esc closes', async () => {
    await page.getByTestId('nav-menu').getByText('工作台').click();
    await page.getByTestId('dashboard').waitFor();
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.locator(':focus').getAttribute('data-testid')).toBe('ledger-search');

    await page.keyboard.press('Control+n');
    const form = page.getByTestId('task-form');
    await form.waitFor();
    await page.getByTestId('task-save').click();
    await expect.poll(() => form.textContent()).toContain('请填写事项名称');
    await screenshot('task-form.png');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'hidden' });
  });
});
