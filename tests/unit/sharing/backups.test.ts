import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../db/connection';
import {
  backupDailyIfDue,
  backupsFolderOf,
  backupWorkingDatabase,
  backupWorkingDatabaseInBackground,
  checkBackupFile,
  listBackups,
  newestGoodBackup,
  restoreFromBackup,
  setAsideDamaged,
} from '../../../electron/services/sharing/backups';
import { SharingError } from '../../../electron/services/sharing/errors';
import { ledgerWithFiller, smashPage } from '../db/fixtures';
import { addTask, addUnit, openWorking, scratchDir, sha256, TestTime, type Working } from './helpers';

function taskCount(w: Working): number {
  return (w.ctx.ledger.sqlite.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n;
}

async function ledgerWithTasks(n: number): Promise<{ w: Working; unit: string }> {
  const root = scratchDir();
  const w = await openWorking(path.join(root, 'ledger', '督查台账.db'), '张三');
  const unit = await addUnit(w, '区交通运输局');
  for (let i = 0; i < n; i += 1) await addTask(w, unit, `常务会-${i}`, `事项 ${i}`);
  return { w, unit };
}

describe('backups of the working database', () => {
  it('writes checked snapshots into the backups folder and keeps the newest N of each automatic reason', async () => {
    const { w } = await ledgerWithTasks(2);
    const time = new TestTime();
    const taken: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      taken.push(backupWorkingDatabase(w.ctx.ledger.sqlite, { workingPath: w.file, reason: 'before-sync', now: time.now(), keep: 3 }).path);
      time.advance(5);
    }
    const manual = backupWorkingDatabase(w.ctx.ledger.sqlite, { workingPath: w.file, reason: 'manual', now: time.now(), keep: 1 });
    backupWorkingDatabase(w.ctx.ledger.sqlite, { workingPath: w.file, reason: 'on-start', now: time.now(), keep: 3 });

    const listed = listBackups(w.file);
    expect(listed.filter((b) => b.kind === 'before-sync').map((b) => b.path)).toEqual(taken.slice(3).reverse());
    expect(listed.some((b) => b.path === manual.path)).toBe(true);
    expect(listed.filter((b) => b.kind === 'on-start')).toHaveLength(1);
    expect(path.dirname(manual.path)).toBe(backupsFolderOf(w.file));
    expect(path.basename(taken[5]!)).toMatch(/^督查台账\.before-sync\.20160920-092500\.db$/);
    for (const b of listed) expect(checkBackupFile(b.path).ok).toBe(true);
  });

  it('takes a consistent snapshot while the WAL holds the newest writes, without blocking the writer', async () => {
    const { w, unit } = await ledgerWithTasks(3);
    const sqlite = w.ctx.ledger.sqlite;
    // Keep the newest writes in the WAL: a reader on another connection stops checkpoints at its snapshot.
    const reader = new BetterSqlite3(w.file, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM tasks').get();
    await addTask(w, unit, '常务会-8', '只在日志文件里的事项');
    const backup = backupWorkingDatabase(sqlite, { workingPath: w.file, reason: 'manual', now: w.time.now() });
    reader.exec('COMMIT');
    reader.close();
    const copy = new BetterSqlite3(backup.path, { readonly: true });
    expect((copy.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n).toBe(taskCount(w));
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(readdirSync(path.dirname(backup.path)).filter((f) => f.endsWith('-wal') || f.endsWith('-shm'))).toEqual([]);
  });

  it('copies an automatic backup in the background while the app goes on writing, and names it only once checked', async () => {
    const { w, unit } = await ledgerWithTasks(3);
    const sqlite = w.ctx.ledger.sqlite;
    const before = taskCount(w);
    const running = backupWorkingDatabaseInBackground(sqlite, { workingPath: w.file, reason: 'on-start', now: w.time.now() });
    // The copy is under way on the thread pool: the app's own connection is free to write, and no backup is listed yet.
    await addTask(w, unit, '常务会-9', '备份进行中写入的事项');
    expect(listBackups(w.file)).toEqual([]);
    const backup = await running;
    expect(backup.kind).toBe('on-start');
    expect(listBackups(w.file).map((b) => b.path)).toEqual([backup.path]);
    expect(readdirSync(path.dirname(backup.path)).filter((f) => f.endsWith('.partial') || f.endsWith('-wal') || f.endsWith('-shm'))).toEqual([]);
    const copy = new BetterSqlite3(backup.path, { readonly: true });
    // A consistent snapshot: the tasks as of its read transaction (before or after the concurrent write, not torn).
    const copied = (copy.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n;
    expect([before, before + 1]).toContain(copied);
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    expect(taskCount(w)).toBe(before + 1);
  });

  it('removes a background backup that cannot be written, leaving nothing that looks like one', async () => {
    const { w } = await ledgerWithTasks(1);
    const folder = path.join(path.dirname(w.file), 'not-a-folder');
    writeFileSync(folder, 'a file where the backups folder should be');
    await expect(
      backupWorkingDatabaseInBackground(w.ctx.ledger.sqlite, { workingPath: w.file, reason: 'daily', now: w.time.now(), folder }),
    ).rejects.toMatchObject({ code: 'backup_invalid' });
    expect(readFileSync(folder, 'utf8')).toBe('a file where the backups folder should be');
    expect(readdirSync(path.dirname(w.file)).filter((f) => f.includes('.daily.'))).toEqual([]);
  });

  it('checks a large backup like a large ledger at open (the sync’s backup); restoring from it still reads every page', async () => {
    const root = scratchDir();
    const file = path.join(root, 'ledger', '督查台账.db');
    const { lastLeaf } = await ledgerWithFiller(file);
    // Damage in a page no structural check reads: what only a check of every page finds.
    smashPage(file, lastLeaf);
    const sqlite = new BetterSqlite3(file, { fileMustExist: true });
    try {
      const request = { workingPath: file, reason: 'before-sync' as const, now: new Date(2016, 8, 20, 9, 30) };
      // Checked page by page (the default), the snapshot is refused and removed …
      expect(() => backupWorkingDatabase(sqlite, request)).toThrow(expect.objectContaining({ code: 'backup_invalid' }) as Error);
      expect(listBackups(file)).toEqual([]);
      // … counted as large, it is kept: its pages are the working ledger's, which the daily page check reads.
      const backup = backupWorkingDatabase(sqlite, { ...request, fullCheckMaxBytes: 0 });
      expect(listBackups(file).map((b) => b.path)).toEqual([backup.path]);
      // A restore reads every page before it replaces anything, and refuses this backup.
      const target = path.join(root, 'other', '督查台账.db');
      const error = (() => {
        try {
          restoreFromBackup(backup.path, target, { now: new Date(2016, 8, 20, 10, 0) });
          return null;
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(SharingError);
      expect((error as SharingError).code).toBe('backup_invalid');
      expect((error as Error).message).toContain('该备份不能用于恢复');
      expect(existsSync(target)).toBe(false);
    } finally {
      sqlite.close();
    }
  });

  it('takes the daily backup once a day', async () => {
    const { w } = await ledgerWithTasks(1);
    const time = new TestTime();
    expect(backupDailyIfDue(w.ctx.ledger.sqlite, { workingPath: w.file, now: time.now() })).not.toBeNull();
    time.advance(60);
    expect(backupDailyIfDue(w.ctx.ledger.sqlite, { workingPath: w.file, now: time.now() })).toBeNull();
    time.advance(24 * 60);
    expect(backupDailyIfDue(w.ctx.ledger.sqlite, { workingPath: w.file, now: time.now() })).not.toBeNull();
    expect(listBackups(w.file).filter((b) => b.kind === 'daily')).toHaveLength(2);
  });

  it('restores a checked backup and keeps the file it replaces', async () => {
    const { w, unit } = await ledgerWithTasks(2);
    const backup = backupWorkingDatabase(w.ctx.ledger.sqlite, { workingPath: w.file, reason: 'manual', now: w.time.now() });
    await addTask(w, unit, '常务会-9', '备份之后的事项');
    expect(taskCount(w)).toBe(3);
    await w.close();

    const deviceBefore = w.ctx.write.deviceId;
    const result = restoreFromBackup(backup.path, w.file, { now: new Date(2016, 8, 21, 8, 0, 0) });
    expect(result.previousSetAside).toMatch(/督查台账\.replaced-20160921-080000\.db$/);
    const restored = await openWorking(w.file, null);
    expect(taskCount(restored)).toBe(2);
    // Back in time, it writes on as a new device: its old self's later changes may be in the shared file already.
    expect(restored.ctx.write.deviceId).not.toBe(deviceBefore);
    // The backup itself is untouched (a snapshot that stands alone: no WAL beside it).
    expect(existsSync(`${backup.path}-wal`)).toBe(false);
    const inBackup = new BetterSqlite3(backup.path, { readonly: true });
    expect(inBackup.prepare(`SELECT value FROM local_meta WHERE key = 'device_id'`).pluck().get()).toBe(deviceBefore);
    expect(inBackup.pragma('integrity_check', { simple: true })).toBe('ok');
    inBackup.close();
    const aside = new BetterSqlite3(result.previousSetAside!, { readonly: true });
    expect((aside.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n).toBe(3);
    aside.close();
  });

  it('refuses to replace a working database that is open, changing nothing', async () => {
    const { w } = await ledgerWithTasks(1);
    const backup = backupWorkingDatabase(w.ctx.ledger.sqlite, { workingPath: w.file, reason: 'manual', now: w.time.now() });
    const files = () => readdirSync(path.dirname(w.file)).sort();
    const before = files();
    let error: unknown = null;
    try {
      restoreFromBackup(backup.path, w.file, { now: new Date() });
    } catch (e) {
      error = e;
    }
    expect((error as SharingError).code).toBe('in_use');
    expect((error as Error).message).toContain('请先关闭后再恢复');
    expect(files()).toEqual(before);
    expect(taskCount(w)).toBe(1);
  });

  it('refuses to restore from a foreign, damaged or newer backup, leaving the working file untouched', async () => {
    const { w } = await ledgerWithTasks(1);
    const good = backupWorkingDatabase(w.ctx.ledger.sqlite, { workingPath: w.file, reason: 'manual', now: w.time.now() });
    await w.close();
    const before = sha256(w.file);
    const dir = path.dirname(good.path);

    const text = path.join(dir, 'notes.db');
    writeFileSync(text, '会议纪要'.repeat(100));
    const truncated = path.join(dir, 'truncated.db');
    copyFileSync(good.path, truncated);
    truncateSync(truncated, 4096 + 100);
    const newer = path.join(dir, 'newer.db');
    copyFileSync(good.path, newer);
    const db = new BetterSqlite3(newer);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();

    for (const [file, expected] of [
      [text, '不是督查台账'],
      [truncated, '已损坏'],
      [newer, '更新版本'],
      [path.join(dir, 'missing.db'), '不存在'],
    ] as const) {
      let error: unknown = null;
      try {
        restoreFromBackup(file, w.file, { now: new Date() });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SharingError);
      expect((error as SharingError).code).toBe('backup_invalid');
      expect((error as Error).message).toContain(expected);
      expect((error as Error).message).toContain('当前台账未作任何修改');
      expect(sha256(w.file)).toBe(before);
    }
    expect(readdirSync(path.dirname(w.file)).filter((f) => f.includes('replaced') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('sets a damaged working database aside (renamed, not deleted) and offers the newest good backup', async () => {
    const { w } = await ledgerWithTasks(3);
    const time = new TestTime();
    const older = backupWorkingDatabase(w.ctx.ledger.sqlite, { workingPath: w.file, reason: 'daily', now: time.now() });
    time.advance(60);
    const newest = backupWorkingDatabase(w.ctx.ledger.sqlite, { workingPath: w.file, reason: 'on-start', now: time.now() });
    await w.close();
    truncateSync(newest.path, 1000); // the newest backup is damaged too: the one before it is offered
    const damagedBytes = sha256(w.file);

    const result = setAsideDamaged(w.file, { now: new Date(2016, 8, 21, 8, 30, 0) });
    expect(existsSync(w.file)).toBe(false);
    expect(path.basename(result.setAside)).toBe('督查台账.damaged-20160921-083000.db');
    expect(sha256(result.setAside)).toBe(damagedBytes);
    expect(result.newestGoodBackup?.path).toBe(older.path);
    expect(newestGoodBackup(w.file)?.path).toBe(older.path);

    restoreFromBackup(result.newestGoodBackup!.path, w.file, { now: new Date() });
    const back = await openWorking(w.file, null);
    expect(taskCount(back)).toBe(3);
  });
});
