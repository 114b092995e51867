/**
 * 打印 / 导出 PDF end to end in Debian's Chromium against the real services: the 督查台账 with a filter and the 工作台
 * are exported as PDF, with the host's pageToPdf port played by Playwright's own page.pdf (the same Chromium
 * print-to-PDF that Electron's webContents.printToPDF drives, with the same options). The PDFs are read back with
 * poppler (pdfinfo, pdftotext): A4 landscape / portrait, several pages, the office, the title, the rows, 第 1 页.
 * While the print view is mounted the print stylesheet is checked directly: under print media the app shell is
 * hidden and only the print view shows (every row of the view), under screen media the print view is hidden.
 * 打印… hands the host the same view and orientation; a view above the row cap is refused in Chinese.
 *
 * `LEDGER_SCREENSHOTS=1` keeps the first page of each PDF as a PNG in docs/screenshots/ (else test-results/).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, LedgerPage } from '../../electron/contract/types';
import { openBrowserSession, type BrowserSession } from '../support/browser-session';
import { tempDir } from '../support/temp-ledger';
import { clickWhenOpened } from '../support/dialog-click';

const TODAY = '2026-11-26';
const YEAR = 2026;
const OFFICE = '绍兴市上虞区人民政府办公室';
const SCREENSHOT_DIR = process.env.LEDGER_SCREENSHOTS ? path.resolve('docs/screenshots') : path.resolve('test-results/screenshots');

let session: BrowserSession;
let page: Page;
let exportRoot: string;
let exportFolder: string;

const service = <T>(channel: string, input: unknown): Promise<T> => session.service<T>(channel, input);
const nav = (label: string) => page.getByTestId('nav-menu').getByText(label, { exact: true }).click();
const squeeze = (text: string) => text.replace(/\s+/g, '');

/** What the print stylesheet shows, seen while the print view is mounted (inside a host port). */
interface MediaState {
  sider: boolean;
  header: boolean;
  statusBar: boolean;
  printView: boolean;
  visibleRows: number;
}

async function mediaState(view: string, row: string): Promise<MediaState> {
  return {
    sider: await page.locator('.shell-sider').isVisible(),
    header: await page.locator('.shell-header').isVisible(),
    statusBar: await page.getByTestId('status-bar').isVisible(),
    printView: await page.getByTestId(view).isVisible(),
    visibleRows: await page.locator(`[data-testid="${row}"]:visible`).count(),
  };
}

interface PortCall {
  opts: { landscape: boolean; title: string };
  print: MediaState;
  screen: MediaState;
}

/** The host's pageToPdf played by the page itself; records the stylesheet under print and screen media first. */
function pdfPort(view: string, row: string, calls: PortCall[]) {
  return async (opts: { landscape: boolean; title: string }): Promise<Uint8Array> => {
    await page.emulateMedia({ media: 'print' });
    const print = await mediaState(view, row);
    await page.emulateMedia({ media: 'screen' });
    const screen = await mediaState(view, row);
    await page.emulateMedia({ media: null });
    calls.push({ opts, print, screen });
    return page.pdf({ landscape: opts.landscape, preferCSSPageSize: true, printBackground: true });
  };
}

function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  return { pages, width: Math.round(Number(size?.[1])), height: Math.round(Number(size?.[2])) };
}

function pdfText(file: string, first?: number, last?: number): string {
  const range = first ? ['-f', String(first), '-l', String(last ?? first)] : [];
  return execFileSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' });
}

/** The first page as a PNG, to look at. */
function firstPagePng(file: string, name: string): void {
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, path.join(SCREENSHOT_DIR, name)]);
}

async function exportPdf(testId: string): Promise<string> {
  await page.getByTestId(testId).click();
  await page.getByTestId(`${testId}-pdf`).click();
  const result = page.getByTestId('print-pdf-result');
  await result.waitFor({ timeout: 60_000 });
  const file = (await result.getAttribute('data-file'))!;
  await clickWhenOpened(page.locator('.ant-modal-confirm-btns button'));
  await result.waitFor({ state: 'detached' });
  return file;
}

beforeAll(async () => {
  exportRoot = tempDir('ledger-e2e-print-');
  exportFolder = path.join(exportRoot, '打印');
  session = await openBrowserSession({ today: TODAY, exportFolder });
  page = session.page;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await service('app.setup', { operator: '周敏', officeName: OFFICE, loadDemo: true });
});

afterAll(async () => {
  await session?.close();
  if (exportRoot) rmSync(exportRoot, { recursive: true, force: true });
});

describe('打印 and 导出 PDF in a browser', () => {
  it('导出 PDF of a filtered 督查台账: A4 landscape, every row, header and page numbers', async () => {
    const expected = await service<LedgerPage>('tasks.list', { year: YEAR, source: 'work_report', limit: 500 });
    expect(expected.total).toBeGreaterThan(20);
    expect(expected.rows).toHaveLength(expected.total);

    await page.goto(session.bridge.url);
    await page.getByTestId('dashboard').waitFor();
    await nav('督查台账');
    await page.getByTestId('ledger-tabs').getByText('政府工作报告', { exact: true }).click();
    await expect.poll(() => page.getByTestId('ledger-total').getAttribute('data-total')).toBe(String(expected.total));
    // the 配合单位 column hidden on screen is not printed either
    await page.getByTestId('column-chooser-button').click();
    await page.getByTestId('column-toggle-assistUnits').click();
    await page.getByTestId('column-chooser-button').click();

    const calls: PortCall[] = [];
    session.bridge.ports.pageToPdf = pdfPort('print-ledger', 'print-ledger-row', calls);
    const file = await exportPdf('ledger-print');
    const title = `督查台账（政府工作报告 · ${YEAR}年）`;

    // the host was asked for a landscape page of this view, with the print view mounted
    expect(calls).toHaveLength(1);
    expect(calls[0]!.opts).toEqual({ landscape: true, title });
    expect(calls[0]!.print).toEqual({ sider: false, header: false, statusBar: false, printView: true, visibleRows: expected.total });
    expect(calls[0]!.screen).toMatchObject({ sider: true, header: true, statusBar: true, printView: false, visibleRows: 0 });
    // …and unmounted after; the window's title is back
    expect(await page.getByTestId('print-root').count()).toBe(0);
    expect(await page.title()).toBe('督查台账');

    expect(file).toBe(path.join(exportFolder, `督查台账-政府工作报告-${YEAR}年-${TODAY}.pdf`));
    expect(readdirSync(exportFolder)).toEqual([path.basename(file)]);
    const info = pdfInfo(file);
    expect({ width: info.width, height: info.height }).toEqual({ width: 842, height: 595 });
    expect(info.pages).toBeGreaterThan(1);

    const text = squeeze(pdfText(file));
    expect(text).toContain(OFFICE);
    expect(text).toContain(squeeze(title));
    expect(text).toContain(`打印日期：${YEAR}年11月26日`);
    expect(text).toContain(`共${expected.total}项`);
    expect(text).toContain('第1页共');
    expect(text).toContain(`第${info.pages}页共${info.pages}页`);
    for (const column of ['序号', '事项名称', '来源', '牵头单位', '责任领导', '办理期限', '最新进度', '状态']) expect(text).toContain(column);
    expect(text).not.toContain('配合单位');
    // every row's 事项名称, the first and the last among them
    for (const row of expected.rows) expect(text).toContain(squeeze(row.title));
    // the column titles repeat at the top of the last page, and the running head is there too
    const lastPage = squeeze(pdfText(file, info.pages));
    expect(lastPage).toContain('事项名称');
    expect(lastPage).toContain(squeeze(`${OFFICE} · ${title}`));
    expect(lastPage).toContain(squeeze(expected.rows.at(-1)!.title));
    expect(squeeze(pdfText(file, 1))).toContain(squeeze(expected.rows[0]!.title));
    firstPagePng(file, 'print-ledger');
  });

  it('打印… hands the same view to the host’s print dialog', async () => {
    const expected = await service<LedgerPage>('tasks.list', { year: YEAR, source: 'work_report', limit: 1 });
    const calls: PortCall[] = [];
    session.bridge.ports.printPage = async (opts) => {
      await page.emulateMedia({ media: 'print' });
      const print = await mediaState('print-ledger', 'print-ledger-row');
      await page.emulateMedia({ media: 'screen' });
      const screen = await mediaState('print-ledger', 'print-ledger-row');
      await page.emulateMedia({ media: null });
      calls.push({ opts, print, screen });
      return true;
    };
    await page.getByTestId('ledger-print').click();
    await page.getByTestId('ledger-print-print').click();
    await page.locator('.ant-message').getByText('已发送到打印机').waitFor();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.opts).toEqual({ landscape: true, title: `督查台账（政府工作报告 · ${YEAR}年）` });
    expect(calls[0]!.print).toMatchObject({ sider: false, statusBar: false, printView: true, visibleRows: expected.total });
    expect(calls[0]!.screen.printView).toBe(false);
    expect(await page.getByTestId('print-root').count()).toBe(0);

    // cancelled in the dialog: nothing printed, said so
    session.bridge.ports.printPage = async () => false;
    await page.getByTestId('ledger-print').click();
    await page.getByTestId('ledger-print-print').click();
    await page.locator('.ant-message').getByText('已取消打印').waitFor();
  });

  it('refuses a view above the row cap and points to 导出 Excel', async () => {
    let asked = 0;
    session.bridge.ports.printPage = async () => {
      asked += 1;
      return true;
    };
    // the ledger as if it had 3,001 rows in this view
    await page.route('**/__api/tasks.list', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: { total: 3001, offset: 0, rows: [] } }) }),
    );
    try {
      await page.getByTestId('ledger-print').click();
      await page.getByTestId('ledger-print-print').click();
      const refused = page.getByTestId('print-refused');
      await refused.waitFor();
      expect(await refused.textContent()).toContain('当前筛选出 3,001 项事项，超过一次打印的上限 3,000 项');
      expect(await refused.textContent()).toContain('导出 Excel');
    } finally {
      await page.unroute('**/__api/tasks.list');
    }
    await clickWhenOpened(page.locator('.ant-modal-confirm-btns button'));
    expect(asked).toBe(0);
    expect(await page.getByTestId('print-root').count()).toBe(0);
  });

  it('导出 PDF of the 工作台: A4 portrait, the year’s figures and lists', async () => {
    const dashboard = await service<Dashboard>('dashboard.get', { year: YEAR });
    await nav('工作台');
    await page.getByTestId('dashboard').waitFor();
    const calls: PortCall[] = [];
    session.bridge.ports.pageToPdf = pdfPort('print-dashboard', 'print-dashboard-by-unit', calls);
    const file = await exportPdf('dashboard-print');

    expect(calls).toHaveLength(1);
    expect(calls[0]!.opts).toEqual({ landscape: false, title: `${YEAR}年督查工作台` });
    expect(calls[0]!.print).toMatchObject({ sider: false, header: false, statusBar: false, printView: true });
    expect(calls[0]!.screen).toMatchObject({ sider: true, statusBar: true, printView: false });
    expect(await page.getByTestId('print-root').count()).toBe(0);

    expect(file).toBe(path.join(exportFolder, `督查工作台-${YEAR}年-${TODAY}.pdf`));
    expect(existsSync(file)).toBe(true);
    const info = pdfInfo(file);
    expect({ width: info.width, height: info.height }).toEqual({ width: 595, height: 842 });
    expect(info.pages).toBeGreaterThanOrEqual(1);
    const text = squeeze(pdfText(file));
    expect(text).toContain(OFFICE);
    expect(text).toContain(`${YEAR}年督查工作台`);
    expect(text).toContain(`统计截至${YEAR}年11月26日`);
    expect(text).toContain('第1页共');
    for (const heading of ['一、总体情况', '二、按来源', '三、按单位（逾期多的在前）']) expect(text).toContain(heading);
    expect(text).toContain(`逾期事项（${dashboard.totals.overdue}项）`);
    expect(text).toContain(squeeze(dashboard.overdue[0]!.title));
    expect(text).toContain(squeeze(dashboard.byUnit.at(-1)!.unitName));
    firstPagePng(file, 'print-dashboard');
  });
});
