/**
 * The application menu, in Chinese. Ctrl+F and Ctrl+N are left to the renderer (search, new task),
 * so no item here claims them.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  /** Show 开发者工具 (development builds only). */
  isDev: boolean;
  onAbout: () => void;
  /** The 文件 menu's ledger and sharing commands; absent: 文件 only has 退出. */
  files?: FileMenu;
  /** The 帮助 menu's 使用说明 and 打开日志文件夹; absent: 帮助 only has 关于. */
  help?: HelpMenu;
}

export interface HelpMenu {
  showGuide: () => void;
  openLogsFolder: () => void;
}

export type FileCommand =
  | 'createLedger'
  | 'openLedger'
  | 'openShared'
  | 'exportShared'
  | 'link'
  | 'unlink'
  | 'syncNow'
  | 'backupNow';

export interface FileMenu {
  recent: { id: string; name: string; file: string; exists: boolean; current: boolean }[];
  /** the shared ledger this ledger syncs with, null when not linked */
  sharedPath: string | null;
  run: (command: FileCommand) => void;
  openRecent: (id: string) => void;
}

function fileMenu(files: FileMenu | undefined): MenuItemConstructorOptions[] {
  const quit: MenuItemConstructorOptions = { role: 'quit', label: '退出' };
  if (!files) return [quit];
  const run = (command: FileCommand) => () => files.run(command);
  const others = files.recent.filter((r) => !r.current);
  const linked = files.sharedPath !== null;
  return [
    { label: '新建台账…', click: run('createLedger') },
    { label: '打开台账…', click: run('openLedger') },
    {
      label: '最近打开',
      enabled: others.length > 0,
      submenu:
        others.length > 0
          ? others.map((r) => ({ label: r.exists ? r.name : `${r.name}（文件不在原处）`, toolTip: r.file, enabled: r.exists, click: () => files.openRecent(r.id) }))
          : [{ label: '（无）', enabled: false }],
    },
    { type: 'separator' },
    { label: '打开共享台账…', click: run('openShared') },
    { label: '导出为共享台账…', click: run('exportShared') },
    linked ? { label: '取消关联共享台账', click: run('unlink') } : { label: '关联共享台账…', click: run('link') },
    { label: '立即同步', accelerator: 'CmdOrCtrl+Shift+S', enabled: linked, click: run('syncNow') },
    { type: 'separator' },
    { label: '立即备份', click: run('backupNow') },
    { type: 'separator' },
    quit,
  ];
}

function helpMenu(opts: MenuOptions): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = { label: '关于督查台账', click: () => opts.onAbout() };
  const help = opts.help;
  if (!help) return [about];
  return [
    { label: '使用说明', accelerator: 'F1', click: () => help.showGuide() },
    { label: '打开日志文件夹', click: () => help.openLogsFolder() },
    { type: 'separator' },
    about,
  ];
}

export function menuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'reload', label: '重新加载' },
    ...(opts.isDev ? [{ role: 'toggleDevTools', label: '开发者工具' } as const] : []),
    { type: 'separator' },
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  return [
    { label: '文件(&F)', submenu: fileMenu(opts.files) },
    {
      label: '编辑(&E)',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图(&V)', submenu: view },
    { label: '帮助(&H)', submenu: helpMenu(opts) },
  ];
}

export function installApplicationMenu(opts: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(opts)));
}
