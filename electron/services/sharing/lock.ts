/**
 * The lock beside a shared ledger file (`<shared>.lock`), step (a) of sharing.md.
 *
 * SQLite's own locks cannot be trusted on SMB shares or USB sticks, so the protocol uses a plain file created
 * exclusively (`wx`: the create fails if it exists, which SMB does honour). It names who holds it, so a second
 * officer is told "PC-07（张三）since 10:32" instead of a bare "busy".
 *
 * A lock whose owner crashed stays behind. It is judged stale when its process is gone (same host only: a PID
 * means nothing on another PC) or when it is older than `staleAfterMs`; even then it is broken only when the
 * caller passes `breakStaleLock: true`, i.e. after the user confirmed that nobody is syncing.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync, fsyncSync } from 'node:fs';
import os from 'node:os';
import { PRODUCT_NAME } from '../paths';
import { SharingError } from './errors';
import { clockTimeText } from './files';

/** A sync of even a large ledger takes minutes at most; a lock this old belongs to a run that died. */
export const DEFAULT_STALE_LOCK_MS = 30 * 60 * 1000;

/** An empty or unreadable lock (its writer died between create and write) is stale after this long. */
const UNREADABLE_LOCK_GRACE_MS = 60 * 1000;

/** What the lock file holds (JSON). */
export interface LockOwner {
  /** computer name, as Windows shows it */
  host: string;
  /** the officer's name if known, else the operating-system account */
  user: string;
  pid: number;
  app: string;
  /** ISO time the lock was taken */
  startedAt: string;
  /** tells our own lock from one that replaced it */
  token: string;
}

export interface LockOptions {
  now: Date;
  /** the officer's name (local_meta operator); the OS account when empty */
  operator?: string;
  /** break a stale lock (only after the user confirmed) */
  breakStaleLock?: boolean;
  staleAfterMs?: number;
  /** for tests: who we are */
  host?: string;
  pid?: number;
}

export interface HeldLock {
  path: string;
  owner: LockOwner;
  /** the stale lock that was broken to take this one, if any */
  broke: LockOwner | null;
  /** throws lock_lost if the lock file is no longer ours (someone broke it as stale) */
  assertStillHeld(): void;
  /** removes the lock file if it is still ours; safe to call twice */
  release(): void;
}

/** Thrown for a lock held by someone else; `stale` says whether it may be broken after confirmation. */
export class LockHeldError extends SharingError {
  readonly owner: LockOwner | null;
  readonly stale: boolean;

  constructor(owner: LockOwner | null, stale: boolean, message: string) {
    super(stale ? 'lock_stale' : 'lock_held', message);
    this.owner = owner;
    this.stale = stale;
  }
}

export function lockPathOf(sharedPath: string): string {
  return `${sharedPath}.lock`;
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.host !== 'string' || typeof value.pid !== 'number' || typeof value.startedAt !== 'string') return null;
    if (Number.isNaN(Date.parse(value.startedAt))) return null;
    return {
      host: value.host,
      user: typeof value.user === 'string' ? value.user : '',
      pid: value.pid,
      app: typeof value.app === 'string' ? value.app : '',
      startedAt: value.startedAt,
      token: typeof value.token === 'string' ? value.token : '',
    };
  } catch {
    return null;
  }
}

/** The lock's owner, or null when there is no lock or it cannot be read as one. */
export function readLockOwner(lockPath: string): LockOwner | null {
  try {
    return parseOwner(readFileSync(lockPath, 'utf8'));
  } catch {
    return null;
  }
}

/** Whether a process with this id runs on this machine (EPERM: it runs under another account). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface StaleJudgement {
  stale: boolean;
  /** why, for the message */
  reason: string;
}

function judge(owner: LockOwner | null, lockPath: string, opts: LockOptions, host: string): StaleJudgement {
  const staleAfter = opts.staleAfterMs ?? DEFAULT_STALE_LOCK_MS;
  if (owner === null) {
    let age = 0;
    try {
      age = opts.now.getTime() - statSync(lockPath).mtimeMs;
    } catch {
      // vanished meanwhile: the next attempt will simply create it
    }
    return { stale: age > UNREADABLE_LOCK_GRACE_MS, reason: '锁定文件内容无法识别' };
  }
  if (owner.host === host && owner.pid !== (opts.pid ?? process.pid) && !processIsAlive(owner.pid)) {
    return { stale: true, reason: '该同步进程已不存在' };
  }
  const age = opts.now.getTime() - Date.parse(owner.startedAt);
  if (age > staleAfter) return { stale: true, reason: `已超过 ${Math.round(staleAfter / 60000)} 分钟` };
  return { stale: false, reason: '' };
}

/** "PC-07（张三）" — followed directly by Chinese text; a bare host name gets a space after it. */
function whoText(owner: LockOwner | null): string {
  if (owner === null) return '另一台电脑';
  return owner.user ? `${owner.host}（${owner.user}）` : `${owner.host} `;
}

function heldError(owner: LockOwner | null, judgement: StaleJudgement, now: Date): LockHeldError {
  const since = owner ? `，开始于 ${clockTimeText(new Date(owner.startedAt), now)}` : '';
  if (!judgement.stale) {
    return new LockHeldError(owner, false, `共享台账正被 ${whoText(owner)}同步${since}。请等对方同步结束后再试，共享台账未作任何修改。`);
  }
  return new LockHeldError(
    owner,
    true,
    `共享台账留有 ${whoText(owner)}的同步锁定${since}，但看起来已经中断（${judgement.reason}）。` +
      '如果确认对方没有在同步，可以解除锁定后继续；共享台账目前未作任何修改。',
  );
}

function writeNewLock(lockPath: string, owner: LockOwner): void {
  const fd = openSync(lockPath, 'wx');
  try {
    writeSync(fd, JSON.stringify(owner, null, 2));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(lockPath, { force: true });
    throw error;
  }
  closeSync(fd);
}

/**
 * Moves a stale lock out of the way. Renaming is atomic, so of two PCs breaking the same lock only one
 * succeeds; if what we moved is not the lock we judged (it was replaced meanwhile), it is put back.
 */
function breakLock(lockPath: string, judged: LockOwner | null): boolean {
  const aside = `${lockPath}.broken-${randomUUID()}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return false; // someone else broke or released it first
  }
  const moved = readLockOwner(aside);
  if (judged !== null && moved?.token !== judged.token) {
    try {
      linkSync(aside, lockPath); // fails if yet another lock appeared meanwhile: then that one rules
    } catch {
      // nothing to restore over
    }
    rmSync(aside, { force: true });
    return false;
  }
  rmSync(aside, { force: true });
  return true;
}

function unavailableError(lockPath: string, error: unknown): SharingError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const why =
    code === 'ENOENT'
      ? '共享文件夹不存在或无法访问'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? '共享文件夹只读或没有写入权限'
        : (error as Error).message;
  return new SharingError('shared_unreachable', `无法在共享台账所在文件夹创建同步锁定文件：${why}。共享台账未作任何修改。（${lockPath}）`, {
    cause: error,
  });
}

/** Takes the lock or throws LockHeldError (held / stale) or SharingError shared_unreachable. */
export function acquireSharedLock(sharedPath: string, opts: LockOptions): HeldLock {
  const lockPath = lockPathOf(sharedPath);
  const host = opts.host ?? os.hostname();
  let osUser = '';
  try {
    osUser = os.userInfo().username;
  } catch {
    // no account name (some containers): the host still identifies the holder
  }
  const owner: LockOwner = {
    host,
    user: opts.operator || osUser,
    pid: opts.pid ?? process.pid,
    app: PRODUCT_NAME,
    startedAt: opts.now.toISOString(),
    token: randomUUID(),
  };
  let broke: LockOwner | null = null;
  // Two rounds: the second follows a broken stale lock (or one released between our create and read).
  for (let attempt = 0; ; attempt += 1) {
    try {
      writeNewLock(lockPath, owner);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unavailableError(lockPath, error);
    }
    const current = readLockOwner(lockPath);
    if (current === null && !existsSync(lockPath)) {
      if (attempt < 3) continue;
    }
    const judgement = judge(current, lockPath, opts, host);
    if (!judgement.stale || !opts.breakStaleLock || attempt >= 3) throw heldError(current, judgement, opts.now);
    if (breakLock(lockPath, current)) broke = current;
  }

  let released = false;
  return {
    path: lockPath,
    owner,
    broke,
    assertStillHeld() {
      if (readLockOwner(lockPath)?.token === owner.token) return;
      throw new SharingError(
        'lock_lost',
        '同步期间本机的锁定被其他电脑解除（可能被误判为中断），为避免覆盖对方的修改，本次同步已停止，共享台账未作修改。请稍后重新同步。',
      );
    },
    release() {
      if (released) return;
      released = true;
      // Only our own lock: if someone broke ours and took a new one, theirs must stay.
      if (readLockOwner(lockPath)?.token === owner.token) rmSync(lockPath, { force: true });
    },
  };
}

/** Runs `work` under the lock and always releases it. */
export async function withSharedLock<T>(sharedPath: string, opts: LockOptions, work: (lock: HeldLock) => Promise<T> | T): Promise<T> {
  const lock = acquireSharedLock(sharedPath, opts);
  try {
    return await work(lock);
  } finally {
    lock.release();
  }
}
