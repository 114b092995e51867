/**
 * The one application window, locked down: sandboxed renderer, isolated preload, no Node, no
 * navigation away from our page, no pop-ups, no <webview>. An http(s) link the page tries to follow
 * or open goes to the system browser, after asking (external-links.ts); nothing else leaves.
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import { askInDialog, createExternalLinkOpener } from './external-links';
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
    // A middle click on a link would ask for a new window (refused anyway by setWindowOpenHandler).
    disableBlinkFeatures: 'Auxclick',
    devTools,
  };
}

export interface MainWindowOptions {
  location: RendererLocation;
  preloadPath: string;
  devTools: boolean;
  icon?: string;
  /** Where http(s) links go; default: ask in a dialog on this window, then the system browser. */
  openExternal?: (url: string) => Promise<boolean>;
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
  // A link to the web is offered to the system browser instead (asked first; http(s) only).
  const openExternal = opts.openExternal ?? createExternalLinkOpener(askInDialog(() => win));
  const offerToBrowser = (url: string) => {
    if (!isDevServerPage(opts.location, url)) void openExternal(url);
  };
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    offerToBrowser(event.url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    offerToBrowser(url);
    return { action: 'deny' };
  });

  win.once('ready-to-show', () => win.show());

  // app://ledger/index.html (app-protocol.ts), or the dev server while developing.
  const loading = win.loadURL(opts.location.url);
  loading.catch((err: unknown) => console.error('界面加载失败 (renderer failed to load):', err));
  return win;
}

/** A navigation to the dev server itself (hot reload) is stopped, but is not a link to offer the browser. */
function isDevServerPage(location: RendererLocation, url: string): boolean {
  if (location.kind !== 'dev-server') return false;
  try {
    return new URL(url).origin === location.origin;
  } catch {
    return false;
  }
}
