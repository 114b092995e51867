import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({ Menu: { buildFromTemplate: vi.fn(), setApplicationMenu: vi.fn() } }));
const { menuTemplate } = await import('../../../electron/main/menu');

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

describe('application menu', () => {
  it('is in Chinese: 文件 / 编辑 / 视图 / 帮助', () => {
    const template = menuTemplate({ isDev: false, onAbout: () => {} });
    expect(template.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    for (const item of items(template)) {
      if (item.type === 'separator') continue;
      expect(item.label).toMatch(/[\u4e00-\u9fff]/);
    }
    const labels = items(template).map((i) => i.label);
    for (const label of ['退出', '撤销', '重做', '剪切', '复制', '粘贴', '全选', '重新加载', '实际大小', '放大', '缩小', '全屏', '关于督查台账']) {
      expect(labels).toContain(label);
    }
  });

  it('shows 开发者工具 only in development', () => {
    const labels = (isDev: boolean) => items(menuTemplate({ isDev, onAbout: () => {} })).map((i) => i.label);
    expect(labels(true)).toContain('开发者工具');
    expect(labels(false)).not.toContain('开发者工具');
  });

  it('leaves Ctrl+F and Ctrl+N to the renderer', () => {
    const claimed = items(menuTemplate({ isDev: true, onAbout: () => {} }))
      .map((i) => String(i.accelerator ?? '').toLowerCase().replace(/\s/g, ''))
      .filter(Boolean);
    for (const key of ['cmdorctrl+f', 'ctrl+f', 'cmdorctrl+n', 'ctrl+n']) expect(claimed).not.toContain(key);
    // Roles with a built-in accelerator must not be find/new either.
    const roles = items(menuTemplate({ isDev: true, onAbout: () => {} })).map((i) => i.role).filter(Boolean);
    expect(roles).not.toContain('findNext');
  });

  it('关于督查台账 calls back', () => {
    const onAbout = vi.fn();
    const about = items(menuTemplate({ isDev: false, onAbout })).find((i) => i.label === '关于督查台账');
    (about!.click as () => void)();
    expect(onAbout).toHaveBeenCalledOnce();
  });
});

describe('帮助 menu', () => {
  const helpItems = (template: MenuItemConstructorOptions[]) => template[3]!.submenu as MenuItemConstructorOptions[];

  it('has 使用说明 (F1), 打开日志文件夹 and 关于督查台账, in Chinese, and each calls back', () => {
    const showGuide = vi.fn();
    const openLogsFolder = vi.fn();
    const onAbout = vi.fn();
    const help = helpItems(menuTemplate({ isDev: false, onAbout, help: { showGuide, openLogsFolder } }));
    expect(help.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual(['使用说明', '打开日志文件夹', '关于督查台账']);
    expect(help.find((i) => i.label === '使用说明')!.accelerator).toBe('F1');

    (help.find((i) => i.label === '使用说明')!.click as () => void)();
    expect(showGuide).toHaveBeenCalledOnce();
    (help.find((i) => i.label === '打开日志文件夹')!.click as () => void)();
    expect(openLogsFolder).toHaveBeenCalledOnce();
    (help.find((i) => i.label === '关于督查台账')!.click as () => void)();
    expect(onAbout).toHaveBeenCalledOnce();
    expect(showGuide).toHaveBeenCalledOnce();
  });

  it('without the help commands, 关于 alone', () => {
    expect(helpItems(menuTemplate({ isDev: false, onAbout: () => {} })).map((i) => i.label)).toEqual(['关于督查台账']);
  });
});

describe('文件 menu', () => {
  const recent = [
    { id: 'a', name: '督查台账.db', file: '/d/督查台账.db', exists: true, current: true },
    { id: 'b', name: '2017年台账.db', file: '/d/2017年台账.db', exists: true, current: false },
    { id: 'c', name: '旧台账.db', file: '/e/旧台账.db', exists: false, current: false },
  ];

  it('has the ledger and sharing commands, recent ledgers without the open one, and runs them', () => {
    const run = vi.fn();
    const openRecent = vi.fn();
    const template = menuTemplate({ isDev: false, onAbout: () => {}, files: { recent, sharedPath: null, run, openRecent } });
    const file = template[0]!.submenu as MenuItemConstructorOptions[];
    expect(file.filter((i) => i.type !== 'separator').map((i) => i.label)).toEqual([
      '新建台账…',
      '打开台账…',
      '最近打开',
      '打开共享台账…',
      '导出为共享台账…',
      '关联共享台账…',
      '立即同步',
      '立即备份',
      '退出',
    ]);
    expect(file.find((i) => i.label === '立即同步')!.enabled).toBe(false);
    const recentItems = file.find((i) => i.label === '最近打开')!.submenu as MenuItemConstructorOptions[];
    expect(recentItems.map((i) => [i.label, i.enabled])).toEqual([
      ['2017年台账.db', true],
      ['旧台账.db（文件不在原处）', false],
    ]);
    (recentItems[0]!.click as () => void)();
    expect(openRecent).toHaveBeenCalledWith('b');
    (file.find((i) => i.label === '导出为共享台账…')!.click as () => void)();
    expect(run).toHaveBeenCalledWith('exportShared');
  });

  it('offers 取消关联 and 立即同步 once linked', () => {
    const template = menuTemplate({ isDev: false, onAbout: () => {}, files: { recent, sharedPath: '/nas/共享.db', run: vi.fn(), openRecent: vi.fn() } });
    const labels = (template[0]!.submenu as MenuItemConstructorOptions[]).map((i) => i.label);
    expect(labels).toContain('取消关联共享台账');
    expect(labels).not.toContain('关联共享台账…');
    expect((template[0]!.submenu as MenuItemConstructorOptions[]).find((i) => i.label === '立即同步')!.enabled).toBe(true);
  });
});
