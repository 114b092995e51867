import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, openLedger, type OpenLedgerOptions } from '../../../db/connection';
import { LedgerDbError } from '../../../db/errors';
import { isUuidV7 } from '../../../db/ids';
import { readLocalMeta } from '../../../db/local-meta';
import { MIGRATIONS, type Migration } from '../../../db/migrations/index';
import { copyAsCrashImage, createForeignDatabase, createLedgerWithData, seed, setUserVersion, smashPage } from './fixtures';
import { listDir, ManualTime, openTestLedger, sha256, tempDir, writeContext } from './helpers';

function refusal(file: string, opts?: OpenLedgerOptions): LedgerDbError {
  try {
    const ledger = openLedger(file, opts);
    void ledger.close();
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerDbError);
    return error as LedgerDbError;
  }
  throw new Error(`expected ${file} to be refused`);
}

/** Opens `file`, expects a refusal with `code`, and checks that nothing on disk changed. */
function expectRefusedUnchanged(file: string, code: LedgerDbError['code'], opts?: OpenLedgerOptions): LedgerDbError {
  const dir = join(file, '..');
  const before = { hash: sha256(file), files: listDir(dir) };
  const error = refusal(file, opts);
  expect(error.code).toBe(code);
  expect(sha256(file)).toBe(before.hash);
  expect(listDir(dir)).toEqual(before.files);
  return error;
}

function addTableStep(version: number, table: string, onRun?: () => void): Migration {
  return {
    version,
    name: `test_${table}`,
    up(sqlite) {
      onRun?.();
      sqlite.exec(`CREATE TABLE ${table} (id TEXT PRIMARY KEY NOT NULL) STRICT`);
    },
  };
}

describe('openLedger: new files', () => {
  it('creates an absent file (and its folder) as a ledger at the latest version', () => {
    const file = join(tempDir(), 'data', 'ledger.db');
    const ledger = openTestLedger(file);
    expect(existsSync(file)).toBe(true);
    expect(ledger.file).toBe(file);
    expect(ledger.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(ledger.backupMade).toBeNull();
    expect(ledger.readonly).toBe(false);
    expect(ledger.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(ledger.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ledger.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(ledger.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ledger.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(existsSync(join(file, '..', 'backups'))).toBe(false);
  });

  it('gives the file a device id on first open and keeps it', async () => {
    const file = join(tempDir(), 'ledger.db');
    const first = openLedger(file);
    const deviceId = first.deviceId!;
    expect(isUuidV7(deviceId)).toBe(true);
    expect(readLocalMeta(first.sqlite, 'device_id')).toBe(deviceId);
    await first.close();
    const again = openTestLedger(file);
    expect(again.deviceId).toBe(deviceId);
  });

  it('turns an empty (0-byte) file into a ledger', () => {
    const file = join(tempDir(), 'empty.db');
    writeFileSync(file, '');
    const ledger = openTestLedger(file);
    expect(ledger.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(ledger.sqlite.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
  });

  it('turns a brand-new SQLite file without tables into a ledger, without a backup', () => {
    const file = join(tempDir(), 'blank.db');
    const blank = new BetterSqlite3(file);
    blank.exec('VACUUM'); // writes the header page: a real, empty SQLite database
    blank.close();
    expect(statSync(file).size).toBeGreaterThan(0);
    const ledger = openTestLedger(file);
    expect(ledger.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(ledger.backupMade).toBeNull();
  });

  it('reopens a ledger with its data, and leaves no -wal/-shm after closing', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    await createLedgerWithData(file);
    expect(listDir(dir)).toEqual(['ledger.db']);
    const ledger = openLedger(file);
    expect(ledger.backupMade).toBeNull();
    const units = await ledger.db.selectFrom('units').select('name').execute();
    expect(units).toEqual([{ name: '百官街道' }]);
    await ledger.close();
    await ledger.close(); // twice is fine
    expect(listDir(dir)).toEqual(['ledger.db']);
  });

  it('recovers what a crash left in the WAL', async () => {
    const dir = tempDir();
    const live = openTestLedger(join(dir, 'live.db'));
    await seed(live.db, writeContext(new ManualTime(Date.UTC(2016, 2, 2)), '张三', live.deviceId!));
    const crashed = join(dir, 'crashed.db');
    copyAsCrashImage(live.file, crashed);
    expect(existsSync(`${crashed}-wal`)).toBe(true);
    const ledger = openTestLedger(crashed);
    expect(await ledger.db.selectFrom('tasks').select('title').execute()).toEqual([{ title: '推进五水共治' }]);
  });
});

describe('openLedger: refused files are left exactly as they were', () => {
  it('refuses another program’s database (its own application_id, WAL mode)', () => {
    const file = join(tempDir(), 'other.db');
    createForeignDatabase(file, { applicationId: 0x12345678, wal: true });
    const error = expectRefusedUnchanged(file, 'db_foreign');
    expect(error.message).toContain('该文件不是督查台账数据库（可能是其他软件的文件），已保持原样未作任何修改。请选择正确的台账文件。');
  });

  it.each([false, true])('refuses a SQLite database with tables but no application_id (WAL mode: %s)', (wal) => {
    const file = join(tempDir(), 'plain.sqlite');
    createForeignDatabase(file, { applicationId: 0, wal });
    expectRefusedUnchanged(file, 'db_foreign');
  });

  it('refuses a plain text file and does not create a database in its place', () => {
    const file = join(tempDir(), '台账.txt');
    writeFileSync(file, '序号,事项,责任单位\n1,推进五水共治,百官街道\n');
    expectRefusedUnchanged(file, 'db_foreign');
    expect(readFileSync(file, 'utf8')).toContain('推进五水共治');
  });

  it('refuses a ledger from a newer program version', async () => {
    const file = join(tempDir(), 'newer.db');
    await createLedgerWithData(file);
    setUserVersion(file, 99);
    const error = expectRefusedUnchanged(file, 'db_newer');
    expect(error.message).toContain(`该台账由更新版本的督查台账创建（数据版本 99），本程序只支持到 ${LATEST_SCHEMA_VERSION}。请升级程序后再打开。文件未作任何修改。`);
  });

  it('refuses a newer version even when only the crash-leftover WAL says so, leaving file and WAL alone', async () => {
    const dir = tempDir();
    await createLedgerWithData(join(dir, 'source.db'));
    const writer = new BetterSqlite3(join(dir, 'source.db'));
    writer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`); // lands in the WAL only
    const file = join(dir, 'crashed.db');
    copyAsCrashImage(join(dir, 'source.db'), file);
    writer.close();
    const walHash = sha256(`${file}-wal`);
    const error = expectRefusedUnchanged(file, 'db_newer');
    expect(error.message).toContain(`数据版本 ${LATEST_SCHEMA_VERSION + 1}`);
    expect(sha256(`${file}-wal`)).toBe(walHash);
  });

  it('refuses a truncated ledger as damaged', async () => {
    const file = join(tempDir(), 'truncated.db');
    await createLedgerWithData(file);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const error = expectRefusedUnchanged(file, 'db_corrupt');
    expect(error.message).toContain('台账文件已损坏');
    expect(error.message).toContain('已保持原样未作任何修改');
  });

  it('refuses a ledger with a damaged page', async () => {
    const file = join(tempDir(), 'damaged.db');
    await createLedgerWithData(file);
    smashPage(file, 2);
    expectRefusedUnchanged(file, 'db_corrupt');
  });

  it('refuses a file that stops inside the SQLite header', () => {
    const file = join(tempDir(), 'stub.db');
    writeFileSync(file, 'SQLite format 3\u0000\u0010\u0000');
    expectRefusedUnchanged(file, 'db_corrupt');
  });

  it('still checks without leaving anything behind when no temporary copy can be made', async () => {
    const dir = tempDir();
    const damaged = join(dir, 'damaged.db');
    const healthy = join(dir, 'healthy.db');
    await createLedgerWithData(damaged);
    await createLedgerWithData(healthy);
    smashPage(damaged, 2);
    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = join(dir, 'no-such-folder'); // os.tmpdir() now points nowhere
    try {
      expectRefusedUnchanged(damaged, 'db_corrupt');
      const ledger = openLedger(healthy);
      expect(await ledger.db.selectFrom('units').select('name').execute()).toEqual([{ name: '百官街道' }]);
      await ledger.close();
    } finally {
      if (savedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmp;
    }
    expect(listDir(dir)).toEqual(['damaged.db', 'healthy.db']);
  });

  it('applies the same checks to a read-only open', async () => {
    const file = join(tempDir(), 'newer.db');
    await createLedgerWithData(file);
    setUserVersion(file, 99);
    expectRefusedUnchanged(file, 'db_newer', { readonly: true });
  });

  it('reports a missing file for a read-only open instead of creating one', () => {
    const file = join(tempDir(), 'missing.db');
    expect(refusal(file, { readonly: true }).code).toBe('db_io');
    expect(existsSync(file)).toBe(false);
  });

  it('reports a folder given as the file', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ledger.db'));
    expect(refusal(join(dir, 'ledger.db')).code).toBe('db_io');
  });
});

describe('openLedger: schema upgrades', () => {
  const at = new Date(2024, 0, 2, 3, 4, 5); // local time, as in the backup name
  // The upgrade machinery is tested from a file at version 1 to a made-up step 2, whatever the real list holds.
  const BASE = MIGRATIONS.slice(0, 1);

  it('backs the file up before running the pending steps, then upgrades', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    await createLedgerWithData(file, { migrations: BASE });
    let backupsWhenStepRan: string[] = [];
    const step2 = addTableStep(2, 'archive_test', () => {
      backupsWhenStepRan = readdirSync(join(dir, 'backups'));
    });

    const ledger = openTestLedger(file, { migrations: [...BASE, step2], now: () => at });

    const expected = join(dir, 'backups', 'ledger.before-v1.20240102-030405.db');
    expect(ledger.backupMade).toBe(expected);
    expect(backupsWhenStepRan).toEqual(['ledger.before-v1.20240102-030405.db']);
    expect(ledger.schemaVersion).toBe(2);
    expect(ledger.sqlite.pragma('user_version', { simple: true })).toBe(2);
    expect(ledger.sqlite.prepare(`SELECT name FROM sqlite_schema WHERE name = 'archive_test'`).pluck().get()).toBe('archive_test');

    const backup = new BetterSqlite3(expected, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(backup.prepare('SELECT name FROM units').pluck().all()).toEqual(['百官街道']);
    expect(backup.prepare(`SELECT name FROM sqlite_schema WHERE name = 'archive_test'`).get()).toBeUndefined();
    backup.close();
  });

  it('writes the backup where it is told to, under a new name each time', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    await createLedgerWithData(file, { migrations: BASE });
    const backupDir = join(dir, 'elsewhere');
    mkdirSync(backupDir);
    // A name already taken in the same second gets a suffix instead of being overwritten.
    writeFileSync(join(backupDir, 'ledger.before-v1.20240102-030405.db'), 'older backup');
    const ledger = openTestLedger(file, { migrations: [...BASE, addTableStep(2, 'archive_test')], now: () => at, backupDir });
    expect(ledger.backupMade).toBe(join(backupDir, 'ledger.before-v1.20240102-030405-2.db'));
    expect(readFileSync(join(backupDir, 'ledger.before-v1.20240102-030405.db'), 'utf8')).toBe('older backup');
  });

  it('rolls a failing step back completely and keeps the backup', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    await createLedgerWithData(file, { migrations: BASE });
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(sqlite) {
        sqlite.exec('CREATE TABLE half_done (id TEXT PRIMARY KEY) STRICT');
        sqlite.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    const error = refusal(file, { migrations: [...BASE, broken], now: () => at });
    expect(error.code).toBe('db_migration');
    expect(error.message).toContain('台账数据升级到版本 2 时失败，这一步已全部撤销，文件保持在数据版本 1');
    expect(error.message).toContain(join(dir, 'backups', 'ledger.before-v1.20240102-030405.db'));

    const ledger = openTestLedger(file, { migrations: BASE }); // the current program still opens it
    expect(ledger.schemaVersion).toBe(1);
    expect(ledger.sqlite.prepare(`SELECT name FROM sqlite_schema WHERE name = 'half_done'`).get()).toBeUndefined();
    expect(await ledger.db.selectFrom('tasks').select('title').execute()).toEqual([{ title: '推进五水共治' }]);
  });

  it('refuses to commit a step that leaves dangling references', async () => {
    const file = join(tempDir(), 'ledger.db');
    await createLedgerWithData(file, { migrations: BASE });
    const dangling: Migration = {
      version: 2,
      name: 'dangling',
      up(sqlite) {
        sqlite.exec(`UPDATE tasks SET parent_id = 'no-such-task'`);
      },
    };
    expect(refusal(file, { migrations: [...BASE, dangling] }).code).toBe('db_migration');
    const ledger = openTestLedger(file, { migrations: BASE });
    expect(await ledger.db.selectFrom('tasks').select('parent_id').execute()).toEqual([{ parent_id: null }]);
  });

  it('upgrades a version-0 file of ours without tables, without a backup', () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    sqlite.close();
    const ledger = openTestLedger(file);
    expect(ledger.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(ledger.backupMade).toBeNull();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('a read-only open reports the older version and changes nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'ledger.db');
    await createLedgerWithData(file, { migrations: BASE });
    const hash = sha256(file);
    const ledger = openLedger(file, { readonly: true, migrations: [...BASE, addTableStep(2, 'archive_test')] });
    expect(ledger.readonly).toBe(true);
    expect(ledger.schemaVersion).toBe(1);
    expect(ledger.backupMade).toBeNull();
    expect(isUuidV7(ledger.deviceId!)).toBe(true);
    expect(await ledger.db.selectFrom('units').select('name').execute()).toEqual([{ name: '百官街道' }]);
    expect(() => ledger.sqlite.exec(`DELETE FROM units`)).toThrow(/readonly/);
    await ledger.close();
    expect(sha256(file)).toBe(hash);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('rejects a migration list with a gap', () => {
    const file = join(tempDir(), 'ledger.db');
    expect(() => openLedger(file, { migrations: [...BASE, addTableStep(3, 'gap')] })).toThrow(/out of order/);
    expect(existsSync(file)).toBe(false);
  });
});
