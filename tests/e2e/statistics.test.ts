/**
 * 统计分析 end to end in Debian's Chromium against the real services: open the page over the demo ledger and read a
 * KPI; add an overdue task → 刷新 → the KPIs move; click a bar of the by-source chart (found by its colour on the
 * canvas) and numbers in the 数据表 → the 台账 opens with that source / unit and role / 办理期限 range and status;
 * 导出图片 → a PNG lands in the export folder.
 *
 * `LEDGER_SCREENSHOTS=1` writes the page's screenshot to docs/screenshots/.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Statistics } from '../../electron/contract/statistics';
import type { LedgerPage, Unit } from '../../electron/contract/types';
import { openBrowserSession, type BrowserSession } from '../support/browser-session';
import { tempDir } from '../support/temp-ledger';

const TODAY = '2026-11-26';
const YEAR = 2026;
const SCREENSHOT_DIR = process.env.LEDGER_SCREENSHOTS ? path.resolve('docs/screenshots') : path.resolve('test-results/screenshots');
/** 逾期未办结's colour in the charts (renderer/src/statistics/labels.ts). */
const OVERDUE_RGB = [0xe0, 0x31, 0x31] as const;

let session: BrowserSession;
let page: Page;
let exportRoot: string;
let exportFolder: string;

const service = <T>(channel: string, input: unknown): Promise<T> => session.service<T>(channel, input);
const nav = (label: string) => page.getByTestId('nav-menu').getByText(label, { exact: true }).click();
const kpi = (key: string) => page.getByTestId(`stats-kpi-${key}`).getAttribute('data-value');

async function screenshot(name: string): Promise<void> {
  type AnimatedDocument = { getAnimations(): Array<{ playState: string }> };
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: AnimatedDocument }).document.getAnimations().every((a) => a.playState !== 'running'),
  );
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
}

/** The 台账 shows exactly `expected` tasks, all with this status. */
async function expectLedger(expected: number, status: string): Promise<void> {
  await page.getByTestId('ledger-total').waitFor();
  await expect.poll(() => page.getByTestId('ledger-total').getAttribute('data-total')).toBe(String(expected));
  await expect
    .poll(async () => new Set(await page.getByTestId('ledger-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))))
    .toEqual(new Set([status]));
}

/**
 * The centre of the 逾期未办结 segment of one category's bar on a vertical chart's canvas (CSS pixels from the canvas'
 * corner), or null while it is not drawn yet. The grid's margins are those of `verticalOption` in Statistics.tsx.
 */
async function overdueBarPoint(testId: string, index: number, categories: number): Promise<{ x: number; y: number } | null> {
  return page
    .getByTestId(testId)
    .locator('canvas')
    .first()
    .evaluate(
      (node, args) => {
        type Canvas = {
          width: number;
          height: number;
          getBoundingClientRect(): { width: number; height: number };
          getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
        };
        const canvas = node as unknown as Canvas;
        const rect = canvas.getBoundingClientRect();
        const scale = canvas.width / rect.width;
        const ctx = canvas.getContext('2d');
        if (!ctx || rect.width === 0) return null;
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const band = (rect.width - 44 - 48) / args.categories;
        const [x0, x1] = [44 + band * args.index, 44 + band * (args.index + 1)].map((v) => Math.round(v * scale));
        const [y0, y1] = [44, rect.height - 56].map((v) => Math.round(v * scale));
        const xs: number[] = [];
        const ys: number[] = [];
        for (let y = y0!; y < y1!; y += 1) {
          for (let x = x0!; x < x1!; x += 1) {
            const i = (y * canvas.width + x) * 4;
            if (Math.abs(data[i]! - args.rgb[0]) <= 3 && Math.abs(data[i + 1]! - args.rgb[1]) <= 3 && Math.abs(data[i + 2]! - args.rgb[2]) <= 3) {
              xs.push(x);
              ys.push(y);
            }
          }
        }
        if (xs.length < 4) return null;
        const mid = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
        return { x: mid(xs) / scale, y: mid(ys) / scale };
      },
      { index, categories, rgb: OVERDUE_RGB },
    );
}

beforeAll(async () => {
  exportRoot = tempDir('ledger-e2e-export-');
  exportFolder = path.join(exportRoot, '统计图');
  session = await openBrowserSession({ today: TODAY, exportFolder });
  page = session.page;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await service('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: true });
});

afterAll(async () => {
  await session?.close();
  if (exportRoot) rmSync(exportRoot, { recursive: true, force: true });
});

describe('the 统计 page in a browser', () => {
  let unit: Unit;

  it('shows the year’s KPIs, and they move when a task is added', async () => {
    const before = await service<Statistics>('statistics.get', { year: YEAR });
    expect(before.totals.total).toBeGreaterThan(0);

    await page.goto(session.bridge.url);
    await page.getByTestId('dashboard').waitFor();
    await nav('统计分析');
    await page.getByTestId('statistics-page').waitFor();
    await expect.poll(() => kpi('total')).toBe(String(before.totals.total));
    await expect.poll(() => kpi('overdue')).toBe(String(before.totals.overdue));
    await expect.poll(() => page.getByTestId('statistics-ranking-rule').textContent()).toContain('按期办结率高者在前');

    // A 民生实事 task overdue since October, led by a demo unit.
    unit = (await service<Unit[]>('units.list', { includeInactive: false }))[0]!;
    await service('tasks.create', {
      year: YEAR,
      source: 'livelihood',
      title: '农贸市场提升改造（统计端到端测试）',
      assignedDate: `${YEAR}-09-01`,
      dueDate: `${YEAR}-10-20`,
      units: [{ unitId: unit.id, role: 'lead' }],
    });
    const after = await service<Statistics>('statistics.get', { year: YEAR });
    expect(after.totals.total).toBe(before.totals.total + 1);
    expect(after.totals.overdue).toBe(before.totals.overdue + 1);

    await page.getByTestId('statistics-refresh').click();
    await expect.poll(() => kpi('total')).toBe(String(after.totals.total));
    await expect.poll(() => kpi('overdue')).toBe(String(after.totals.overdue));
    await expect.poll(() => kpi('onTimeRate')).toBe(`${Math.round((after.totals.onTimeRate ?? 0) * 1000) / 10}%`);
    await screenshot('statistics.png');
  });

  it('a bar of the by-source chart opens the 台账 on that source and status', async () => {
    const livelihood = 1; // 民生实事: the second source on the axis
    const found: { point: { x: number; y: number } | null } = { point: null };
    await expect
      .poll(async () => (found.point = await overdueBarPoint('chart-source', livelihood, 6)) !== null, { timeout: 15_000 })
      .toBe(true);
    await page.getByTestId('chart-source').locator('canvas').first().click({ position: found.point! });
    const expected = await service<LedgerPage>('tasks.list', { year: YEAR, source: 'livelihood', statuses: ['overdue'], limit: 1 });
    expect(expected.total).toBeGreaterThan(0);
    await expectLedger(expected.total, 'overdue');
  });

  it('numbers in the 数据表 open the 台账 on that unit and role, or on that month of the 办理期限', async () => {
    await nav('统计分析');
    await page.getByTestId('statistics-page').waitFor();
    await page.getByTestId('chart-table-toggle-unit').click();
    const cell = page.locator(`[data-testid="chart-table-unit"] [data-testid="stat-num"][data-row="${unit.id}"][data-col="overdue"]`);
    await cell.waitFor();
    const byUnit = await service<LedgerPage>('tasks.list', { year: YEAR, unitId: unit.id, role: 'lead', statuses: ['overdue'], limit: 1 });
    await expect.poll(() => cell.textContent()).toBe(String(byUnit.total));
    await cell.click();
    await expectLedger(byUnit.total, 'overdue');

    await nav('统计分析');
    await page.getByTestId('statistics-page').waitFor();
    await page.getByTestId('chart-table-toggle-period').click();
    const october = page.locator('[data-testid="chart-table-period"] [data-testid="stat-num"][data-row="2026-10"][data-col="overdue"]');
    await october.waitFor();
    const byMonth = await service<LedgerPage>('tasks.list', {
      year: YEAR,
      dueFrom: '2026-10-01',
      dueTo: '2026-10-31',
      statuses: ['overdue'],
      limit: 1,
    });
    await expect.poll(() => october.textContent()).toBe(String(byMonth.total));
    await october.click();
    await expectLedger(byMonth.total, 'overdue');
  });

  it('导出图片 saves the chart as a PNG in the folder the host picks', async () => {
    await nav('统计分析');
    await page.getByTestId('statistics-page').waitFor();
    await expect.poll(() => overdueBarPoint('chart-source', 1, 6).then((p) => p !== null), { timeout: 15_000 }).toBe(true);
    await page.getByTestId('chart-export-source').click();
    const saved = page.getByTestId('chart-saved-source');
    await saved.waitFor();
    const file = path.join(exportFolder, `${YEAR}年督查事项按来源统计.png`);
    await expect.poll(() => saved.textContent()).toContain(file);
    expect(readdirSync(exportFolder)).toEqual([`${YEAR}年督查事项按来源统计.png`]);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // pixelRatio 2: twice the chart's width on screen (PNG IHDR width at bytes 16–19).
    const chartWidth = await page.getByTestId('chart-source').evaluate((el) => (el as unknown as { clientWidth: number }).clientWidth);
    expect(bytes.readUInt32BE(16)).toBe(chartWidth * 2);
  });
});
