/**
 * 帮助 and unexpected errors, end to end in Debian's Chromium against the real services:
 * - 使用说明 opens from the header's 帮助 and from the `#help` hash the native menu 帮助 → 使用说明 sets
 *   (electron/main/support.ts runs exactly `window.location.hash = "#help";` in the page);
 * - a page that fails to render shows 界面出现错误 in Chinese, with what to do, instead of a blank window. The failure is
 *   real, with no hook in the app: the bridge's answer for one channel is replaced (Playwright route) by a malformed
 *   one, as a service bug would send it, and the page's render throws on it;
 * - errors nobody caught (a timer, a promise) are reported through app.reportError and shown as a message.
 * The host's log port is played by the test: it records every report.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerPage, RendererErrorReport } from '../../electron/contract/types';
import { openBrowserSession, type BrowserSession } from '../support/browser-session';

const TODAY = '2026-11-26';
const LOGS = '/数据文件夹/logs';

let session: BrowserSession;
let page: Page;
const reports: RendererErrorReport[] = [];

const nav = (label: string) => page.getByTestId('nav-menu').getByText(label, { exact: true }).click();
/** An answer that type-checks as JSON but not as what the page expects. */
const malformed = (value: unknown) => ({ status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ ok: true, value }) });

beforeAll(async () => {
  session = await openBrowserSession({
    today: TODAY,
    ports: {
      logRendererError: (report) => {
        reports.push(report);
        return LOGS;
      },
    },
  });
  page = session.page;
  await session.service('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: true });
});

afterAll(async () => {
  await session?.close();
});

describe('使用说明', () => {
  it('opens from 帮助 in the header: a short guide in Chinese, with this PC’s ledger file', async () => {
    await page.goto(session.bridge.url);
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('open-help').click();
    const help = page.getByTestId('help-page');
    await help.waitFor();
    expect(await page.locator('.header-page').textContent()).toBe('使用说明');
    const text = (await help.textContent()) ?? '';
    for (const heading of ['首次使用', '录入事项与进度', '催办与通报', '公文起草与签发', '共享台账与同步', '备份与恢复', 'Excel 导入导出', '打印', '常见问题']) {
      expect(text).toContain(heading);
    }
    for (const topic of ['本机工作副本', '撤销本次同步', '解除锁定并同步', '从最近的备份恢复', '2027 年', '打开日志文件夹']) expect(text).toContain(topic);
    expect(await page.getByTestId('help-db-path').textContent()).toBe(session.bridge.ctx.ledger.file);
  });

  it('opens from the #help hash the native menu sets, every time it is asked, and the hash is cleared', async () => {
    for (let i = 0; i < 2; i++) {
      await nav('督查台账');
      await page.getByTestId('ledger-row').first().waitFor();
      // what support.ts's showGuide runs in the page
      await page.evaluate('window.location.hash = "#help";');
      await page.getByTestId('help-page').waitFor();
      await expect.poll(() => page.evaluate('window.location.hash')).toBe('');
    }
  });
});

describe('a page that fails to render', () => {
  it('shows 界面出现错误 with what to do; the sider still works; the error is logged; 重新载入 recovers', async () => {
    // (5).filter is not a function: the 工作台 throws while rendering this answer
    await page.route('**/__api/dashboard.get', (route) => route.fulfill(malformed({ byUnit: 5 })));
    const before = reports.length;
    await page.goto(session.bridge.url);
    const boundary = page.getByTestId('error-boundary');
    await boundary.waitFor();
    expect(await boundary.getAttribute('data-scope')).toBe('page');
    const text = (await boundary.textContent()) ?? '';
    expect(text).toContain('界面出现错误');
    expect(text).toContain('这一页没能正常显示。已保存的数据不受影响。');
    expect(text).toContain('重新载入');
    expect(text).toContain('帮助 → 打开日志文件夹');
    expect(await page.getByTestId('error-message').textContent()).toMatch(/^错误信息：.*is not a function/);
    await expect.poll(() => page.getByTestId('error-logs-folder').textContent()).toBe(`错误已记录在日志中：${LOGS}`);
    await expect.poll(() => reports.length).toBe(before + 1);
    expect(reports.at(-1)).toMatchObject({ where: 'render', page: '工作台', message: expect.stringMatching(/is not a function/) });
    expect(reports.at(-1)!.stack).toMatch(/Dashboard|at /);
    // the rest of the window is still there
    await expect.poll(() => page.locator('.shell-sider').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('status-bar').isVisible()).toBe(true);

    // another page works, and the error is gone with it
    await nav('督查台账');
    await page.getByTestId('ledger-row').first().waitFor();
    expect(await page.getByTestId('error-boundary').count()).toBe(0);

    // the service answers properly again: 重新载入 brings the 工作台 back
    await nav('工作台');
    await boundary.waitFor();
    await page.unroute('**/__api/dashboard.get');
    await page.getByTestId('error-reload').click();
    await page.getByTestId('dashboard').waitFor();
    await expect.poll(() => page.getByTestId('stat-total').locator('.stat-value').textContent()).toMatch(/^\d+$/);
    expect(await page.getByTestId('error-boundary').count()).toBe(0);
  });

  it('outside a page (the task drawer), the whole window shows the Chinese message, never a blank one', async () => {
    const first = (await session.service<LedgerPage>('tasks.list', { limit: 1 })).rows[0]!;
    await page.route('**/__api/tasks.get', (route) => route.fulfill(malformed({ reports: null })));
    await nav('督查台账');
    await page.locator(`[data-testid="ledger-row"][data-task-id="${first.id}"]`).click();
    const boundary = page.getByTestId('error-boundary');
    await boundary.waitFor();
    expect(await boundary.getAttribute('data-scope')).toBe('app');
    expect(await boundary.textContent()).toContain('程序界面没能正常显示。已保存的数据不受影响。');
    expect((await page.locator('body').innerText()).trim().length).toBeGreaterThan(50);
    await page.unroute('**/__api/tasks.get');
    await page.getByTestId('error-reload').click();
    await page.getByTestId('dashboard').waitFor();
  });
});

describe('errors nobody caught', () => {
  it('are logged through app.reportError and shown as a short Chinese message', async () => {
    await page.goto(session.bridge.url);
    await page.getByTestId('dashboard').waitFor();
    const before = reports.length;
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('测试：未捕获的错误');
      }, 0);
    });
    const shown = page.getByTestId('unexpected-error');
    await shown.waitFor();
    expect(await shown.textContent()).toContain('程序遇到意外错误，当前操作可能没有完成。错误已记入日志。');
    await expect.poll(() => reports.length).toBe(before + 1);
    expect(reports.at(-1)).toMatchObject({ where: 'error', page: '工作台', message: '测试：未捕获的错误' });

    await page.evaluate(() => {
      void Promise.reject(new Error('测试：未处理的拒绝'));
    });
    await expect.poll(() => reports.length).toBe(before + 2);
    expect(reports.at(-1)).toMatchObject({ where: 'rejection', message: '测试：未处理的拒绝' });
    // the dashboard is still there
    expect(await page.getByTestId('dashboard').isVisible()).toBe(true);
  });
});
