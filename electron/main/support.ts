/**
 * The 帮助 menu's commands and the unexpected-error dialog, over Electron's dialog and shell.
 *
 * 使用说明 is a page of the renderer (帮助 in the window's header reaches it too). The menu shows it by setting the
 * page's location hash to `#help`, which the renderer listens for (App.tsx) and clears again: a same-document
 * navigation, no reload, no new IPC channel, and nothing the page sends back. The script is a constant.
 */
import { app, dialog, shell, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { unexpectedErrorMessage, type Logger } from './logging';

/** The hash the renderer turns into its 使用说明 page. */
export const HELP_HASH = '#help';
const SHOW_GUIDE_SCRIPT = `window.location.hash = ${JSON.stringify(HELP_HASH)};`;

export function showGuide(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  win.webContents.executeJavaScript(SHOW_GUIDE_SCRIPT).catch(() => {
    // the page is (re)loading: the guide stays reachable from 帮助 in the window's header
  });
}

/** 打开日志文件夹: the system's file manager; a Chinese box if it cannot be opened. */
export async function openLogsFolder(folder: string, win: BrowserWindow | null): Promise<void> {
  const failure = await shell.openPath(folder);
  if (!failure) return;
  await showBox(win, {
    type: 'warning',
    title: '打开日志文件夹',
    message: '无法打开日志文件夹。',
    detail: `日志文件夹：${folder}\n请在文件管理器中手动打开它。（${failure}）`,
    buttons: ['确定'],
    noLink: true,
  });
}

export interface AboutFacts {
  version: string;
  dataFolder: string;
  ledgerFile: string | null;
  schemaVersion: number | null;
  logsFolder: string;
  electron: string;
}

/** 关于督查台账: what support asks for first. */
export function aboutDetail(facts: AboutFacts): string {
  return [
    '政府办公室督查科离线工作台账。',
    '',
    `版本：${facts.version}`,
    `数据文件夹：${facts.dataFolder}`,
    `台账文件：${facts.ledgerFile ?? '（未打开）'}`,
    `数据库结构版本：${facts.schemaVersion ?? '—'}`,
    `日志文件夹：${facts.logsFolder}`,
    `Electron ${facts.electron}`,
  ].join('\n');
}

/**
 * The unexpected-error dialog for main's crash handlers (logging.ts): modal to the window when there is one,
 * with 打开日志文件夹 as the second button. Before the app is ready only the plain error box can be shown.
 */
export async function showUnexpectedError(opts: { window: BrowserWindow | null; logsFolder: string; err: unknown }): Promise<void> {
  const text = unexpectedErrorMessage(opts.logsFolder, opts.err);
  if (!app.isReady()) {
    dialog.showErrorBox(text.title, `${text.message}\n\n${text.detail}`);
    return;
  }
  const { response } = await showBox(opts.window, {
    type: 'error',
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons: ['确定', '打开日志文件夹'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  if (response === 1) await openLogsFolder(opts.logsFolder, opts.window);
}

/**
 * The window's page process died (crashed, killed, out of memory): logged, and the user is offered to reload
 * the page instead of being left with a blank window. A preload that failed is logged.
 */
export function watchRendererProcess(win: BrowserWindow, logger: Logger, logsFolder: string): void {
  let asking = false;
  win.webContents.on('render-process-gone', (_event, details) => {
    logger.error(`界面进程退出 render-process-gone: ${details.reason} (exit code ${details.exitCode})`);
    if (details.reason === 'clean-exit' || asking || win.isDestroyed()) return;
    asking = true;
    void showBox(win, {
      type: 'error',
      title: '督查台账 — 界面意外退出',
      message: '程序界面意外退出，已保存的数据不受影响。',
      detail: `点“重新载入”恢复界面；尚未保存的填写内容需要重新填写。\n如反复出现，请通过菜单“帮助 → 打开日志文件夹”把日志文件夹发给技术支持（${logsFolder}）。`,
      buttons: ['重新载入', '退出'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    })
      .then(({ response }) => {
        if (win.isDestroyed()) return;
        if (response === 1) app.quit();
        else win.webContents.reload();
      })
      .catch((err: unknown) => logger.error('界面退出提示失败 (dialog failed):', err))
      .finally(() => {
        asking = false;
      });
  });
  win.webContents.on('preload-error', (_event, preloadPath, error) => {
    logger.error(`预加载脚本出错 preload-error in ${preloadPath}:`, error);
  });
}

function showBox(win: BrowserWindow | null, options: MessageBoxOptions) {
  return win && !win.isDestroyed() ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
}
