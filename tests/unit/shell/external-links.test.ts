import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  shell: { openExternal: vi.fn(async () => {}) },
  dialog: { showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })) },
}));
vi.mock('electron', () => electron);

const { askInDialog, createExternalLinkOpener, externalLinkTarget, openExternalSafely } = await import('../../../electron/main/external-links');

beforeEach(() => {
  electron.shell.openExternal.mockClear();
  electron.dialog.showMessageBox.mockClear();
});

describe('external links', () => {
  it('only http(s) with a host and no user:password is a link for the browser, normalised', () => {
    expect(externalLinkTarget('https://www.gov.cn/zhengce/')).toBe('https://www.gov.cn/zhengce/');
    expect(externalLinkTarget('http://example.com')).toBe('http://example.com/');
    expect(externalLinkTarget('HTTPS://例子.中国/路径?q=督查')).toBe('https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84?q=%E7%9D%A3%E6%9F%A5');
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'file:///etc/passwd',
      '\\\\server\\share\\x.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'mailto:a@b.cn',
      'ms-settings:privacy',
      'vscode://file/x',
      'app://ledger/index.html',
      'data:text/html,<script>1</script>',
      'ftp://example.com/',
      'https://www.gov.cn@evil.example/',
      'https://user:pass@example.com/',
      'https://',
      'not a url',
      '',
      `https://example.com/${'a'.repeat(3000)}`,
      42,
      null,
    ]) {
      expect(externalLinkTarget(url), String(url)).toBeNull();
    }
  });

  it('asks with the address shown, then opens it with shell.openExternal', async () => {
    const ask = vi.fn(async () => true);
    await expect(openExternalSafely('https://www.gov.cn/', ask)).resolves.toBe(true);
    expect(ask).toHaveBeenCalledWith('https://www.gov.cn/');
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://www.gov.cn/');
  });

  it('opens nothing when the officer says no', async () => {
    const ask = vi.fn(async () => false);
    await expect(openExternalSafely('https://www.gov.cn/', ask)).resolves.toBe(false);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses everything else without even asking', async () => {
    const ask = vi.fn(async () => true);
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'smb://evil/x', 'javascript:alert(1)', 'ms-msdt:/id', 'https://a:b@evil.cn/']) {
      await expect(openExternalSafely(url, ask), url).resolves.toBe(false);
    }
    expect(ask).not.toHaveBeenCalled();
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('the dialog is in Chinese, shows the address, and defaults to 取消', async () => {
    const win = { isDestroyed: () => false };
    const ask = askInDialog(() => win as never);
    await expect(ask('https://www.gov.cn/')).resolves.toBe(true);
    const [parent, options] = electron.dialog.showMessageBox.mock.calls[0] as unknown as [unknown, Record<string, unknown>];
    expect(parent).toBe(win);
    expect(options.detail).toContain('https://www.gov.cn/');
    expect(options.buttons).toEqual(['用浏览器打开', '取消']);
    expect(options.defaultId).toBe(1);
    expect(options.cancelId).toBe(1);
    expect(String(options.title) + String(options.message)).toMatch(/[\u4e00-\u9fff]/);
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    await expect(askInDialog(() => null)('https://www.gov.cn/')).resolves.toBe(false);
  });

  it('a window asks one question at a time and survives a failing browser', async () => {
    let answer: (yes: boolean) => void = () => {};
    const ask = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const open = vi.fn(async () => {});
    const opener = createExternalLinkOpener(ask, open);
    const first = opener('https://www.gov.cn/1');
    await expect(opener('https://www.gov.cn/2')).resolves.toBe(false); // dropped while the first is asked
    await expect(opener('file:///etc/passwd')).resolves.toBe(false);
    answer(true);
    await expect(first).resolves.toBe(true);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('https://www.gov.cn/1');

    const failing = createExternalLinkOpener(async () => true, async () => Promise.reject(new Error('no browser')));
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await expect(failing('https://www.gov.cn/')).resolves.toBe(false);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
