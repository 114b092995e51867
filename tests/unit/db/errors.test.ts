import { describe, expect, it } from 'vitest';
import { LedgerDbError, toLedgerDbError } from '../../../db/errors';

function sqliteError(code: string): Error {
  return Object.assign(new Error(`sqlite says ${code}`), { code });
}

describe('toLedgerDbError', () => {
  it.each([
    ['SQLITE_BUSY', 'db_locked', /正被其他程序占用/],
    ['SQLITE_BUSY_SNAPSHOT', 'db_locked', /正被其他程序占用/],
    ['SQLITE_CORRUPT', 'db_corrupt', /已损坏/],
    ['SQLITE_NOTADB', 'db_foreign', /不是督查台账数据库/],
    ['SQLITE_FULL', 'db_io', /磁盘空间不足/],
    ['SQLITE_READONLY_DIRECTORY', 'db_io', /只读/],
    ['SQLITE_CANTOPEN', 'db_io', /无法打开/],
    ['EACCES', 'db_io', /没有访问权限/],
    ['SQLITE_IOERR_SHORT_READ', 'db_io', /sqlite says/],
  ] as const)('maps %s to %s with a Chinese explanation', (code, expected, message) => {
    const error = toLedgerDbError('/d/ledger.db', sqliteError(code));
    expect(error).toBeInstanceOf(LedgerDbError);
    expect(error.code).toBe(expected);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('/d/ledger.db');
  });

  it('passes a LedgerDbError through', () => {
    const original = new LedgerDbError('db_newer', '新版本');
    expect(toLedgerDbError('/x', original)).toBe(original);
  });
});
