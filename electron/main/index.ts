/**
 * Main process: app lifecycle. One instance, one window, one open ledger.
 *
 * Order matters: pick the data folder before the single-instance lock (the lock lives there, so a
 * test's private folder gets its own), open the ledger before the window (a file that cannot be
 * used is dealt with in a dialog, not in a blank window), close the ledger before exit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, ipcMain, session, type BrowserWindow, type Event as ElectronEvent } from 'electron';
import { closeAppContext, openAppContext, type ServiceContext } from '../services/context';
import { ServiceError } from '../services/errors';
import { handlers } from '../services/handlers';
import { bindContract } from './ipc';
import { freshLedgerFile, ledgerFileToOpen, ledgerFolder, rememberLedgerFile } from './ledger-file';
import { installApplicationMenu } from './menu';
import { resolveNativeBinding } from './native-binding';
import { openLedgerWithRecovery, type OpenLedgerUi } from './open-ledger';
import { isRendererPage, resolveRendererLocation } from './renderer-location';
import { applySessionPolicy } from './session-policy';
import { createTrustedFrameCheck } from './trusted-frame';
import { createMainWindow, WINDOW_TITLE } from './window';

/** Tests (and anyone who wants a throw-away profile) point the app at another data folder. */
export const DATA_DIR_ENV = 'LEDGER_DATA_DIR';
const APP_ID = 'cn.gov.duchataizhang';

let mainWindow: BrowserWindow | null = null;
let context: ServiceContext | null = null;
let ledgerFile = '';

const dataDirOverride = process.env[DATA_DIR_ENV];
if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));

if (!app.requestSingleInstanceLock()) {
  // Another window already has this ledger open; it comes to the front (see 'second-instance').
  app.quit();
} else {
  app.setAppUserModelId(APP_ID);
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', closeLedgerBeforeQuit);
  app.whenReady().then(start).catch(failToStart);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  fs.mkdirSync(ledgerFolder(userData), { recursive: true });

  const nativeBinding = resolveNativeBinding({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    env: process.env,
    electronVersion: process.versions.electron,
  });
  const opened = await openLedgerWithRecovery({
    file: ledgerFileToOpen(userData),
    open: (file) => openAppContext({ file, nativeBinding }),
    ui: dialogUi,
    freshFile: () => freshLedgerFile(userData, new Date()),
  });
  if (!opened) {
    app.quit();
    return;
  }
  context = opened.ctx;
  context.ports.chooseExportFolder = chooseExportFolder;
  ledgerFile = opened.file;
  rememberLedgerFile(userData, opened.file);

  const location = resolveRendererLocation({
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
    mainDir: __dirname,
  });
  applySessionPolicy(session.defaultSession, location);
  installApplicationMenu({ isDev: !app.isPackaged, onAbout: showAbout });
  bindContract(
    ipcMain,
    handlers,
    currentContext,
    createTrustedFrameCheck(
      () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : null),
      (url) => isRendererPage(location, url),
    ),
  );

  const icon = path.join(app.getAppPath(), 'build', 'icon.png');
  mainWindow = createMainWindow({
    location,
    preloadPath: path.join(__dirname, '../preload/index.cjs'),
    devTools: !app.isPackaged,
    ...(fs.existsSync(icon) ? { icon } : {}),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function currentContext(): ServiceContext {
  if (!context) throw new ServiceError('db_io', '台账文件已关闭，本次操作未完成。请重新启动程序。');
  return context;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Quitting waits until the ledger is closed cleanly (WAL checkpoint, last clock saved). */
function closeLedgerBeforeQuit(event: ElectronEvent): void {
  const open = context;
  if (!open) return;
  event.preventDefault();
  context = null;
  closeAppContext(open)
    .catch((err: unknown) => console.error('关闭台账时出错 (closing the ledger failed):', err))
    .finally(() => app.quit());
}

const dialogUi: OpenLedgerUi = {
  ask: async (question) => (await dialog.showMessageBox({ type: 'error', noLink: true, ...question })).response,
  pickLedgerFile: async () => {
    const picked = await dialog.showOpenDialog({
      title: '选择台账文件',
      properties: ['openFile'],
      filters: [
        { name: '台账文件', extensions: ['db', 'sqlite', 'sqlite3'] },
        { name: '所有文件', extensions: ['*'] },
      ],
    });
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  },
};

/** The export folder comes from a native dialog in main: the renderer never sends a path of its own. */
async function chooseExportFolder(suggestedName: string): Promise<string | null> {
  const options = {
    title: `选择“${suggestedName}”的保存文件夹`,
    buttonLabel: '保存到此文件夹',
    properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
  };
  const picked = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return picked.canceled ? null : (picked.filePaths[0] ?? null);
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: '关于督查台账',
    message: `${WINDOW_TITLE} ${app.getVersion()}`,
    detail: `政府办公室督查科离线工作台账。\n\n台账文件：${ledgerFile}\n数据文件夹：${app.getPath('userData')}\nElectron ${process.versions.electron}`,
    buttons: ['确定'],
    noLink: true,
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function failToStart(err: unknown): void {
  console.error(err);
  dialog.showErrorBox('督查台账无法启动', `启动时出错：${err instanceof Error ? err.message : String(err)}\n请重试；如仍出现，请联系技术支持。`);
  app.exit(1);
}
