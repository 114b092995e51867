/** What the user reads when something fails below the services: every known failure in Chinese, never "internal". */
import { describe, expect, it } from 'vitest';
import { toAppError } from '../../../electron/services/dispatch';
import { SharingError } from '../../../electron/services/sharing/errors';
import { SyncWorkerError } from '../../../electron/services/workspace/worker-sync-runner';

const sqlite = (code: string) => Object.assign(new Error(code), { code });

describe('toAppError', () => {
  it('maps SQLite result codes, extended ones included, to db_io / db_corrupt / conflict in Chinese', () => {
    expect(toAppError(sqlite('SQLITE_FULL'))).toEqual({ code: 'db_io', message: '磁盘空间已满，本次修改未保存。请清理磁盘后重试。' });
    expect(toAppError(sqlite('SQLITE_READONLY_DBMOVED')).message).toContain('只读');
    expect(toAppError(sqlite('SQLITE_BUSY_SNAPSHOT')).message).toContain('占用');
    expect(toAppError(sqlite('SQLITE_CORRUPT_INDEX')).code).toBe('db_corrupt');
    expect(toAppError(sqlite('SQLITE_CONSTRAINT_FOREIGNKEY')).code).toBe('conflict');
  });

  it('passes the sharing errors through with their code, and says what a dead sync worker means', () => {
    expect(toAppError(new SharingError('lock_stale', '同步锁定已超过 30 分钟。'))).toEqual({ code: 'lock_stale', message: '同步锁定已超过 30 分钟。' });
    const dead = toAppError(new SyncWorkerError(134, null));
    expect(dead.code).toBe('internal');
    expect(dead.message).toContain('后台同步意外中止（退出代码 134）');
  });

  it('keeps anything unknown as internal with the generic Chinese sentence', () => {
    expect(toAppError(new TypeError('x is undefined'))).toEqual({
      code: 'internal',
      message: '程序内部错误，本次操作未完成。请重试；如仍出现，请联系技术支持。',
    });
  });
});
