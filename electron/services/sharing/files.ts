/**
 * File primitives of the sync protocol. A network share or USB stick may acknowledge a write it has not stored
 * yet, so every file the protocol relies on is flushed (fsync) and, where it matters, read back and hashed.
 */
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, fsyncSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { open as openFileHandle, copyFile as copyFileAsync } from 'node:fs/promises';
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

/**
 * copyFileDurably without holding the thread: the copy and the flush run on libuv's thread pool, so a ledger of
 * a gigabyte is copied while the window keeps answering (the automatic backups at start and once a day).
 */
export async function copyFileDurablyInBackground(source: string, target: string): Promise<void> {
  await copyFileAsync(source, target);
  chmodSync(target, statSync(target).mode | 0o600);
  const handle = await openFileHandle(target, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  fsyncFolder(dirname(target));
}

/**
 * Copies `source` to `target` (created or truncated), hashing the bytes as they pass, and flushes the copy and
 * its folder entry: one read of the source instead of a copy and a separate hash. Returns SHA-256 (hex) of the
 * bytes written.
 */
export function copyFileHashing(source: string, target: string): string {
  const hash = createHash('sha256');
  const from = openSync(source, 'r');
  try {
    const to = openSync(target, 'w', statSync(source).mode | 0o600);
    try {
      const buffer = Buffer.alloc(CHUNK_BYTES * 4);
      for (;;) {
        const read = readSync(from, buffer, 0, buffer.length, null);
        if (read === 0) break;
        const chunk = buffer.subarray(0, read);
        hash.update(chunk);
        for (let written = 0; written < read; ) written += writeSync(to, chunk, written, read - written);
      }
      fsyncSync(to);
    } finally {
      closeSync(to);
    }
  } finally {
    closeSync(from);
  }
  fsyncFolder(dirname(target));
  return hash.digest('hex');
}

/**
 * Whether two files hold the same bytes, read side by side: the read-back check of a copy without hashing it
 * again (memcmp per chunk is far cheaper than SHA-256).
 */
export function sameBytes(a: string, b: string): boolean {
  if (statSync(a).size !== statSync(b).size) return false;
  const fa = openSync(a, 'r');
  try {
    const fb = openSync(b, 'r');
    try {
      const ba = Buffer.alloc(CHUNK_BYTES * 4);
      const bb = Buffer.alloc(CHUNK_BYTES * 4);
      for (;;) {
        const ra = readSync(fa, ba, 0, ba.length, null);
        let rb = 0;
        while (rb < ra) {
          const n = readSync(fb, bb, rb, ra - rb, null);
          if (n === 0) break;
          rb += n;
        }
        if (ra !== rb || !ba.subarray(0, ra).equals(bb.subarray(0, rb))) return false;
        if (ra === 0) return true;
      }
    } finally {
      closeSync(fb);
    }
  } finally {
    closeSync(fa);
  }
}

/** Bytes at each end of a file that a fingerprint hashes (the SQLite header with its change counter is at the start). */
const FINGERPRINT_EDGE_BYTES = 64 * 1024;

/**
 * A cheap fingerprint of a file that tells whether it was replaced or rewritten: size, modification and change
 * times, file id, and SHA-256 of its first and last 64 KiB. Replacing the shared file (a rename, a copy over it,
 * Explorer) changes the file id or the change time, which no ordinary program can set back; reading the whole
 * file instead would cost seconds for a ledger of a gigabyte.
 */
export function quickFingerprint(file: string): string {
  const stats = statSync(file, { bigint: true });
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const size = Number(stats.size);
    const head = Buffer.alloc(Math.min(size, FINGERPRINT_EDGE_BYTES));
    hash.update(head.subarray(0, readSync(fd, head, 0, head.length, 0)));
    const tailStart = Math.max(head.length, size - FINGERPRINT_EDGE_BYTES);
    const tail = Buffer.alloc(size - tailStart);
    hash.update(tail.subarray(0, readSync(fd, tail, 0, tail.length, tailStart)));
  } finally {
    closeSync(fd);
  }
  return [stats.size, stats.mtimeNs, stats.ctimeNs, stats.ino, hash.digest('hex')].join(':');
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
