/**
 * The open-time check of large ledgers (db/file-check.ts): a file above `fullCheckMaxBytes` (0 here, so that
 * every test file is treated as large) opens after the header, schema and structural checks without reading
 * all its pages; what those checks can see is still refused with the file and its folder left as they were,
 * and the whole-file check that follows (checkPagesOfFile) finds damage in the pages the open did not read.
 */
import { closeSync, openSync, readdirSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, openLedger, type OpenLedgerOptions } from '../../../db/connection';
import { LedgerDbError } from '../../../db/errors';
import { ledgerTablesOf, LEDGER_TABLES_SINCE_VERSION } from '../../../db/file-check';
import { checkPagesOfFile } from '../../../db/integrity';
import { runMigrations } from '../../../db/migrate';
import { MIGRATIONS } from '../../../db/migrations/index';
import { copyAsCrashImage, createForeignDatabase, createLedgerWithData, ledgerWithFiller, seed, smashPage } from './fixtures';
import { listDir, ManualTime, openTestLedger, sha256, tempDir, writeContext } from './helpers';

/** Every file counts as large: no quick_check at open. */
const LARGE: OpenLedgerOptions = { fullCheckMaxBytes: 0 };


function refusal(file: string, opts: OpenLedgerOptions): LedgerDbError {
  let ledger: ReturnType<typeof openLedger> | null = null;
  try {
    ledger = openLedger(file, opts);
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerDbError);
    return error as LedgerDbError;
  }
  void ledger.close();
  throw new Error(`expected ${file} to be refused`);
}

/** Refused with `code`, the file byte for byte as it was and nothing created beside it. */
function expectRefusedUnchanged(file: string, code: LedgerDbError['code'], opts: OpenLedgerOptions = LARGE): LedgerDbError {
  const dir = join(file, '..');
  const before = { hash: sha256(file), files: listDir(dir) };
  const error = refusal(file, opts);
  expect(error.code).toBe(code);
  expect(error.message).toContain(file);
  expect(sha256(file)).toBe(before.hash);
  expect(listDir(dir)).toEqual(before.files);
  return error;
}

describe('a large ledger opens without its pages being read', () => {
  it('opens a sound large file with pagesChecked false, and the page check afterwards says ok', async () => {
    const file = join(tempDir(), 'large.db');
    await ledgerWithFiller(file);
    const ledger = openLedger(file, LARGE);
    try {
      expect(ledger.pagesChecked).toBe(false);
      expect(ledger.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(await ledger.db.selectFrom('units').select('name').execute()).toEqual([{ name: '百官街道' }]);
      expect(checkPagesOfFile(file)).toEqual({ ok: true, problems: [], message: null });
    } finally {
      await ledger.close();
    }
    expect(readdirSync(join(file, '..')).sort()).toEqual(['large.db']);
  });

  it('recovers what a crash left in the WAL: with -wal and -shm read in place, with a -wal alone from a checked copy', async () => {
    const dir = tempDir();
    const live = openTestLedger(join(dir, 'live.db'));
    await seed(live.db, writeContext(new ManualTime(Date.UTC(2016, 2, 2)), '张三', live.deviceId!));
    const withShm = join(dir, 'with-shm.db');
    copyAsCrashImage(live.file, withShm);
    const walOnly = join(dir, 'wal-only.db');
    copyAsCrashImage(live.file, walOnly);
    rmSync(`${walOnly}-shm`);
    for (const [file, pagesChecked] of [
      [withShm, false],
      [walOnly, true], // the copy reads the whole file anyway, so it gets the whole check
    ] as const) {
      const ledger = openLedger(file, LARGE);
      try {
        expect(ledger.pagesChecked).toBe(pagesChecked);
        expect(await ledger.db.selectFrom('tasks').select('title').execute()).toEqual([{ title: '推进五水共治' }]);
      } finally {
        await ledger.close();
      }
    }
  });

  it('a small file (the default threshold) still has every page checked at open', async () => {
    const file = join(tempDir(), 'small.db');
    await createLedgerWithData(file);
    const ledger = openLedger(file);
    expect(ledger.pagesChecked).toBe(true);
    await ledger.close();
  });

  it('opens a large file with a damaged page it did not read; the page check afterwards reports it in Chinese', async () => {
    const file = join(tempDir(), 'damaged.db');
    const { lastLeaf } = await ledgerWithFiller(file);
    smashPage(file, lastLeaf);
    // Treated as small, the same file is refused at open (quick_check reads that page) …
    expectRefusedUnchanged(file, 'db_corrupt', {});
    // … treated as large, it opens: its every page was not read.
    const ledger = openLedger(file, LARGE);
    try {
      expect(ledger.pagesChecked).toBe(false);
      const report = checkPagesOfFile(file);
      expect(report.ok).toBe(false);
      expect(report.problems.length).toBeGreaterThan(0);
      expect(report.message).toMatch(/^后台检查发现台账文件已损坏/);
      expect(report.message).toContain('请尽快从备份恢复');
      expect(report.message).toContain(file);
    } finally {
      await ledger.close();
    }
  });
});

describe('a large ledger: what the cheap checks see is refused, the file left as it was', () => {
  it('refuses a file cut off while copied (fewer bytes than the header counts pages)', async () => {
    const file = join(tempDir(), 'cut.db');
    await ledgerWithFiller(file);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const error = expectRefusedUnchanged(file, 'db_corrupt');
    expect(error.message).toContain('文件不完整');
  });

  it('refuses a file with an impossible page size in its header', async () => {
    const file = join(tempDir(), 'page-size.db');
    await createLedgerWithData(file);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from([0x10, 0x01]), 0, 2, 16); // 4097: not a power of two
    closeSync(fd);
    expectRefusedUnchanged(file, 'db_corrupt');
  });

  it('refuses a ledger that lacks a table of its version (on the read/write connection, which removes its -wal/-shm)', async () => {
    const file = join(tempDir(), 'no-conflicts.db');
    await createLedgerWithData(file);
    const sqlite = new BetterSqlite3(file, { fileMustExist: true });
    sqlite.exec('DROP TABLE conflicts');
    sqlite.close();
    const error = expectRefusedUnchanged(file, 'db_corrupt');
    expect(error.message).toContain('缺少数据表 conflicts');
  });

  it('refuses a ledger whose table root page is smashed', async () => {
    const file = join(tempDir(), 'root.db');
    await ledgerWithFiller(file);
    const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const root = sqlite.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'tasks'").pluck().get() as number;
    sqlite.close();
    smashPage(file, root);
    expectRefusedUnchanged(file, 'db_corrupt');
  });

  it('refuses another program’s WAL-mode database without application_id', () => {
    const file = join(tempDir(), 'foreign.db');
    createForeignDatabase(file, { applicationId: 0, wal: true });
    expectRefusedUnchanged(file, 'db_foreign');
  });

  it('refuses another program’s database with its own application_id before SQLite opens it', () => {
    const file = join(tempDir(), 'foreign-id.db');
    createForeignDatabase(file, { applicationId: 0x12345678, wal: true });
    expectRefusedUnchanged(file, 'db_foreign');
  });
});

describe('LEDGER_TABLES_SINCE_VERSION', () => {
  /** Tables of a database after the first `version` migrations, without SQLite's and full-text search's own. */
  function tablesAt(version: number): Set<string> {
    const sqlite = new BetterSqlite3(':memory:');
    try {
      runMigrations(sqlite, MIGRATIONS.slice(0, version));
      const rows = sqlite.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as { name: string; sql: string | null }[];
      const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name);
      const shadow = (name: string) => virtual.some((v) => /^_(data|idx|content|docsize|config)$/.test(name.slice(v.length)) && name.startsWith(v));
      return new Set(rows.map((r) => r.name).filter((name) => !name.startsWith('sqlite_') && !shadow(name)));
    } finally {
      sqlite.close();
    }
  }

  it('names exactly the tables each migration adds (and none is dropped later)', () => {
    let previous = new Set<string>();
    for (let version = 1; version <= LATEST_SCHEMA_VERSION; version += 1) {
      const now = tablesAt(version);
      const added = [...now].filter((name) => !previous.has(name)).sort();
      expect(added, `version ${version}`).toEqual([...(LEDGER_TABLES_SINCE_VERSION[version] ?? [])].sort());
      expect([...previous].filter((name) => !now.has(name)), `dropped at version ${version}`).toEqual([]);
      expect(ledgerTablesOf(version).sort()).toEqual([...now].sort());
      previous = now;
    }
  });
});
