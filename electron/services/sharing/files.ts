/**
 * File primitives of the sync protocol. A network share or USB stick may acknowledge a write it has not stored
 * yet, so every file the protocol relies on is flushed (fsync) and, where it matters, read back and hashed.
 */
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, fsyncSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

const CHUNK_BYTES = 1 << 20;

/** SHA-256 of a file's bytes, read in chunks so a large ledger never sits in memory whole. */
export function sha256OfFile(file: string): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** Flushes a file's data to the device. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flushes a folder's entry list, so a rename inside it survives a power cut. Windows cannot open a folder
 * for that (and NTFS/SMB journal the rename themselves): there this is a no-op.
 */
export function fsyncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some network filesystems refuse fsync on a folder; the file itself was flushed already.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/**
 * Copies and flushes the copy (and the folder entry that names it). The copy is made writable for us: a
 * read-only shared file must still give a copy SQLite can open, and Windows flushes only writable handles.
 */
export function copyFileDurably(source: string, target: string): void {
  copyFileSync(source, target);
  chmodSync(target, statSync(target).mode | 0o600);
  fsyncFile(target);
  fsyncFolder(dirname(target));
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** "10:32" today, "11月25日 10:32" on another day: how a Chinese office says when something started. */
export function clockTimeText(at: Date, now: Date): string {
  const hm = `${two(at.getHours())}:${two(at.getMinutes())}`;
  const sameDay = at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  if (sameDay) return hm;
  const day = `${at.getMonth() + 1}月${at.getDate()}日 ${hm}`;
  return at.getFullYear() === now.getFullYear() ? day : `${at.getFullYear()}年${day}`;
}
