/**
 * Opens a ledger file: the only way the program gets a database connection.
 *
 * - Absent or empty file: created, marked with APPLICATION_ID, migrated to the latest schema.
 * - Existing file: first checked without being changed (file-check.ts); another program's file, a newer
 *   version's file or a damaged file is refused with a LedgerDbError and left exactly as it was. A file above
 *   `fullCheckMaxBytes` gets the header, schema and structural checks only (`Ledger.pagesChecked` false): reading
 *   all its pages is the workspace's background check, so a 1.5 GB ledger opens in milliseconds.
 * - Then opened read/write with WAL, synchronous=FULL, foreign_keys=ON, busy_timeout; an older schema is
 *   backed up (backup.ts) and upgraded step by step (migrate.ts).
 * - `readonly: true` runs the same checks, then opens without changing the data (no upgrade, no device id).
 *   SQLite still needs -wal/-shm beside a WAL-mode file to read it, so it may leave those (empty) behind.
 */
import { accessSync, constants as fsConstants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { backupBeforeMigration, defaultBackupDir } from './backup';
import { foreignFileError, ioError, migrationError, newerVersionError, toLedgerDbError } from './errors';
import {
  FULL_CHECK_AT_OPEN_MAX_BYTES,
  inspectLedgerFile,
  inspectOpenedLedger,
  type LedgerFileExpectations,
  type LedgerFileFacts,
} from './file-check';
export { checkIntegrity, type IntegrityReport } from './integrity';
import { DEVICE_ID_KEY, ensureDeviceId, readLocalMeta } from './local-meta';
import { readUserVersion, runMigrations } from './migrate';
import { assertMigrationOrder, MIGRATIONS, type Migration } from './migrations/index';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';

/** PRAGMA application_id of every ledger file: 'DCTG' (督查台账) in ASCII. */
export const APPLICATION_ID = 0x44435447;

/** The schema version this program writes (= the last migration's version). */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export const BUSY_TIMEOUT_MS = 5000;

export interface OpenLedgerOptions {
  /** path of better_sqlite3.node built for the running runtime (Electron vs Node) */
  nativeBinding?: string;
  /** where upgrade backups go; default `<folder of the file>/backups` */
  backupDir?: string;
  /** clock for backup names (tests pass a fixed one) */
  now?: () => Date;
  /** check and open without changing anything: no creation, no upgrade, no device id */
  readonly?: boolean;
  /** the schema steps; default MIGRATIONS (tests inject other lists) */
  migrations?: readonly Migration[];
  /**
   * A read/write open checks every page (quick_check) only of files up to this size (default
   * FULL_CHECK_AT_OPEN_MAX_BYTES); larger ones are left to a check after opening. Read-only opens check every page.
   */
  fullCheckMaxBytes?: number;
}

export interface Ledger {
  /** absolute path of the file */
  file: string;
  /** the raw connection (migrations, pragmas, checks); regular reads and writes go through `db` */
  sqlite: BetterSqlite3.Database;
  db: Kysely<Database>;
  /** user_version after opening (a read-only open of an older file reports the older version) */
  schemaVersion: number;
  /** path of the backup taken before an upgrade during this open, else null */
  backupMade: string | null;
  readonly: boolean;
  /** local_meta device_id; null only for a read-only open of a file that has none yet */
  deviceId: string | null;
  /**
   * false: the file was larger than `fullCheckMaxBytes` and only its header, schema and structure were checked
   * at open; its pages still need a quick_check (integrity.ts checkPagesOfFile). true for new files.
   */
  pagesChecked: boolean;
  /** closes Kysely and the connection (checkpoints the WAL); safe to call twice */
  close(): Promise<void>;
}

type FileState = 'absent' | 'empty' | 'existing';

/**
 * An empty file is new unless a non-empty WAL or journal sits beside it: then it is the remains of something
 * and goes through the checks (which refuse it unchanged) instead of being overwritten with a fresh ledger.
 */
function fileState(file: string): FileState {
  if (!existsSync(file)) return 'absent';
  const stats = statSync(file);
  if (stats.isDirectory()) throw ioError(file, '这是一个文件夹而不是文件');
  if (stats.size > 0) return 'existing';
  const sidecarHasData = ['-wal', '-journal'].some((suffix) => existsSync(file + suffix) && statSync(file + suffix).size > 0);
  return sidecarHasData ? 'existing' : 'empty';
}

/**
 * SQLite opens a file it may not write (permissions, read-only attribute or medium) read-only without a word, and
 * every save would then fail: refuse it here, unchanged and with nothing created beside it.
 */
function assertWritable(file: string): void {
  try {
    accessSync(file, fsConstants.W_OK);
  } catch (error) {
    throw ioError(file, '文件只读或没有写入权限', error);
  }
}

function configureReadWrite(sqlite: BetterSqlite3.Database, file: string): void {
  const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') {
    throw ioError(file, `无法启用预写日志（当前为 ${String(mode)}），该位置可能是网络共享或移动磁盘，请把台账保存在本机磁盘上`);
  }
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
}

function openReadonly(file: string, opts: OpenLedgerOptions, latest: number): Omit<Ledger, 'db' | 'close'> {
  const state = fileState(file);
  if (state === 'absent') throw ioError(file, '文件不存在');
  if (state === 'empty') throw foreignFileError(file, '空文件');
  inspectLedgerFile(file, { applicationId: APPLICATION_ID, latestVersion: latest, nativeBinding: opts.nativeBinding });
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding: opts.nativeBinding });
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('foreign_keys = ON');
    const schemaVersion = readUserVersion(sqlite);
    const deviceId = schemaVersion >= 1 ? readLocalMeta(sqlite, DEVICE_ID_KEY) : null;
    return { file, sqlite, schemaVersion, backupMade: null, readonly: true, deviceId, pagesChecked: true };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

function openReadWrite(file: string, opts: OpenLedgerOptions, migrations: readonly Migration[]): Omit<Ledger, 'db' | 'close'> {
  const latest = migrations.length;
  const state = fileState(file);
  const expect: LedgerFileExpectations = {
    applicationId: APPLICATION_ID,
    latestVersion: latest,
    nativeBinding: opts.nativeBinding,
    fullCheckMaxBytes: opts.fullCheckMaxBytes ?? FULL_CHECK_AT_OPEN_MAX_BYTES,
    // A test's own migration list creates other tables than the real one.
    expectLedgerTables: opts.migrations === undefined,
    readWriteOpenFollows: true,
  };
  let facts: LedgerFileFacts | null = state === 'existing' ? inspectLedgerFile(file, expect) : null;
  if (state === 'absent') mkdirSync(dirname(file), { recursive: true });
  else assertWritable(file);

  const sqlite = new BetterSqlite3(file, { fileMustExist: state !== 'absent', nativeBinding: opts.nativeBinding });
  try {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // A large, cleanly closed WAL file: SQLite's view of it through this connection, before anything is written.
    if (facts?.checked === 'header') facts = inspectOpenedLedger(file, sqlite, expect);
    // Read again through this connection: another process may have changed the file since the check.
    const applicationId = sqlite.pragma('application_id', { simple: true }) as number;
    const before = readUserVersion(sqlite);
    const isOurs = applicationId === APPLICATION_ID;
    if (!isOurs && (applicationId !== 0 || before !== 0 || facts?.hasTables)) throw foreignFileError(file);
    if (before > latest) throw newerVersionError(file, before, latest);

    const hasData = facts?.hasTables === true;
    let backupMade: string | null = null;
    if (before < latest && hasData) {
      backupMade = backupBeforeMigration(sqlite, {
        file,
        version: before,
        dir: opts.backupDir ?? defaultBackupDir(file),
        at: (opts.now ?? (() => new Date()))(),
        nativeBinding: opts.nativeBinding,
      });
    }
    if (!isOurs) sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    configureReadWrite(sqlite, file);

    let failing = before;
    try {
      runMigrations(sqlite, migrations, (migration) => {
        failing = migration.version;
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) throw error; // locked, not broken
      throw migrationError(file, failing, backupMade, error);
    }
    const schemaVersion = readUserVersion(sqlite);
    const deviceId = ensureDeviceId(sqlite);
    return { file, sqlite, schemaVersion, backupMade, readonly: false, deviceId, pagesChecked: facts === null || facts.checked === 'full' };
  } catch (error) {
    // Closing the only connection also removes the -wal/-shm it created: a refused file is left as it was found.
    // (Removing them by hand instead could pull them from under another process that opened the file meanwhile.)
    sqlite.close();
    throw error;
  }
}

/**
 * Opens (or creates) a ledger. Throws LedgerDbError: db_foreign, db_newer, db_corrupt (file left unchanged),
 * db_io, db_locked, db_migration (upgrade rolled back; backup kept).
 */
export function openLedger(file: string, opts: OpenLedgerOptions = {}): Ledger {
  const path = resolve(file);
  const migrations = opts.migrations ?? MIGRATIONS;
  assertMigrationOrder(migrations);
  let opened: Omit<Ledger, 'db' | 'close'>;
  try {
    opened = opts.readonly ? openReadonly(path, opts, migrations.length) : openReadWrite(path, opts, migrations);
  } catch (error) {
    throw toLedgerDbError(path, error);
  }

  const { sqlite } = opened;
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  let closed = false;
  return {
    ...opened,
    db,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      // Kysely only closes a connection it has used; close it ourselves in any case.
      if (sqlite.open) sqlite.close();
    },
  };
}
