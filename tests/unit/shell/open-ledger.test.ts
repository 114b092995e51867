import { describe, expect, it, vi } from 'vitest';
import { foreignFileError, newerVersionError } from '../../../db/errors';
import { isNativeModuleFailure, openLedgerWithRecovery, RECOVERY_BUTTONS, type OpenLedgerUi, type RecoveryQuestion } from '../../../electron/main/open-ledger';

function ui(answers: number[], picked: string | null = null) {
  const asked: RecoveryQuestion[] = [];
  const value: OpenLedgerUi = {
    ask: vi.fn(async (q: RecoveryQuestion) => {
      asked.push(q);
      return answers.shift() ?? 0;
    }),
    pickLedgerFile: vi.fn(async () => picked),
  };
  return { ui: value, asked };
}

/** Opens every file except the bad ones, recording the order of attempts. */
function opener(bad: Record<string, Error>) {
  const tried: string[] = [];
  const open = (file: string) => {
    tried.push(file);
    if (bad[file]) throw bad[file];
    return { file };
  };
  return { open, tried };
}

describe('opening the ledger at start', () => {
  it('opens a good file without asking anything', async () => {
    const { ui: dialogs, asked } = ui([]);
    const { open } = opener({});
    await expect(openLedgerWithRecovery({ file: '/d/a.db', open, ui: dialogs, freshFile: () => '/d/new.db' })).resolves.toEqual({
      ctx: { file: '/d/a.db' },
      file: '/d/a.db',
    });
    expect(asked).toEqual([]);
  });

  it('explains a refused file in Chinese and offers 退出 / 选择其他文件 / 新建空白台账', async () => {
    const { ui: dialogs, asked } = ui([0]);
    const { open } = opener({ '/d/a.db': foreignFileError('/d/a.db') });
    await expect(openLedgerWithRecovery({ file: '/d/a.db', open, ui: dialogs, freshFile: () => '/d/new.db' })).resolves.toBeNull();
    expect(asked).toHaveLength(1);
    expect(asked[0]!.buttons).toEqual([...RECOVERY_BUTTONS]);
    expect(asked[0]!.buttons).toEqual(['退出', '选择其他文件', '新建空白台账']);
    expect(asked[0]!.cancelId).toBe(0);
    expect(asked[0]!.detail).toContain('该文件不是督查台账数据库');
    expect(asked[0]!.message).toContain('/d/a.db');
  });

  it('新建空白台账 opens a new file and never the refused one again', async () => {
    const { ui: dialogs } = ui([2]);
    const { open, tried } = opener({ '/d/a.db': newerVersionError('/d/a.db', 9, 1) });
    const opened = await openLedgerWithRecovery({ file: '/d/a.db', open, ui: dialogs, freshFile: () => '/d/new.db' });
    expect(opened?.file).toBe('/d/new.db');
    expect(tried).toEqual(['/d/a.db', '/d/new.db']);
  });

  it('选择其他文件 opens the picked file; cancelling the picker asks again', async () => {
    const { ui: dialogs, asked } = ui([1, 1], '/e/b.db');
    (dialogs.pickLedgerFile as ReturnType<typeof vi.fn>).mockResolvedValueOnce(null);
    const { open, tried } = opener({ '/d/a.db': foreignFileError('/d/a.db') });
    const opened = await openLedgerWithRecovery({ file: '/d/a.db', open, ui: dialogs, freshFile: () => '/d/new.db' });
    expect(opened?.file).toBe('/e/b.db');
    expect(tried).toEqual(['/d/a.db', '/d/a.db', '/e/b.db']);
    expect(asked).toHaveLength(2);
  });

  it('a better-sqlite3 build for the wrong runtime only offers 退出, with what to do', async () => {
    const wrongAbi = Object.assign(new Error('was compiled against a different Node.js version using NODE_MODULE_VERSION 115.'), {
      code: 'ERR_DLOPEN_FAILED',
    });
    expect(isNativeModuleFailure(wrongAbi)).toBe(true);
    expect(isNativeModuleFailure(foreignFileError('/x'))).toBe(false);
    const { ui: dialogs, asked } = ui([0]);
    const { open } = opener({ '/d/a.db': wrongAbi });
    await expect(openLedgerWithRecovery({ file: '/d/a.db', open, ui: dialogs, freshFile: () => '/d/new.db' })).resolves.toBeNull();
    expect(asked[0]!.buttons).toEqual(['退出']);
    expect(asked[0]!.detail).toContain('npm start');
  });
});
