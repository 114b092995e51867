/**
 * The host ports (services/context.ts HostPorts) answered with Electron's native dialogs: the renderer never
 * sends a path of its own; every file the services touch was chosen here by the user. Printing and PDF export use the
 * main window's own print facility.
 */
import { dialog, shell, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import path from 'node:path';
import type { HostPorts } from '../services/context';

const LEDGER_FILTERS = [
  { name: '台账文件', extensions: ['db', 'sqlite', 'sqlite3'] },
  { name: '所有文件', extensions: ['*'] },
];

export function hostDialogs(opts: { window: () => BrowserWindow | null; ledgerFolder: string }): Omit<HostPorts, 'workspace'> {
  const open = async (options: OpenDialogOptions): Promise<string | null> => {
    const win = opts.window();
    const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  };
  const save = async (options: SaveDialogOptions): Promise<string | null> => {
    const win = opts.window();
    const picked = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return picked.canceled || !picked.filePath ? null : picked.filePath;
  };
  return {
    chooseExportFolder: (suggestedName) =>
      open({
        title: `选择“${suggestedName}”的保存文件夹`,
        buttonLabel: '保存到此文件夹',
        properties: ['openDirectory', 'createDirectory'],
      }),
    pickSharedFile: () =>
      open({ title: '选择共享台账文件（共享文件夹或 U 盘上）', buttonLabel: '打开共享台账', properties: ['openFile'], filters: LEDGER_FILTERS }),
    chooseSharedTarget: (suggestedName) =>
      save({
        title: '导出为共享台账：选择共享文件夹或 U 盘上的位置',
        buttonLabel: '导出',
        defaultPath: suggestedName,
        filters: LEDGER_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }),
    chooseNewLedgerFile: (suggestedName) =>
      save({
        title: '新建台账',
        buttonLabel: '新建',
        defaultPath: path.join(opts.ledgerFolder, suggestedName),
        filters: LEDGER_FILTERS,
        properties: ['createDirectory'],
      }),
    pickLedgerFile: () => open({ title: '打开台账', buttonLabel: '打开', defaultPath: opts.ledgerFolder, properties: ['openFile'], filters: LEDGER_FILTERS }),
    chooseFolder: (title) => open({ title, buttonLabel: '选择此文件夹', properties: ['openDirectory', 'createDirectory'] }),
    pickXlsxFile: (title) =>
      open({
        title,
        buttonLabel: '选择',
        properties: ['openFile'],
        filters: [
          { name: 'Excel 工作簿', extensions: ['xlsx'] },
          { name: '所有文件', extensions: ['*'] },
        ],
      }),
    showInFolder: (target) => {
      if (path.extname(target)) shell.showItemInFolder(target);
      else void shell.openPath(target);
    },
    // 打印 / 导出 PDF: the window as its print stylesheet lays it out (page size, margins, header, 第 1 页 共 3 页).
    printPage: ({ landscape }) =>
      new Promise<boolean>((resolve, reject) => {
        const win = opts.window();
        if (!win) return reject(new Error('窗口已关闭'));
        win.webContents.print({ silent: false, printBackground: false, landscape, pageSize: 'A4' }, (success, failureReason) => {
          if (success) resolve(true);
          else if (/cancel/i.test(failureReason)) resolve(false);
          else reject(new Error(failureReason || 'Print job failed'));
        });
      }),
    pageToPdf: async ({ landscape }) => {
      const win = opts.window();
      if (!win) throw new Error('窗口已关闭');
      return win.webContents.printToPDF({ landscape, pageSize: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
    },
  };
}
