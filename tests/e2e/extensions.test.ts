/**
 * 延期 end to end in Debian's Chromium against the real services: a unit asks for more time on an overdue
 * task, the office approves it, the deadline moves, the light turns from red, and the original deadline stays
 * visible.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerPage, TaskDetail } from '../../electron/contract/types';
import { openBrowserSession, type BrowserSession } from '../support/browser-session';
import { clickWhenOpened } from '../support/dialog-click';

const TODAY = '2026-11-26';

let session: BrowserSession;
let page: Page;

const service = <T>(channel: string, input: unknown): Promise<T> => session.service<T>(channel, input);

beforeAll(async () => {
  session = await openBrowserSession({ today: TODAY });
  page = session.page;
  await service('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: true });
});

afterAll(async () => {
  await session?.close();
});

describe('extensions in a browser', () => {
  it('records a unit’s request, approves it, moves the deadline and keeps the original visible', async () => {
    const overdue = await service<LedgerPage>('tasks.list', { statuses: ['overdue'], limit: 1 });
    const task = overdue.rows[0]!;

    await page.goto(session.bridge.url);
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('nav-menu').getByText('督查台账').click();
    await page.getByTestId('ledger-search').fill(task.title);
    await page.getByTestId('ledger-search').press('Enter');
    await page.locator(`[data-testid="ledger-row"][data-task-id="${task.id}"]`).click();
    const detail = page.getByTestId('task-detail');
    await detail.waitFor();
    await expect.poll(() => detail.getByTestId('detail-status').getAttribute('data-status')).toBe('overdue');

    await page.getByTestId('extension-request').click();
    const form = page.getByTestId('extension-form');
    await form.waitFor();
    const date = form.getByTestId('extension-date').locator('input').or(form.locator('input[data-testid="extension-date"]')).first();
    await date.click();
    await date.fill('2026年12月31日');
    await date.press('Enter');
    await form.getByTestId('extension-reason').fill('涉及管线迁改，需协调电力部门，申请延期（端到端测试）');
    await form.getByTestId('extension-progress').fill('已完成方案设计，管线迁改方案报批中');
    await page.getByTestId('extension-submit').click();

    const item = page.locator('[data-testid="extension-item"]').first();
    await expect.poll(() => item.getAttribute('data-status')).toBe('requested');
    await item.getByTestId('extension-approve').click();
    await clickWhenOpened(page.getByTestId('extension-approve-confirm'));
    await expect.poll(() => item.getAttribute('data-status')).toBe('approved');

    const after = await service<TaskDetail>('tasks.get', { id: task.id });
    expect(after.task.dueDate).toBe('2026-12-31');
    expect(after.originalDueDate).toBe(task.dueDate);
    expect(after.status).not.toBe('overdue');
    await expect.poll(() => detail.getByTestId('detail-status').getAttribute('data-status')).toBe(after.status);
    await expect.poll(() => page.getByTestId('detail-original-due').first().textContent()).toContain(
      `${Number(task.dueDate.slice(0, 4))}年${Number(task.dueDate.slice(5, 7))}月${Number(task.dueDate.slice(8, 10))}日`,
    );
  });
});
