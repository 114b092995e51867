/**
 * Writing a new file whole or not at all, never over an existing one.
 *
 * The bytes go to a temporary name in the target folder, are flushed to disk (fsync), and only then get their
 * real name — so a crash or a full disk leaves at worst a temporary file, never a half-written .docx under a
 * name the officer would open. The real name is taken with a hard link, which fails if the name exists: an
 * existing file (even one created a moment ago by someone else) is never replaced; the next free name
 * `<stem>-2`, `<stem>-3` … is used instead. File systems without hard links (FAT32 sticks, some network
 * shares) fall back to check-then-rename.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, link, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

const MAX_ATTEMPTS = 1000;

function errnoOf(err: unknown): string {
  return (err as NodeJS.ErrnoException | null)?.code ?? '';
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, constants.F_OK);
    return true;
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return false;
    throw err;
  }
}

async function removeQuietly(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch {
    // already gone (or its folder is): nothing of ours is left there
  }
}

/** Flushes the folder entry of a rename where the OS allows it (POSIX); Windows cannot open folders. */
export async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort: the file's own bytes were already flushed
  }
}

/** Gives `temp` the name `target` unless that name exists; false when it does. */
async function claimName(temp: string, target: string): Promise<boolean> {
  try {
    await link(temp, target);
    await unlink(temp);
    return true;
  } catch (err) {
    if (errnoOf(err) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EINVAL', 'EXDEV', 'EMLINK'].includes(errnoOf(err))) throw err;
  }
  // No hard links on this file system.
  if (await exists(target)) return false;
  await rename(temp, target);
  return true;
}

export interface WriteNewFileOptions {
  /**
   * Flush the folder entry before returning (default). A batch writing many files into one folder passes
   * false and calls `syncFolder` once after the last file, before it records any of them: each file's own
   * bytes are still flushed before it gets its name.
   */
  syncFolder?: boolean;
}

/**
 * Writes `bytes` as `<folder>/<stem><ext>` or, if taken, `<stem>-2<ext>` …; returns the path written.
 * On failure nothing of this call is left in the folder.
 */
export async function writeNewFile(folder: string, stem: string, ext: string, bytes: Uint8Array, opts: WriteNewFileOptions = {}): Promise<string> {
  const temp = path.join(folder, `.~${stem}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (let n = 1; n <= MAX_ATTEMPTS; n += 1) {
      const target = path.join(folder, `${n === 1 ? stem : `${stem}-${n}`}${ext}`);
      if (await claimName(temp, target)) {
        if (opts.syncFolder ?? true) await syncFolder(folder);
        return target;
      }
    }
    throw new Error(`no free file name for ${stem}${ext} after ${MAX_ATTEMPTS} attempts`);
  } finally {
    await removeQuietly(temp);
  }
}

export { removeQuietly as removeFileQuietly };
