/**
 * Decides whether an existing file may be opened read/write as a ledger — without changing it.
 *
 * A refused file must stay byte-for-byte as it was, with nothing left beside it: no -wal/-shm, no journal,
 * no journal-mode change. Two traps make a plain read-only SQLite open unsuitable:
 * - opening a WAL-mode database read-only creates `-wal` and `-shm` beside it and leaves them there;
 * - a read-only connection cannot replay a rollback journal left by a crash.
 * So the check goes in two stages:
 * 1. The 100-byte SQLite header, read with plain file I/O: magic string, application_id, user_version.
 *    Files of other programs and of newer versions are refused here, before SQLite sees them.
 * 2. SQLite's own view (the header as seen through any WAL, the tables, `PRAGMA quick_check`), on
 *    - the file itself, read-only, when it cannot create anything: `-wal` and `-shm` are already there (another
 *      connection may be live; SQLite's locks keep our reads consistent) or it is in rollback-journal mode with
 *      no journal beside it;
 *    - otherwise a private copy (file + its -wal/-journal) in a temporary folder, deleted afterwards. The copy
 *      costs about as much as quick_check itself (both read the whole file). If no copy can be made, the file
 *      is read in place and the empty -wal/-shm this creates are removed again.
 */
import { closeSync, copyFileSync, existsSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { corruptFileError, foreignFileError, LedgerDbError, newerVersionError, toLedgerDbError } from './errors';

export const SQLITE_MAGIC = 'SQLite format 3\u0000';
const HEADER_SIZE = 100;

/** What the header and SQLite say about a file that passed every check. */
export interface LedgerFileFacts {
  applicationId: number;
  userVersion: number;
  /** false for a brand-new SQLite file without any table (safe to turn into a ledger) */
  hasTables: boolean;
}

export interface LedgerFileExpectations {
  applicationId: number;
  latestVersion: number;
  nativeBinding?: string;
}

interface SqliteHeader {
  applicationId: number;
  userVersion: number;
  /** bytes 18/19 = 2: write-ahead-log mode */
  walMode: boolean;
}

function readHeader(file: string): SqliteHeader {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const header = Buffer.alloc(HEADER_SIZE);
    const read = readSync(fd, header, 0, HEADER_SIZE, 0);
    const magic = Buffer.from(SQLITE_MAGIC, 'latin1');
    const start = header.subarray(0, Math.min(read, magic.length));
    if (!start.equals(magic.subarray(0, start.length))) {
      throw foreignFileError(file, '不是 SQLite 数据库');
    }
    if (read < HEADER_SIZE || size < HEADER_SIZE) {
      throw corruptFileError(file, `文件只有 ${size} 字节，文件头不完整`);
    }
    return {
      applicationId: header.readInt32BE(68),
      userVersion: header.readInt32BE(60),
      walMode: header[18] === 2 || header[19] === 2,
    };
  } finally {
    closeSync(fd);
  }
}

/** The same rules for the raw header and for SQLite's view of it. */
function judgeIdentity(file: string, facts: { applicationId: number; userVersion: number }, expect: LedgerFileExpectations): void {
  const { applicationId, userVersion } = facts;
  if (applicationId === expect.applicationId) {
    if (userVersion > expect.latestVersion) throw newerVersionError(file, userVersion, expect.latestVersion);
    return;
  }
  if (applicationId !== 0 || userVersion !== 0) {
    throw foreignFileError(file, applicationId !== 0 ? `应用标识 0x${(applicationId >>> 0).toString(16)}` : `数据版本 ${userVersion}`);
  }
}

function inspectWithSqlite(file: string, sqlite: BetterSqlite3.Database, expect: LedgerFileExpectations): LedgerFileFacts {
  const applicationId = sqlite.pragma('application_id', { simple: true }) as number;
  const userVersion = sqlite.pragma('user_version', { simple: true }) as number;
  judgeIdentity(file, { applicationId, userVersion }, expect);
  const tableCount = (sqlite.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
  if (applicationId !== expect.applicationId && tableCount > 0) {
    throw foreignFileError(file, '含有其他软件的数据表');
  }
  const rows = (sqlite.pragma('quick_check(100)') as { quick_check: string }[]).map((row) => row.quick_check);
  if (rows.length !== 1 || rows[0] !== 'ok') {
    // SQLite may put many problems into one row, a line each under "*** in database main ***": name the first.
    const problems = rows.flatMap((row) => row.split('\n')).filter((line) => line.trim() !== '' && !line.startsWith('*** '));
    const first = problems[0] ?? rows[0] ?? '';
    throw corruptFileError(file, problems.length > 1 ? `${first} 等 ${problems.length} 处问题` : first);
  }
  return { applicationId, userVersion, hasTables: tableCount > 0 };
}

interface PrivateCopy {
  path: string;
  dispose(): void;
}

/** The file and its -wal/-journal copied to a new temporary folder; null if that fails (e.g. temp disk full). */
function makePrivateCopy(file: string): PrivateCopy | null {
  let dir: string | null = null;
  const dispose = () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    dir = mkdtempSync(join(tmpdir(), 'ledger-check-'));
    const path = join(dir, basename(file));
    copyFileSync(file, path);
    // The WAL or hot journal holds committed (or to-be-rolled-back) pages: check the file as SQLite would see it.
    for (const suffix of ['-wal', '-journal']) {
      if (existsSync(file + suffix)) copyFileSync(file + suffix, path + suffix);
    }
    return { path, dispose };
  } catch {
    dispose();
    return null;
  }
}

/**
 * Last resort when no private copy can be made: read in place, then remove the -wal/-shm SQLite created for
 * that (only if they did not exist before and the WAL stayed empty, i.e. nobody else started using them).
 */
function inspectInPlaceAndTidy<T>(file: string, inspect: () => T): T {
  const created = ['-wal', '-shm'].filter((suffix) => !existsSync(file + suffix));
  try {
    return inspect();
  } finally {
    if (created.includes('-wal') && existsSync(`${file}-wal`) && statSync(`${file}-wal`).size === 0) {
      for (const suffix of created) rmSync(file + suffix, { force: true });
    }
  }
}

/**
 * Checks an existing, non-empty file and returns what it is; throws LedgerDbError (db_foreign, db_newer,
 * db_corrupt, db_io, db_locked) otherwise. Never writes to the file or creates anything beside it.
 */
export function inspectLedgerFile(file: string, expect: LedgerFileExpectations): LedgerFileFacts {
  try {
    const header = readHeader(file);
    judgeIdentity(file, header, expect);

    const hasWal = existsSync(`${file}-wal`);
    const hasShm = existsSync(`${file}-shm`);
    const hasJournal = existsSync(`${file}-journal`);
    const readInPlace = (hasWal && hasShm && !hasJournal) || (!header.walMode && !hasWal && !hasShm && !hasJournal);

    const inspect = (path: string, readonly: boolean): LedgerFileFacts => {
      const sqlite = new BetterSqlite3(path, { readonly, fileMustExist: true, nativeBinding: expect.nativeBinding });
      try {
        sqlite.pragma('busy_timeout = 5000');
        return inspectWithSqlite(file, sqlite, expect);
      } finally {
        sqlite.close();
      }
    };
    if (readInPlace) return inspect(file, true);
    const copy = makePrivateCopy(file);
    if (!copy) return inspectInPlaceAndTidy(file, () => inspect(file, true));
    try {
      return inspect(copy.path, false);
    } finally {
      copy.dispose();
    }
  } catch (error) {
    if (error instanceof LedgerDbError) throw error;
    // The magic string matched, so "not a database" from SQLite means a damaged file, not a foreign one.
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') throw corruptFileError(file, (error as Error).message, error);
    throw toLedgerDbError(file, error);
  }
}
