/**
 * Backups of the working database, and getting back to one.
 *
 * Backups go to the folder connection.ts already uses for its pre-upgrade copies (`<folder>/backups`), named
 * like them so Explorer sorts them by ledger and time: `<name>.<reason>.<yyyyMMdd-HHmmss>.db`. Each is a
 * consistent snapshot (WAL content included, rollback mode) that is checked before it counts: a copy of the
 * file's bytes taken under a read transaction (`snapshotFile`) — a plain file copy, where `VACUUM INTO` rebuilt
 * every table and index (a sync's backup of a 1.2 GB ledger took minutes that way on a loaded machine). Rotation keeps the newest N of each automatic reason separately: a sync every few minutes must
 * not push the daily backups out. Manual and pre-upgrade backups are never rotated away.
 *
 * Nothing here deletes a ledger: a file replaced by a restore, or a damaged one, is renamed and kept.
 * Restoring needs the working database closed (every connection): the shell closes it, restores, reopens.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { backupTimestamp, defaultBackupDir } from '../../../db/backup';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION } from '../../../db/connection';
import { LedgerDbError } from '../../../db/errors';
import { FULL_CHECK_AT_OPEN_MAX_BYTES, inspectLedgerFile } from '../../../db/file-check';
import { SharingError } from './errors';
import { copyFileDurably, copyFileDurablyInBackground, fsyncFile, fsyncFolder, sha256OfFile } from './files';
import { resetDeviceId } from '../../../db/local-meta';

/** Why a backup was taken; the token is part of the file name. */
export type BackupReason = 'on-start' | 'before-sync' | 'daily' | 'manual';
/** Also found in the folder: connection.ts's pre-upgrade copies (`before-v3`). */
export type BackupKind = BackupReason | 'before-upgrade';

export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  'on-start': '启动时自动备份',
  'before-sync': '同步前自动备份',
  daily: '每日自动备份',
  manual: '手动备份',
  'before-upgrade': '升级前备份',
};

/** Kept per automatic reason unless the caller says otherwise (a setting in the app). */
export const DEFAULT_BACKUPS_KEPT = 10;

const ROTATED: ReadonlySet<BackupKind> = new Set<BackupKind>(['on-start', 'before-sync', 'daily']);

export interface BackupInfo {
  path: string;
  kind: BackupKind;
  /** from the name (local time); the file's modification time if the name has none */
  takenAt: Date;
  sizeBytes: number;
}

export function backupsFolderOf(workingPath: string): string {
  return defaultBackupDir(path.resolve(workingPath));
}

const NAME_PATTERN = /^(.*)\.(on-start|before-sync|daily|manual|before-v\d+)\.(\d{8})-(\d{6})(?:-\d+)?\.db$/;

function parseBackupName(fileName: string): { stem: string; kind: BackupKind; takenAt: Date } | null {
  const match = NAME_PATTERN.exec(fileName);
  if (!match) return null;
  const [, stem, token, day, time] = match as unknown as [string, string, string, string, string];
  const kind: BackupKind = token.startsWith('before-v') ? 'before-upgrade' : (token as BackupReason);
  const takenAt = new Date(
    Number(day.slice(0, 4)),
    Number(day.slice(4, 6)) - 1,
    Number(day.slice(6, 8)),
    Number(time.slice(0, 2)),
    Number(time.slice(2, 4)),
    Number(time.slice(4, 6)),
  );
  return { stem, kind, takenAt };
}

/** The backups of this working database, newest first. */
export function listBackups(workingPath: string, folder: string = backupsFolderOf(workingPath)): BackupInfo[] {
  if (!existsSync(folder)) return [];
  const stem = path.parse(workingPath).name;
  const found: BackupInfo[] = [];
  for (const name of readdirSync(folder)) {
    const parsed = parseBackupName(name);
    if (!parsed || parsed.stem !== stem) continue;
    const file = path.join(folder, name);
    const stats = statSync(file);
    if (!stats.isFile()) continue;
    found.push({ path: file, kind: parsed.kind, takenAt: parsed.takenAt, sizeBytes: stats.size });
  }
  // Same second: the `-2`, `-3` suffix sorts after the plain name, and is newer.
  return found.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime() || b.path.localeCompare(a.path));
}

function uniqueBackupPath(folder: string, stem: string, reason: BackupReason, at: Date): string {
  const base = `${stem}.${reason}.${backupTimestamp(at)}`;
  let candidate = path.join(folder, `${base}.db`);
  for (let n = 2; existsSync(candidate); n += 1) candidate = path.join(folder, `${base}-${n}.db`);
  return candidate;
}

export interface BackupFileCheck {
  ok: boolean;
  schemaVersion: number | null;
  /** the Chinese reason when not ok */
  problem: string | null;
}

/**
 * Whether a file can be restored: ours (application_id), not from a newer version, passes quick_check — or,
 * for a file above `fullCheckMaxBytes`, the structural checks of an open (db/file-check.ts).
 */
export function checkBackupFile(file: string, nativeBinding?: string, opts: { fullCheckMaxBytes?: number } = {}): BackupFileCheck {
  try {
    if (!existsSync(file)) return { ok: false, schemaVersion: null, problem: `备份文件不存在（${file}）` };
    if (statSync(file).size === 0) return { ok: false, schemaVersion: null, problem: `备份文件是空文件（${file}）` };
    const facts = inspectLedgerFile(file, {
      applicationId: APPLICATION_ID,
      latestVersion: LATEST_SCHEMA_VERSION,
      nativeBinding,
      ...(opts.fullCheckMaxBytes === undefined ? {} : { fullCheckMaxBytes: opts.fullCheckMaxBytes }),
    });
    if (facts.applicationId !== APPLICATION_ID || !facts.hasTables) {
      return { ok: false, schemaVersion: facts.userVersion, problem: `该文件不是督查台账的备份（${file}）` };
    }
    return { ok: true, schemaVersion: facts.userVersion, problem: null };
  } catch (error) {
    const message = error instanceof LedgerDbError ? error.message : `无法读取备份文件：${(error as Error).message}（${file}）`;
    return { ok: false, schemaVersion: null, problem: message };
  }
}

export interface BackupRequest {
  workingPath: string;
  reason: BackupReason;
  now: Date;
  /** how many of this reason to keep (automatic reasons only); default DEFAULT_BACKUPS_KEPT */
  keep?: number;
  folder?: string;
  nativeBinding?: string;
  /**
   * A snapshot larger than this gets the structural checks of a large ledger at open instead of quick_check over
   * every page (checkBackupFile). Default: every page is checked. The sync passes FULL_CHECK_AT_OPEN_MAX_BYTES
   * for its backup before the merge (see backupWorkingDatabase).
   */
  fullCheckMaxBytes?: number;
}

/**
 * A consistent copy of the open database `sqlite` at `target`, as a self-contained rollback-journal file.
 *
 * In WAL mode the main file plus the WAL is always a consistent database, as long as the WAL is not restarted
 * meanwhile — and it is not while a read transaction is open. So: fold the WAL into the main file as far as
 * possible, open a read transaction, copy the main file and then the WAL (a checkpoint by another connection may
 * write into the main file during the copy, but only pages whose newer version the WAL copy holds), and let
 * SQLite fold the copied WAL into the copy. Writers are not blocked. Other journal modes: the read transaction
 * keeps writers out for the copy's duration, and there is no WAL.
 */
export function snapshotFile(sqlite: BetterSqlite3.Database, target: string, nativeBinding?: string): void {
  const source = sqlite.name;
  const wal = sqlite.pragma('journal_mode', { simple: true }) === 'wal';
  if (wal) sqlite.pragma('wal_checkpoint(PASSIVE)');
  for (const suffix of SIDECARS) rmSync(target + suffix, { force: true });
  const own = !sqlite.inTransaction;
  if (own) sqlite.exec('BEGIN');
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_schema').get(); // starts the read transaction
    copyFileDurably(source, target);
    if (wal && existsSync(`${source}-wal`)) copyFileDurably(`${source}-wal`, `${target}-wal`);
  } finally {
    if (own) sqlite.exec('COMMIT');
  }
  foldCopiedWal(target, nativeBinding);
}

/** Folds a copied WAL into the copy (committed frames only) and makes the copy a file that stands alone. */
function foldCopiedWal(target: string, nativeBinding?: string): void {
  const copy = new BetterSqlite3(target, { fileMustExist: true, nativeBinding });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  rmSync(`${target}-shm`, { force: true });
  fsyncFile(target);
}

/**
 * snapshotFile for the automatic backups, without holding the main thread for the copy: the read transaction
 * is held by a connection of its own (the app's connection goes on writing meanwhile — WAL readers and writers
 * do not block each other), and the bytes are copied on libuv's thread pool. Only the WAL fold runs here, and
 * the WAL was checkpointed just before, so it is small.
 */
async function snapshotFileInBackground(sqlite: BetterSqlite3.Database, target: string, nativeBinding?: string): Promise<void> {
  const source = sqlite.name;
  const wal = sqlite.pragma('journal_mode', { simple: true }) === 'wal';
  if (!wal) {
    // Not the app's WAL working ledger (a test's rollback file): the read lock would keep writers out anyway.
    snapshotFile(sqlite, target, nativeBinding);
    return;
  }
  sqlite.pragma('wal_checkpoint(PASSIVE)');
  for (const suffix of SIDECARS) rmSync(target + suffix, { force: true });
  const reader = new BetterSqlite3(source, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM sqlite_schema').get(); // starts the read transaction
    await copyFileDurablyInBackground(source, target);
    if (existsSync(`${source}-wal`)) await copyFileDurablyInBackground(`${source}-wal`, `${target}-wal`);
    reader.exec('COMMIT');
  } finally {
    reader.close();
  }
  foldCopiedWal(target, nativeBinding);
}

/**
 * Writes a checked snapshot of the open working database and rotates that reason's older backups.
 * Throws SharingError backup_invalid when the snapshot cannot be written or does not check out.
 *
 * How deep the check goes is the caller's `fullCheckMaxBytes`. A sync passes the limit of an open: reading every
 * page of the backup of a gigabyte cost each sync seconds, on its critical path. Checking it structurally
 * (header, identity, schema, tables, root pages — what a large ledger gets at open) is enough there because the
 * snapshot is a byte copy of the working ledger's own pages, taken under a read transaction and flushed; those
 * pages are checked in the background at most once a day (the workspace's page check, db/integrity.ts
 * checkPagesOfFile); and a restore — 撤销本次同步 included — checks every page of the backup before it replaces
 * anything (restoreFromBackup), so a backup damaged on disk is refused when it is used, never restored.
 */
export function backupWorkingDatabase(sqlite: BetterSqlite3.Database, request: BackupRequest): BackupInfo {
  const workingPath = path.resolve(request.workingPath);
  const folder = request.folder ?? backupsFolderOf(workingPath);
  const target = uniqueBackupPath(folder, path.parse(workingPath).name, request.reason, request.now);
  try {
    mkdirSync(folder, { recursive: true });
    snapshotFile(sqlite, target, request.nativeBinding);
  } catch (error) {
    for (const suffix of ['', ...SIDECARS]) rmSync(target + suffix, { force: true });
    throw new SharingError('backup_invalid', `无法写入台账备份：${(error as Error).message}。请检查磁盘空间与文件夹权限。（${target}）`, {
      cause: error,
    });
  }
  const check = checkBackupFile(
    target,
    request.nativeBinding,
    request.fullCheckMaxBytes === undefined ? {} : { fullCheckMaxBytes: request.fullCheckMaxBytes },
  );
  if (!check.ok) {
    rmSync(target, { force: true });
    throw new SharingError('backup_invalid', `刚写入的台账备份未通过检查，已删除该备份：${check.problem ?? ''}`);
  }
  if (ROTATED.has(request.reason)) rotateBackups(workingPath, request.reason, request.keep ?? DEFAULT_BACKUPS_KEPT, folder);
  return { path: target, kind: request.reason, takenAt: request.now, sizeBytes: statSync(target).size };
}

/**
 * backupWorkingDatabase for the automatic backups (at start, once a day), copying in the background: for a
 * ledger of a gigabyte the copy takes seconds, which the window must not freeze for. A large backup is checked
 * like a large ledger at open (header, schema, structure); its pages are those of the working ledger, whose own
 * page check runs in the background once a day, and a restore checks every page of the backup it restores.
 */
export async function backupWorkingDatabaseInBackground(sqlite: BetterSqlite3.Database, request: BackupRequest): Promise<BackupInfo> {
  const workingPath = path.resolve(request.workingPath);
  const folder = request.folder ?? backupsFolderOf(workingPath);
  const target = uniqueBackupPath(folder, path.parse(workingPath).name, request.reason, request.now);
  // Written under a name listBackups does not know, renamed once checked: the app may be closed or killed during
  // the seconds of copying, and a half-written file must never be offered as a backup.
  const partial = `${target}.partial`;
  try {
    mkdirSync(folder, { recursive: true });
    await snapshotFileInBackground(sqlite, partial, request.nativeBinding);
  } catch (error) {
    for (const suffix of ['', ...SIDECARS]) {
      try {
        rmSync(partial + suffix, { force: true });
      } catch {
        // the folder itself is unusable (the reason for the failure): nothing was written there
      }
    }
    throw new SharingError('backup_invalid', `无法写入台账备份：${(error as Error).message}。请检查磁盘空间与文件夹权限。（${target}）`, {
      cause: error,
    });
  }
  const check = checkBackupFile(partial, request.nativeBinding, { fullCheckMaxBytes: FULL_CHECK_AT_OPEN_MAX_BYTES });
  if (!check.ok) {
    rmSync(partial, { force: true });
    throw new SharingError('backup_invalid', `刚写入的台账备份未通过检查，已删除该备份：${check.problem ?? ''}`);
  }
  renameSync(partial, target);
  fsyncFolder(folder);
  if (ROTATED.has(request.reason)) rotateBackups(workingPath, request.reason, request.keep ?? DEFAULT_BACKUPS_KEPT, folder);
  return { path: target, kind: request.reason, takenAt: request.now, sizeBytes: statSync(target).size };
}

/** Removes all but the newest `keep` backups of one automatic reason; returns the removed paths. */
export function rotateBackups(workingPath: string, reason: BackupReason, keep: number, folder: string = backupsFolderOf(workingPath)): string[] {
  if (!ROTATED.has(reason)) return [];
  const ofReason = listBackups(workingPath, folder).filter((b) => b.kind === reason);
  const removed = ofReason.slice(Math.max(1, keep)).map((b) => b.path);
  for (const file of removed) rmSync(file, { force: true });
  return removed;
}

/** Whether a daily backup was taken today (local date). */
export function hasDailyBackupOn(request: Pick<BackupRequest, 'workingPath' | 'folder' | 'now'>): boolean {
  const today = backupTimestamp(request.now).slice(0, 8);
  const folder = request.folder ?? backupsFolderOf(request.workingPath);
  return listBackups(request.workingPath, folder).some((b) => b.kind === 'daily' && backupTimestamp(b.takenAt).startsWith(today));
}

/** The daily backup, if none was taken today yet (local date). */
export function backupDailyIfDue(sqlite: BetterSqlite3.Database, request: Omit<BackupRequest, 'reason'>): BackupInfo | null {
  return hasDailyBackupOn(request) ? null : backupWorkingDatabase(sqlite, { ...request, reason: 'daily' });
}

/** The newest backup that passes its checks (at most `limit` are opened to find it). */
export function newestGoodBackup(workingPath: string, folder?: string, limit = 20): BackupInfo | null {
  for (const backup of listBackups(workingPath, folder).slice(0, limit)) {
    if (checkBackupFile(backup.path).ok) return backup;
  }
  return null;
}

const SIDECARS = ['-wal', '-journal', '-shm'] as const;

function asidePath(workingPath: string, label: string, at: Date): string {
  const parsed = path.parse(workingPath);
  const base = `${parsed.name}.${label}-${backupTimestamp(at)}`;
  let candidate = path.join(parsed.dir, `${base}${parsed.ext || '.db'}`);
  for (let n = 2; existsSync(candidate); n += 1) candidate = path.join(parsed.dir, `${base}-${n}${parsed.ext || '.db'}`);
  return candidate;
}

/**
 * Moves the WAL and journal beside `file` to beside `aside`, where they keep describing the same database;
 * the -shm index is rebuilt by SQLite from the WAL, so a leftover one is simply removed.
 */
function moveSidecars(file: string, aside: string): void {
  for (const suffix of SIDECARS) {
    if (!existsSync(file + suffix)) continue;
    if (suffix === '-shm') rmSync(file + suffix, { force: true });
    else renameSync(file + suffix, aside + suffix);
  }
}

export interface SetAsideResult {
  /** where the damaged file now is */
  setAside: string;
  /** the backup to offer the user, null if there is none that checks out */
  newestGoodBackup: BackupInfo | null;
}

/**
 * Renames a damaged working database (and its WAL/journal) to `<name>.damaged-<stamp>.db` beside it — never
 * deleted: a technician may still rescue rows from it — and finds the newest good backup to offer.
 */
export function setAsideDamaged(workingPath: string, opts: { now: Date; folder?: string }): SetAsideResult {
  const file = path.resolve(workingPath);
  const aside = asidePath(file, 'damaged', opts.now);
  renameSync(file, aside);
  moveSidecars(file, aside);
  fsyncFolder(path.dirname(file));
  return { setAside: aside, newestGoodBackup: newestGoodBackup(file, opts.folder) };
}

/**
 * Whether another connection (the app, another command) has the database open: a connection asking for an
 * exclusive lock is refused then, with no waiting. Skipped when a rollback journal lies beside the file — the
 * probe would roll it back, changing a file we only meant to look at; any answer other than "busy" counts as
 * "not in use" (a damaged file cannot be open in the app, which refuses damaged files).
 */
function isOpenElsewhere(file: string, nativeBinding?: string): boolean {
  if (!existsSync(file) || existsSync(`${file}-journal`)) return false;
  let sqlite: BetterSqlite3.Database | null = null;
  try {
    sqlite = new BetterSqlite3(file, { fileMustExist: true, timeout: 0, nativeBinding });
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
  } finally {
    sqlite?.close();
  }
}

export interface RestoreResult {
  restoredFrom: string;
  workingPath: string;
  /** the file that was the working database before, renamed `<name>.replaced-<stamp>.db`; null if there was none */
  previousSetAside: string | null;
  schemaVersion: number;
}

/**
 * A restored ledger writes on under a new device id. Its old id's changes made after the backup may already be
 * in the shared file; new changes under the same id would sort above them, and a merge that reads each device's
 * changes from the newest one it holds (db/sync/merge.ts) would never fetch them back.
 */
function giveRestoredDeviceId(file: string, nativeBinding?: string): void {
  const sqlite = new BetterSqlite3(file, { fileMustExist: true, nativeBinding });
  try {
    sqlite.pragma('journal_mode = DELETE');
    resetDeviceId(sqlite);
  } finally {
    sqlite.close();
  }
}

/**
 * Replaces the (closed) working database with a checked backup. The current file is kept aside first; the
 * backup's copy is verified by hash and renamed into place, so at every moment a whole ledger sits under the
 * working name (or, between moving the WAL aside and the rename, the current file without its WAL — older
 * but whole, and everything is in the set-aside copy).
 */
export function restoreFromBackup(backupPath: string, workingPath: string, opts: { now: Date; nativeBinding?: string }): RestoreResult {
  const source = path.resolve(backupPath);
  const file = path.resolve(workingPath);
  const check = checkBackupFile(source, opts.nativeBinding);
  if (!check.ok) throw new SharingError('backup_invalid', `该备份不能用于恢复，当前台账未作任何修改。${check.problem ?? ''}`);
  if (isOpenElsewhere(file, opts.nativeBinding)) {
    throw new SharingError('in_use', `台账文件正被使用（督查台账程序或另一个命令正打开着它），请先关闭后再恢复。当前台账未作任何修改。（${file}）`);
  }

  const expected = sha256OfFile(source);
  mkdirSync(path.dirname(file), { recursive: true });
  const staged = `${file}.restoring-${randomUUID()}.tmp`;
  try {
    copyFileDurably(source, staged);
    if (sha256OfFile(staged) !== expected) {
      throw new SharingError('write_verify_failed', `恢复用的备份复制后校验不一致，当前台账未作任何修改，请检查磁盘后重试。（${staged}）`);
    }
    giveRestoredDeviceId(staged, opts.nativeBinding);
    let previousSetAside: string | null = null;
    if (existsSync(file)) {
      previousSetAside = asidePath(file, 'replaced', opts.now);
      // A second name for the current file instead of a move: the working name is never empty.
      try {
        linkSync(file, previousSetAside);
      } catch {
        copyFileDurably(file, previousSetAside);
      }
      moveSidecars(file, previousSetAside);
    }
    renameSync(staged, file);
    fsyncFolder(path.dirname(file));
    return { restoredFrom: source, workingPath: file, previousSetAside, schemaVersion: check.schemaVersion ?? 0 };
  } finally {
    rmSync(staged, { force: true });
  }
}
