/**
 * The real desktop app under Playwright's `_electron`: first run → demo data → the ledger shows rows.
 *
 * Runs where an Electron executable exists (and, on Linux, a display — use xvfb-run on a server);
 * elsewhere it is skipped with the reason printed. Each run gets a private data folder
 * (LEDGER_DATA_DIR), so it never touches a real ledger and has its own single-instance lock.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/contract';
import { ensureElectronBinding } from '../../scripts/native/electron-binding.mjs';
import { findElectronExecutable } from '../../scripts/native/electron-binary.mjs';

const root = path.resolve(__dirname, '../..');
const executable = findElectronExecutable(root);
const built = ['out/main/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html'].every((f) => fs.existsSync(path.join(root, f)));
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !executable
  ? 'Electron 程序未下载（ELECTRON_SKIP_BINARY_DOWNLOAD）/ the Electron binary is not installed'
  : !built
    ? 'out/ 未构建 / out/ is not built — run "npx electron-vite build" first'
    : headless
      ? '没有图形显示 / no display — run under xvfb-run'
      : null;
if (skipReason) console.log(`[_electron] 跳过 / skipped: ${skipReason}`);

/** Chromium refuses to start as root with its OS sandbox; Electron's renderer sandbox still applies. */
const chromiumArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

describe.skipIf(skipReason !== null)('督查台账 desktop app (_electron)', () => {
  let dataDir = '';
  let env: NodeJS.ProcessEnv = {};
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    // The Electron build of better-sqlite3, as `npm start` prepares it (made once, then cached).
    const nativeBinding = ensureElectronBinding({ root });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-electron-'));
    env = { ...process.env, LEDGER_DATA_DIR: dataDir, LEDGER_NATIVE_BINDING: nativeBinding };
    delete env.ELECTRON_RUN_AS_NODE;
    delete env.ELECTRON_RENDERER_URL;
    app = await _electron.launch({ executablePath: executable!, args: [root, ...chromiumArgs], env: env as Record<string, string>, timeout: 60_000 });
    page = await app.firstWindow();
  }, 20 * 60_000);

  afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens one window titled 督查台账 on the default ledger in the data folder', async () => {
    const window = await app.evaluate(({ BrowserWindow }) => {
      const [win] = BrowserWindow.getAllWindows();
      return { count: BrowserWindow.getAllWindows().length, title: win!.getTitle() };
    });
    expect(window).toEqual({ count: 1, title: '督查台账' });
    expect(fs.existsSync(path.join(dataDir, 'ledger', '督查台账.db'))).toBe(true);
  });

  it('the page sees exactly the contract as window.api, no Node and no ipcRenderer (sandbox + isolation)', async () => {
    const seen = await page.evaluate(() => {
      const g = globalThis as { api?: object; require?: unknown; process?: unknown; ipcRenderer?: unknown };
      return { api: Object.keys(g.api ?? {}).sort(), require: typeof g.require, process: typeof g.process, ipc: typeof g.ipcRenderer };
    });
    expect(seen).toEqual({ api: [...CHANNELS].sort(), require: 'undefined', process: 'undefined', ipc: 'undefined' });
  });

  it('refuses to navigate away or open windows', async () => {
    const before = page.url();
    await page.evaluate(() => {
      const g = globalThis as unknown as { open(url: string): unknown; location: { href: string } };
      // Not http(s): refused without the 打开外部网址 question (which a native dialog would leave open here).
      g.open('file:///etc/passwd');
      g.location.href = 'file:///etc/passwd';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  it('first run → demo data → the ledger shows rows', async () => {
    await page.getByTestId('setup-operator').fill('王晓明');
    await page.getByTestId('setup-office').fill('绍兴市上虞区人民政府办公室');
    await page.getByTestId('setup-demo').click();
    await page.getByTestId('nav-menu').getByText('督查台账', { exact: true }).click();
    await page.getByTestId('ledger-row').first().waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('ledger-row').count()).toBeGreaterThan(0);
    await expect(page.getByTestId('office-name').textContent()).resolves.toBe('绍兴市上虞区人民政府办公室');
  }, 120_000);

  it('a second instance on the same data folder hands over to the first and exits', async () => {
    const second = spawn(executable!, [root, ...chromiumArgs], { env, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        second.kill();
        reject(new Error('second instance did not exit within 30 s'));
      }, 30_000);
      second.on('exit', (status) => {
        clearTimeout(timer);
        resolve(status);
      });
    });
    expect(code).toBe(0);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  }, 60_000);
});
