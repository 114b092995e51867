/**
 * The app's log and what the shell does with unexpected errors: the real electron-log (its Node entry) writing into a
 * temp data folder; the dialogs and the window through a fake `electron`.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import electronLog from 'electron-log/node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { CHANNELS, type Handlers } from '../../../electron/contract';
import { bindContract, type IpcMainLike } from '../../../electron/main/ipc';
import {
  installCrashHandlers,
  internalErrorLogger,
  LOG_ARCHIVES_KEPT,
  LOG_MAX_BYTES,
  rendererErrorLogger,
  rotateLogFiles,
  setupLogging,
  unexpectedErrorMessage,
  type Logger,
} from '../../../electron/main/logging';
import type { ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { handlers } from '../../../electron/services/handlers';
import { tempDir } from '../../support/temp-ledger';

const electron = vi.hoisted(() => ({
  app: { isReady: vi.fn(() => true), quit: vi.fn() },
  dialog: { showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0 })), showErrorBox: vi.fn() },
  shell: { openPath: vi.fn(async (_folder: string) => '') },
}));
vi.mock('electron', () => electron);
const { aboutDetail, HELP_HASH, openLogsFolder, showGuide, showUnexpectedError, watchRendererProcess } = await import('../../../electron/main/support');

let dir: string;
let logId = 0;
/** A logger of its own per test (electron-log's default one is the app's). */
const newLog = () => electronLog.create({ logId: `test-${process.pid}-${++logId}` });

beforeEach(() => {
  dir = tempDir('ledger-log-');
  vi.clearAllMocks();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const fakeLogger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() }) satisfies Logger;

describe('the log file', () => {
  it('is <userData>/logs/main.log, level info, rotated at 5 MB keeping 5 old files', () => {
    const log = newLog();
    const appLog = setupLogging(dir, { log });
    expect(appLog.folder).toBe(path.join(dir, 'logs'));
    expect(appLog.file).toBe(path.join(dir, 'logs', 'main.log'));
    expect(log.transports.file.level).toBe('info');
    expect(log.transports.file.maxSize).toBe(5 * 1024 * 1024);
    expect(LOG_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(LOG_ARCHIVES_KEPT).toBe(5);
    expect(log.transports.console.level).toBe(false);

    appLog.logger.info('督查台账 启动');
    log.debug('not at level info');
    const text = fs.readFileSync(appLog.file, 'utf8');
    expect(text).toContain('[info]');
    expect(text).toContain('督查台账 启动');
    expect(text).not.toContain('not at level info');
  });

  it('rotates main.log → main.1.log … main.5.log and drops the oldest', () => {
    const folder = path.join(dir, 'logs');
    fs.mkdirSync(folder);
    const file = path.join(folder, 'main.log');
    for (let n = 1; n <= 5; n++) fs.writeFileSync(path.join(folder, `main.${n}.log`), `old ${n}`);
    fs.writeFileSync(file, 'current');
    rotateLogFiles(file);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readFileSync(path.join(folder, 'main.1.log'), 'utf8')).toBe('current');
    expect(fs.readFileSync(path.join(folder, 'main.2.log'), 'utf8')).toBe('old 1');
    expect(fs.readFileSync(path.join(folder, 'main.5.log'), 'utf8')).toBe('old 4');
    expect(fs.readdirSync(folder).sort()).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.4.log', 'main.5.log']);
  });

  it('electron-log rotates through that function once the file passes its size, never keeping more than 5 old files', () => {
    const log = newLog();
    const appLog = setupLogging(dir, { log });
    log.transports.file.maxSize = 2_000; // the real 5 MB would take a while to fill
    for (let i = 0; i < 400; i++) appLog.logger.info(`第 ${i} 行 ${'x'.repeat(80)}`);
    const files = fs.readdirSync(appLog.folder).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.4.log', 'main.5.log', 'main.log']);
    for (const f of files) expect(fs.statSync(path.join(appLog.folder, f)).size).toBeLessThan(2_000 + 200);
    expect(fs.readFileSync(appLog.file, 'utf8')).toContain('第 399 行');
  });

  it('writes to the console only in development, warnings and errors', () => {
    const log = newLog();
    setupLogging(dir, { log, toConsole: true });
    expect(log.transports.console.level).toBe('warn');
  });
});

describe('errors a use case did not expect (IPC)', () => {
  it('are logged with the channel they happened on; the caller gets the Chinese 程序内部错误', async () => {
    const log = newLog();
    const appLog = setupLogging(dir, { log });
    const bound = new Map<string, (event: { senderFrame: string | null }, input: unknown) => Promise<unknown>>();
    const ipcMain: IpcMainLike<string> = { handle: (channel, listener) => void bound.set(channel, listener) };
    const throwing = Object.fromEntries(
      CHANNELS.map((c) => [
        c,
        () => {
          throw new TypeError('Cannot read properties of undefined (reading "rows")');
        },
      ]),
    ) as unknown as Handlers<object>;
    bindContract(ipcMain, throwing, () => ({}), (frame) => frame === 'ours', internalErrorLogger(appLog.logger));

    const result = await bound.get('tasks.leaders')!({ senderFrame: 'ours' }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect((result as { error: { message: string } }).error.message).toMatch(/程序内部错误/);
    const text = fs.readFileSync(appLog.file, 'utf8');
    expect(text).toContain('[error]');
    expect(text).toContain('internal error in tasks.leaders');
    expect(text).toContain('Cannot read properties of undefined');
    expect(text).toContain('TypeError');
  });

  it('a failing logger never turns the call into a crash', () => {
    const logger = { ...fakeLogger(), error: vi.fn(() => { throw new Error('disk full'); }) };
    expect(() => internalErrorLogger(logger)(new Error('x'), 'tasks.get')).not.toThrow();
  });
});

describe('uncaught exceptions and unhandled rejections in main', () => {
  it('are logged and shown in one Chinese dialog; the process keeps running', async () => {
    const target = new EventEmitter();
    const logger = fakeLogger();
    let close!: () => void;
    const showError = vi.fn(() => new Promise<void>((resolve) => (close = resolve)));
    installCrashHandlers({ logger, showError, target });

    const boom = new Error('ENOENT: no such file');
    target.emit('uncaughtException', boom);
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('uncaughtException'), boom);
    expect(showError).toHaveBeenCalledExactlyOnceWith(boom);

    // while that dialog is open, more errors are logged but do not pile up dialogs
    target.emit('unhandledRejection', new Error('second'));
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error).toHaveBeenLastCalledWith(expect.stringContaining('unhandledRejection'), expect.any(Error));
    expect(showError).toHaveBeenCalledTimes(1);

    close();
    await vi.waitFor(() => {
      target.emit('unhandledRejection', 'third');
      expect(showError).toHaveBeenCalledTimes(2);
    });
  });

  it('nothing thrown by the log or the dialog escapes the handler', () => {
    const target = new EventEmitter();
    const logger = { ...fakeLogger(), error: vi.fn(() => { throw new Error('log broken'); }) };
    installCrashHandlers({ logger, showError: () => { throw new Error('no dialog'); }, target });
    expect(() => target.emit('uncaughtException', new Error('x'))).not.toThrow();
  });

  it('the message says what happened, where it is logged and what to do, in Chinese', () => {
    const text = unexpectedErrorMessage('/data/logs', new Error('EACCES'));
    expect(text.message).toBe('程序遇到意外错误，当前操作可能没有完成。');
    expect(text.detail).toContain('错误已记录在日志中（/data/logs）');
    expect(text.detail).toContain('请保存正在进行的工作后重新启动程序');
    expect(text.detail).toContain('帮助 → 打开日志文件夹');
    expect(text.detail).toContain('技术支持');
    expect(text.detail).toContain('错误信息：EACCES');
  });

  it('the dialog is modal to the window, and its second button opens the log folder', async () => {
    const win = { isDestroyed: () => false } as unknown as BrowserWindow;
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    await showUnexpectedError({ window: win, logsFolder: '/data/logs', err: new Error('boom') });
    const [parent, options] = electron.dialog.showMessageBox.mock.calls[0]! as [unknown, { type: string; message: string; detail: string; buttons: string[] }];
    expect(parent).toBe(win);
    expect(options.type).toBe('error');
    expect(options.message).toBe('程序遇到意外错误，当前操作可能没有完成。');
    expect(options.detail).toContain('/data/logs');
    expect(options.buttons).toEqual(['确定', '打开日志文件夹']);
    expect(electron.shell.openPath).toHaveBeenCalledWith('/data/logs');
  });

  it('before the app is ready, the plain error box', async () => {
    electron.app.isReady.mockReturnValueOnce(false);
    await showUnexpectedError({ window: null, logsFolder: '/data/logs', err: new Error('early') });
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('督查台账 — 意外错误', expect.stringContaining('错误信息：early'));
  });
});

describe("the renderer's unexpected errors (app.reportError)", () => {
  const report = { where: 'render' as const, message: 'Cannot read properties of null', stack: 'TypeError: …\n    at Dashboard', page: '工作台' };

  it('go through the contract to the host port, which writes them to the log with the page and the stack', async () => {
    const log = newLog();
    const appLog = setupLogging(dir, { log });
    const ctx = { ports: { logRendererError: rendererErrorLogger(appLog.logger, appLog.folder) } } as unknown as ServiceContext;
    const result = await dispatch(handlers, ctx, 'app.reportError', report);
    expect(result).toEqual({ ok: true, value: { logged: true, logsFolder: appLog.folder } });
    const text = fs.readFileSync(appLog.file, 'utf8');
    expect(text).toContain('renderer render on 工作台: Cannot read properties of null');
    expect(text).toContain('at Dashboard');
  });

  it('are refused beyond the contract limits, and say so where no log is kept', async () => {
    const ctx = { ports: {} } as unknown as ServiceContext;
    await expect(dispatch(handlers, ctx, 'app.reportError', { ...report, message: 'x'.repeat(2001) })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await expect(dispatch(handlers, ctx, 'app.reportError', { ...report, where: 'elsewhere' })).resolves.toMatchObject({ ok: false });
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(dispatch(handlers, ctx, 'app.reportError', report)).resolves.toEqual({ ok: true, value: { logged: false, logsFolder: null } });
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('Cannot read properties of null'));
    stderr.mockRestore();
  });
});

describe('帮助 menu commands', () => {
  function fakeWindow() {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    return {
      listeners,
      isDestroyed: vi.fn(() => false),
      isMinimized: vi.fn(() => true),
      restore: vi.fn(),
      show: vi.fn(),
      focus: vi.fn(),
      webContents: {
        executeJavaScript: vi.fn(async (_code: string) => undefined),
        reload: vi.fn(),
        on: (event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener),
      },
    };
  }

  it('使用说明 brings the window to the front and sets the #help hash the renderer listens for', () => {
    const win = fakeWindow();
    showGuide(win as unknown as BrowserWindow);
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(HELP_HASH).toBe('#help');
    expect(win.webContents.executeJavaScript).toHaveBeenCalledExactlyOnceWith('window.location.hash = "#help";');
    expect(() => showGuide(null)).not.toThrow();
  });

  it('打开日志文件夹 opens the folder; when it cannot, says so in Chinese with the path', async () => {
    await openLogsFolder('/data/logs', null);
    expect(electron.shell.openPath).toHaveBeenCalledWith('/data/logs');
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
    electron.shell.openPath.mockResolvedValueOnce('Failed to open path');
    await openLogsFolder('/data/logs', null);
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ message: '无法打开日志文件夹。', detail: expect.stringContaining('/data/logs') }));
  });

  it('关于 lists version, data folder, database file and schema version', () => {
    const detail = aboutDetail({
      version: '0.1.0',
      dataFolder: '/home/u/.config/督查台账',
      ledgerFile: '/home/u/.config/督查台账/ledger/督查台账.db',
      schemaVersion: 12,
      logsFolder: '/home/u/.config/督查台账/logs',
      electron: '41.10.0',
    });
    for (const line of ['版本：0.1.0', '数据文件夹：/home/u/.config/督查台账', '台账文件：/home/u/.config/督查台账/ledger/督查台账.db', '数据库结构版本：12', '日志文件夹：/home/u/.config/督查台账/logs']) {
      expect(detail).toContain(line);
    }
    expect(aboutDetail({ version: '0.1.0', dataFolder: '/d', ledgerFile: null, schemaVersion: null, logsFolder: '/d/logs', electron: '' })).toContain('台账文件：（未打开）');
  });

  it('a crashed page process is logged and the user is offered 重新载入, not left with a blank window', async () => {
    const win = fakeWindow();
    const logger = fakeLogger();
    watchRendererProcess(win as unknown as BrowserWindow, logger, '/data/logs');
    win.listeners.get('render-process-gone')!({}, { reason: 'crashed', exitCode: 139 });
    expect(logger.error).toHaveBeenCalledWith(expect.stringContaining('crashed'));
    await vi.waitFor(() => expect(win.webContents.reload).toHaveBeenCalledOnce());
    const [, options] = electron.dialog.showMessageBox.mock.calls[0]! as [unknown, { message: string; buttons: string[] }];
    expect(options.message).toBe('程序界面意外退出，已保存的数据不受影响。');
    expect(options.buttons).toEqual(['重新载入', '退出']);

    win.listeners.get('render-process-gone')!({}, { reason: 'clean-exit', exitCode: 0 });
    expect(electron.dialog.showMessageBox).toHaveBeenCalledOnce();
  });
});
