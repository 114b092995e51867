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
vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow }));

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
      devTools: false,
    });
  });

  it('is created with those preferences, titled 督查台账, and loads our built page', () => {
    createMainWindow({ location, preloadPath: '/app/out/preload/index.js', devTools: false });
    const win = fake.FakeBrowserWindow.last!;
    expect(WINDOW_TITLE).toBe('督查台账');
    expect(win.options.title).toBe('督查台账');
    expect(win.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.js', false));
    expect(win.loaded.file).toBe(path.resolve('/app/out/renderer/index.html'));
    expect(win.loaded.url).toBeUndefined();
  });

  it('denies navigation, redirects, window.open and <webview>', () => {
    createMainWindow({ location, preloadPath: '/p.js', devTools: false });
    const contents = fake.FakeBrowserWindow.last!.webContents;
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const listener = contents.listeners.get(name);
      expect(listener, name).toBeTypeOf('function');
      const event = { preventDefault: vi.fn() };
      listener!(event, 'https://example.com/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'file:///app/out/renderer/index.html' })).toEqual({ action: 'deny' });
  });

  it('loads the dev server in development', () => {
    const dev = resolveRendererLocation({ devServerUrl: 'http://localhost:5173', isPackaged: false, mainDir: '/app/out/main' });
    createMainWindow({ location: dev, preloadPath: '/p.js', devTools: true });
    expect(fake.FakeBrowserWindow.last!.loaded.url).toBe('http://localhost:5173/');
  });
});
