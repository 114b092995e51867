/**
 * The 文件 menu's commands, run against the workspace from main. The same operations the 台账文件 page calls over
 * IPC; here a failure is shown in a native message box, a stale lock is confirmed before it is broken, and a
 * switch to another ledger reloads the window (everything on the page belonged to the old ledger).
 */
import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { toAppError } from '../services/dispatch';
import type { Workspace } from '../services/workspace/workspace';
import type { FileCommand } from './menu';

export interface FileCommandHost {
  workspace: Workspace;
  window: () => BrowserWindow | null;
  /** the 文件 menu shows the recent ledgers and the link: rebuilt after every command */
  refreshMenu: () => void;
}

async function show(host: FileCommandHost, options: MessageBoxOptions): Promise<number> {
  const win = host.window();
  return (win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options)).response;
}

function reload(host: FileCommandHost): void {
  const win = host.window();
  if (win && !win.isDestroyed()) win.webContents.reload();
}

async function syncWithConfirmation(host: FileCommandHost): Promise<void> {
  try {
    await host.workspace.syncNow({ breakStaleLock: false });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code !== 'lock_stale') throw error;
    const answer = await show(host, {
      type: 'warning',
      title: '同步锁定似乎已被遗弃',
      message: '共享台账的同步锁定似乎已被遗弃。',
      detail: `${appError.message}\n\n请先确认那台电脑没有正在同步（例如打电话问一下），再解除锁定继续。`,
      buttons: ['取消', '解除锁定并同步'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (answer === 1) await host.workspace.syncNow({ breakStaleLock: true });
    return;
  }
  // The page picks the outcome up from sharing.status; a reload shows what came in right away.
  reload(host);
}

export async function runFileCommand(host: FileCommandHost, command: FileCommand | { openRecent: string }): Promise<void> {
  const { workspace } = host;
  try {
    if (typeof command === 'object') {
      if ((await workspace.openRecent(command.openRecent)).switched) reload(host);
      return;
    }
    switch (command) {
      case 'createLedger':
        if ((await workspace.createLedger()).switched) reload(host);
        break;
      case 'openLedger':
        if ((await workspace.openLedger()).switched) reload(host);
        break;
      case 'openShared':
        if ((await workspace.openShared()).switched) reload(host);
        break;
      case 'exportShared': {
        const outcome = await workspace.exportShared();
        if (outcome) {
          await show(host, { type: 'info', title: '导出为共享台账', message: outcome.summary, detail: `其他电脑用“打开共享台账”选择该文件即可共用本台账。\n${outcome.sharedPath}`, buttons: ['确定'], noLink: true });
        }
        break;
      }
      case 'link':
        await workspace.link();
        break;
      case 'unlink':
        workspace.unlink();
        break;
      case 'syncNow':
        await syncWithConfirmation(host);
        break;
      case 'backupNow': {
        const backup = workspace.backupNow();
        await show(host, { type: 'info', title: '立即备份', message: '已备份本台账。', detail: backup.file, buttons: ['确定'], noLink: true });
        break;
      }
    }
  } catch (error) {
    await show(host, { type: 'error', title: '操作未完成', message: toAppError(error).message, buttons: ['确定'], noLink: true });
  } finally {
    host.refreshMenu();
  }
}
