/**
 * When a sync writes the shared file back, and when it leaves it as it was (sync.ts sharedFileNeedsNothing):
 * a shared file that already holds every change of this ledger is not rewritten, backed up or read back — the
 * usual automatic sync while only the others edit. Everything the shared file's other users would miss is still
 * written: new changes of ours, the device id an open gave it, a WAL beside it folded into one clean file.
 */
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LedgerDbError } from '../../../db/errors';
import { FULL_CHECK_AT_OPEN_MAX_BYTES } from '../../../db/file-check';
import { ledgerDigest } from '../../../db/sync/merge';
import { listBackups } from '../../../electron/services/sharing/backups';
import { listSharedBackups, readSharedLink } from '../../../electron/services/sharing/sync';
import { smashPage } from '../db/fixtures';
import { addTask, integrityOf, leftoversBeside, officeWithSharedLedger, renameTask, sha256, syncWorking, withFile } from './helpers';

describe('writing the shared file back', () => {
  it('leaves the shared file as it was when it holds every change of ours, and writes it again once we have one', async () => {
    const { shared, a, b, unitA: unit, common } = await officeWithSharedLedger();

    // B's first sync with this file: nothing new on either side, but B has never merged with it — written.
    const first = await syncWorking(b, shared);
    expect(first.report.received).toBe(0);
    expect(first.sharedBackup && existsSync(first.sharedBackup)).toBe(true);
    expect(first.sharedHash).toBe(sha256(shared));

    // A edits and syncs: the shared file gets A's changes.
    a.time.advance(30);
    const fromA = await addTask(a, unit, '常务会-2', '推进城区老旧小区改造');
    await renameTask(a, common, '104国道改线政策处理（A 改）');
    expect((await syncWorking(a, shared)).sharedBackup).not.toBeNull();

    // B only takes A's changes: the shared file already has everything of B's and stays byte for byte as it was.
    const before = sha256(shared);
    const backupsBefore = listSharedBackups(shared);
    const steps: string[] = [];
    const taking = await syncWorking(b, shared, { onProgress: (step: string) => steps.push(step) });
    expect(taking.mode).toBe('merged');
    expect(taking.report.byTable.tasks).toEqual({ added: 1, changed: 1, deleted: 0 });
    expect(taking.report.fromOperators).toEqual(['张三']);
    expect(taking.sharedBackup).toBeNull();
    expect(taking.sharedHash).toBeNull();
    expect(steps).toEqual(['lock', 'copy', 'check', 'backup', 'merge', 'done']);
    expect(sha256(shared)).toBe(before);
    expect(listSharedBackups(shared)).toEqual(backupsBefore);
    expect(leftoversBeside(shared)).toEqual([]);
    // B holds what the shared file holds; 撤销本次同步 still has the backup from before B took A's changes.
    expect(withFile(shared, (db) => ledgerDigest(db))).toEqual(ledgerDigest(b.ctx.ledger.sqlite));
    expect(taking.backupOfWorking && existsSync(taking.backupOfWorking)).toBe(true);
    const titleOf = (db: BetterSqlite3.Database, id: string) => (db.prepare('SELECT title FROM tasks WHERE id = ?').get(id) as { title: string } | undefined)?.title;
    expect(titleOf(b.ctx.ledger.sqlite, fromA)).toBe('推进城区老旧小区改造');

    // B edits: the next sync writes the shared file again, keeping the previous one beside it.
    b.time.advance(60);
    await renameTask(b, common, '104国道改线政策处理（B 随后又改）');
    const giving = await syncWorking(b, shared);
    expect(giving.sharedBackup && existsSync(giving.sharedBackup)).toBe(true);
    expect(sha256(giving.sharedBackup!)).toBe(before);
    expect(giving.sharedHash).toBe(sha256(shared));
    expect(withFile(shared, (db) => titleOf(db, common))).toBe('104国道改线政策处理（B 随后又改）');

    // And A, taking B's rename, leaves it as it is; all three agree.
    const last = sha256(shared);
    expect((await syncWorking(a, shared)).sharedHash).toBeNull();
    expect(sha256(shared)).toBe(last);
    expect(ledgerDigest(a.ctx.ledger.sqlite)).toEqual(ledgerDigest(b.ctx.ledger.sqlite));
    expect(withFile(shared, (db) => ledgerDigest(db))).toEqual(ledgerDigest(a.ctx.ledger.sqlite));

    // Nobody edits: a sync finds nothing new on either side — no backup, no merge, nothing written anywhere.
    const digestB = ledgerDigest(b.ctx.ledger.sqlite);
    const backupsOfB = listBackups(b.file).length;
    const idleSteps: string[] = [];
    const idle = await syncWorking(b, shared, { onProgress: (step: string) => idleSteps.push(step) });
    expect(idleSteps).toEqual(['lock', 'copy', 'check', 'done']);
    expect(idle.mode).toBe('merged');
    expect(idle.report.received).toBe(0);
    expect(idle.backupOfWorking).toBeNull(); // nothing to undo
    expect(idle.sharedBackup).toBeNull();
    expect(sha256(shared)).toBe(last);
    expect(listBackups(b.file)).toHaveLength(backupsOfB);
    expect(ledgerDigest(b.ctx.ledger.sqlite)).toEqual(digestB);
    expect(readSharedLink(b.ctx.ledger.sqlite)?.lastSync?.received).toBe(0); // the status bar still says when
    expect(leftoversBeside(shared)).toEqual([]);

    // The next edit is merged and written as usual.
    a.time.advance(90);
    const later = await addTask(a, unit, '常务会-3', '完成街道综合服务中心建设');
    const after = await syncWorking(a, shared);
    expect(after.backupOfWorking).not.toBeNull();
    expect(after.sharedBackup).not.toBeNull();
    expect(withFile(shared, (db) => titleOf(db, later))).toBe('完成街道综合服务中心建设');
    expect((await syncWorking(b, shared)).report.byTable.tasks).toEqual({ added: 1, changed: 0, deleted: 0 });
  });

  it('writes a shared file with a WAL beside it back as one clean file, though nothing of ours is new', async () => {
    const { root, shared, a } = await officeWithSharedLedger();
    await syncWorking(a, shared); // A has merged with this file before: only the WAL can call for a write
    // Someone opened the shared file in place and left a WAL beside it (a crash image: file and WAL as they were).
    const image = path.join(root, 'image.db');
    const inPlace = new BetterSqlite3(shared);
    try {
      inPlace.pragma('journal_mode = WAL');
      inPlace.pragma('wal_autocheckpoint = 0');
      inPlace.prepare(`INSERT INTO local_meta (key, value) VALUES ('opened_in_place', '1')`).run();
      copyFileSync(shared, image);
      copyFileSync(`${shared}-wal`, `${image}-wal`);
    } finally {
      inPlace.close();
    }
    copyFileSync(image, shared);
    copyFileSync(`${image}-wal`, `${shared}-wal`);

    const result = await syncWorking(a, shared);
    expect(result.report.received).toBe(0);
    expect(result.sharedBackup && existsSync(`${result.sharedBackup}-wal`)).toBe(true);
    expect(existsSync(`${shared}-wal`)).toBe(false);
    expect(readFileSync(shared).subarray(18, 20)).toEqual(Buffer.from([1, 1])); // rollback-journal mode again
    expect(result.sharedHash).toBe(sha256(shared));
    expect(existsSync(`${shared}-shm`)).toBe(false);
  });
});

/** Makes the shared file larger than what openLedger checks page by page: a table of filler rows the app never reads. */
function inflate(shared: string): void {
  const db = new BetterSqlite3(shared, { fileMustExist: true });
  try {
    db.exec('CREATE TABLE filler (body BLOB NOT NULL)');
    const insert = db.prepare('INSERT INTO filler (body) VALUES (randomblob(1048576))');
    db.transaction(() => {
      for (let i = 0; i < 34; i += 1) insert.run();
    })();
  } finally {
    db.close();
  }
  expect(statSync(shared).size).toBeGreaterThan(FULL_CHECK_AT_OPEN_MAX_BYTES);
}

describe('a shared file larger than the page check at open (its copy is switched to WAL unflushed)', () => {
  it('syncs both ways and is written back as one clean rollback-journal file', async () => {
    const { shared, a, b, unitA: unit } = await officeWithSharedLedger();
    inflate(shared);
    a.time.advance(30);
    const fromA = await addTask(a, unit, '常务会-2', '推进城区老旧小区改造');
    const result = await syncWorking(a, shared);
    expect(result.mode).toBe('merged');
    expect(result.sharedHash).toBe(sha256(shared));
    expect(readFileSync(shared).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    expect(withFile(shared, integrityOf)).toBe('ok');
    expect(withFile(shared, (db) => ledgerDigest(db))).toEqual(ledgerDigest(a.ctx.ledger.sqlite));
    expect(leftoversBeside(shared)).toEqual([]);
    const taken = await syncWorking(b, shared);
    expect(taken.report.byTable.tasks).toEqual({ added: 1, changed: 0, deleted: 0 });
    expect(b.ctx.ledger.sqlite.prepare('SELECT title FROM tasks WHERE id = ?').pluck().get(fromA)).toBe('推进城区老旧小区改造');
  });

  it('refuses a large damaged or foreign shared file by its own name, leaving it byte for byte as it was', async () => {
    const { root, shared, a } = await officeWithSharedLedger();
    inflate(shared);
    const damaged = path.join(root, 'share', '损坏的共享台账.db');
    copyFileSync(shared, damaged);
    const tasksRoot = withFile(damaged, (db) => db.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'tasks'`).pluck().get() as number);
    smashPage(damaged, tasksRoot);
    const foreign = path.join(root, 'share', '别的软件.db');
    copyFileSync(shared, foreign);
    const other = new BetterSqlite3(foreign, { fileMustExist: true });
    other.pragma('application_id = 1234');
    other.close();

    for (const [file, code] of [
      [damaged, 'db_corrupt'],
      [foreign, 'db_foreign'],
    ] as const) {
      const before = sha256(file);
      const error = await syncWorking(a, file).catch((e: unknown) => e);
      expect(error, file).toBeInstanceOf(LedgerDbError);
      expect((error as LedgerDbError).code).toBe(code);
      expect((error as Error).message).toContain(file);
      expect(sha256(file)).toBe(before);
      expect(leftoversBeside(file)).toEqual([]);
    }
  });
});
