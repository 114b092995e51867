/**
 * One browser end-to-end session: a real ledger file in a temp folder, the test bridge over the real
 * services (standing in for main and the preload), and Debian's Chromium driven by Playwright.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { dispatch } from '../../electron/services/dispatch';
import { handlers } from '../../electron/services/handlers';
import { bridgeInitScript, startBridge, type Bridge, type BridgePorts } from './bridge-server';
import { fixedClock, tempDir } from './temp-ledger';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags this closed-network machine needs (no sandbox as root, no GPU, nothing that phones home). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BrowserSession {
  dir: string;
  bridge: Bridge;
  page: Page;
  /** Calls a channel straight through dispatch: to set up or to check what the UI did. */
  service<T>(channel: string, input: unknown): Promise<T>;
  close(): Promise<void>;
}

export interface BrowserSessionOptions {
  today: string;
  exportFolder?: string;
  ports?: BridgePorts;
  /**
   * An existing ledger to open instead of a fresh one: it is copied into the session's temp folder first,
   * so the original (e.g. the benchmark's cached synthetic ledger) is never written.
   */
  copyOfLedger?: string;
}

export async function openBrowserSession(opts: BrowserSessionOptions): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`找不到 Chromium（${CHROMIUM}）：请先 apt-get install chromium，或设置 CHROMIUM_PATH。`);
  if (!existsSync('out/renderer/index.html')) throw new Error('找不到 out/renderer：请用 npm run test:e2e 运行（会先构建界面）。');
  const dir = tempDir('ledger-e2e-');
  const file = path.join(dir, '督查台账.db');
  let bridge: Bridge;
  try {
    if (opts.copyOfLedger) copyFileSync(opts.copyOfLedger, file);
    bridge = await startBridge({ file, now: fixedClock(opts.today), exportFolder: opts.exportFolder, ports: opts.ports });
  } catch (err) {
    // a copied ledger may be 1.5 GB: never leave it behind in the temp folder
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await context.addInitScript(bridgeInitScript());
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('页面错误:', err));
    const opened = browser;
    return {
      dir,
      bridge,
      page,
      async service<T>(channel: string, input: unknown): Promise<T> {
        const result = await dispatch(handlers, bridge.ctx, channel, input);
        if (!result.ok) throw new Error(result.error.message);
        return result.value as T;
      },
      async close() {
        await opened.close();
        await bridge.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    await bridge.close();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
