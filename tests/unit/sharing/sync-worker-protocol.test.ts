/** Errors cross from the sync worker to the main process as plain data and come back as the same class. */
import { describe, expect, it } from 'vitest';
import { LedgerDbError } from '../../../db/errors';
import { SharingError } from '../../../electron/services/sharing/errors';
import { LockHeldError, type LockOwner } from '../../../electron/services/sharing/lock';
import { reviveSyncError, serializeSyncError } from '../../../electron/services/workspace/sync-worker-protocol';

/** What actually crosses a thread boundary: a structured clone of the serialized form. */
function roundTrip(err: unknown): Error {
  return reviveSyncError(structuredClone(serializeSyncError(err)));
}

const owner: LockOwner = {
  host: 'PC-07',
  user: '张三',
  pid: 4242,
  app: '督查台账',
  startedAt: '2016-09-20T02:32:00.000Z',
  token: '0b7e9a3c-3f1e-4f5e-9a44-5a1d2b3c4d5e',
};

describe('sync worker errors, serialized and revived', () => {
  it('a LockHeldError keeps its class, code, message, owner and staleness', () => {
    for (const stale of [false, true]) {
      const original = new LockHeldError(owner, stale, `共享台账正被 PC-07（张三）同步${stale ? '（已中断）' : ''}。`);
      const revived = roundTrip(original);
      expect(revived).toBeInstanceOf(LockHeldError);
      expect(revived).toBeInstanceOf(SharingError);
      const lock = revived as LockHeldError;
      expect(lock.code).toBe(stale ? 'lock_stale' : 'lock_held');
      expect(lock.message).toBe(original.message);
      expect(lock.owner).toEqual(owner);
      expect(lock.stale).toBe(stale);
      expect(lock.name).toBe('SharingError');
    }
  });

  it('a LockHeldError whose lock could not be read keeps owner null', () => {
    const revived = roundTrip(new LockHeldError(null, true, '共享台账留有 另一台电脑的同步锁定。')) as LockHeldError;
    expect(revived).toBeInstanceOf(LockHeldError);
    expect(revived.owner).toBeNull();
    expect(revived.code).toBe('lock_stale');
  });

  it('a SharingError keeps its class, code and message', () => {
    const original = new SharingError('cancelled', '同步已取消，共享台账未作任何修改。');
    const revived = roundTrip(original);
    expect(revived).toBeInstanceOf(SharingError);
    expect(revived).not.toBeInstanceOf(LockHeldError);
    expect((revived as SharingError).code).toBe('cancelled');
    expect(revived.message).toBe(original.message);
  });

  it('a LedgerDbError keeps its class, code and message', () => {
    const original = new LedgerDbError('db_corrupt', '共享台账文件已损坏，未能通过完整性检查，已保持原样未作任何修改。');
    const revived = roundTrip(original);
    expect(revived).toBeInstanceOf(LedgerDbError);
    expect((revived as LedgerDbError).code).toBe('db_corrupt');
    expect(revived.message).toBe(original.message);
    expect(revived.name).toBe('LedgerDbError');
  });

  it('anything else becomes an Error with the message (and a string code, which the dispatcher maps)', () => {
    const sqlite = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const revived = roundTrip(sqlite);
    expect(revived).toBeInstanceOf(Error);
    expect(revived).not.toBeInstanceOf(SharingError);
    expect(revived).not.toBeInstanceOf(LedgerDbError);
    expect(revived.message).toBe('database or disk is full');
    expect((revived as { code?: unknown }).code).toBe('SQLITE_FULL');

    const typeError = roundTrip(new TypeError('x is undefined'));
    expect(typeError.message).toBe('x is undefined');
    expect(typeError.name).toBe('TypeError');
    expect((typeError as { code?: unknown }).code).toBeUndefined();

    const thrownString = roundTrip('磁盘已拔出');
    expect(thrownString).toBeInstanceOf(Error);
    expect(thrownString.message).toBe('磁盘已拔出');
  });

  it('keeps the worker stack for the logs', () => {
    const original = new SharingError('lock_lost', '同步期间本机的锁定被其他电脑解除。');
    const revived = roundTrip(original);
    expect(revived.stack).toContain('sync-worker-protocol.test.ts');
    expect(revived.stack).toContain('sync worker thread');
  });
});
