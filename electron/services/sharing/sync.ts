/**
 * Syncing the local working database with a shared ledger file (共享台账文件), steps 2a–g of sharing.md.
 *
 * The shared file is never opened by SQLite where it lives: SMB and USB sticks do not give SQLite the locking
 * and flushing it needs. It is copied here, checked, merged with the working database both ways (db/sync/merge),
 * written out as a new checked file, copied back beside the shared file under a temporary name, verified by
 * hash and renamed over it — but only if the shared file is still exactly what was copied; otherwise the
 * round starts again, so nobody's changes are overwritten unseen. A rename is atomic on NTFS, SMB and local
 * filesystems, so a crash at any point leaves the old whole file or the new whole file.
 *
 * Also here: creating a shared file from this ledger (导出为共享台账), a local working copy from a shared file
 * (打开共享台账), the link between the two (local_meta), and undoing a sync from the backup taken before it.
 *
 * What a sync costs (issue 8): the merge reads only what is new on each side (db/sync/merge.ts), so what grows
 * with the ledger is the whole-file copies the design requires — the copy from the share, the backup before the
 * sync (a file copy under a read transaction, backups.ts), and the new file written beside the shared one and
 * read back. Nothing else reads the whole file: the merged copy itself becomes the new shared file (its WAL
 * folded in) instead of a `VACUUM INTO` that rebuilt every table and index; the file is hashed while it is copied
 * and compared byte for byte when read back, instead of being hashed three times; and whether the shared file
 * changed meanwhile is told by a fingerprint of its metadata and ends (files.ts quickFingerprint). A full
 * integrity_check of the merged file is kept for files up to MERGED_FULL_CHECK_MAX_BYTES.
 *
 * Also left out, each safe for the reason given where it is done: flushing our temporary copy of the shared file
 * (copyForThisSync, and synchronous=OFF on it: it is thrown away, and what is published from it is flushed and
 * read back on the share); reading every page of the backup taken before the merge when the ledger is large
 * (backups.ts backupWorkingDatabase: checked like a large ledger at open, every page checked on restore); and
 * the write-back itself when the shared file already holds every change of ours (sharedFileNeedsNothing): the
 * shared file then stays as it was, with no new backup beside it — the usual automatic sync while only others
 * edit; and, when neither side has anything new for the other (holdTheSameChanges: the automatic sync while
 * nobody edits), the backup and the merge as well.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { backupTimestamp } from '../../../db/backup';
import { openLedger, type Ledger } from '../../../db/connection';
import { LedgerDbError } from '../../../db/errors';
import { FULL_CHECK_AT_OPEN_MAX_BYTES } from '../../../db/file-check';
import type { HybridClock } from '../../../db/hlc';
import { DEVICE_ID_KEY, ensureDeviceId, highestKnownHlc, readLocalMeta, resetDeviceId, writeLocalMeta } from '../../../db/local-meta';
import { MERGE_DEVICE_ID } from '../../../db/sync/conflicts';
import { deviceMarks, mergeInto, type MergeReport } from '../../../db/sync/merge';
import { backupWorkingDatabase, restoreFromBackup, type RestoreResult } from './backups';
import { SharingError } from './errors';
import { copyFileDurably, copyFileHashing, fsyncFolder, quickFingerprint, sameBytes } from './files';
import { acquireSharedLock, type HeldLock, type LockOwner } from './lock';
import { assertLocalWorkingDatabase, type LocationProbe } from './location';

export type SyncStep = 'lock' | 'copy' | 'check' | 'backup' | 'merge' | 'write' | 'verify' | 'replace' | 'done';

export const SYNC_STEP_LABELS: Record<SyncStep, string> = {
  lock: '锁定共享台账',
  copy: '复制共享台账到本机',
  check: '检查共享台账',
  backup: '备份本机台账',
  merge: '合并双方的修改',
  write: '写出合并后的台账',
  verify: '写入共享位置并校验',
  replace: '替换共享台账',
  done: '同步完成',
};

/** Where each step starts on the progress bar. */
const STEP_FRACTIONS: Record<SyncStep, number> = {
  lock: 0,
  copy: 0.05,
  check: 0.15,
  backup: 0.25,
  merge: 0.35,
  write: 0.6,
  verify: 0.75,
  replace: 0.9,
  done: 1,
};

/** Previous shared files kept beside it (`<name>.<stamp>.bak`), unless the caller says otherwise. */
export const DEFAULT_SHARED_BACKUPS_KEPT = 10;
/** Rounds before giving up when the shared file keeps changing under us. */
export const DEFAULT_SYNC_ATTEMPTS = 3;

/** local_meta keys of the link between this working copy and its shared file (never synced). */
export const SHARED_PATH_KEY = 'shared_ledger_path';
export const LAST_SYNC_KEY = 'shared_ledger_last_sync';

export interface SharedPeer {
  /** the shared file's own device id (local_meta device_id inside it) */
  id: string;
  path: string;
}

export interface SyncOptions {
  /** the open working ledger's connection */
  workingDb: BetterSqlite3.Database;
  /** its file (names and folder of the backups) */
  workingPath: string;
  sharedPath: string;
  /** a local folder for the copies; a fresh subfolder is used and removed */
  tempDir: string;
  now?: () => Date;
  /** the officer's name, shown to others in the lock */
  operator?: string;
  /** the user confirmed that a stale lock may be broken */
  breakStaleLock?: boolean;
  /** a missing shared file is created from this ledger (导出); false for automatic syncs of a linked file */
  allowCreate?: boolean;
  /** cancels at the next safe point; the shared file stays untouched */
  signal?: AbortSignal;
  onProgress?: (step: SyncStep, fraction: number) => void;
  /** the working context's clock: made to observe the merged stamps so later edits sort after them */
  clock?: HybridClock;
  keepSharedBackups?: number;
  keepWorkingBackups?: number;
  maxAttempts?: number;
  nativeBinding?: string;
  /** where the working database's backups go (default `<its folder>/backups`) */
  backupFolder?: string;
}

export interface SyncResult {
  /** 'exported' when the shared file did not exist and was created from this ledger */
  mode: 'merged' | 'exported';
  /** what came into the working database */
  report: MergeReport;
  /**
   * the working database as it was just before (for 撤销本次同步); null for an export, and for a sync that found
   * nothing new on either side — neither changes anything here
   */
  backupOfWorking: string | null;
  /** the previous shared file, kept beside it; null for an export, and when the shared file was left as it was */
  sharedBackup: string | null;
  peer: SharedPeer;
  durationMs: number;
  /** rounds needed (more than 1 when the shared file changed during the sync) */
  attempts: number;
  /** the stale lock that was broken with the user's consent */
  brokeStaleLock: LockOwner | null;
  /**
   * SHA-256 of the shared file as written; null when it was left as it was, because it already held every change
   * of this ledger (nothing was written, so there is no hash of a write to report)
   */
  sharedHash: string | null;
}

/** What the status bar shows: when the last sync was and with whom (stored in local_meta). */
export interface LastSyncRecord {
  at: string;
  sharedPath: string;
  peerId: string;
  mode: 'merged' | 'exported';
  received: number;
  conflicts: number;
  fromDevices: string[];
  fromOperators: string[];
}

function emptyReport(): MergeReport {
  return { received: 0, byTable: {}, fromDevices: [], fromOperators: [], conflicts: 0, clockWarning: null };
}

/**
 * What came in over several rounds (the shared file changed during the sync): each round merged only what the
 * earlier ones had not, so the counts add up.
 */
function combineReports(reports: readonly MergeReport[]): MergeReport {
  const total = emptyReport();
  for (const report of reports) {
    total.received += report.received;
    total.conflicts += report.conflicts;
    total.clockWarning = report.clockWarning ?? total.clockWarning;
    for (const [table, counts] of Object.entries(report.byTable)) {
      const sum = (total.byTable[table] ??= { added: 0, changed: 0, deleted: 0 });
      sum.added += counts.added;
      sum.changed += counts.changed;
      sum.deleted += counts.deleted;
    }
    total.fromDevices = [...new Set([...total.fromDevices, ...report.fromDevices])].sort();
    total.fromOperators = [...new Set([...total.fromOperators, ...report.fromOperators])].sort();
  }
  return total;
}

function cancelledError(): SharingError {
  return new SharingError('cancelled', '同步已取消，共享台账未作任何修改。');
}

/** Gives the event loop a turn (progress reaches the window, a cancel click is delivered), then honours a cancel. */
async function safePoint(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal?.aborted) throw cancelledError();
}

/** The shared file plus any WAL or journal beside it: what SQLite would read as that database. */
const SHARED_SIDECARS = ['-wal', '-journal'] as const;

/**
 * A fingerprint of the shared file and its sidecars; equal fingerprints = nothing changed. Cheap (files.ts
 * quickFingerprint): taken before and after copying and again just before replacing, it must not cost a read of
 * the whole file each time.
 */
function fingerprintOf(file: string): string {
  const parts = [quickFingerprint(file)];
  for (const suffix of SHARED_SIDECARS) {
    if (existsSync(file + suffix)) parts.push(`${suffix}:${quickFingerprint(file + suffix)}`);
  }
  return parts.join('|');
}

/** Copies taken while the shared file kept changing before one is taken whole. */
const COPY_ATTEMPTS = 3;

/**
 * A copy into our temporary folder, made writable for us (a read-only shared file must still give a copy SQLite
 * can open). Not flushed: the copy is thrown away with the folder, also after a crash, and what is published
 * from it is flushed and read back where it lands (placeBeside) — flushing 1.3 GB that nobody will read after a
 * power cut cost seconds per sync.
 */
function copyForThisSync(source: string, target: string): void {
  copyFileSync(source, target);
  chmodSync(target, statSync(target).mode | 0o600);
}

interface SharedCopy {
  copyPath: string;
  /** the shared file's fingerprint, before (and, unless it kept changing, after) the copy */
  fingerprint: string;
  /** a WAL or journal lay beside the shared file and was copied with it */
  withSidecars: boolean;
}

/**
 * Copies the shared file (and sidecars) into `folder` and returns the shared file's fingerprint, the same before
 * and after the copy: the copy holds exactly the bytes the fingerprint describes. A copy torn by a concurrent
 * writer (fingerprints differ) is taken again; if the file keeps changing the fingerprint from before the last
 * copy is returned, which the shared file will not match at the replace step, and the round starts again.
 */
function copyShared(sharedPath: string, folder: string): SharedCopy {
  mkdirSync(folder, { recursive: true });
  const copyPath = path.join(folder, 'shared.db');
  try {
    for (let attempt = 1; ; attempt += 1) {
      const before = fingerprintOf(sharedPath);
      for (const suffix of SHARED_SIDECARS) rmSync(copyPath + suffix, { force: true });
      copyForThisSync(sharedPath, copyPath);
      let withSidecars = false;
      for (const suffix of SHARED_SIDECARS) {
        if (!existsSync(sharedPath + suffix)) continue;
        copyForThisSync(sharedPath + suffix, copyPath + suffix);
        withSidecars = true;
      }
      if (fingerprintOf(sharedPath) === before || attempt >= COPY_ATTEMPTS) return { copyPath, fingerprint: before, withSidecars };
    }
  } catch (error) {
    throw unreachable(sharedPath, error);
  }
}

function unreachable(sharedPath: string, error: unknown): SharingError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const why: Record<string, string> = {
    ENOENT: '文件或文件夹不存在',
    EACCES: '没有访问权限',
    EPERM: '操作系统不允许访问',
    EROFS: '共享位置只读',
    ENOSPC: '磁盘空间不足',
    EBUSY: '文件正被占用',
  };
  return new SharingError(
    'shared_unreachable',
    `无法读写共享台账：${why[code] ?? (error as Error).message}。请检查网络或 U 盘连接与文件夹权限后重试，共享台账未作任何修改。（${sharedPath}）`,
    { cause: error },
  );
}

/**
 * Opens the local copy with every check of openLedger (ours, not newer, quick_check; an older copy is upgraded
 * after a backup in the temp folder). Its refusals name the shared file, not our temporary copy.
 */
function openCopy(copyPath: string, sharedPath: string, opts: { nativeBinding?: string; now: () => Date }): Ledger {
  try {
    return openLedger(copyPath, { nativeBinding: opts.nativeBinding, backupDir: path.join(path.dirname(copyPath), 'upgrade-backups'), now: opts.now });
  } catch (error) {
    if (error instanceof LedgerDbError && error.code === 'db_corrupt') {
      // The working ledger's advice (its backups folder) does not apply: a shared file's backups lie beside it.
      throw new LedgerDbError(
        'db_corrupt',
        `共享台账文件已损坏，未能通过完整性检查，已保持原样未作任何修改。它旁边保留着以前同步时的备份（${path.basename(sharedPath)}.日期-时间.bak），` +
          `可请管理员用最近的备份替换它，或将它改名后由本机重新导出共享台账。（${sharedPath}）`,
        { cause: error },
      );
    }
    if (error instanceof LedgerDbError) {
      throw new LedgerDbError(error.code, `共享台账：${error.message.split(copyPath).join(sharedPath)}`, { cause: error });
    }
    throw error;
  }
}

/**
 * Puts our large copy of the shared file in WAL mode without flushing it, before openLedger opens it. The copy is
 * not flushed (copyForThisSync), and openLedger's own switch to WAL, a rollback-mode write, would flush it: the
 * gigabyte written to disk then, for nothing. In WAL mode already, openLedger changes nothing before its checks
 * (db/file-check.ts: header first, then the structure on its own connection) and the merge commits with
 * synchronous=OFF. Only a copy with nothing beside it: a WAL or journal that came with it is left for openLedger
 * to read as it always does. Best effort: a file SQLite cannot switch is left for openLedger to refuse with its
 * own message (it is our copy; the shared file is not touched either way).
 */
function switchCopyToWalUnflushed(copyPath: string, nativeBinding?: string): void {
  if (statSync(copyPath).size <= FULL_CHECK_AT_OPEN_MAX_BYTES) return; // small: its flush costs nothing
  let sqlite: BetterSqlite3.Database | null = null;
  try {
    sqlite = new BetterSqlite3(copyPath, { fileMustExist: true, nativeBinding });
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('journal_mode = WAL');
  } catch {
    // openLedger reports what is wrong with the file
  } finally {
    sqlite?.close();
  }
}

function assertIntegrity(file: string, sharedPath: string, nativeBinding?: string): void {
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    const lines = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (lines.length !== 1 || lines[0] !== 'ok') {
      throw new SharingError('write_verify_failed', `合并后的台账未通过完整性检查（${lines[0] ?? ''}），共享台账未作任何修改。请将此信息告知技术人员。（${sharedPath}）`);
    }
  } finally {
    sqlite.close();
  }
}

/**
 * Merged files up to this size get a full integrity_check before they replace the shared file. A larger one
 * (a ledger of 100,000 tasks is over a gigabyte; the check reads every page and takes tens of seconds) gets the
 * structural checks only: it is the shared file as copied and opened with openLedger's checks, changed by one
 * SQLite transaction, and its bytes are compared after the copy back.
 */
export const MERGED_FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024;

function assertMergedFile(file: string, sharedPath: string, nativeBinding?: string): void {
  if (statSync(file).size <= MERGED_FULL_CHECK_MAX_BYTES) {
    assertIntegrity(file, sharedPath, nativeBinding);
    return;
  }
  const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    // Reads the header and the whole schema: a file that is not a database or has a damaged schema fails here.
    sqlite.prepare('SELECT count(*) FROM sqlite_schema').get();
    sqlite.pragma('schema_version');
  } catch (error) {
    throw new SharingError('write_verify_failed', `合并后的台账无法读取（${(error as Error).message}），共享台账未作任何修改。请将此信息告知技术人员。（${sharedPath}）`, { cause: error });
  } finally {
    sqlite.close();
  }
}

/** `<folder>/<name>.sync-<id>.tmp`: our temporary file beside the shared one. */
function tempBeside(sharedPath: string): string {
  return `${sharedPath}.sync-${randomUUID()}.tmp`;
}

/** Temporary files a crashed sync left beside the shared file; only removed while we hold the lock. */
function removeLeftoverTemps(sharedPath: string): void {
  const folder = path.dirname(sharedPath);
  const prefix = `${path.basename(sharedPath)}.sync-`;
  try {
    for (const name of readdirSync(folder)) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) rmSync(path.join(folder, name), { force: true });
    }
  } catch {
    // an unreadable folder shows up as a clear error at the copy step
  }
}

/**
 * Copies `source` beside the shared file (hashing it on the way), flushes it, reads it back and compares it
 * with `source` byte for byte: returns the verified temp path and SHA-256 of its bytes.
 */
function placeBeside(source: string, sharedPath: string): { temp: string; hash: string } {
  const temp = tempBeside(sharedPath);
  let hash: string;
  try {
    hash = copyFileHashing(source, temp);
  } catch (error) {
    rmSync(temp, { force: true });
    throw unreachable(sharedPath, error);
  }
  if (!sameBytes(source, temp)) {
    rmSync(temp, { force: true });
    throw new SharingError(
      'write_verify_failed',
      `写入共享位置的文件读回后与本机不一致（网络或 U 盘可能不稳定），共享台账未作任何修改。请检查连接后重试。（${sharedPath}）`,
    );
  }
  return { temp, hash };
}

const BACKUP_SUFFIX_PATTERN = /^\.\d{8}-\d{6}(?:-\d+)?\.bak$/;

/**
 * Keeps the current shared file as `<name>.<stamp>.bak` beside it: a second hard link where the filesystem
 * has them (instant, and the rename then leaves the old bytes under the backup name), a copy otherwise.
 * A WAL/journal beside it belongs to the old file: it moves with it, or it would be applied to the new one.
 */
function keepSharedBackup(sharedPath: string, at: Date): string {
  const base = `${sharedPath}.${backupTimestamp(at)}`;
  let backup = `${base}.bak`;
  for (let n = 2; existsSync(backup); n += 1) backup = `${base}-${n}.bak`;
  try {
    linkSync(sharedPath, backup);
  } catch {
    copyFileDurably(sharedPath, backup);
  }
  for (const suffix of SHARED_SIDECARS) {
    if (existsSync(sharedPath + suffix)) renameSync(sharedPath + suffix, backup + suffix);
  }
  rmSync(`${sharedPath}-shm`, { force: true });
  return backup;
}

/** The dated backups of a shared file, newest first. */
export function listSharedBackups(sharedPath: string): string[] {
  const folder = path.dirname(path.resolve(sharedPath));
  const name = path.basename(sharedPath);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((entry) => entry.startsWith(name) && BACKUP_SUFFIX_PATTERN.test(entry.slice(name.length)))
    .sort()
    .reverse()
    .map((entry) => path.join(folder, entry));
}

function rotateSharedBackups(sharedPath: string, keep: number): void {
  for (const old of listSharedBackups(sharedPath).slice(Math.max(1, keep))) {
    rmSync(old, { force: true });
    for (const suffix of SHARED_SIDECARS) rmSync(old + suffix, { force: true });
  }
}

/** Renames `temp` over the shared file and makes the rename durable. */
function replaceShared(temp: string, sharedPath: string): void {
  try {
    renameSync(temp, sharedPath);
  } catch (error) {
    rmSync(temp, { force: true });
    throw unreachable(sharedPath, error);
  }
  fsyncFolder(path.dirname(sharedPath));
}

/**
 * Puts `temp` under the shared name only if nothing is there yet. A hard link fails atomically when the name
 * exists; filesystems without hard links fall back to check-then-rename (we hold the lock, so only a program
 * ignoring it could slip in between). Returns false when the name is taken.
 */
function publishNew(temp: string, sharedPath: string): boolean {
  try {
    linkSync(temp, sharedPath);
    rmSync(temp, { force: true });
    fsyncFolder(path.dirname(sharedPath));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      rmSync(temp, { force: true });
      return false;
    }
  }
  if (existsSync(sharedPath)) {
    rmSync(temp, { force: true });
    return false;
  }
  replaceShared(temp, sharedPath);
  return true;
}

/**
 * Turns a snapshot of a ledger into a file that can stand on its own as a shared ledger (or a working copy):
 * its own device id, and none of the machine-local facts (operator name, saved clock, links) of the copy it
 * came from — those belong to one PC.
 */
function giveOwnIdentity(file: string, nativeBinding: string | undefined, extra: Record<string, string> = {}): string {
  const sqlite = new BetterSqlite3(file, { fileMustExist: true, nativeBinding });
  try {
    const id = resetDeviceId(sqlite);
    sqlite.transaction(() => {
      sqlite.prepare('DELETE FROM local_meta WHERE key <> ?').run(DEVICE_ID_KEY);
      for (const [key, value] of Object.entries(extra)) writeLocalMeta(sqlite, key, value);
    })();
    return id;
  } finally {
    sqlite.close();
  }
}

function recordLastSync(workingDb: BetterSqlite3.Database, record: LastSyncRecord): void {
  writeLocalMeta(workingDb, SHARED_PATH_KEY, record.sharedPath);
  writeLocalMeta(workingDb, LAST_SYNC_KEY, JSON.stringify(record));
}

interface RoundContext {
  opts: SyncOptions;
  sharedPath: string;
  work: string;
  now: () => Date;
  lock: HeldLock;
  progress: (step: SyncStep) => void;
}

/** Creates the shared file from the working database (the shared file does not exist yet). */
async function exportRound(ctx: RoundContext): Promise<{ peer: SharedPeer; sharedHash: string } | null> {
  const { opts, sharedPath, work } = ctx;
  ctx.progress('write');
  const exported = path.join(work, 'export.db');
  opts.workingDb.prepare('VACUUM INTO ?').run(exported);
  const peerId = giveOwnIdentity(exported, opts.nativeBinding);
  assertIntegrity(exported, sharedPath, opts.nativeBinding);
  await safePoint(opts.signal);
  ctx.progress('verify');
  const { temp, hash } = placeBeside(exported, sharedPath);
  try {
    await safePoint(opts.signal);
    ctx.progress('replace');
    ctx.lock.assertStillHeld();
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  if (!publishNew(temp, sharedPath)) return null; // someone created it meanwhile: merge with theirs instead
  return { peer: { id: peerId, path: sharedPath }, sharedHash: hash };
}

interface MergeRound {
  /** what this round brought into the working database (also when the round is then started again) */
  report: MergeReport;
  peer: SharedPeer;
  /** null: the shared file was left as it was (nothing to add to it) */
  sharedBackup: string | null;
  sharedHash: string | null;
}

/**
 * Whether two change logs hold the same changes, told without reading them: the premise of the quick merge
 * (db/sync/merge.ts) is that every copy holds a prefix, by stamp and whole writes at a time, of each device's
 * changes — so the same newest stamp per device means the same changes of that device. Conflict rows (device
 * `merge`) are no prefix of anything: compared by id, as the merge compares them. When this holds, a merge either
 * way would copy nothing and change nothing but its sync_state row (a record for the user only).
 */
function holdTheSameChanges(a: BetterSqlite3.Database, b: BetterSqlite3.Database): boolean {
  if (!sameMarks(deviceMarks(a), deviceMarks(b))) return false;
  const conflictIds = (db: BetterSqlite3.Database) =>
    db.prepare('SELECT id FROM change_log WHERE device_id = ?').pluck().all(MERGE_DEVICE_ID) as string[];
  const [ofA, ofB] = [conflictIds(a), new Set(conflictIds(b))];
  return ofA.length === ofB.size && ofA.every((id) => ofB.has(id));
}

/**
 * Whether the merged copy may be thrown away and the shared file left exactly as it was: it already holds every
 * change of the working ledger, so the new file would be the same ledger (ledgerDigest) — rewriting, reading back
 * and backing up a gigabyte on the share for nothing, at every automatic sync while only others edit.
 *
 * What the copy would differ in is then only what is no business of the shared file's other users:
 * - its sync_state row for this PC (merge.ts: a record for the user, which nothing reads to decide what to copy
 *   or what conflicts);
 * - the journal mode and file change counter of a local open.
 * And nothing of what the open itself may have changed, which must reach the share:
 * - an upgrade of an older shared file to this version's schema (`upgraded`);
 * - a device id the shared file lacked, given by the open (`peerKnown`: the working ledger recorded a merge with
 *   that id before — a freshly made id cannot be in its sync_state yet);
 * - a WAL or rollback journal beside the shared file that the copy took in (`withSidecars`): the share keeps
 *   getting one clean file, as before.
 */
function sharedFileNeedsNothing(facts: { sharedReceived: number; upgraded: boolean; peerKnown: boolean; withSidecars: boolean }): boolean {
  return facts.sharedReceived === 0 && !facts.upgraded && facts.peerKnown && !facts.withSidecars;
}

/** One round of steps b–g; `replaced: false` when the shared file changed since it was copied (start again). */
async function mergeRound(
  ctx: RoundContext,
  attempt: number,
  backupFirst: () => void,
): Promise<(MergeRound & { replaced: true }) | { replaced: false; report: MergeReport }> {
  const { opts, sharedPath } = ctx;
  const folder = path.join(ctx.work, `round-${attempt}`);
  ctx.progress('copy');
  const { copyPath, fingerprint, withSidecars } = copyShared(sharedPath, folder);
  await safePoint(opts.signal);

  ctx.progress('check');
  if (!withSidecars) switchCopyToWalUnflushed(copyPath, opts.nativeBinding);
  const copy = openCopy(copyPath, sharedPath, { nativeBinding: opts.nativeBinding, now: ctx.now });
  let report = emptyReport();
  let peer: SharedPeer;
  let leaveSharedAsItIs: boolean;
  try {
    // The copy is ours and thrown away: its durability is worth nothing. Without this, folding its WAL back in
    // (the write step) flushed the whole copy — seconds of disk writes for a gigabyte. What is published from it
    // is flushed and read back where it lands (placeBeside).
    copy.sqlite.pragma('synchronous = OFF');
    peer = { id: copy.deviceId ?? ensureDeviceId(copy.sqlite), path: sharedPath };
    const peerKnown = opts.workingDb.prepare('SELECT 1 FROM sync_state WHERE peer_id = ?').pluck().get(peer.id) !== undefined;
    const upgraded = copy.backupMade !== null;
    await safePoint(opts.signal);

    if (sharedFileNeedsNothing({ sharedReceived: 0, upgraded, peerKnown, withSidecars }) && holdTheSameChanges(opts.workingDb, copy.sqlite)) {
      // Nothing new on either side (an automatic sync while nobody edited): no merge, so no backup to undo it
      // with — the working ledger is not changed — and the shared file stays as it was.
      leaveSharedAsItIs = true;
    } else {
      ctx.progress('backup');
      backupFirst();
      await safePoint(opts.signal);

      ctx.progress('merge');
      const workingId = ensureDeviceId(opts.workingDb);
      report = mergeInto(opts.workingDb, copy.sqlite, { sourcePeerId: peer.id, now: ctx.now() });
      let sharedReceived = mergeInto(copy.sqlite, opts.workingDb, { sourcePeerId: workingId, now: ctx.now() }).received;
      if (!sameMarks(deviceMarks(opts.workingDb), deviceMarks(copy.sqlite))) {
        // Both logs must now hold the same changes, so the same newest change per device. If not, a copy broke
        // the rule the quick merge relies on (db/sync/merge.ts): compare every change id, both ways.
        report = combineReports([report, mergeInto(opts.workingDb, copy.sqlite, { sourcePeerId: peer.id, now: ctx.now(), complete: true })]);
        sharedReceived += mergeInto(copy.sqlite, opts.workingDb, { sourcePeerId: workingId, now: ctx.now(), complete: true }).received;
      }
      leaveSharedAsItIs = sharedFileNeedsNothing({ sharedReceived, upgraded, peerKnown, withSidecars });
      if (opts.clock) {
        const highest = highestKnownHlc(opts.workingDb);
        if (highest) opts.clock.observe(highest);
      }
      await safePoint(opts.signal);

      if (!leaveSharedAsItIs) {
        ctx.progress('write');
        // The merged copy itself is the new shared file: folding its WAL in and going back to a rollback journal
        // makes it one self-contained file, like the VACUUM INTO this replaced — without rewriting a gigabyte.
        copy.sqlite.pragma('journal_mode = DELETE');
      }
    }
  } finally {
    await copy.close();
  }
  if (leaveSharedAsItIs) {
    // Nothing is written beside the shared file, so nothing of anyone's can be overwritten. A shared file that
    // changed since it was copied (a program ignoring the lock) may hold changes we have not merged: another
    // round takes them in, as when a replace finds it changed.
    if (!existsSync(sharedPath) || fingerprintOf(sharedPath) !== fingerprint) return { replaced: false, report };
    return { replaced: true, report, peer, sharedBackup: null, sharedHash: null };
  }
  const merged = copyPath;
  assertMergedFile(merged, sharedPath, opts.nativeBinding);
  await safePoint(opts.signal);

  ctx.progress('verify');
  const { temp, hash: mergedHash } = placeBeside(merged, sharedPath);
  let sharedBackup: string;
  try {
    // The last safe point: after this the shared file is replaced.
    await safePoint(opts.signal);
    ctx.progress('replace');
    ctx.lock.assertStillHeld();
    if (!existsSync(sharedPath) || fingerprintOf(sharedPath) !== fingerprint) {
      rmSync(temp, { force: true });
      return { replaced: false, report };
    }
    sharedBackup = keepSharedBackup(sharedPath, ctx.now());
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  replaceShared(temp, sharedPath);
  rotateSharedBackups(sharedPath, opts.keepSharedBackups ?? DEFAULT_SHARED_BACKUPS_KEPT);
  return { replaced: true, report, peer, sharedBackup, sharedHash: mergedHash };
}

function sameMarks(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([device, hlc]) => b.get(device) === hlc);
}

/** The same path, or another name (hard link, symlink, other spelling) of the same file. */
function isSameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.ino !== 0 && sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false; // one of them does not exist yet
  }
}

/**
 * Syncs the working database with the shared file (sharing.md 2a–g); creates the shared file from this ledger
 * if it does not exist yet and `allowCreate` is not false. Throws LockHeldError (lock_held / lock_stale),
 * SharingError (cancelled, shared_changed, shared_unreachable, write_verify_failed, lock_lost, backup_invalid)
 * or LedgerDbError (the shared file is foreign, newer or damaged) — in every case the shared file is untouched.
 */
export async function syncWithSharedFile(opts: SyncOptions): Promise<SyncResult> {
  const started = Date.now();
  const now = opts.now ?? (() => new Date());
  const sharedPath = path.resolve(opts.sharedPath);
  const progress = (step: SyncStep) => opts.onProgress?.(step, STEP_FRACTIONS[step]);
  if (opts.signal?.aborted) throw cancelledError();
  if (isSameFile(sharedPath, opts.workingPath)) {
    throw new SharingError('same_file', `选择的共享台账就是本机正在使用的台账文件，不能与自己同步。请选择共享文件夹或 U 盘上的共享台账文件。（${sharedPath}）`);
  }
  if (!existsSync(path.dirname(sharedPath))) {
    throw unreachable(sharedPath, Object.assign(new Error('folder missing'), { code: 'ENOENT' }));
  }

  progress('lock');
  const lock = acquireSharedLock(sharedPath, { now: now(), operator: opts.operator, breakStaleLock: opts.breakStaleLock });
  let work: string | null = null;
  try {
    removeLeftoverTemps(sharedPath);
    mkdirSync(opts.tempDir, { recursive: true });
    work = mkdtempSync(path.join(opts.tempDir, 'ledger-sync-'));
    const ctx: RoundContext = { opts, sharedPath, work, now, lock, progress };
    let backupOfWorking: string | null = null;
    const backupFirst = () => {
      // Once per sync: "撤销本次同步" returns to the state before the first round.
      backupOfWorking ??= backupWorkingDatabase(opts.workingDb, {
        workingPath: opts.workingPath,
        reason: 'before-sync',
        now: now(),
        keep: opts.keepWorkingBackups,
        folder: opts.backupFolder,
        nativeBinding: opts.nativeBinding,
        // A large ledger's backup is checked like the ledger at open, not page by page (why that is enough:
        // backupWorkingDatabase); a restore from it checks every page first.
        fullCheckMaxBytes: FULL_CHECK_AT_OPEN_MAX_BYTES,
      }).path;
    };
    const maxAttempts = opts.maxAttempts ?? DEFAULT_SYNC_ATTEMPTS;
    const roundReports: MergeReport[] = [];
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      if (!existsSync(sharedPath)) {
        if (opts.allowCreate === false) {
          throw unreachable(sharedPath, Object.assign(new Error('missing'), { code: 'ENOENT' }));
        }
        const exported = await exportRound(ctx);
        if (exported === null) continue;
        const record = finish(opts, 'exported', emptyReport(), exported.peer, now);
        progress('done');
        return {
          mode: 'exported',
          report: record,
          backupOfWorking: null,
          sharedBackup: null,
          peer: exported.peer,
          durationMs: Date.now() - started,
          attempts: attempt,
          brokeStaleLock: lock.broke,
          sharedHash: exported.sharedHash,
        };
      }
      const round = await mergeRound(ctx, attempt, backupFirst);
      roundReports.push(round.report);
      if (!round.replaced) continue;
      const report = combineReports(roundReports);
      finish(opts, 'merged', report, round.peer, now);
      progress('done');
      return {
        mode: 'merged',
        report,
        backupOfWorking,
        sharedBackup: round.sharedBackup,
        peer: round.peer,
        durationMs: Date.now() - started,
        attempts: attempt,
        brokeStaleLock: lock.broke,
        sharedHash: round.sharedHash,
      };
    }
    throw new SharingError(
      'shared_changed',
      `共享台账在同步过程中被反复修改（已重试 ${maxAttempts} 次），为避免覆盖他人的修改，本次未写入共享台账。` +
        '可能有其他电脑或程序绕过了同步锁定直接改动该文件，请稍后重试。本机台账已合并到最近一次读取的内容。',
    );
  } finally {
    lock.release();
    if (work) rmSync(work, { recursive: true, force: true });
  }
}

function finish(opts: SyncOptions, mode: 'merged' | 'exported', report: MergeReport, peer: SharedPeer, now: () => Date): MergeReport {
  recordLastSync(opts.workingDb, {
    at: now().toISOString(),
    sharedPath: peer.path,
    peerId: peer.id,
    mode,
    received: report.received,
    conflicts: report.conflicts,
    fromDevices: report.fromDevices,
    fromOperators: report.fromOperators,
  });
  return report;
}

export interface ExportOptions extends Omit<SyncOptions, 'allowCreate' | 'sharedPath'> {
  /** where the new shared file goes; must not exist yet */
  targetPath: string;
}

/** 导出为共享台账: creates a new shared file from this ledger; refuses a path that already exists. */
export async function exportSharedLedger(opts: ExportOptions): Promise<SyncResult> {
  const target = path.resolve(opts.targetPath);
  if (existsSync(target)) {
    throw new SharingError('target_exists', `该位置已有同名文件，未作任何修改。如需与它同步，请选择“同步”；否则请换一个文件名。（${target}）`);
  }
  const result = await syncWithSharedFile({ ...opts, sharedPath: target, allowCreate: true });
  return result;
}

export interface WorkingCopyOptions {
  tempDir: string;
  now?: () => Date;
  nativeBinding?: string;
  /** how to tell a network or removable location (default: this machine) */
  probe?: LocationProbe;
}

export interface WorkingCopy {
  workingPath: string;
  /** the new device id of this PC's copy */
  deviceId: string;
  peer: SharedPeer;
  schemaVersion: number;
}

/**
 * 打开共享台账 on a new PC: makes a local working database from the shared file, with its own device id
 * (two PCs must never write under one id), linked to the shared file. Refuses a working path that exists
 * or lies on a network/removable location. The shared file is only read.
 */
export async function createWorkingCopyFrom(sharedPath: string, workingPath: string, opts: WorkingCopyOptions): Promise<WorkingCopy> {
  const shared = path.resolve(sharedPath);
  const target = path.resolve(workingPath);
  const now = opts.now ?? (() => new Date());
  if (existsSync(target)) {
    throw new SharingError('target_exists', `本机已有同名的台账文件，未作任何修改。请另选保存位置或文件名。（${target}）`);
  }
  assertLocalWorkingDatabase(target, opts.probe);
  if (!existsSync(shared)) throw unreachable(shared, Object.assign(new Error('missing'), { code: 'ENOENT' }));

  mkdirSync(opts.tempDir, { recursive: true });
  const work = mkdtempSync(path.join(opts.tempDir, 'ledger-open-'));
  try {
    const { copyPath } = copyShared(shared, work);
    const copy = openCopy(copyPath, shared, { nativeBinding: opts.nativeBinding, now });
    const snapshot = path.join(work, 'working.db');
    let peer: SharedPeer;
    let schemaVersion: number;
    try {
      peer = { id: copy.deviceId ?? ensureDeviceId(copy.sqlite), path: shared };
      schemaVersion = copy.schemaVersion;
      copy.sqlite.prepare('VACUUM INTO ?').run(snapshot);
    } finally {
      await copy.close();
    }
    const deviceId = giveOwnIdentity(snapshot, opts.nativeBinding, { [SHARED_PATH_KEY]: shared });
    assertIntegrity(snapshot, shared, opts.nativeBinding);
    mkdirSync(path.dirname(target), { recursive: true });
    const staged = `${target}.opening-${randomUUID()}.tmp`;
    copyFileDurably(snapshot, staged);
    if (!publishNew(staged, target)) {
      throw new SharingError('target_exists', `本机已有同名的台账文件，未作任何修改。请另选保存位置或文件名。（${target}）`);
    }
    return { workingPath: target, deviceId, peer, schemaVersion };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The shared file this working database is linked to, and its last sync; null when not linked. */
export function readSharedLink(workingDb: BetterSqlite3.Database): { sharedPath: string; lastSync: LastSyncRecord | null } | null {
  const sharedPath = readLocalMeta(workingDb, SHARED_PATH_KEY);
  if (!sharedPath) return null;
  const text = readLocalMeta(workingDb, LAST_SYNC_KEY);
  let lastSync: LastSyncRecord | null = null;
  try {
    lastSync = text ? (JSON.parse(text) as LastSyncRecord) : null;
  } catch {
    // a damaged record only costs the status bar its "last synced" line
  }
  return { sharedPath, lastSync };
}

export function linkSharedLedger(workingDb: BetterSqlite3.Database, sharedPath: string): void {
  writeLocalMeta(workingDb, SHARED_PATH_KEY, path.resolve(sharedPath));
}

export function unlinkSharedLedger(workingDb: BetterSqlite3.Database): void {
  workingDb.prepare('DELETE FROM local_meta WHERE key IN (?, ?)').run(SHARED_PATH_KEY, LAST_SYNC_KEY);
}

/**
 * 撤销本次同步: puts back the working database as it was just before the sync (the working ledger must be
 * closed; the shell reopens it). The file being replaced is kept aside. The shared file is not changed: its
 * other users may already have synced with it. Until the user syncs again on purpose, automatic syncs
 * should pause, or the same changes come straight back.
 */
export function undoSync(workingPath: string, backupOfWorking: string, opts: { now?: () => Date; nativeBinding?: string } = {}): RestoreResult {
  return restoreFromBackup(backupOfWorking, workingPath, { now: (opts.now ?? (() => new Date()))(), nativeBinding: opts.nativeBinding });
}
