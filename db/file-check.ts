/**
 * Decides whether an existing file may be opened read/write as a ledger — without changing it.
 *
 * A refused file must stay byte-for-byte as it was, with nothing left beside it: no -wal/-shm, no journal,
 * no journal-mode change. Two traps make a plain read-only SQLite open unsuitable:
 * - opening a WAL-mode database read-only creates `-wal` and `-shm` beside it and leaves them there;
 * - a read-only connection cannot replay a rollback journal left by a crash.
 * (SQLite's `immutable=1` / `mode=ro` URIs would avoid the first, but better-sqlite3 is built with
 * SQLITE_USE_URI=0 and opens without SQLITE_OPEN_URI: a `file:` name is taken literally.)
 * So the check goes in stages:
 * 1. The 100-byte SQLite header, read with plain file I/O: magic string, application_id, user_version, page
 *    size, and — when no WAL or journal is beside it — the page count against the file's size (a cut-off file).
 *    Files of other programs and of newer versions are refused here, before SQLite sees them.
 * 2. SQLite's own view: the header as seen through any WAL, the tables (a ledger must have the tables of its
 *    version), every table's root page in range and readable.
 * 3. `PRAGMA quick_check` over every page — only for files up to `fullCheckMaxBytes`. It reads the whole file
 *    (about 30 s for a 1.5 GB ledger with the copy below), so openLedger skips it for larger files and the
 *    workspace runs it after opening, in a worker thread (see integrity.ts `checkPagesOfFile`).
 * Stages 2 and 3 run on
 * - the file itself, read-only, when that cannot create anything: `-wal` and `-shm` are already there (another
 *   connection may be live; SQLite's locks keep our reads consistent) or it is in rollback-journal mode with
 *   no journal beside it;
 * - for a large WAL-mode file with nothing beside it (a cleanly closed ledger: the usual case), when the caller
 *   opens it read/write right afterwards (`readWriteOpenFollows`): nothing here; the caller runs stage 2 on its
 *   own read/write connection before it changes anything (`inspectOpenedLedger`). That connection, the only
 *   one, removes the -wal/-shm it created when it is closed, also after a refusal;
 * - otherwise a private copy (file + its -wal/-journal) in a temporary folder, deleted afterwards. The copy
 *   costs about as much as quick_check itself (both read the whole file). If no copy can be made, the file
 *   is read in place and the empty -wal/-shm this creates are removed again.
 */
import { closeSync, copyFileSync, existsSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { corruptFileError, foreignFileError, LedgerDbError, newerVersionError, toLedgerDbError } from './errors';
import { pageCheckProblems } from './integrity';

export const SQLITE_MAGIC = 'SQLite format 3\u0000';
const HEADER_SIZE = 100;

/**
 * The tables every ledger of a given version has, by the version that created them (migrations are frozen,
 * so this list is too; tests/unit/db/file-check.test.ts holds it against the real migrations). A ledger that
 * lacks one was damaged or edited by another tool.
 */
export const LEDGER_TABLES_SINCE_VERSION: Readonly<Record<number, readonly string[]>> = Object.freeze({
  1: [
    'units',
    'tasks',
    'task_units',
    'milestones',
    'progress_reports',
    'supervision_actions',
    'holiday_overrides',
    'settings',
    'change_log',
    'sync_state',
    'local_meta',
    'task_search_docs',
    'task_search',
  ],
  2: ['task_latest_progress'],
  3: ['documents', 'document_exports'],
  4: ['extension_requests'],
  5: ['obligations', 'referrals'],
  6: ['conflicts'],
  11: ['task_unit_facts'],
  12: ['task_behind_spans'],
  14: ['task_search_keys'],
});

/** The tables a ledger of `version` must have. */
export function ledgerTablesOf(version: number): string[] {
  return Object.entries(LEDGER_TABLES_SINCE_VERSION)
    .filter(([since]) => Number(since) <= version)
    .flatMap(([, names]) => names);
}

/** How far a file that passed was checked. */
export type LedgerFileCheckDepth =
  /** SQLite's view and quick_check over every page */
  | 'full'
  /** SQLite's view and the structural checks: its pages were not all read (a large file) */
  | 'structure'
  /** only the header: the caller must run `inspectOpenedLedger` on its connection before changing anything */
  | 'header';

/** What the header and SQLite say about a file that passed every check. */
export interface LedgerFileFacts {
  applicationId: number;
  userVersion: number;
  /** false for a brand-new SQLite file without any table (safe to turn into a ledger); from the header size when `checked` is 'header' */
  hasTables: boolean;
  checked: LedgerFileCheckDepth;
}

export interface LedgerFileExpectations {
  applicationId: number;
  latestVersion: number;
  nativeBinding?: string;
  /**
   * Files larger than this get no quick_check here (default: every file gets it). openLedger passes
   * FULL_CHECK_AT_OPEN_MAX_BYTES: the whole-file check of a large ledger runs after opening, off the main thread.
   */
  fullCheckMaxBytes?: number;
  /** check that a ledger of version N has the tables of version N (off for tests' own migration lists) */
  expectLedgerTables?: boolean;
  /**
   * The caller opens the file read/write right after passing: a large WAL-mode file with nothing beside it is
   * then only header-checked here ('header'), and the caller runs stage 2 on its own connection.
   */
  readWriteOpenFollows?: boolean;
}

/** Up to this size a file's every page is checked before it is opened (a few ms; larger files: after). */
export const FULL_CHECK_AT_OPEN_MAX_BYTES = 32 * 1024 * 1024;

interface SqliteHeader {
  applicationId: number;
  userVersion: number;
  /** bytes 18/19 = 2: write-ahead-log mode */
  walMode: boolean;
  size: number;
}

function pageSizeOf(header: Buffer): number | null {
  const raw = header.readUInt16BE(16);
  const size = raw === 1 ? 65536 : raw;
  return size >= 512 && size <= 65536 && (size & (size - 1)) === 0 ? size : null;
}

/**
 * The header, and what it alone proves damaged: a page size SQLite cannot have, or — with no WAL or journal
 * that could hold more pages — fewer bytes than the pages the header counts (a file cut off while copied).
 */
function readHeader(file: string, sidecarsMayHoldPages: boolean): SqliteHeader {
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
    const pageSize = pageSizeOf(header);
    if (pageSize === null) throw corruptFileError(file, `文件头中的页大小（${header.readUInt16BE(16)}）无效`);
    // The page count is valid when the change counter matches "version-valid-for" (every SQLite since 3.7.0).
    const pageCount = header.readUInt32BE(28);
    const pageCountValid = pageCount > 0 && header.readUInt32BE(24) === header.readUInt32BE(92);
    if (!sidecarsMayHoldPages && pageCountValid && size < pageCount * pageSize) {
      throw corruptFileError(file, `文件不完整：文件头记录 ${pageCount} 页 × ${pageSize} 字节，实际只有 ${size} 字节`);
    }
    return {
      applicationId: header.readInt32BE(68),
      userVersion: header.readInt32BE(60),
      walMode: header[18] === 2 || header[19] === 2,
      size,
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

interface SchemaRow {
  type: string;
  name: string;
  rootpage: number | null;
  sql: string | null;
}

/**
 * Stage 2 on an open connection: identity as SQLite sees it, the ledger's tables, every b-tree's root page
 * within the file, and one row of every table read (its root page and the path down to its first leaf).
 * Reads a few hundred pages at most, whatever the size of the file.
 */
function inspectStructure(file: string, sqlite: BetterSqlite3.Database, expect: LedgerFileExpectations): Omit<LedgerFileFacts, 'checked'> {
  const applicationId = sqlite.pragma('application_id', { simple: true }) as number;
  const userVersion = sqlite.pragma('user_version', { simple: true }) as number;
  judgeIdentity(file, { applicationId, userVersion }, expect);
  const schema = sqlite.prepare('SELECT type, name, rootpage, sql FROM sqlite_schema').all() as SchemaRow[];
  if (applicationId !== expect.applicationId && schema.length > 0) {
    throw foreignFileError(file, '含有其他软件的数据表');
  }
  if (expect.expectLedgerTables && applicationId === expect.applicationId) {
    const present = new Set(schema.filter((row) => row.type === 'table').map((row) => row.name));
    const missing = ledgerTablesOf(userVersion).filter((name) => !present.has(name));
    if (missing.length > 0) throw corruptFileError(file, `缺少数据表 ${missing.join('、')}`);
  }
  const pageCount = sqlite.pragma('page_count', { simple: true }) as number;
  const outOfRange = schema.find((row) => row.rootpage !== null && (row.rootpage < 0 || row.rootpage > pageCount));
  if (outOfRange) throw corruptFileError(file, `${outOfRange.name} 的根页 ${outOfRange.rootpage} 超出文件的 ${pageCount} 页`);
  for (const row of schema) {
    // Virtual tables (full-text search) have no b-tree of their own: their shadow tables are read instead.
    if (row.type !== 'table' || !row.rootpage || row.name.startsWith('sqlite_')) continue;
    sqlite.prepare(`SELECT 1 FROM "${row.name.replace(/"/g, '""')}" NOT INDEXED LIMIT 1`).get();
  }
  return { applicationId, userVersion, hasTables: schema.length > 0 };
}

function inspectWithSqlite(file: string, sqlite: BetterSqlite3.Database, expect: LedgerFileExpectations, fullCheck: boolean): LedgerFileFacts {
  const facts = inspectStructure(file, sqlite, expect);
  if (!fullCheck) return { ...facts, checked: 'structure' };
  const problems = pageCheckProblems(sqlite);
  if (problems.length > 0) {
    throw corruptFileError(file, problems.length > 1 ? `${problems[0]} 等 ${problems.length} 处问题` : problems[0]!);
  }
  return { ...facts, checked: 'full' };
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

/** Which of -wal/-shm are not beside `file` now (so that whatever SQLite creates later can be told apart). */
function missingSidecars(file: string): string[] {
  return ['-wal', '-shm'].filter((suffix) => !existsSync(file + suffix));
}

/**
 * Removes the -wal/-shm that SQLite created beside `file` for a read (`created`: what was missing before), if
 * the WAL stayed empty, i.e. nobody else started using them.
 */
function removeCreatedSidecars(file: string, created: readonly string[]): void {
  if (created.includes('-wal') && existsSync(`${file}-wal`) && statSync(`${file}-wal`).size === 0) {
    for (const suffix of created) rmSync(file + suffix, { force: true });
  }
}

/** Last resort when no private copy can be made: read in place, then remove the -wal/-shm SQLite created for that. */
function inspectInPlaceAndTidy<T>(file: string, inspect: () => T): T {
  const created = missingSidecars(file);
  try {
    return inspect();
  } finally {
    removeCreatedSidecars(file, created);
  }
}

function asLedgerDbError(file: string, error: unknown): LedgerDbError {
  if (error instanceof LedgerDbError) return error;
  // The magic string matched, so "not a database" from SQLite means a damaged file, not a foreign one.
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB') return corruptFileError(file, (error as Error).message, error);
  return toLedgerDbError(file, error);
}

/**
 * Checks an existing, non-empty file and returns what it is; throws LedgerDbError (db_foreign, db_newer,
 * db_corrupt, db_io, db_locked) otherwise. Never writes to the file or creates anything beside it.
 */
export function inspectLedgerFile(file: string, expect: LedgerFileExpectations): LedgerFileFacts {
  try {
    const hasWal = existsSync(`${file}-wal`);
    const hasShm = existsSync(`${file}-shm`);
    const hasJournal = existsSync(`${file}-journal`);
    const header = readHeader(file, hasWal || hasJournal);
    judgeIdentity(file, header, expect);

    const fullCheck = header.size <= (expect.fullCheckMaxBytes ?? Number.POSITIVE_INFINITY);
    const readInPlace = (hasWal && hasShm && !hasJournal) || (!header.walMode && !hasWal && !hasShm && !hasJournal);
    if (!fullCheck && expect.readWriteOpenFollows && header.walMode && !hasWal && !hasShm && !hasJournal) {
      return { applicationId: header.applicationId, userVersion: header.userVersion, hasTables: header.size > 0, checked: 'header' };
    }

    const inspect = (path: string, readonly: boolean, everyPage: boolean): LedgerFileFacts => {
      const sqlite = new BetterSqlite3(path, { readonly, fileMustExist: true, nativeBinding: expect.nativeBinding });
      try {
        sqlite.pragma('busy_timeout = 5000');
        return inspectWithSqlite(file, sqlite, expect, everyPage);
      } finally {
        sqlite.close();
      }
    };
    if (readInPlace) return inspect(file, true, fullCheck);
    // A crash's WAL or journal beside a large file (rare): the copy reads it whole anyway, so it gets the full check.
    const copy = makePrivateCopy(file);
    if (!copy) return inspectInPlaceAndTidy(file, () => inspect(file, true, fullCheck));
    try {
      return inspect(copy.path, false, true);
    } finally {
      copy.dispose();
    }
  } catch (error) {
    throw asLedgerDbError(file, error);
  }
}

/**
 * Stage 2 for a file inspectLedgerFile passed as 'header': run on the caller's freshly opened read/write
 * connection before it changes anything. Throws LedgerDbError like inspectLedgerFile; the caller then closes
 * the connection, which — the only one — removes the -wal/-shm it created.
 */
export function inspectOpenedLedger(file: string, sqlite: BetterSqlite3.Database, expect: LedgerFileExpectations): LedgerFileFacts {
  try {
    return { ...inspectStructure(file, sqlite, expect), checked: 'structure' };
  } catch (error) {
    throw asLedgerDbError(file, error);
  }
}
