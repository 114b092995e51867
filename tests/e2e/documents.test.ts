/**
 * Documents end to end in Debian's Chromium against the real services through the test bridge:
 * from a task's detail, draft its 督办单 → 签发 (a 文号 is assigned) → 导出 → the .docx in the export
 * folder (main's folder dialog is the bridge's fixed folder) parses back with the 文号 and the task;
 * the registry lists it as signed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerPage } from '../../electron/contract/types';
import { openBrowserSession, type BrowserSession } from '../support/browser-session';
import { readDocx } from '../support/docx-reader';

const TODAY = '2026-11-26';

let session: BrowserSession;
let page: Page;
let exportFolder: string;

const service = <T>(channel: string, input: unknown): Promise<T> => session.service<T>(channel, input);

beforeAll(async () => {
  session = await openBrowserSession({ today: TODAY });
  exportFolder = path.join(session.dir, 'exports'); // where the bridge answers main's folder dialog
  page = session.page;
  await service('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: true });
  const settings = await service<Record<string, unknown>>('documents.settings.get', {});
  await service('documents.settings.update', { ...settings, contactName: '周敏', contactPhone: '0575-82112345' });
});

afterAll(async () => {
  await session?.close();
});

describe('documents in a browser', () => {
  it('drafts a task’s 督办单, signs it with a 文号 and exports a .docx that says so', async () => {
    const overdue = await service<LedgerPage>('tasks.list', { statuses: ['overdue'], source: 'livelihood', limit: 1 });
    const task = overdue.rows[0]!;

    await page.goto(session.bridge.url);
    await page.getByTestId('dashboard').waitFor();
    await page.getByTestId('nav-menu').getByText('督查台账').click();
    await page.getByTestId('ledger-search').fill(task.title);
    await page.getByTestId('ledger-search').press('Enter');
    await page.locator(`[data-testid="ledger-row"][data-task-id="${task.id}"]`).click();
    await page.getByTestId('task-detail').waitFor();
    await page.getByTestId('task-assignment-sheet').click();

    const editor = page.getByTestId('document-editor');
    await editor.waitFor();
    await expect.poll(() => page.getByTestId('document-preview').textContent()).toContain(task.title);
    await expect.poll(() => editor.getAttribute('data-status')).toBe('draft');

    await page.getByTestId('document-sign').click();
    await page.getByTestId('sign-signer').fill('王建国');
    await page.getByTestId('sign-confirm').click();
    await expect.poll(() => page.getByTestId('sign-number').textContent()).toMatch(/〔2026〕\d+号/);
    const number = (await page.getByTestId('sign-number').textContent())!.trim();
    await page.getByTestId('sign-close').click();
    await expect.poll(() => editor.getAttribute('data-status')).toBe('signed');

    await page.getByTestId('document-export').click();
    await page.getByTestId('export-with-slip').click();
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-result').getAttribute('data-count'), { timeout: 30_000 }).toBe('2');

    const files = readdirSync(exportFolder).sort();
    expect(files).toHaveLength(2);
    expect(files.some((f) => f.endsWith('-发文稿纸.docx'))).toBe(true);
    const sheetFile = files.find((f) => !f.includes('发文稿纸'))!;
    const sheet = await readDocx(readFileSync(path.join(exportFolder, sheetFile)));
    const text = sheet.paragraphs.map((p) => p.text).join('\n') + sheet.document.replace(/<[^>]+>/g, '');
    expect(text).toContain(number);
    expect(text).toContain(task.title);
    expect(text).not.toContain('草稿');

    await page.getByTestId('export-close').click();
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await page.getByTestId('task-detail').waitFor({ state: 'hidden' });
    await page.getByTestId('nav-menu').getByText('公文').click();
    await page.getByTestId('documents-page').waitFor();
    // the demo holds signed documents of its own: exactly one signed row carries the number just taken
    const row = page.locator('[data-testid="document-row"][data-status="signed"]', { hasText: number });
    await expect.poll(() => row.count()).toBe(1);
  });
});
