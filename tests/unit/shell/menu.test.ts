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
