/**
 * The one application window, locked down: sandboxed renderer, isolated preload, no Node, no
 * navigation away from our page, no pop-ups, no <webview>.
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import type { RendererLocation } from './renderer-location';

export const WINDOW_TITLE = '督查台账';

/** The renderer's preferences; a unit test asserts each of them. */
export function secureWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Chromium's spellchecker downloads dictionaries from the internet; the app is offline.
    spellcheck: false,
    devTools,
  };
}

export interface MainWindowOptions {
  location: RendererLocation;
  preloadPath: string;
  devTools: boolean;
  icon?: string;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#f5f5f5',
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: secureWebPreferences(opts.preloadPath, opts.devTools),
  });
  const contents = win.webContents;

  // The page never leaves itself: links and redirects are stopped, pop-ups and <webview> refused.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));

  win.once('ready-to-show', () => win.show());

  const loading = opts.location.kind === 'dev-server' ? win.loadURL(opts.location.url) : win.loadFile(opts.location.indexHtml);
  loading.catch((err: unknown) => console.error('界面加载失败 (renderer failed to load):', err));
  return win;
}
