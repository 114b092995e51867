/**
 * The copy taken before a schema upgrade, so an upgrade can never lose a ledger.
 *
 * `VACUUM INTO` writes a consistent snapshot (WAL content included) as a self-contained file in rollback
 * mode, synchronously, through the connection that is about to migrate. The copy is then opened and checked
 * before any migration runs; a backup that cannot be verified stops the upgrade.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ioError } from './errors';

/** `<dir of file>/backups`, the default place for upgrade backups. */
export function defaultBackupDir(file: string): string {
  return join(dirname(file), 'backups');
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** yyyyMMdd-HHmmss in local time: the officer reads it next to the file list of Windows Explorer. */
export function backupTimestamp(at: Date): string {
  return `${at.getFullYear()}${two(at.getMonth() + 1)}${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
}

/** `ledger.db` at version 1 → `ledger.before-v1.20240102-030405.db` (`-2`, `-3` … if taken twice in a second). */
export function backupPath(file: string, dir: string, version: number, at: Date): string {
  const stem = `${parse(file).name}.before-v${version}.${backupTimestamp(at)}`;
  let candidate = join(dir, `${stem}.db`);
  for (let n = 2; existsSync(candidate); n += 1) candidate = join(dir, `${stem}-${n}.db`);
  return candidate;
}

export interface BackupRequest {
  /** the ledger being upgraded (for names and messages) */
  file: string;
  /** its current user_version */
  version: number;
  dir: string;
  at: Date;
  nativeBinding?: string;
}

/** Writes and verifies the backup; returns its path. Throws db_io if it cannot be written or read back. */
export function backupBeforeMigration(sqlite: BetterSqlite3.Database, request: BackupRequest): string {
  const target = backupPath(request.file, request.dir, request.version, request.at);
  try {
    mkdirSync(dirname(target), { recursive: true });
    sqlite.prepare('VACUUM INTO ?').run(target);
  } catch (error) {
    rmSync(target, { force: true });
    throw ioError(request.file, `升级前无法写入备份 ${target}（${(error as Error).message}），升级已取消`, error);
  }
  verifyBackup(target, request);
  return target;
}

function verifyBackup(target: string, request: BackupRequest): void {
  let problem: string | null = null;
  try {
    const copy = new BetterSqlite3(target, { readonly: true, fileMustExist: true, nativeBinding: request.nativeBinding });
    try {
      const version = copy.pragma('user_version', { simple: true });
      const check = copy.pragma('quick_check', { simple: true });
      if (version !== request.version) problem = `备份的数据版本为 ${String(version)}，应为 ${request.version}`;
      else if (check !== 'ok') problem = `备份未通过检查：${String(check)}`;
    } finally {
      copy.close();
    }
  } catch (error) {
    problem = (error as Error).message;
  }
  if (problem !== null) {
    rmSync(target, { force: true });
    throw ioError(request.file, `升级前的备份 ${target} 无法验证（${problem}），升级已取消`);
  }
}
