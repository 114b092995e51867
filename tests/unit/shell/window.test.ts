import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for Electron's BrowserWindow that records what the shell asks of it. */
const fake = vi.hoisted(() => {
  class FakeWebContents {
    listeners = new Map<string, (event: { preventDefault: () => void }, ...args: unknown[]) => void>();
    windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
    on(name: string, listener: (event: { preventDefault: () => void }) => void) {
      this.listeners.set(name, listener);
      return this;
    }
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.windowOpenHandler = handler;
    }
  }
  class FakeBrowserWindow {
    static last: FakeBrowserWindow | null = null;
    webContents = new FakeWebContents();
    loaded: { file?: string; url?: string } = {};
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.last = this;
    }
    once() {
      return this;
    }
    isDestroyed() {
      return false;
    }
    loadFile(file: string) {
      this.loaded.file = file;
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded.url = url;
      return Promise.resolve();
    }
  }
  return { FakeBrowserWindow };
});
const dialogs = vi.hoisted(() => ({ showMessageBox: vi.fn(async () => ({ response: 0 })) }));
const shell = vi.hoisted(() => ({ openExternal: vi.fn(async () => {}) }));
vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow, dialog: dialogs, shell }));

const { createMainWindow, secureWebPreferences, WINDOW_TITLE } = await import('../../../electron/main/window');
const { resolveRendererLocation } = await import('../../../electron/main/renderer-location');

const location = resolveRendererLocation({ devServerUrl: undefined, isPackaged: true, mainDir: path.resolve('/app/out/main') });

describe('main window', () => {
  beforeEach(() => {
    fake.FakeBrowserWindow.last = null;
  });

  it('has the secure web preferences', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.js', false);
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
  });

  it('is created with those preferences, titled 督查台账, and loads our built page over app://', () => {
    createMainWindow({ location, preloadPath: '/app/out/preload/index.js', devTools: false });
    const win = fake.FakeBrowserWindow.last!;
    expect(WINDOW_TITLE).toBe('督查台账');
    expect(win.options.title).toBe('督查台账');
    expect(win.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.js', false));
    expect(win.loaded.url).toBe('app://ledger/index.html');
    expect(win.loaded.file).toBeUndefined();
  });

  it('denies navigation, redirects, window.open and <webview>', () => {
    const openExternal = vi.fn(async () => false);
    createMainWindow({ location, preloadPath: '/p.js', devTools: false, openExternal });
    const contents = fake.FakeBrowserWindow.last!.webContents;
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const listener = contents.listeners.get(name);
      expect(listener, name).toBeTypeOf('function');
      const event = { preventDefault: vi.fn(), url: 'https://example.com/' };
      listener!(event, 'https://example.com/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///app/out/renderer/index.html' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'app://ledger/index.html' })).toEqual({ action: 'deny' });
  });

  it('offers http(s) links to the system browser through the one opener; a redirect never is', () => {
    const openExternal = vi.fn(async () => false);
    createMainWindow({ location, preloadPath: '/p.js', devTools: false, openExternal });
    const contents = fake.FakeBrowserWindow.last!.webContents;
    contents.listeners.get('will-navigate')!({ preventDefault: vi.fn(), url: 'https://www.gov.cn/a' } as never);
    contents.windowOpenHandler!({ url: 'https://www.gov.cn/b' });
    contents.listeners.get('will-redirect')!({ preventDefault: vi.fn(), url: 'https://www.gov.cn/c' } as never);
    expect(openExternal.mock.calls).toEqual([['https://www.gov.cn/a'], ['https://www.gov.cn/b']]);
  });

  it('by default asks in a dialog before opening, and refuses anything but http(s) without asking', async () => {
    createMainWindow({ location, preloadPath: '/p.js', devTools: false });
    const contents = fake.FakeBrowserWindow.last!.webContents;
    expect(contents.windowOpenHandler!({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' });
    contents.listeners.get('will-navigate')!({ preventDefault: vi.fn(), url: 'smb://evil/share' } as never);
    await new Promise((r) => setTimeout(r, 0));
    expect(dialogs.showMessageBox).not.toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
    contents.windowOpenHandler!({ url: 'https://www.gov.cn/' });
    await vi.waitFor(() => expect(shell.openExternal).toHaveBeenCalledWith('https://www.gov.cn/'));
    expect(dialogs.showMessageBox).toHaveBeenCalledOnce();
  });

  it('loads the dev server in development', () => {
    const dev = resolveRendererLocation({ devServerUrl: 'http://localhost:5173', isPackaged: false, mainDir: '/app/out/main' });
    const openExternal = vi.fn(async () => false);
    createMainWindow({ location: dev, preloadPath: '/p.js', devTools: true, openExternal });
    expect(fake.FakeBrowserWindow.last!.loaded.url).toBe('http://localhost:5173/');
    // hot reload navigating to the dev server is stopped, but not offered to the browser
    const event = { preventDefault: vi.fn(), url: 'http://localhost:5173/' };
    fake.FakeBrowserWindow.last!.webContents.listeners.get('will-navigate')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });
});
