/**
 * The main process end to end under a fake `electron`: the real services and a real ledger file
 * in a temporary data folder, with the Node build of better-sqlite3. Checks the order of start-up,
 * the IPC binding from our window, the single-instance hand-over and closing the ledger on quit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { CHANNELS, type LedgerPage, type Result } from '../../../electron/contract';

const fake = await vi.hoisted(async () => {
  // Runs before the imports above are bound, so it loads what it needs itself.
  const { default: nodeFs } = await import('node:fs');
  const { default: nodeOs } = await import('node:os');
  const { default: nodePath } = await import('node:path');
  const dataDir = nodeFs.mkdtempSync(nodePath.join(nodeOs.tmpdir(), 'ledger-main-'));
  process.env.LEDGER_DATA_DIR = dataDir;
  delete process.env.LEDGER_NATIVE_BINDING;
  delete process.env.ELECTRON_RENDERER_URL;

  type Listener = (...args: unknown[]) => unknown;
  const appListeners = new Map<string, Listener>();
  const ipc = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  let userData = '';
  const mainFrame = { url: '', parent: null, processId: 1, routingId: 1 };

  class FakeBrowserWindow {
    static all: FakeBrowserWindow[] = [];
    webContents = { mainFrame, on: () => {}, setWindowOpenHandler: () => {} };
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    loadFile = vi.fn(async () => {});
    loadURL = vi.fn(async () => {});
    constructor(readonly options: Record<string, unknown>) {
      FakeBrowserWindow.all.push(this);
    }
    isDestroyed = () => false;
    isMinimized = () => true;
    on() {}
    once() {}
  }

  const app = {
    isPackaged: false,
    setPath: vi.fn((name: string, value: string) => {
      if (name === 'userData') userData = value;
    }),
    getPath: (name: string) => (name === 'userData' ? userData : nodeOs.tmpdir()),
    getAppPath: () => process.cwd(),
    getVersion: () => '0.0.0-test',
    requestSingleInstanceLock: vi.fn(() => true),
    setAppUserModelId: () => {},
    on: (name: string, listener: Listener) => appListeners.set(name, listener),
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
    exit: vi.fn(),
  };
  const noop = () => {};
  const session = {
    defaultSession: {
      webRequest: { onBeforeRequest: noop, onHeadersReceived: noop },
      setPermissionRequestHandler: noop,
      setPermissionCheckHandler: noop,
      on: noop,
    },
  };
  return {
    dataDir,
    mainFrame,
    appListeners,
    ipc,
    FakeBrowserWindow,
    electron: {
      app,
      BrowserWindow: FakeBrowserWindow,
      ipcMain: { handle: (channel: string, listener: (event: unknown, input: unknown) => Promise<unknown>) => ipc.set(channel, listener) },
      session,
      dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })), showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showErrorBox: vi.fn() },
      shell: { showItemInFolder: vi.fn(), openPath: vi.fn() },
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: vi.fn() },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    },
  };
});
vi.mock('electron', () => fake.electron);

await import('../../../electron/main/index');

async function started(): Promise<void> {
  for (let i = 0; i < 200 && fake.FakeBrowserWindow.all.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
}
const call = (channel: string, input: unknown, frame: unknown = fake.mainFrame) => fake.ipc.get(channel)!({ senderFrame: frame }, input);

afterAll(() => fs.rmSync(fake.dataDir, { recursive: true, force: true }));

describe('main process lifecycle (fake electron, real services)', () => {
  it('uses the data folder from LEDGER_DATA_DIR before taking the single-instance lock', () => {
    expect(fake.electron.app.setPath).toHaveBeenCalledWith('userData', path.resolve(fake.dataDir));
    expect(fake.electron.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(fake.electron.app.setPath.mock.invocationCallOrder[0]!).toBeLessThan(
      fake.electron.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!,
    );
  });

  it('registers app:// as privileged before the app is ready, and serves it once started', async () => {
    const { protocol } = fake.electron;
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    await started();
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('opens the default ledger in <userData>/ledger/督查台账.db, binds every channel, then shows one window', async () => {
    await started();
    expect(fs.existsSync(path.join(fake.dataDir, 'ledger', '督查台账.db'))).toBe(true);
    expect([...fake.ipc.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(fake.FakeBrowserWindow.all).toHaveLength(1);
    const win = fake.FakeBrowserWindow.all[0]!;
    expect(win.options.title).toBe('督查台账');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(fake.electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    expect(fake.electron.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('answers our page: first run → demo data → the ledger has rows', async () => {
    const [pageUrl] = win().loadURL.mock.calls[0] as unknown as [string];
    expect(pageUrl).toBe('app://ledger/index.html');
    expect(win().loadFile).not.toHaveBeenCalled();
    fake.mainFrame.url = pageUrl;
    const info = (await call('app.info', {})) as Result<{ firstRun: boolean }>;
    expect(info).toMatchObject({ ok: true, value: { firstRun: true } });
    const setup = await call('app.setup', { operator: '王晓明', officeName: '绍兴市上虞区人民政府办公室', loadDemo: true });
    expect(setup).toMatchObject({ ok: true, value: { firstRun: false } });
    const page = (await call('tasks.list', {})) as Result<LedgerPage>;
    expect(page.ok && page.value.rows.length).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a frame that is not our page', async () => {
    await expect(call('tasks.list', {}, { ...fake.mainFrame, url: 'https://example.com/' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('a second instance brings the window to the front', () => {
    fake.appListeners.get('second-instance')!();
    expect(win().restore).toHaveBeenCalled();
    expect(win().focus).toHaveBeenCalled();
  });

  it('logs to <userData>/logs/main.log; 帮助 has 使用说明, 打开日志文件夹 and 关于 with the schema version', () => {
    expect(fs.readFileSync(path.join(fake.dataDir, 'logs', 'main.log'), 'utf8')).toContain('督查台账 0.0.0-test 启动');
    const template = fake.electron.Menu.setApplicationMenu.mock.calls.at(-1)![0] as unknown as MenuItemConstructorOptions[];
    const help = template.at(-1)!.submenu as MenuItemConstructorOptions[];
    expect(help.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual(['使用说明', '打开日志文件夹', '关于督查台账']);
    (help.find((i) => i.label === '打开日志文件夹')!.click as () => void)();
    expect(fake.electron.shell.openPath).toHaveBeenCalledWith(path.join(fake.dataDir, 'logs'));
    (help.find((i) => i.label === '关于督查台账')!.click as () => void)();
    expect(fake.electron.dialog.showMessageBox).toHaveBeenLastCalledWith(
      win(),
      expect.objectContaining({ detail: expect.stringMatching(/数据库结构版本：\d+/) }),
    );
  });

  it('quitting waits for the ledger to close, then quits; later calls get a Chinese error, not a crash', async () => {
    const event = { preventDefault: vi.fn() };
    fake.appListeners.get('before-quit')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled());
    await expect(call('settings.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'db_io' } });
    const again = { preventDefault: vi.fn() };
    fake.appListeners.get('before-quit')!(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });
});

function win() {
  return fake.FakeBrowserWindow.all[0]!;
}
