/**
 * The application menu, in Chinese. Ctrl+F and Ctrl+N are left to the renderer (search, new task),
 * so no item here claims them.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  /** Show 开发者工具 (development builds only). */
  isDev: boolean;
  onAbout: () => void;
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
    { label: '文件(&F)', submenu: [{ role: 'quit', label: '退出' }] },
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
    { label: '帮助(&H)', submenu: [{ label: '关于督查台账', click: () => opts.onAbout() }] },
  ];
}

export function installApplicationMenu(opts: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(opts)));
}
