/**
 * Ledgers for the merge tests that live in memory: made from one migrated template (serialize/deserialize is
 * far cheaper than running the migrations), each with its own device id, clock and repository context, so a
 * property test can make thousands of them.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { HybridClock } from '../../../db/hlc';
import { DEVICE_ID_KEY, writeLocalMeta } from '../../../db/local-meta';
import { runMigrations } from '../../../db/migrate';
import { MIGRATIONS } from '../../../db/migrations/index';
import type { NewRow, WriteContext } from '../../../db/repository';
import type { Database } from '../../../db/schema';
import { withStatementCache } from '../../../db/statement-cache';
import { mergeInto, type MergeReport } from '../../../db/sync/merge';
import { prepared } from '../../../db/sync/statements';
import type { ManualTime } from '../db/helpers';

let template: Buffer | null = null;

function migratedTemplate(): Buffer {
  if (!template) {
    const sqlite = new BetterSqlite3(':memory:');
    runMigrations(sqlite, MIGRATIONS);
    template = sqlite.serialize();
    sqlite.close();
  }
  return template;
}

export interface Machine {
  name: string;
  sqlite: BetterSqlite3.Database;
  db: Kysely<Database>;
  ctx: WriteContext;
  time: ManualTime;
}

/** Opens a byte-for-byte copy (an in-memory database) of `sqlite`, for trying merges without touching it. */
export function cloneDatabase(sqlite: BetterSqlite3.Database): BetterSqlite3.Database {
  const copy = new BetterSqlite3(sqlite.serialize());
  copy.pragma('foreign_keys = ON');
  return copy;
}

/** A fresh, empty, migrated ledger in memory written by `deviceId` as `operator`, its wall clock `time`. */
export function memoryMachine(name: string, deviceId: string, operator: string, time: ManualTime): Machine {
  const sqlite = new BetterSqlite3(migratedTemplate());
  sqlite.pragma('foreign_keys = ON');
  writeLocalMeta(sqlite, DEVICE_ID_KEY, deviceId);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const ctx: WriteContext = { clock: new HybridClock(deviceId, time.wall), deviceId, operator, now: time.date };
  return { name, sqlite, db, ctx, time };
}

/** What the app does around a merge: merge, then let its running clock take in the merged stamps. */
export function syncInto(target: Machine, source: Machine): MergeReport {
  const report = mergeInto(target.sqlite, source.sqlite, { sourcePeerId: source.ctx.deviceId, now: target.time.date() });
  // As the app does (highestKnownHlc); the newest change is enough here, and a kept statement is cheaper.
  const highest = prepared(target.sqlite, 'SELECT max(hlc) FROM change_log', 'pluck').get() as string | null;
  if (highest) target.ctx.clock.observe(highest);
  return report;
}

/** Both ways, as a sync with a shared file does. */
export function exchange(a: Machine, b: Machine): void {
  syncInto(a, b);
  syncInto(b, a);
}

export function changeIds(sqlite: BetterSqlite3.Database): string[] {
  return sqlite.prepare('SELECT id FROM change_log ORDER BY id').pluck().all() as string[];
}

/** Complete rows for the repository (its types ask for every column without a database default). */
export const rows = {
  unit: (name = '区水利局'): NewRow<'units'> => ({
    name, short_name: '', kind: 'department', leader_name: '', leader_phone: '', director_name: '', director_phone: '',
    liaison_name: '', liaison_phone: '', sort_order: 0, active: 1,
  }),
  task: (title = '河道清淤'): NewRow<'tasks'> => ({
    year: 2016, source: 'meeting', code: '1', title, content: '', source_ref: '', source_date: '', leader: '',
    assigned_date: '2016-06-01', time_limit_value: null, time_limit_unit: null, due_date: '2016-12-31', rhythm: 'deadline',
    parent_id: null, completed_on: null, note: '',
  }),
  taskUnit: (taskId: string, unitId: string): NewRow<'task_units'> => ({
    task_id: taskId, unit_id: unitId, role: 'lead', contact_person: '', contact_phone: '', completed_on: null,
  }),
  milestone: (taskId: string): NewRow<'milestones'> => ({ task_id: taskId, label: '一季度', due_date: '2016-03-31', planned_percent: 20, description: '' }),
  report: (taskId: string, unitId: string, percent: number): NewRow<'progress_reports'> => ({
    task_id: taskId, unit_id: unitId, period: '2016-06', report_date: '2016-07-04', percent, stage: '', done_text: '', problems: '',
    next_steps: '', no_change: 0, reporter: '',
  }),
  document: (title: string, number: string | null): NewRow<'documents'> => ({
    type: 'urge_notice', year: 2016, number_prefix: number === null ? null : '虞政办督', seq: null, number, status: 'signed', title,
    recipients: '[]', unit_ids: '[]', task_ids: '[]', request: '{}', model: '{}', file_stem: '', drafter: '',
    drafted_at: '2016-07-05T02:00:00.000Z', submitted_at: null, signer: null, signed_on: null, supersedes_id: null,
    cancelled_reason: null, cancelled_at: null,
  }),
  holiday: (date: string, kind: string, note: string): NewRow<'holiday_overrides'> => ({ date, kind, note }),
};
