/**
 * The merge of two copies of a ledger (sharing.md, "Merge rule"): the union of their change logs, and every
 * record the new changes touch rebuilt from its log, per field the value with the highest clock.
 *
 * The caller syncs with a shared file by `mergeInto(local, sharedCopy)` then `mergeInto(sharedCopy, local)`;
 * both end identical (`ledgerDigest`). Synchronous (better-sqlite3); the target is changed in one IMMEDIATE
 * transaction and the source is read in one read transaction (a consistent snapshot), so a failure changes
 * nothing.
 *
 * How the target is changed:
 * 1. The source's change_log rows that the target lacks are copied, found per device by a high-water mark
 *    (below) so that a sync reads only what is new, not either whole log. A change the target has is not copied
 *    again (looked up by id per batch; the log's insert-once trigger would drop it anyway), and a union does not
 *    depend on order: merging is idempotent and order-independent. `complete: true` compares every change id instead (page by page, memory bounded): the
 *    caller's remedy when the two logs still differ after a sync (electron/services/sharing/sync.ts).
 * 2. Conflicts are looked for between the copied changes and the target's own changes the source lacks
 *    (db/sync/conflicts.ts) and written as change_log rows of the synced `conflicts` table.
 * 3. Each touched record is rebuilt from all its logged changes: per column the change with the highest
 *    (hlc, change id); `updated_hlc` / `updated_by` from the record's highest change, `updated_at` from the
 *    time in that change's UUID v7 id — the only wall time the log carries, so the repository must take the
 *    row's updated_at and its change ids from one reading of the clock — and `deleted_hlc` like any column:
 *    a tombstone is a change. Written with plain INSERT/UPDATE inside the transaction, and only
 *    the columns that differ, so the triggers of the derived tables (task_latest_progress, the search index)
 *    fire exactly as for a repository write. No change_log rows are written for this: the record's history is
 *    the union of the logs. Foreign keys are checked at commit (a child may be applied before its parent).
 * 4. sync_state records the highest clock of the source for `sourcePeerId`. It is a record for the user ("last
 *    synced with …"), not what decides what to copy or what conflicts: one watermark by clock for all devices
 *    would miss the changes of a PC whose clock is behind. The marks of step 1 are per device instead.
 *
 * Why a per-device mark finds everything (migration 010's change_log_device_hlc answers it in one seek): a
 * device stamps its own changes with a clock that only moves forward, and every merge copies all the changes
 * the target lacks, so any copy holds a prefix (by stamp) of each device's changes. Changes of the target's
 * newest stamp of device D or later are read from the source (ties included: one write's columns share a
 * stamp), and every earlier change of D the source holds, the target holds too. Two things would break the
 * prefix, and both are kept out: the conflict rows (device `merge`), stamped with the stamps of the changes
 * they pair, are compared by id (there is one set of them per conflict, not per edit); and a working ledger
 * put back to an earlier state (a restored backup, 撤销本次同步) writes on under a new device id
 * (electron/services/sharing/backups.ts), or its new changes would sort above changes of its old self that
 * only the shared file still holds.
 *
 * The clock: every merged stamp is in the target's change_log afterwards, so `restoreClock` (local-meta.ts,
 * MAX(change_log.hlc)) starts above them. A clock already running on the target (the app's WriteContext)
 * must take them in: `clock.observe(highestKnownHlc(target))` after the merge — otherwise a later local edit
 * could sort below an incoming one and lose to it, or a resolution below the conflict it resolves.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { CLOCK_SKEW_WARNING_MS, detectClockSkew, isHlc, parseHlc } from '../hlc';
import { isUuidV7, uuidV7Time } from '../ids';
import { readUserVersion } from '../migrate';
import { SYNCED_TABLES } from '../schema';
import { prepared } from './statements';
import {
  MERGE_DEVICE_ID,
  compareChanges,
  conflictCreationChanges,
  duplicateNumberConflict,
  isNumbering,
  recordConflicts,
  type DetectedConflict,
  type LoggedChange,
} from './conflicts';

export { ledgerDigest } from './digest';

export interface MergeReport {
  /** change_log rows copied from source into target */
  received: number;
  /**
   * rows created / changed in target, per table: added = new live records, changed = live records whose fields
   * changed (a restored record included), deleted = live records now tombstoned. Business tables only (conflicts
   * are counted in `conflicts`); a table with nothing to report is left out; a record that arrives already deleted
   * is not counted.
   */
  byTable: Record<string, { added: number; changed: number; deleted: number }>;
  /** who made the incoming changes: distinct device ids and operator names */
  fromDevices: string[];
  fromOperators: string[];
  /** conflicts newly recorded in target by this merge */
  conflicts: number;
  /** Chinese sentence when an incoming clock is far ahead of `now` (never a refusal), else null */
  clockWarning: string | null;
}

export interface MergeOptions {
  /** whom sync_state records this merge with: the shared file's or the other device's id */
  sourcePeerId: string;
  /** this PC's wall clock: for sync_state.synced_at and the clock warning */
  now: Date;
  /**
   * Compare every change id of the source with the target's instead of reading from the per-device marks on
   * (slow: both whole logs). For when the two logs were found to differ after a sync — see the header.
   */
  complete?: boolean;
}

/** Source rows compared with the target per page: bounds memory for a first sync of a large ledger. */
const PAGE_SIZE = 2000;
const CONFLICTS_TABLE = 'conflicts';
/** The tables whose changes are the ledger's business (reported, checked for conflicts). */
const BUSINESS_TABLES: ReadonlySet<string> = new Set(SYNCED_TABLES.filter((t) => t !== CONFLICTS_TABLE));
/** Columns a rebuilt record takes from its highest change rather than from a logged value. */
const STAMP_COLUMNS: ReadonlySet<string> = new Set(['id', 'updated_at', 'updated_hlc', 'updated_by']);

type Cell = string | number | null;

/** The columns of each table per connection: the schema only changes when a ledger is opened (migrations). */
const tableColumns = new WeakMap<BetterSqlite3.Database, Map<string, ReadonlySet<string>>>();

const CHANGE_COLUMNS = 'id, table_name, row_id, column_name, value, hlc, device_id, operator';

interface IncomingFacts {
  received: number;
  devices: Set<string>;
  operators: Set<string>;
  /** the highest incoming stamp, for the clock warning */
  highest: string | null;
}

/** Takes one source change to copy unless the target has it; `flush` writes what is still held back. */
interface ChangeCopier {
  copy: (row: LoggedChange) => void;
  flush: () => void;
  facts: IncomingFacts;
}

/**
 * Source changes are copied COPY_BATCH at a time: which of them the target already has is one look-up, and the
 * new ones go in multi-row INSERTs of a few fixed sizes (prepared once each). A first sync copies hundreds of
 * thousands of changes; one look-up and two statements per change were half of the merge.
 */
const COPY_BATCH = 256;
/** The most changes one multi-row INSERT carries (8 values each); smaller runs go as powers of two. */
const ROWS_PER_INSERT = 64;
const CHANGE_FIELDS = ['id', 'table_name', 'row_id', 'column_name', 'value', 'hlc', 'device_id', 'operator'] as const;

function insertChangesText(rows: number): string {
  const tuple = `(${CHANGE_FIELDS.map(() => '?').join(', ')})`;
  return `INSERT INTO change_log (${CHANGE_COLUMNS}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`;
}

/** Inserts the changes in statements of ROWS_PER_INSERT rows, the rest in statements of 32, 16 … 1 rows. */
function insertChanges(target: BetterSqlite3.Database, rows: readonly LoggedChange[]): void {
  const sizes: number[] = [];
  let left = rows.length;
  for (; left >= ROWS_PER_INSERT; left -= ROWS_PER_INSERT) sizes.push(ROWS_PER_INSERT);
  for (let size = ROWS_PER_INSERT >> 1; size >= 1; size >>= 1) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  let start = 0;
  for (const size of sizes) {
    const values: (string | number | null)[] = [];
    for (const row of rows.slice(start, start + size)) for (const field of CHANGE_FIELDS) values.push(row[field]);
    prepared(target, insertChangesText(size)).run(values);
    start += size;
  }
}

function changeCopier(target: BetterSqlite3.Database): ChangeCopier {
  const present = prepared(target, 'SELECT id FROM change_log WHERE id IN (SELECT value FROM json_each(?))', 'pluck');
  const remember = prepared(target, 'INSERT OR IGNORE INTO temp.merge_incoming (id) SELECT value FROM json_each(?)');
  const facts: IncomingFacts = { received: 0, devices: new Set(), operators: new Set(), highest: null };
  let pending = new Map<string, LoggedChange>();
  const flush = () => {
    if (pending.size === 0) return;
    const have = new Set(present.all(JSON.stringify([...pending.keys()])) as string[]);
    const fresh = [...pending.values()].filter((row) => !have.has(row.id));
    pending = new Map();
    if (fresh.length === 0) return;
    insertChanges(target, fresh);
    remember.run(JSON.stringify(fresh.map((row) => row.id)));
    for (const row of fresh) {
      facts.received += 1;
      if (facts.highest === null || row.hlc > facts.highest) facts.highest = row.hlc;
      if (BUSINESS_TABLES.has(row.table_name)) {
        facts.devices.add(row.device_id);
        if (row.operator !== '') facts.operators.add(row.operator);
      }
    }
  };
  const copy = (row: LoggedChange): void => {
    // A stamp that is not one would break the clock of every PC it reaches: the file is damaged.
    if (!isHlc(row.hlc)) throw new Error(`对方台账的变更记录已损坏（${row.id} 的时钟值无效），未合并任何内容。`);
    pending.set(row.id, row);
    if (pending.size >= COPY_BATCH) flush();
  };
  return { copy, flush, facts };
}

/** Every change id compared, page by page in id order (the remedy; see the header). */
function copyAllMissingChanges(target: BetterSqlite3.Database, source: BetterSqlite3.Database, copy: ChangeCopier['copy']): void {
  const page = prepared(source, `SELECT ${CHANGE_COLUMNS} FROM change_log WHERE id > ? ORDER BY id LIMIT ${PAGE_SIZE}`);
  const present = prepared(target, 'SELECT id FROM change_log WHERE id BETWEEN ? AND ?', 'pluck');
  let after = '';
  for (;;) {
    const rows = page.all(after) as LoggedChange[];
    if (rows.length === 0) break;
    const have = new Set(present.all(rows[0]!.id, rows[rows.length - 1]!.id) as string[]);
    for (const row of rows) if (!have.has(row.id)) copy(row);
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * The devices whose changes a log holds, each with its newest stamp: one seek per device on
 * change_log_device_hlc (a skip scan), however long the log.
 */
export function deviceMarks(db: BetterSqlite3.Database): Map<string, string> {
  const rows = prepared(
    db,
    `WITH RECURSIVE devices (device_id) AS (
       SELECT min(device_id) FROM change_log
       UNION ALL
       SELECT (SELECT min(device_id) FROM change_log WHERE device_id > devices.device_id) FROM devices WHERE device_id IS NOT NULL
     )
     SELECT device_id, (SELECT max(hlc) FROM change_log c WHERE c.device_id = devices.device_id) AS hlc
       FROM devices WHERE device_id IS NOT NULL`,
  ).all() as { device_id: string; hlc: string }[];
  return new Map(rows.map((r) => [r.device_id, r.hlc]));
}

/** The source's changes the target lacks, found by the per-device marks (see the header). */
function copyNewChanges(
  target: BetterSqlite3.Database,
  source: BetterSqlite3.Database,
  marks: { target: ReadonlyMap<string, string>; source: ReadonlyMap<string, string> },
  copy: ChangeCopier['copy'],
): void {
  const since = prepared(source, `SELECT ${CHANGE_COLUMNS} FROM change_log WHERE device_id = ? AND hlc >= ? ORDER BY hlc, id`);
  for (const [device, sourceMark] of marks.source) {
    if (device === MERGE_DEVICE_ID) continue;
    const targetMark = marks.target.get(device) ?? '';
    if (targetMark > sourceMark) continue;
    for (const row of since.iterate(device, targetMark) as IterableIterator<LoggedChange>) copy(row);
  }
  if (!marks.source.has(MERGE_DEVICE_ID)) return;
  // Conflict rows: by id. Their stamps are those of the changes they pair, not a clock of their own.
  const mergeIds = (db: BetterSqlite3.Database) => prepared(db, 'SELECT id FROM change_log WHERE device_id = ?', 'pluck').all(MERGE_DEVICE_ID) as string[];
  const have = new Set(mergeIds(target));
  const byId = prepared(source, `SELECT ${CHANGE_COLUMNS} FROM change_log WHERE id = ?`);
  for (const id of mergeIds(source)) if (!have.has(id)) copy(byId.get(id) as LoggedChange);
}

interface RowChanges {
  all: LoggedChange[];
  incoming: LoggedChange[];
  /** the target's changes that the source lacks */
  local: LoggedChange[];
}

class MergeSession {
  private readonly changesOfRow: BetterSqlite3.Statement;
  private readonly inSource: BetterSqlite3.Statement;
  readonly byTable: MergeReport['byTable'] = {};

  constructor(
    private readonly target: BetterSqlite3.Database,
    source: BetterSqlite3.Database,
    /** the source's newest stamp per device, as before this merge; null: do not rely on them (`complete`) */
    private readonly sourceMarks: ReadonlyMap<string, string> | null,
  ) {
    this.changesOfRow = prepared(
      target,
      `SELECT ${CHANGE_COLUMNS}, id IN (SELECT id FROM temp.merge_incoming) AS incoming
         FROM change_log WHERE table_name = ? AND row_id = ?`,
    );
    this.inSource = prepared(source, 'SELECT 1 FROM change_log WHERE id = ?', 'pluck');
  }

  /**
   * Whether a change of the target (not an incoming one) is missing from the source. A change below the source's
   * mark of its device is there (the prefix of the header); only the others are looked up.
   */
  private isMissingFromSource(change: LoggedChange): boolean {
    const mark = this.sourceMarks?.get(change.device_id);
    if (this.sourceMarks !== null && mark === undefined) return true;
    if (mark !== undefined && change.device_id !== MERGE_DEVICE_ID && change.hlc < mark) return false;
    return this.inSource.get(change.id) === undefined;
  }

  /**
   * @param targetHasOwnChanges false when every change the target had is also in the source: then no change
   *   can be local-only and the look-ups in the source are skipped
   */
  rowChanges(table: string, rowId: string, targetHasOwnChanges: boolean): RowChanges {
    const rows = this.changesOfRow.all(table, rowId) as (LoggedChange & { incoming: number })[];
    const result: RowChanges = { all: [], incoming: [], local: [] };
    for (const { incoming, ...change } of rows) {
      result.all.push(change);
      if (incoming === 1) result.incoming.push(change);
      else if (targetHasOwnChanges && this.isMissingFromSource(change)) result.local.push(change);
    }
    return result;
  }

  isLocalOnly(change: LoggedChange, incomingIds: ReadonlySet<string>): boolean {
    return !incomingIds.has(change.id) && this.isMissingFromSource(change);
  }

  /**
   * Writes the conflicts' creation into the log (nothing for one already known here: the log's insert-once trigger
   * skips a change id it has, row by row, also inside a multi-row INSERT). In multi-row statements: a sync with
   * hundreds of conflicts writes thousands of these rows.
   */
  recordConflicts(conflicts: Iterable<DetectedConflict>): void {
    insertChanges(this.target, [...conflicts].flatMap(conflictCreationChanges));
  }

  private columnsOf(table: string): ReadonlySet<string> {
    let byTable = tableColumns.get(this.target);
    if (!byTable) {
      byTable = new Map();
      tableColumns.set(this.target, byTable);
    }
    let columns = byTable.get(table);
    if (!columns) {
      columns = new Set(prepared(this.target, 'SELECT name FROM pragma_table_info(?)', 'pluck').all(table) as string[]);
      byTable.set(table, columns);
    }
    return columns;
  }

  /** Rebuilds one record from its log (see the header, step 3) and counts what happened to it. */
  rebuild(table: string, rowId: string, changes: readonly LoggedChange[]): void {
    if (changes.length === 0) return;
    const columns = this.columnsOf(table);
    const winners = new Map<string, LoggedChange>();
    let top = changes[0]!;
    for (const change of changes) {
      if (compareChanges(change, top) > 0) top = change;
      // A column this schema does not have (a newer copy's) stays in the log, unapplied.
      if (STAMP_COLUMNS.has(change.column_name) || !columns.has(change.column_name)) continue;
      const best = winners.get(change.column_name);
      if (!best || compareChanges(change, best) > 0) winners.set(change.column_name, change);
    }
    const wanted: Record<string, Cell> = {};
    for (const [column, change] of winners) wanted[column] = JSON.parse(change.value) as Cell;
    // The repository stamps updated_at and the change ids from the same write time.
    const ms = isUuidV7(top.id) ? uuidV7Time(top.id) : parseHlc(top.hlc).ms;
    wanted.updated_at = new Date(ms).toISOString();
    wanted.updated_hlc = top.hlc;
    wanted.updated_by = `${top.device_id}:${top.operator}`;

    const current = prepared(this.target, `SELECT * FROM ${table} WHERE id = ?`).get(rowId) as Record<string, Cell> | undefined;
    const counts = (this.byTable[table] ??= { added: 0, changed: 0, deleted: 0 });
    if (!current) {
      const names = Object.keys(wanted);
      prepared(this.target, `INSERT INTO ${table} (id, ${names.join(', ')}) VALUES (?, ${names.map(() => '?').join(', ')})`).run(rowId, ...names.map((n) => wanted[n]));
      if ((wanted.deleted_hlc ?? null) === null) counts.added += 1;
      return;
    }
    const differing = Object.keys(wanted).filter((n) => current[n] !== wanted[n]);
    if (differing.length === 0) return;
    prepared(this.target, `UPDATE ${table} SET ${differing.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`).run(...differing.map((n) => wanted[n]), rowId);
    const wasLive = current.deleted_hlc === null;
    const isLive = (wanted.deleted_hlc ?? current.deleted_hlc) === null;
    const onlyStamps = differing.every((n) => STAMP_COLUMNS.has(n));
    if (wasLive && !isLive) counts.deleted += 1;
    else if (isLive && !onlyStamps) counts.changed += 1;
  }
}

function clockWarningFor(highest: string | null, now: Date): string | null {
  if (highest === null) return null;
  const skew = detectClockSkew(highest, now.getTime(), CLOCK_SKEW_WARNING_MS);
  if (!skew.farOff) return null;
  const minutes = Math.round(skew.skewMs / 60_000);
  const amount = minutes < 120 ? `${minutes} 分钟` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} 小时` : `${Math.round(minutes / 1440)} 天`;
  return `对方电脑（设备 ${parseHlc(highest).deviceId}）的时钟比本机快约 ${amount}，请核对系统时间。本次同步已照常完成。`;
}

/**
 * The ids this merge copied, in a temporary table of the target's connection: SQLite keeps it in memory or
 * spills it to disk, so a first sync of a large ledger does not hold every id in JavaScript. Created once per
 * connection (creating it again would be a schema change that voids every prepared statement).
 */
function ensureIncomingTable(target: BetterSqlite3.Database): void {
  const exists = target.prepare(`SELECT 1 FROM temp.sqlite_master WHERE name = 'merge_incoming'`).pluck().get();
  if (!exists) target.exec('CREATE TEMP TABLE merge_incoming (id TEXT PRIMARY KEY) WITHOUT ROWID');
  prepared(target, 'DELETE FROM temp.merge_incoming').run();
}

function mergeInTransaction(target: BetterSqlite3.Database, source: BetterSqlite3.Database, options: MergeOptions): MergeReport {
  // Parents may arrive after their children within one merge; everything is consistent at commit.
  target.pragma('defer_foreign_keys = ON');
  ensureIncomingTable(target);

  const marks = { target: deviceMarks(target), source: deviceMarks(source) };
  const { copy, flush, facts } = changeCopier(target);
  if (options.complete) copyAllMissingChanges(target, source, copy);
  else copyNewChanges(target, source, marks, copy);
  flush();
  // Whether the target holds changes the source lacks: a device ahead there, or conflict rows (compared per record).
  const targetHasOwnChanges = [...marks.target].some(([device, mark]) => {
    const sourceMark = marks.source.get(device);
    return device === MERGE_DEVICE_ID || sourceMark === undefined || mark > sourceMark || options.complete === true;
  });
  const session = new MergeSession(target, source, options.complete ? null : marks.source);

  // CROSS JOIN keeps merge_incoming (this merge's changes) the outer loop: with a plain JOIN the planner, which
  // knows nothing of the temp table's size, reads all of change_log_row for its order and probes merge_incoming
  // per change — over a second per sync on a ledger of 100,000 tasks (issue 8).
  const touched = prepared(
    target,
    `SELECT DISTINCT c.table_name, c.row_id FROM temp.merge_incoming CROSS JOIN change_log c ON c.id = merge_incoming.id
      ORDER BY c.table_name, c.row_id`,
  ).all() as { table_name: string; row_id: string }[];

  // Each record: its conflicts found, then rebuilt. Conflict records are rebuilt last, once all are found.
  const detected = new Map<string, DetectedConflict>();
  const incomingNumberings: LoggedChange[] = [];
  for (const { table_name: table, row_id: rowId } of touched) {
    // A newer copy's table stays in the log only; conflict records come after the loop.
    if (!BUSINESS_TABLES.has(table)) continue;
    const changes = session.rowChanges(table, rowId, targetHasOwnChanges);
    for (const conflict of recordConflicts(table, changes.local, changes.incoming)) detected.set(conflict.id, conflict);
    incomingNumberings.push(...changes.incoming.filter(isNumbering));
    session.rebuild(table, rowId, changes.all);
  }
  if (targetHasOwnChanges && incomingNumberings.length > 0) {
    const incomingIds = new Set(incomingNumberings.map((c) => c.id));
    // The same 文号 given by the target's own changes: by value on change_log_document_numbers (migration 010).
    const sameNumber = prepared(
      target,
      `SELECT ${CHANGE_COLUMNS} FROM change_log WHERE table_name = 'documents' AND column_name = 'number' AND value = ?`,
    );
    for (const incoming of incomingNumberings) {
      for (const local of sameNumber.all(incoming.value) as LoggedChange[]) {
        if (!session.isLocalOnly(local, incomingIds)) continue;
        const conflict = duplicateNumberConflict(local, incoming);
        if (conflict) detected.set(conflict.id, conflict);
      }
    }
  }
  session.recordConflicts(detected.values());

  const conflictRows = new Set([...touched.filter((t) => t.table_name === CONFLICTS_TABLE).map((t) => t.row_id), ...detected.keys()]);
  // Only these conflict rows can be created here: the new ones among them are what the report counts.
  const conflictExists = prepared(target, 'SELECT 1 FROM conflicts WHERE id = ?', 'pluck');
  const isOpen = prepared(target, `SELECT 1 FROM conflicts WHERE id = ? AND status = 'open'`, 'pluck');
  const conflictsBefore = new Set([...conflictRows].filter((id) => conflictExists.get(id) !== undefined));
  for (const id of [...conflictRows].sort()) session.rebuild(CONFLICTS_TABLE, id, session.rowChanges(CONFLICTS_TABLE, id, false).all);
  delete session.byTable[CONFLICTS_TABLE];
  for (const [table, counts] of Object.entries(session.byTable)) {
    if (counts.added + counts.changed + counts.deleted === 0) delete session.byTable[table];
  }

  const newConflicts = [...conflictRows].filter((id) => !conflictsBefore.has(id) && isOpen.get(id) !== undefined);

  const sourceHighest = [...marks.source.values()].reduce<string | null>((a, b) => (a === null || b > a ? b : a), null);
  prepared(
    target,
    `INSERT INTO sync_state (peer_id, last_hlc, synced_at) VALUES (?, ?, ?)
     ON CONFLICT (peer_id) DO UPDATE SET last_hlc = excluded.last_hlc, synced_at = excluded.synced_at`,
  ).run(options.sourcePeerId, sourceHighest ?? '', options.now.toISOString());
  prepared(target, 'DELETE FROM temp.merge_incoming').run();

  return {
    received: facts.received,
    byTable: session.byTable,
    fromDevices: [...facts.devices].sort(),
    fromOperators: [...facts.operators].sort(),
    conflicts: newConflicts.length,
    clockWarning: clockWarningFor(facts.highest, options.now),
  };
}

/**
 * Merges everything `source` has into `target` (never the other way). Throws — changing nothing — when the source
 * was written by a newer schema than the target's, or its change log is damaged.
 */
export function mergeInto(target: BetterSqlite3.Database, source: BetterSqlite3.Database, options: MergeOptions): MergeReport {
  const sourceVersion = readUserVersion(source);
  const targetVersion = readUserVersion(target);
  if (sourceVersion > targetVersion) {
    throw new Error(`对方台账的数据版本（${sourceVersion}）比本机（${targetVersion}）新，请先升级程序再同步。`);
  }
  const readSnapshot = source.transaction(() => target.transaction(() => mergeInTransaction(target, source, options)).immediate());
  return readSnapshot();
}
