/**
 * Damaged and wrong files given as the working ledger, opened the way the app and the command line open them
 * (`openAppContext`, `ledger check`): each is refused with a LedgerDbError whose Chinese message names the file,
 * and the folder is left exactly as it was — the file's SHA-256, no -wal/-shm/-journal, no backups folder, no
 * empty database in its place.
 *
 * Already covered at the `openLedger` level in tests/unit/db/connection.test.ts (not repeated here): another
 * program's database in WAL mode and without application_id, a text file, a newer version (in the file and only
 * in a leftover WAL), a file truncated to half, a smashed page, a file ending inside the header, checking without a
 * temporary copy, read-only opens, a missing file, a folder. This file adds the service and command-line paths
 * and the cases below.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerDbError } from '../../../db/errors';
import { runCli } from '../../../electron/cli/main';
import type { Channel, ChannelInput, ChannelOutput } from '../../../electron/contract/channels';
import { closeAppContext, openAppContext, type ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { handlers } from '../../../electron/services/handlers';
import { integrityOf, scratchDir, sha256 } from '../sharing/helpers';
import { changeLogProblems, folderState } from './ledger-checks';

const NOW = () => new Date(2016, 8, 20, 9, 0, 0);
/** The one task whose due date the bit-flip test damages: its text appears in the task row and in two indexes. */
const MARKED_DUE_DATE = '2016-11-27';

async function call<C extends Channel>(ctx: ServiceContext, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await dispatch(handlers, ctx, channel, input, (err) => {
    throw err;
  });
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as ChannelOutput<C>;
}

let fixtureDir = '';
/** A closed working ledger with a unit, 30 tasks and progress, written through the services. */
let fixture = '';

beforeAll(async () => {
  fixtureDir = mkdtempSync(path.join(os.tmpdir(), 'ledger-corrupt-fixture-'));
  fixture = path.join(fixtureDir, '督查台账.db');
  const ctx = openAppContext({ file: fixture, now: NOW });
  await call(ctx, 'app.setup', { operator: '张三', officeName: '绍兴市上虞区人民政府办公室', loadDemo: false });
  const unit = await call(ctx, 'units.create', { name: '区交通运输局', kind: 'department' });
  for (let i = 1; i <= 30; i += 1) {
    const detail = await call(ctx, 'tasks.create', {
      year: 2016,
      source: 'meeting',
      code: `常务会-${i}`,
      title: `第${i}项：抓紧完成104国道上虞段改线工程政策处理`,
      content: '会议要求按期办结，每月报送进展。'.repeat(4),
      assignedDate: '2016-09-20',
      dueDate: i === 17 ? MARKED_DUE_DATE : '2016-12-31',
      units: [{ unitId: unit.id, role: 'lead' }],
    });
    await call(ctx, 'progress.add', { taskId: detail.task.id, unitId: unit.id, reportDate: '2016-09-20', percent: 20, doneText: '已完成方案' });
  }
  await closeAppContext(ctx);
}, 60_000);

afterAll(() => {
  if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
});

/** A copy of the fixture in a fresh folder of its own, damaged by `damage`. */
function damagedCopy(damage: (file: string) => void, name = '督查台账.db'): string {
  const file = path.join(scratchDir('ledger-corrupt-'), name);
  copyFileSync(fixture, file);
  damage(file);
  return file;
}

function patchBytes(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

function flipBit(file: string, offset: number, mask: number): void {
  const fd = openSync(file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, offset);
    byte[0]! ^= mask;
    writeSync(fd, byte, 0, 1, offset);
  } finally {
    closeSync(fd);
  }
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * Opens `file` as the app does and expects a refusal with `code`; then the command line's `check` on it; the
 * folder must be unchanged after both. Returns the error for further checks of its message.
 */
async function expectRefused(file: string, code: LedgerDbError['code'] | LedgerDbError['code'][]): Promise<LedgerDbError> {
  const dir = path.dirname(file);
  const before = folderState(dir);
  let error: unknown = null;
  try {
    const ctx = openAppContext({ file, now: NOW });
    await closeAppContext(ctx);
  } catch (e) {
    error = e;
  }
  expect(error, `${file} should be refused`).toBeInstanceOf(LedgerDbError);
  const refusal = error as LedgerDbError;
  expect([code].flat()).toContain(refusal.code);
  expect(refusal.message).toMatch(/^[\u4e00-\u9fa5]/); // a Chinese sentence first …
  expect(refusal.message).toContain(file); // … naming the file …
  expect(refusal.message).toMatch(/已保持原样未作任何修改|文件未作任何修改/); // … and saying it was left alone
  expect(refusal.message).not.toContain('\n');
  expect(folderState(dir)).toEqual(before);

  const checked = await cli('check', '--db', file);
  expect(checked.code).toBe(1);
  expect(checked.err).toContain(refusal.message);
  if (refusal.code === 'db_corrupt') expect(checked.err).toContain('没有找到可用的备份，请联系技术人员。');
  expect(folderState(dir)).toEqual(before);
  return refusal;
}

/** The page numbers of a table's or index's b-tree, from SQLite's own page map. */
function pagesOf(file: string, name: string): number[] {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT pageno FROM dbstat WHERE name = ? ORDER BY pageno').pluck().all(name) as number[];
  } finally {
    db.close();
  }
}

function pageSizeOf(file: string): number {
  return readFileSync(file).readUInt16BE(16);
}

describe('truncated files', () => {
  it('refuses a ledger cut inside the header, at a page boundary and inside the last page', async () => {
    const size = statSync(fixture).size;
    const page = pageSizeOf(fixture);
    for (const length of [50, Math.floor(size / page / 2) * page, size - 100]) {
      const file = damagedCopy((f) => truncateSync(f, length));
      const error = await expectRefused(file, 'db_corrupt');
      expect(error.message).toContain('台账文件已损坏，未能通过完整性检查，已保持原样未作任何修改。请从备份恢复');
    }
  });
});

describe('zeroed header', () => {
  it('refuses a ledger whose first 100 bytes, or whole first page, are zeros', async () => {
    // Without the "SQLite format 3" magic the program cannot tell a wiped header from another program's file:
    // it says so (db_foreign, "不是 SQLite 数据库"); calling it damaged (db_corrupt) would be as clear.
    for (const length of [100, pageSizeOf(fixture)]) {
      const file = damagedCopy((f) => patchBytes(f, 0, Buffer.alloc(length)));
      const error = await expectRefused(file, ['db_foreign', 'db_corrupt']);
      if (error.code === 'db_foreign') expect(error.message).toContain('不是 SQLite 数据库');
    }
  });
});

describe('flipped bytes', () => {
  it('refuses a ledger with a flipped bit in the header’s page size', async () => {
    const file = damagedCopy((f) => flipBit(f, 16, 0x01));
    const error = await expectRefused(file, 'db_corrupt');
    expect(error.message).toContain('台账文件已损坏');
  });

  it('refuses a ledger with a flipped bit in a b-tree page header (tasks, change_log, an index)', async () => {
    for (const name of ['tasks', 'change_log', 'change_log_row', 'units']) {
      const file = damagedCopy(() => undefined);
      const page = pagesOf(file, name).at(-1)!;
      const offset = (page - 1) * pageSizeOf(file);
      flipBit(file, offset, 0x80); // page type 2/5/10/13 becomes an invalid one
      const error = await expectRefused(file, 'db_corrupt');
      expect(error.message).toContain('台账文件已损坏');
    }
  });

  it('a flipped bit inside a task’s data: refused at open, or opened and reported by 检查台账', async () => {
    // `quick_check`, run at every open, checks each page and row but does not compare indexes with their tables
    // (integrity_check does, at several times the cost). A due date changed in the task row only (its two indexes
    // still hold the old one) may therefore pass the open; the full check behind 检查台账 / `ledger check` finds it.
    const file = damagedCopy(() => undefined);
    const taskPages = new Set(pagesOf(file, 'tasks'));
    const pageSize = pageSizeOf(file);
    const bytes = readFileSync(file);
    const marker = Buffer.from(MARKED_DUE_DATE, 'latin1');
    let offset = bytes.indexOf(marker);
    while (offset >= 0 && !taskPages.has(Math.floor(offset / pageSize) + 1)) offset = bytes.indexOf(marker, offset + 1);
    expect(offset, 'the due date inside a tasks page').toBeGreaterThan(0);
    flipBit(file, offset + MARKED_DUE_DATE.length - 1, 0x01); // 2016-11-27 → 2016-11-26

    const before = folderState(path.dirname(file));
    let ctx: ServiceContext | null = null;
    try {
      ctx = openAppContext({ file, now: NOW });
    } catch (error) {
      expect((error as LedgerDbError).code).toBe('db_corrupt');
      expect(folderState(path.dirname(file))).toEqual(before);
      return;
    }
    const report = await call(ctx, 'app.check', {});
    await closeAppContext(ctx);
    expect(report.ok).toBe(false);
    expect(report.messages.join('\n')).toMatch(/数据文件结构：.*(tasks_live_due|tasks_year_source_due)/);
    const checked = await cli('check', '--db', file);
    expect(checked.code).toBe(1);
    expect(checked.out).toContain('检查未通过：数据库存在问题');
  });
});

describe('files that are not ledgers', () => {
  it('refuses non-SQLite files: a workbook, a PDF, random bytes', async () => {
    const dir = scratchDir('ledger-corrupt-');
    const files: [string, Buffer][] = [
      ['督查台账.xlsx', Buffer.concat([Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000', 'latin1'), Buffer.alloc(4000, 7)])],
      ['督查通知书.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'.repeat(50), 'latin1')],
      ['random.db', Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 2654435761) >>> 24))],
    ];
    for (const [name, content] of files) {
      mkdirSync(path.join(dir, name + '.d'));
      const file = path.join(dir, name + '.d', name);
      writeFileSync(file, content);
      const error = await expectRefused(file, 'db_foreign');
      expect(error.message).toContain('该文件不是督查台账数据库（可能是其他软件的文件），已保持原样未作任何修改。请选择正确的台账文件。');
    }
  });

  it('refuses another program’s SQLite files (its own application_id; none but its tables; a fresh one of its own)', async () => {
    const dir = scratchDir('ledger-corrupt-');
    const make = (name: string, applicationId: number, withTable: boolean, wal: boolean) => {
      mkdirSync(path.join(dir, name));
      const file = path.join(dir, name, 'data.sqlite');
      const db = new BetterSqlite3(file);
      if (wal) db.pragma('journal_mode = WAL');
      if (applicationId) db.pragma(`application_id = ${applicationId}`);
      if (withTable) db.exec(`CREATE TABLE invoices (no INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices (amount) VALUES (12.5), (99);`);
      else db.pragma('user_version = 3');
      db.close();
      return file;
    };
    await expectRefused(make('own-id', 0x12345678, true, true), 'db_foreign');
    await expectRefused(make('no-id', 0, true, false), 'db_foreign');
    await expectRefused(make('fresh', 0x0f0f0f0f, false, false), 'db_foreign');
  });

  it('refuses another program’s database that has a hot journal of its own, leaving both files as they are', async () => {
    // Its crash recovery belongs to that program: our check rolls back a private copy, never the file itself.
    const dir = scratchDir('ledger-corrupt-');
    const file = path.join(dir, 'other.sqlite');
    const db = new BetterSqlite3(file);
    db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`);
    const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 400; i += 1) insert.run(`记录 ${i} `.repeat(20));
    })();
    db.close();
    crashWithHotJournal(file, (crashing) => crashing.exec(`UPDATE notes SET body = body || '（已修改）'`));
    expect(statSync(`${file}-journal`).size).toBeGreaterThan(0);
    const error = await expectRefused(file, 'db_foreign');
    expect(error.message).toContain('含有其他软件的数据表');
  });

  it('refuses a ledger of a newer program version', async () => {
    const file = damagedCopy((f) => {
      const db = new BetterSqlite3(f);
      db.pragma('user_version = 99');
      db.close();
    });
    const error = await expectRefused(file, 'db_newer');
    expect(error.message).toContain('该台账由更新版本的督查台账创建（数据版本 99）');
  });
});

/**
 * Leaves `file` as a crash in the middle of a rollback-journal transaction would: `change` runs with a cache so
 * small that changed pages are written into the file before COMMIT (the originals saved in `-journal` first);
 * the file and journal are copied at that moment and put in place of the originals, and the transaction is
 * rolled back on the working copy. Returns the SHA-256 the file had before the transaction.
 */
function crashWithHotJournal(file: string, change: (db: BetterSqlite3.Database) => void): string {
  const work = path.join(mkdtempSync(path.join(os.tmpdir(), 'ledger-hot-journal-')), path.basename(file));
  try {
    copyFileSync(file, work);
    const db = new BetterSqlite3(work);
    db.pragma('journal_mode = DELETE');
    const original = sha256(work);
    db.pragma('cache_size = 10');
    db.exec('BEGIN');
    change(db);
    copyFileSync(work, file);
    copyFileSync(`${work}-journal`, `${file}-journal`);
    db.exec('ROLLBACK');
    db.close();
    expect(sha256(file), 'the transaction spilled changed pages into the file').not.toBe(original);
    return original;
  } finally {
    rmSync(path.dirname(work), { recursive: true, force: true });
  }
}

describe('a leftover rollback journal', () => {
  it('is a crash’s hot journal: SQLite rolls it back at open and the ledger has its content from before', async () => {
    // A ledger is in WAL mode, but one in rollback-journal mode (a restored backup before its first open, an old
    // copy) can be left with a hot journal by a crash. The check reads a private copy (file + journal); the open
    // then lets SQLite roll the journal back into the file — the recovery SQLite is built for — and switches to WAL.
    const file = damagedCopy(() => undefined);
    const before = new BetterSqlite3(fixture, { readonly: true });
    const expected = before.prepare('SELECT id, title, content FROM tasks ORDER BY id').all();
    const changes = (before.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    before.close();
    crashWithHotJournal(file, (db) => {
      db.exec(`UPDATE tasks SET title = title || '（未保存的修改）', content = content || '${'补充说明'.repeat(100)}'`);
    });
    expect(existsSync(`${file}-journal`)).toBe(true);

    const ctx = openAppContext({ file, now: NOW });
    try {
      expect(existsSync(`${file}-journal`)).toBe(false);
      const sqlite = ctx.ledger.sqlite;
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(integrityOf(sqlite)).toBe('ok');
      expect(sqlite.prepare('SELECT id, title, content FROM tasks ORDER BY id').all()).toEqual(expected);
      expect((sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(changes);
      expect(changeLogProblems(sqlite)).toEqual([]);
      expect((await call(ctx, 'app.check', {})).ok).toBe(true);
    } finally {
      await closeAppContext(ctx);
    }
  });

  it('beside an empty file is refused, not replaced by a new empty ledger', async () => {
    // An empty file is normally a new ledger; with a non-empty journal beside it, it is the remains of something.
    const dir = scratchDir('ledger-corrupt-');
    const file = path.join(dir, '督查台账.db');
    writeFileSync(file, '');
    writeFileSync(`${file}-journal`, Buffer.concat([Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]), Buffer.alloc(4088, 1)]));
    const error = await expectRefused(file, 'db_corrupt');
    expect(error.message).toContain('文件只有 0 字节');
  });

  it('that is not hot (its header zeroed, as journal_mode=PERSIST leaves it) is ignored', async () => {
    const file = damagedCopy(() => undefined);
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = DELETE');
    db.close();
    writeFileSync(`${file}-journal`, Buffer.alloc(4096));
    const ctx = openAppContext({ file, now: NOW });
    try {
      expect(integrityOf(ctx.ledger.sqlite)).toBe('ok');
      expect((ctx.ledger.sqlite.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n).toBe(30);
    } finally {
      await closeAppContext(ctx);
    }
  });
});
