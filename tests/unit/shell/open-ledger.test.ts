import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { readLocalMeta } from '../../../db/local-meta';
import { recoveryActions } from '../../../electron/main/recovery-actions';
import { setUpLedger } from '../../../electron/services/app';
import { closeAppContext, openAppContext } from '../../../electron/services/context';
import { backupsFolderOf, backupWorkingDatabase } from '../../../electron/services/sharing/backups';
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

describe('opening the ledger at start: remedies on real files', () => {
  it('offers the newest good backup for a damaged ledger, keeps the damaged file, and opens the restored one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'open-recovery-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, '督查台账.db');
    const ctx = openAppContext({ file });
    await setUpLedger(ctx, { operator: '张三', officeName: '区政府办公室', loadDemo: false });
    backupWorkingDatabase(ctx.ledger.sqlite, { workingPath: file, reason: 'manual', now: new Date(2016, 8, 20, 9, 30) });
    await closeAppContext(ctx);
    // a power cut wrote garbage over the first pages
    const bytes = readFileSync(file);
    bytes.fill(0x5a, 100, 8192);
    writeFileSync(file, bytes);

    const { ui: dialogs, asked } = ui([3]);
    const actions = recoveryActions({ ledgerFolder: dir, backupsFolderOf: backupsFolderOf });
    const opened = await openLedgerWithRecovery({ file, open: (f) => openAppContext({ file: f }), ui: dialogs, freshFile: () => path.join(dir, 'new.db'), actions });
    expect(asked[0]!.buttons).toEqual(['退出', '选择其他文件', '新建空白台账', '从最近的备份恢复']);
    expect(asked[0]!.defaultId).toBe(3);
    expect(asked[0]!.detail).toContain('2016年9月20日 09:30');
    expect(opened?.file).toBe(file);
    expect(readLocalMeta(opened!.ctx.ledger.sqlite, 'operator')).toBe('张三');
    await closeAppContext(opened!.ctx);
    expect(readdirSync(dir).some((n) => n.includes('.damaged-'))).toBe(true);
  });

  it('offers no restore when there is no backup, and 作为共享台账打开 for a ledger on a share', async () => {
    const { ui: dialogs, asked } = ui([3, 0]);
    const refused = Object.assign(new Error('该位置在网络共享上……'), { code: 'location_refused' });
    const { open, tried } = opener({ '/nas/a.db': refused });
    const copies: string[] = [];
    const opened = await openLedgerWithRecovery({
      file: '/nas/a.db',
      open,
      ui: dialogs,
      freshFile: () => '/d/new.db',
      actions: {
        openAsShared: async (f) => {
          copies.push(f);
          return '/local/a.db';
        },
        newestGoodBackup: () => null,
        restoreFromBackup: () => undefined,
      },
    });
    expect(asked[0]!.buttons.at(-1)).toBe('作为共享台账打开');
    expect(asked[0]!.detail).toContain('该位置在网络共享上');
    expect(copies).toEqual(['/nas/a.db']);
    expect(opened?.file).toBe('/local/a.db');
    expect(tried).toEqual(['/nas/a.db', '/local/a.db']);

    const corrupt = Object.assign(new Error('损坏'), { code: 'db_corrupt' });
    const again = ui([0]);
    await openLedgerWithRecovery({
      file: '/d/b.db',
      open: opener({ '/d/b.db': corrupt }).open,
      ui: again.ui,
      freshFile: () => '/d/new.db',
      actions: { newestGoodBackup: () => null, restoreFromBackup: () => undefined },
    });
    expect(again.asked[0]!.buttons).toEqual([...RECOVERY_BUTTONS]);
  });
});
