import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireSharedLock, LockHeldError, lockPathOf, readLockOwner, withSharedLock } from '../../../electron/services/sharing/lock';
import type { SharingError } from '../../../electron/services/sharing/errors';
import { scratchDir } from './helpers';

const NOW = new Date(2016, 8, 20, 10, 32, 0);

function shared(): string {
  return path.join(scratchDir(), '共享台账.db');
}

function caught(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return null;
}

describe('the lock beside a shared ledger', () => {
  it('is created exclusively with host, user, pid, app and time, and released', async () => {
    const file = shared();
    await withSharedLock(file, { now: NOW, operator: '张三' }, (lock) => {
      const owner = JSON.parse(readFileSync(lockPathOf(file), 'utf8')) as Record<string, unknown>;
      expect(owner).toMatchObject({ host: os.hostname(), user: '张三', pid: process.pid, app: '督查台账', startedAt: NOW.toISOString() });
      expect(lock.owner.token).toBe(owner.token);
    });
    expect(existsSync(lockPathOf(file))).toBe(false);
  });

  it('refuses a lock held by another PC, naming who and since when', () => {
    const file = shared();
    const other = acquireSharedLock(file, { now: NOW, operator: '张三', host: 'PC-07' });
    const error = caught(() => acquireSharedLock(file, { now: new Date(NOW.getTime() + 60_000), breakStaleLock: true }));
    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as Error).message).toBe('共享台账正被 PC-07（张三）同步，开始于 10:32。请等对方同步结束后再试，共享台账未作任何修改。');
    expect((error as LockHeldError).owner?.host).toBe('PC-07');
    other.release();
  });

  it('calls a lock stale after the time limit, and breaks it only when asked', () => {
    const file = shared();
    acquireSharedLock(file, { now: NOW, operator: '张三', host: 'PC-07' }); // never released: that PC crashed
    const tomorrow = new Date(NOW.getTime() + 24 * 3600_000);
    const error = caught(() => acquireSharedLock(file, { now: tomorrow }));
    expect((error as LockHeldError).code).toBe('lock_stale');
    expect((error as Error).message).toContain('开始于 9月20日 10:32');
    expect((error as Error).message).toContain('已超过 30 分钟');
    const lock = acquireSharedLock(file, { now: tomorrow, breakStaleLock: true, operator: '李四' });
    expect(lock.broke?.host).toBe('PC-07');
    expect(readLockOwner(lockPathOf(file))?.user).toBe('李四');
    lock.release();
  });

  it('treats an unreadable lock as held for a minute, then as stale', () => {
    const file = shared();
    writeFileSync(lockPathOf(file), '');
    expect((caught(() => acquireSharedLock(file, { now: new Date() })) as LockHeldError).code).toBe('lock_held');
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(lockPathOf(file), old, old);
    expect((caught(() => acquireSharedLock(file, { now: new Date() })) as LockHeldError).code).toBe('lock_stale');
    acquireSharedLock(file, { now: new Date(), breakStaleLock: true }).release();
  });

  it('notices that its lock was broken by someone else, and then leaves their lock alone', () => {
    const file = shared();
    const mine = acquireSharedLock(file, { now: NOW });
    mine.assertStillHeld();
    const theirs = acquireSharedLock(file, { now: new Date(NOW.getTime() + 3600_000), breakStaleLock: true, host: 'PC-07' });
    const error = caught(() => mine.assertStillHeld());
    expect((error as SharingError).code).toBe('lock_lost');
    mine.release();
    expect(readLockOwner(lockPathOf(file))?.host).toBe('PC-07');
    theirs.release();
    expect(existsSync(lockPathOf(file))).toBe(false);
  });

  it('reports a folder it cannot write to as unreachable', () => {
    const error = caught(() => acquireSharedLock(path.join(scratchDir(), '不存在的文件夹', '台账.db'), { now: NOW }));
    expect((error as SharingError).code).toBe('shared_unreachable');
    expect((error as Error).message).toContain('共享文件夹不存在或无法访问');
  });
});
