/** Files the connection tests open: ledgers with data, other programs' databases, damaged copies. */
import { closeSync, copyFileSync, existsSync, openSync, writeSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { openLedger, type OpenLedgerOptions } from '../../../db/connection';
import { HybridClock } from '../../../db/hlc';
import { insertRow } from '../../../db/repository';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { WriteContext } from '../../../db/repository';

export const UNIT = {
  name: '百官街道',
  short_name: '百官',
  kind: 'subdistrict',
  leader_name: '王五',
  leader_phone: '13800000000',
  director_name: '',
  director_phone: '',
  liaison_name: '',
  liaison_phone: '',
  sort_order: 1,
  active: 1,
} as const;

export const TASK = {
  year: 2016,
  source: 'work_report',
  code: '12',
  title: '推进五水共治',
  content: '完成城区截污纳管工程',
  source_ref: '2016年政府工作报告',
  source_date: '2016-02-20',
  leader: '李副区长',
  assigned_date: '2016-03-02',
  time_limit_value: null,
  time_limit_unit: null,
  due_date: '2016-12-31',
  rhythm: 'half_yearly',
  parent_id: null,
  completed_on: null,
  note: '',
} as const;

/** A unit and a task, written through the repository. */
export async function seed(db: Kysely<Database>, ctx: WriteContext): Promise<{ unitId: string; taskId: string }> {
  return db.transaction().execute(async (trx) => {
    const unitId = await insertRow(trx, ctx, 'units', { ...UNIT });
    const taskId = await insertRow(trx, ctx, 'tasks', { ...TASK });
    return { unitId, taskId };
  });
}

/** A closed ledger at the latest version holding one unit and one task. */
export async function createLedgerWithData(file: string, opts: OpenLedgerOptions = {}): Promise<void> {
  const ledger = openLedger(file, opts);
  const ctx: WriteContext = {
    clock: new HybridClock(ledger.deviceId!, () => Date.UTC(2016, 2, 2)),
    deviceId: ledger.deviceId!,
    operator: '测试',
    now: () => new Date(Date.UTC(2016, 2, 2)),
  };
  await seed(ledger.db, ctx);
  await ledger.close();
}

/** Another program's database: its own application_id (or none), its own tables. */
export function createForeignDatabase(file: string, opts: { applicationId: number; wal: boolean }): void {
  const sqlite = new BetterSqlite3(file);
  if (opts.wal) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`application_id = ${opts.applicationId}`);
  sqlite.exec(`CREATE TABLE invoices (no INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices (amount) VALUES (12.5), (99);`);
  sqlite.close();
}

/** Sets header fields of a closed ledger the way a newer program version would. */
export function setUserVersion(file: string, version: number): void {
  const sqlite = new BetterSqlite3(file, { fileMustExist: true });
  sqlite.pragma(`user_version = ${version}`);
  sqlite.close();
}

/** Overwrites one whole database page with garbage. */
export function smashPage(file: string, page: number, pageSize = 4096): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, pageSize * (page - 1));
  } finally {
    closeSync(fd);
  }
}

/** Copies a database and its -wal/-shm as they are right now: what a crash would leave on disk. */
export function copyAsCrashImage(file: string, target: string): void {
  copyFileSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) copyFileSync(file + suffix, target + suffix);
  }
}

/**
 * A closed ledger with a table of filler rows the program never reads (400 rows, dozens of pages), and the page
 * number of that table's last leaf: damage there is found only by a check that reads every page.
 */
export async function ledgerWithFiller(file: string): Promise<{ lastLeaf: number }> {
  await createLedgerWithData(file);
  const sqlite = new BetterSqlite3(file, { fileMustExist: true });
  try {
    sqlite.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = sqlite.prepare('INSERT INTO filler (body) VALUES (?)');
    sqlite.transaction(() => {
      for (let i = 0; i < 400; i += 1) insert.run(`第${i}行：${'抓紧完成104国道上虞段改线工程政策处理。'.repeat(12)}`);
    })();
    const leaves = sqlite.prepare("SELECT pageno FROM dbstat WHERE name = 'filler' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    if (leaves.length <= 10) throw new Error(`filler table too small to hide damage: ${leaves.length} leaves`);
    return { lastLeaf: leaves[leaves.length - 1]! };
  } finally {
    sqlite.close();
  }
}
