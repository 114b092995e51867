/**
 * Main process: app lifecycle. One instance, one window, one open ledger.
 *
 * Order matters: pick the data folder before the single-instance lock (the lock lives there, so a
 * test's private folder gets its own), open the ledger before the window (a file that cannot be
 * used is dealt with in a dialog, not in a blank window), close the ledger before exit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, ipcMain, protocol, session, type BrowserWindow, type Event as ElectronEvent } from 'electron';
import type { ServiceContext } from '../services/context';
import { ServiceError } from '../services/errors';
import { handlers } from '../services/handlers';
import { createWorkerSyncRunner } from '../services/workspace/worker-sync-runner';
import { Workspace } from '../services/workspace/workspace';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { runFileCommand, type FileCommandHost } from './file-commands';
import { hostDialogs } from './host-dialogs';
import { bindContract } from './ipc';
import { freshLedgerFile, ledgerFileToOpen, ledgerFolder, rememberLedgerFile } from './ledger-file';
import { installCrashHandlers, internalErrorLogger, rendererErrorLogger, setupLogging } from './logging';
import { installApplicationMenu } from './menu';
import { resolveNativeBinding } from './native-binding';
import { openLedgerWithRecovery, type OpenLedgerUi } from './open-ledger';
import { recoveryActions } from './recovery-actions';
import { isRendererPage, resolveRendererLocation } from './renderer-location';
import { applySessionPolicy } from './session-policy';
import { aboutDetail, openLogsFolder, showGuide, showUnexpectedError, watchRendererProcess } from './support';
import { createTrustedFrameCheck } from './trusted-frame';
import { createMainWindow, WINDOW_TITLE } from './window';

/** Tests (and anyone who wants a throw-away profile) point the app at another data folder. */
export const DATA_DIR_ENV = 'LEDGER_DATA_DIR';
const APP_ID = 'cn.gov.duchataizhang';

let mainWindow: BrowserWindow | null = null;
let workspace: Workspace | null = null;
let quitting = false;

const dataDirOverride = process.env[DATA_DIR_ENV];
if (dataDirOverride) app.setPath('userData', path.resolve(dataDirOverride));
// <userData>/logs/main.log: whatever goes wrong from here on is recorded (logging.ts).
const appLog = setupLogging(app.getPath('userData'), { toConsole: !app.isPackaged });
// app:// (the renderer's own scheme) must be registered before the app is ready.
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  // Another window already has this ledger open; it comes to the front (see 'second-instance').
  app.quit();
} else {
  app.setAppUserModelId(APP_ID);
  installCrashHandlers({
    logger: appLog.logger,
    showError: (err) => showUnexpectedError({ window: mainWindow, logsFolder: appLog.folder, err }),
  });
  appLog.logger.info(`督查台账 ${app.getVersion()} 启动 (Electron ${process.versions.electron}, data ${app.getPath('userData')})`);
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
  let menuInstalled = false;
  const ws = new Workspace({
    dataFolder: userData,
    ports: {
      ...hostDialogs({ window: () => mainWindow, ledgerFolder: ledgerFolder(userData) }),
      logRendererError: rendererErrorLogger(appLog.logger, appLog.folder),
    },
    nativeBinding,
    // A long merge runs on its own connection in a worker thread: the window keeps answering meanwhile.
    runSync: createWorkerSyncRunner(path.join(__dirname, 'sync-worker.cjs')),
    onOpened: (file) => {
      rememberLedgerFile(userData, file);
      if (menuInstalled) refreshMenu();
    },
  });
  const opened = await openLedgerWithRecovery({
    file: ledgerFileToOpen(userData),
    open: (file) => ws.open(file),
    ui: dialogUi,
    freshFile: () => freshLedgerFile(userData, new Date()),
    actions: recoveryActions({ ledgerFolder: ledgerFolder(userData), backupsFolderOf: (file) => ws.backupsFolderFor(file), nativeBinding }),
  });
  if (!opened) {
    app.quit();
    return;
  }
  workspace = ws;

  const location = resolveRendererLocation({
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    isPackaged: app.isPackaged,
    mainDir: __dirname,
  });
  if (location.kind === 'app') serveAppProtocol(protocol, location.rootDir);
  applySessionPolicy(session.defaultSession, location);
  refreshMenu();
  menuInstalled = true;
  bindContract(
    ipcMain,
    handlers,
    currentContext,
    createTrustedFrameCheck(
      () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : null),
      (url) => isRendererPage(location, url),
    ),
    internalErrorLogger(appLog.logger),
  );

  const icon = path.join(app.getAppPath(), 'build', 'icon.png');
  mainWindow = createMainWindow({
    location,
    preloadPath: path.join(__dirname, '../preload/index.cjs'),
    devTools: !app.isPackaged,
    ...(fs.existsSync(icon) ? { icon } : {}),
  });
  watchRendererProcess(mainWindow, appLog.logger, appLog.folder);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function currentContext(): ServiceContext {
  if (!workspace || quitting) throw new ServiceError('db_io', '台账文件已关闭，本次操作未完成。请重新启动程序。');
  return workspace.current();
}

/** The menu carries the recent ledgers and the link, so it is rebuilt after anything that changes them. */
function refreshMenu(): void {
  const ws = workspace;
  const host: FileCommandHost | null = ws ? { workspace: ws, window: () => mainWindow, refreshMenu } : null;
  let sharedPath: string | null = null;
  try {
    sharedPath = ws?.isOpen ? ws.status().sharedPath : null;
  } catch {
    // between close and reopen: the next refresh shows it
  }
  installApplicationMenu({
    isDev: !app.isPackaged,
    onAbout: showAbout,
    help: { showGuide: () => showGuide(mainWindow), openLogsFolder: () => void openLogsFolder(appLog.folder, mainWindow) },
    ...(host && ws
      ? {
          files: {
            recent: ws.recentLedgers(),
            sharedPath,
            run: (command) => void runFileCommand(host, command),
            openRecent: (id) => void runFileCommand(host, { openRecent: id }),
          },
        }
      : {}),
  });
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/**
 * Quitting waits until the ledger is closed cleanly: a last sync with the shared ledger (cancelled after a time
 * limit, the shared file untouched then), the WAL checkpoint, the last clock saved.
 */
function closeLedgerBeforeQuit(event: ElectronEvent): void {
  const ws = workspace;
  if (!ws || quitting) return;
  event.preventDefault();
  quitting = true;
  ws.close({ syncAtExit: true })
    .catch((err: unknown) => appLog.logger.error('关闭台账时出错 (closing the ledger failed):', err))
    .finally(() => {
      workspace = null;
      app.quit();
    });
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

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: '关于督查台账',
    message: `${WINDOW_TITLE} ${app.getVersion()}`,
    detail: aboutDetail({
      version: app.getVersion(),
      dataFolder: app.getPath('userData'),
      ledgerFile: workspace?.currentFile ?? null,
      schemaVersion: openSchemaVersion(),
      logsFolder: appLog.folder,
      electron: process.versions.electron ?? '',
    }),
    buttons: ['确定'],
    noLink: true,
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

/** The open ledger's schema version for 关于; null between close and reopen. */
function openSchemaVersion(): number | null {
  try {
    return workspace?.isOpen ? workspace.current().ledger.schemaVersion : null;
  } catch {
    return null;
  }
}

function failToStart(err: unknown): void {
  appLog.logger.error('启动失败 (start-up failed):', err);
  dialog.showErrorBox(
    '督查台账无法启动',
    `启动时出错：${err instanceof Error ? err.message : String(err)}\n错误已记录在日志中（${appLog.folder}）。\n请重试；如仍出现，请把日志文件夹发给技术支持。`,
  );
  app.exit(1);
}
