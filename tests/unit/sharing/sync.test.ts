import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../db/connection';
import { LedgerDbError } from '../../../db/errors';
import { readLocalMeta } from '../../../db/local-meta';
import { ledgerDigest } from '../../../db/sync/merge';
import { SharingError } from '../../../electron/services/sharing/errors';
import { LockHeldError, lockPathOf } from '../../../electron/services/sharing/lock';
import { describeMergeReport } from '../../../electron/services/sharing/summary';
import {
  createWorkingCopyFrom,
  exportSharedLedger,
  listSharedBackups,
  readSharedLink,
  undoSync,
  type SyncStep,
} from '../../../electron/services/sharing/sync';
import {
  addTask,
  addUnit,
  deleteTask,
  integrityOf,
  leftoversBeside,
  officeWithSharedLedger,
  openWorking,
  renameTask,
  sha256,
  startChild,
  syncWorking,
  TestTime,
  withFile,
  type Working,
} from './helpers';

function digestOfFile(file: string): Record<string, string> {
  return withFile(file, (db) => ledgerDigest(db));
}

describe('a shared ledger between two PCs', () => {
  it('exports, opens a working copy, syncs both ways and ends with A, B and the shared file identical', async () => {
    const { shared, a, b, unitA, common } = await officeWithSharedLedger();
    expect(b.ctx.write.deviceId).not.toBe(a.ctx.write.deviceId);
    const sharedId = withFile(shared, (db) => readLocalMeta(db, 'device_id'));
    expect([a.ctx.write.deviceId, b.ctx.write.deviceId]).not.toContain(sharedId);
    expect(withFile(shared, (db) => readLocalMeta(db, 'operator'))).toBeNull(); // A's officer stays on A
    expect(readSharedLink(b.ctx.ledger.sqlite)?.sharedPath).toBe(shared);

    // Both edit: new tasks on each side, the same field on both, a delete on B.
    a.time.advance(30);
    b.time.advance(31);
    const onlyA = await addTask(a, unitA, '常务会-2', '推进城区老旧小区改造');
    const unitB = await addUnit(b, '百官街道');
    const onlyB = await addTask(b, unitB, '常务会-3', '完成街道综合服务中心建设');
    const doomed = await addTask(b, unitB, '常务会-4', '临时事项（稍后删除）');
    await renameTask(a, common, '104国道改线政策处理（A 改）');
    await renameTask(b, common, '104国道改线政策处理（B 改）');
    await deleteTask(b, doomed);

    const first = await syncWorking(a, shared);
    expect(first.mode).toBe('merged');
    expect(first.attempts).toBe(1);
    const second = await syncWorking(b, shared);
    expect(second.report.received).toBeGreaterThan(0);
    expect(second.report.fromOperators).toContain('张三');
    // The one concurrent differing edit (the same title on both) is the one conflict, recorded once for everyone.
    expect(second.report.conflicts).toBe(1);
    expect(describeMergeReport(second.report)).toMatch(/新增 \d+ 条/);
    // A takes B's changes; the shared file already holds all of A's, so it is left byte for byte as it was.
    const sharedBeforeThird = sha256(shared);
    const third = await syncWorking(a, shared);
    expect(third.report.fromOperators).toContain('李四');
    expect(third.sharedBackup).toBeNull();
    expect(third.sharedHash).toBeNull();
    expect(sha256(shared)).toBe(sharedBeforeThird);

    const digestA = ledgerDigest(a.ctx.ledger.sqlite);
    expect(ledgerDigest(b.ctx.ledger.sqlite)).toEqual(digestA);
    expect(digestOfFile(shared)).toEqual(digestA);
    const conflictCount = (db: BetterSqlite3.Database) => (db.prepare('SELECT count(*) AS n FROM conflicts').get() as { n: number }).n;
    expect([conflictCount(a.ctx.ledger.sqlite), conflictCount(b.ctx.ledger.sqlite), withFile(shared, conflictCount)]).toEqual([1, 1, 1]);
    const titles = (w: Working) =>
      (w.ctx.ledger.sqlite.prepare('SELECT id, title, deleted_hlc FROM tasks ORDER BY id').all() as { id: string; title: string; deleted_hlc: string | null }[]);
    const rows = titles(a);
    expect(rows.map((r) => r.id).sort()).toEqual([common, onlyA, onlyB, doomed].sort());
    expect(rows.find((r) => r.id === doomed)?.deleted_hlc).not.toBeNull();
    // B's edit came later on the clock: it wins everywhere.
    expect(rows.find((r) => r.id === common)?.title).toBe('104国道改线政策处理（B 改）');

    // Protocol leftovers: none; the shared file is a rollback-journal file that passes integrity_check.
    expect(leftoversBeside(shared)).toEqual([]);
    expect(readFileSync(shared).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    expect(withFile(shared, integrityOf)).toBe('ok');
    expect(listSharedBackups(shared)).toHaveLength(2); // the syncs that rewrote it: A's first and B's
    expect(first.sharedBackup && existsSync(first.sharedBackup)).toBe(true);
    expect(first.backupOfWorking && existsSync(first.backupOfWorking)).toBe(true);
    expect(readSharedLink(a.ctx.ledger.sqlite)?.lastSync?.fromOperators).toContain('李四');
  });

  it('undoes a sync by restoring the working database from the backup taken just before it', async () => {
    const { shared, a, b, unitA } = await officeWithSharedLedger();
    await addTask(a, unitA, '常务会-2', '推进城区老旧小区改造');
    await syncWorking(a, shared);
    const before = ledgerDigest(b.ctx.ledger.sqlite);
    const result = await syncWorking(b, shared);
    expect(ledgerDigest(b.ctx.ledger.sqlite)).not.toEqual(before);

    await b.close();
    const undone = undoSync(b.file, result.backupOfWorking!, { now: b.time.now });
    expect(undone.previousSetAside && existsSync(undone.previousSetAside)).toBe(true);
    const reopened = await openWorking(b.file, null, b.time);
    expect(ledgerDigest(reopened.ctx.ledger.sqlite)).toEqual(before);
    // The synced state was set aside, not lost.
    expect(digestOfFile(undone.previousSetAside!)).toEqual(ledgerDigest(a.ctx.ledger.sqlite));
  });

  it('starts again when the shared file changes between copy and replace, overwriting nothing unseen', async () => {
    const { root, shared, a, b } = await officeWithSharedLedger();
    // C stands for a program that ignores the lock: it writes a new whole shared file while A syncs.
    const intruderShared = path.join(root, 'elsewhere', '共享台账.db');
    mkdirSync(path.dirname(intruderShared));
    copyFileSync(shared, intruderShared);
    const unitB = await addUnit(b, '曹娥街道');
    const fromB = await addTask(b, unitB, '常务会-9', '曹娥江沿岸整治');
    await syncWorking(b, intruderShared);

    await addTask(a, (await a.ok('units.list', { includeInactive: true }))[0]!.id, '常务会-5', 'A 在同步期间的新事项');
    let swapped = false;
    const result = await syncWorking(a, shared, {
      onProgress: (step: SyncStep) => {
        if (step === 'replace' && !swapped) {
          swapped = true;
          copyFileSync(intruderShared, shared);
        }
      },
    });
    expect(result.attempts).toBe(2);
    const ids = (db: BetterSqlite3.Database) => (db.prepare('SELECT id FROM tasks').all() as { id: string }[]).map((r) => r.id);
    expect(ids(a.ctx.ledger.sqlite)).toContain(fromB);
    expect(withFile(shared, ids)).toContain(fromB);
    expect(digestOfFile(shared)).toEqual(ledgerDigest(a.ctx.ledger.sqlite));
    expect(leftoversBeside(shared)).toEqual([]);
  });

  it('gives up with a clear message when the shared file keeps changing, leaving the last outside write in place', async () => {
    const { root, shared, a } = await officeWithSharedLedger();
    const versions = [0, 1, 2].map((n) => {
      const file = path.join(root, `intruder-${n}.db`);
      copyFileSync(shared, file);
      const db = new BetterSqlite3(file);
      db.prepare("UPDATE local_meta SET value = ? WHERE key = 'device_id'").run(`0190000${n}-0000-7000-8000-000000000000`);
      db.close();
      return file;
    });
    let round = 0;
    const error = await syncWorking(a, shared, {
      onProgress: (step: SyncStep) => {
        if (step === 'replace') copyFileSync(versions[round++]!, shared);
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SharingError);
    expect((error as SharingError).code).toBe('shared_changed');
    expect((error as Error).message).toContain('反复修改');
    expect(sha256(shared)).toBe(sha256(versions[2]!));
    expect(leftoversBeside(shared)).toEqual([]);
  });

  it('cancels at a safe point and leaves the shared file untouched', async () => {
    const { shared, a, unitA } = await officeWithSharedLedger();
    await addTask(a, unitA, '常务会-6', '取消测试事项');
    const before = sha256(shared);
    const controller = new AbortController();
    const error = await syncWorking(a, shared, {
      signal: controller.signal,
      onProgress: (step) => {
        if (step === 'verify') controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((error as SharingError).code).toBe('cancelled');
    expect((error as Error).message).toContain('共享台账未作任何修改');
    expect(sha256(shared)).toBe(before);
    expect(leftoversBeside(shared)).toEqual([]);
  });
});

describe('a shared file with a journal beside it', () => {
  it('merges what only the WAL beside the shared file holds, and moves that WAL along with the backup', async () => {
    const { root, shared, a, unitA } = await officeWithSharedLedger();
    // Someone opened the shared file in place (an old version, a database tool) and left a WAL behind:
    // the task they added is only in the -wal file.
    const c = await openWorking(path.join(root, 'pc-c', '督查台账.db'), '王五', new TestTime(a.time.ms + 90_000));
    await syncWorking(c, shared);
    const inWal = await addTask(c, unitA, '常务会-10', '只在日志文件里的事项');
    copyFileSync(c.file, shared);
    copyFileSync(`${c.file}-wal`, `${shared}-wal`);
    const mainOnly = path.join(root, 'main-only.db');
    copyFileSync(shared, mainOnly);
    const seenWithoutWal = withFile(mainOnly, (db) => {
      try {
        return db.prepare('SELECT 1 FROM tasks WHERE id = ?').get(inWal) !== undefined;
      } catch {
        return false; // not even the tables are checkpointed into the main file yet
      }
    });
    expect(seenWithoutWal).toBe(false);

    const result = await syncWorking(a, shared);
    const ids = (a.ctx.ledger.sqlite.prepare('SELECT id FROM tasks').all() as { id: string }[]).map((r) => r.id);
    expect(ids).toContain(inWal);
    expect(existsSync(`${shared}-wal`)).toBe(false);
    expect(existsSync(`${result.sharedBackup}-wal`)).toBe(true);
    expect(withFile(shared, integrityOf)).toBe('ok');
    expect(digestOfFile(shared)).toEqual(ledgerDigest(a.ctx.ledger.sqlite));
  });

  it('refuses to sync the working database with itself', async () => {
    const { a } = await officeWithSharedLedger();
    const error = await syncWorking(a, a.file).catch((e: unknown) => e);
    expect((error as SharingError).code).toBe('same_file');
  });
});

describe('refusals leave the shared file byte for byte as it was', () => {
  async function refusal(prepare: (shared: string, good: string) => void): Promise<{ error: unknown; shared: string; before: string; working: Working }> {
    const { root, shared, a } = await officeWithSharedLedger();
    const target = path.join(root, 'share', '坏文件.db');
    prepare(target, shared);
    const before = sha256(target);
    const workingBefore = ledgerDigest(a.ctx.ledger.sqlite);
    const error = await syncWorking(a, target).catch((e: unknown) => e);
    expect(sha256(target)).toBe(before);
    expect(leftoversBeside(target)).toEqual([]);
    expect(ledgerDigest(a.ctx.ledger.sqlite)).toEqual(workingBefore);
    return { error, shared: target, before, working: a };
  }

  it('refuses another program’s SQLite file', async () => {
    const { error, shared } = await refusal((file) => {
      const db = new BetterSqlite3(file);
      db.pragma('application_id = 1234');
      db.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('会议纪要')");
      db.close();
    });
    expect(error).toBeInstanceOf(LedgerDbError);
    expect((error as LedgerDbError).code).toBe('db_foreign');
    expect((error as Error).message).toContain(shared);
    expect((error as Error).message).not.toContain('round-');
  });

  it('refuses a shared ledger written by a newer version', async () => {
    const { error } = await refusal((file, good) => {
      copyFileSync(good, file);
      const db = new BetterSqlite3(file);
      db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
      db.close();
    });
    expect((error as LedgerDbError).code).toBe('db_newer');
    expect((error as Error).message).toContain('更新版本');
  });

  it('refuses a truncated shared ledger as damaged', async () => {
    const { error } = await refusal((file, good) => {
      copyFileSync(good, file);
      truncateSync(file, Math.floor(readFileSync(file).length / 2));
    });
    expect((error as LedgerDbError).code).toBe('db_corrupt');
    expect((error as Error).message).toContain('共享台账文件已损坏');
    expect((error as Error).message).toContain('.bak');
  });

  it('refuses a text file that is not a database', async () => {
    const { error } = await refusal((file) => writeFileSync(file, '这不是数据库，而是一份会议纪要。'.repeat(100)));
    expect((error as LedgerDbError).code).toBe('db_foreign');
  });

  it('refuses a read-only shared folder with a clear message', async () => {
    const { root, shared, a, unitA } = await officeWithSharedLedger();
    await addTask(a, unitA, '常务会-7', '只读测试');
    const before = sha256(shared);
    if (os.userInfo().uid !== 0) {
      chmodSync(path.dirname(shared), 0o555);
      try {
        const error = await syncWorking(a, shared).catch((e: unknown) => e);
        expect((error as SharingError).code).toBe('shared_unreachable');
        expect((error as Error).message).toContain('只读或没有写入权限');
      } finally {
        chmodSync(path.dirname(shared), 0o755);
      }
    } else {
      // Folder permissions do not bind root: the sync runs in a child process as the unprivileged `nobody`,
      // owning its working ledger but not the shared folder.
      await a.close();
      chmodSync(root, 0o755);
      for (const entry of [path.dirname(a.file), a.file, ...readdirSync(path.dirname(a.file)).map((f) => path.join(path.dirname(a.file), f))]) {
        chownSync(entry, 65534, 65534);
      }
      const child = await startChild('sync-runner', [a.file, shared, path.join(path.dirname(a.file), 'tmp'), '0'], { uid: 65534, gid: 65534 });
      expect(await child.exited).toBe(1);
      expect(child.stderr()).toContain('只读或没有写入权限');
    }
    expect(sha256(shared)).toBe(before);
    expect(leftoversBeside(shared)).toEqual([]);
  });

  it('does not create a missing shared file for an automatic sync, and export refuses an existing file', async () => {
    const { root, shared, a } = await officeWithSharedLedger();
    const missing = path.join(root, 'share', '不存在.db');
    const error = await syncWorking(a, missing, { allowCreate: false }).catch((e: unknown) => e);
    expect((error as SharingError).code).toBe('shared_unreachable');
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(lockPathOf(missing))).toBe(false);

    const before = sha256(shared);
    const refused = await exportSharedLedger({
      workingDb: a.ctx.ledger.sqlite,
      workingPath: a.file,
      targetPath: shared,
      tempDir: path.join(root, 'tmp'),
    }).catch((e: unknown) => e);
    expect((refused as SharingError).code).toBe('target_exists');
    expect(sha256(shared)).toBe(before);

    const again = await createWorkingCopyFrom(shared, a.file, { tempDir: path.join(root, 'tmp') }).catch((e: unknown) => e);
    expect((again as SharingError).code).toBe('target_exists');
  });
});

describe('the lock, with another process holding it', () => {
  it('refuses while another PC holds the lock, naming it and since when, and syncs once it is released', async () => {
    const { shared, a, unitA } = await officeWithSharedLedger();
    await addTask(a, unitA, '常务会-8', '锁定测试');
    const startedAt = new Date(a.time.ms - 5 * 60_000);
    const holder = await startChild('lock-holder', [shared, '张三', 'PC-07', startedAt.toISOString()]);
    await holder.waitFor(/^locked/);
    const before = sha256(shared);

    const error = await syncWorking(a, shared).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as LockHeldError).code).toBe('lock_held');
    const hm = `${String(startedAt.getHours()).padStart(2, '0')}:${String(startedAt.getMinutes()).padStart(2, '0')}`;
    expect((error as Error).message).toContain(`共享台账正被 PC-07（张三）同步，开始于 ${hm}`);
    // Not stale (another host, recent): even a confirmed break is refused.
    const forced = await syncWorking(a, shared, { breakStaleLock: true }).catch((e: unknown) => e);
    expect((forced as LockHeldError).code).toBe('lock_held');
    expect(sha256(shared)).toBe(before);

    holder.process.stdin!.end();
    await holder.waitFor(/^released/);
    await holder.exited;
    expect((await syncWorking(a, shared)).mode).toBe('merged');
  });

  it('breaks the lock of a killed process only after confirmation', async () => {
    const { shared, a, unitA } = await officeWithSharedLedger();
    await addTask(a, unitA, '常务会-8', '中断锁定测试');
    const holder = await startChild('lock-holder', [shared, '王五', '-', a.time.now().toISOString()]);
    await holder.waitFor(/^locked/);
    holder.process.kill('SIGKILL');
    await holder.exited;
    expect(existsSync(lockPathOf(shared))).toBe(true);
    const before = sha256(shared);

    const error = await syncWorking(a, shared).catch((e: unknown) => e);
    expect((error as LockHeldError).code).toBe('lock_stale');
    expect((error as Error).message).toContain(`${os.hostname()}（王五）`);
    expect((error as Error).message).toContain('该同步进程已不存在');
    expect(sha256(shared)).toBe(before);

    const result = await syncWorking(a, shared, { breakStaleLock: true });
    expect(result.brokeStaleLock?.user).toBe('王五');
    expect(digestOfFile(shared)).toEqual(ledgerDigest(a.ctx.ledger.sqlite));
    expect(existsSync(lockPathOf(shared))).toBe(false);
  });
});
