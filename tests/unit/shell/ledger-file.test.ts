import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultLedgerFile,
  freshLedgerFile,
  ledgerFileToOpen,
  rememberLedgerFile,
} from '../../../electron/main/ledger-file';

let userData: string;
beforeEach(() => {
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-userdata-'));
});
afterEach(() => fs.rmSync(userData, { recursive: true, force: true }));

describe('which ledger file the app opens', () => {
  it('defaults to <userData>/ledger/督查台账.db', () => {
    expect(defaultLedgerFile(userData)).toBe(path.join(userData, 'ledger', '督查台账.db'));
    expect(ledgerFileToOpen(userData)).toBe(defaultLedgerFile(userData));
  });

  it('remembers another chosen file while it exists, and forgets it when the default is chosen again', () => {
    const other = path.join(userData, '其他', '台账.db');
    fs.mkdirSync(path.dirname(other), { recursive: true });
    fs.writeFileSync(other, '');
    rememberLedgerFile(userData, other);
    expect(ledgerFileToOpen(userData)).toBe(other);
    fs.rmSync(other);
    expect(ledgerFileToOpen(userData)).toBe(defaultLedgerFile(userData));
    fs.writeFileSync(other, '');
    rememberLedgerFile(userData, defaultLedgerFile(userData));
    expect(ledgerFileToOpen(userData)).toBe(defaultLedgerFile(userData));
  });

  it('a blank ledger gets a new name and never an existing file', () => {
    const now = new Date(2016, 5, 30, 9, 5, 7);
    const first = freshLedgerFile(userData, now);
    expect(path.basename(first)).toBe('督查台账-新建-20160630-090507.db');
    fs.mkdirSync(path.dirname(first), { recursive: true });
    fs.writeFileSync(first, 'taken');
    const second = freshLedgerFile(userData, now);
    expect(second).not.toBe(first);
    expect(fs.existsSync(second)).toBe(false);
  });
});
