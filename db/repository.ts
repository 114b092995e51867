/**
 * The one write layer: every insert, update and delete of a synced table goes through here, inside the
 * caller's transaction, so that the row's sync columns and the append-only change_log can never disagree.
 *
 * For each write:
 * - one clock stamp (`ctx.clock.now()`) for the whole write, stored in `updated_hlc` and on every log row;
 * - `updated_at` = ctx.now() as ISO text — the same reading the change ids carry (a merge rebuilds updated_at
 *   from them) —, `updated_by` = `<deviceId>:<operator>`;
 * - one change_log row per column that changed, value JSON-encoded. An insert logs the columns the row ends up
 *   with except `id` and the three `updated_*` columns, which the log row itself carries (row_id, hlc,
 *   device_id + operator), and except a column that holds its schema default (`columnDefaults`): a merge
 *   inserts a record it lacks with the columns its log names, so a left-out column gets that same default.
 *   Most new rows leave a third of their columns at '' / NULL / 0, and the log is most of a ledger's file
 *   (issue 8: a 10,000-row import wrote 700,000 change rows, and every sync copies the whole file);
 * - deleting is a tombstone: `deleted_hlc` = the stamp of the delete; rows are never physically removed.
 *
 * The clock does not have to be saved per write: the stamp is in change_log in the same transaction, and
 * `restoreClock` (local-meta.ts) starts the next session above MAX(change_log.hlc).
 *
 * Rules for callers: pass the transaction (`trx`); await nothing but the database between writes.
 */
import { CompiledQuery, sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import { RowNotFoundError } from './errors';
import type { HybridClock } from './hlc';
import { newId } from './ids';
import type { ChangeLogTable, Database, SyncColumns, SyncedTableName } from './schema';
import { SYNCED_TABLES } from './schema';

export interface WriteContext {
  clock: HybridClock;
  /** local_meta device_id; must be the clock's device */
  deviceId: string;
  /** the officer's name as entered at first run (may be '') */
  operator: string;
  now: () => Date;
}

type SyncColumnName = keyof SyncColumns;

/** A new row of `T`: its own columns (nullable ones optional), an optional id, no other sync column. */
export type NewRow<T extends SyncedTableName> = Omit<Insertable<Database[T]>, SyncColumnName> & { id?: string };

/** Columns of `T` to change; sync columns are the repository's business. */
export type RowPatch<T extends SyncedTableName> = Omit<Updateable<Database[T]>, SyncColumnName>;

/** What a column can hold in this schema. */
type CellValue = string | number | null;
type AnyRow = Record<string, CellValue>;
/** The same database seen without per-table types, for code generic over the table name. */
type AnyTables = Record<SyncedTableName, AnyRow> & { change_log: ChangeLogTable };

const SYNC_COLUMN_NAMES: ReadonlySet<string> = new Set<SyncColumnName>([
  'id',
  'created_at',
  'updated_at',
  'updated_hlc',
  'updated_by',
  'deleted_hlc',
]);

/** Carried by every change_log row itself, so not logged as columns. */
const UNLOGGED_COLUMNS: ReadonlySet<string> = new Set<SyncColumnName>(['id', 'updated_at', 'updated_hlc', 'updated_by']);

function loose(trx: Kysely<Database>): Kysely<AnyTables> {
  return trx as unknown as Kysely<AnyTables>;
}

function assertTable(table: string): asserts table is SyncedTableName {
  if (!(SYNCED_TABLES as readonly string[]).includes(table)) throw new TypeError(`not a synced table: ${table}`);
}

function assertContext(ctx: WriteContext): void {
  if (ctx.clock.deviceId !== ctx.deviceId) {
    throw new Error(`write context mismatch: clock of device ${ctx.clock.deviceId}, writing as ${ctx.deviceId}`);
  }
}

function assertCellValue(table: string, column: string, value: unknown): asserts value is CellValue {
  const ok = value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
  if (!ok) throw new TypeError(`${table}.${column}: cannot store ${typeof value} ${String(value)}`);
}

/** The defined entries of a caller's object, checked: no sync columns, only storable values. */
function ownColumns(table: string, values: object): [string, CellValue][] {
  const entries: [string, CellValue][] = [];
  for (const [column, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (SYNC_COLUMN_NAMES.has(column)) throw new TypeError(`${table}.${column} is set by the repository, not by callers`);
    assertCellValue(table, column, value);
    entries.push([column, value]);
  }
  return entries;
}

function updatedBy(ctx: WriteContext): string {
  return `${ctx.deviceId}:${ctx.operator}`;
}

async function appendChangeLog(
  trx: Kysely<Database>,
  ctx: WriteContext,
  table: SyncedTableName,
  rowId: string,
  hlc: string,
  at: Date,
  changes: readonly (readonly [string, CellValue])[],
): Promise<void> {
  if (changes.length === 0) return;
  // The same instant as the row's updated_at: a merge derives updated_at from these ids (db/sync/merge.ts).
  const ms = at.getTime();
  await loose(trx)
    .insertInto('change_log')
    .values(
      changes.map(([column, value]) => ({
        id: newId(ms),
        table_name: table,
        row_id: rowId,
        column_name: column,
        value: JSON.stringify(value),
        hlc,
        device_id: ctx.deviceId,
        operator: ctx.operator,
      })),
    )
    .execute();
}

/**
 * A column's default as a value, when the schema gives it as a literal ('', 'draft', 0, NULL) or gives none to
 * a nullable column (NULL); `undefined` for a NOT NULL column without one or a default that is an expression.
 */
export function literalDefault(declared: string | null, notNull: boolean): { value: CellValue } | undefined {
  if (declared === null) return notNull ? undefined : { value: null };
  const text = declared.trim();
  if (/^null$/i.test(text)) return { value: null };
  const quoted = /^'((?:[^']|'')*)'$/.exec(text);
  if (quoted) return { value: quoted[1]!.replaceAll("''", "'") };
  if (/^[+-]?\d{1,15}$/.test(text)) return { value: Number(text) };
  return undefined;
}

/**
 * Per table and column list: the value each column has when an insert leaves it out (only the columns with a
 * literal or NULL default). Keyed by the column list too, so that a ledger at another schema version (another
 * set of columns) never gets a table's defaults from a different version.
 */
const columnDefaultsCache = new Map<string, ReadonlyMap<string, CellValue>>();

async function columnDefaults(trx: Kysely<Database>, table: SyncedTableName, columns: readonly string[]): Promise<ReadonlyMap<string, CellValue>> {
  const key = `${table}\0${columns.join('\0')}`;
  const known = columnDefaultsCache.get(key);
  if (known) return known;
  const info = await sql<{ name: string; dflt_value: string | null; notnull: number }>`SELECT name, dflt_value, "notnull" FROM pragma_table_info(${table})`.execute(trx);
  const defaults = new Map<string, CellValue>();
  for (const column of info.rows) {
    const fallback = literalDefault(column.dflt_value, column.notnull === 1);
    if (fallback) defaults.set(column.name, fallback.value);
  }
  columnDefaultsCache.set(key, defaults);
  return defaults;
}

/** The columns of a stored new row that its insert logs: not the log row's own, not those at their default. */
function loggedColumns(row: AnyRow, defaults: ReadonlyMap<string, CellValue>): [string, CellValue][] {
  const logged: [string, CellValue][] = [];
  for (const column in row) {
    if (UNLOGGED_COLUMNS.has(column)) continue;
    const value = row[column]!;
    if (defaults.has(column) && defaults.get(column) === value) continue;
    logged.push([column, value]);
  }
  return logged;
}

/** Writes `changes` to an existing row with one new stamp, and logs them. No checks: callers decide. */
async function writeChanges(
  trx: Kysely<Database>,
  ctx: WriteContext,
  table: SyncedTableName,
  id: string,
  changes: readonly (readonly [string, CellValue])[],
): Promise<void> {
  const hlc = ctx.clock.now();
  const at = ctx.now();
  await loose(trx)
    .updateTable(table)
    .set({ ...Object.fromEntries(changes), updated_at: at.toISOString(), updated_hlc: hlc, updated_by: updatedBy(ctx) })
    .where('id', '=', id)
    .execute();
  await appendChangeLog(trx, ctx, table, id, hlc, at, changes);
}

async function readRow(trx: Kysely<Database>, table: SyncedTableName, id: string): Promise<AnyRow | undefined> {
  return loose(trx).selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
}

/** A new row, checked and stamped: its own columns, its id and its write's time and clock stamp, taken in that order. */
interface NewRowStamp {
  id: string;
  at: Date;
  hlc: string;
  columns: [string, CellValue][];
}

function stampNewRow(table: SyncedTableName, ctx: WriteContext, values: object): NewRowStamp {
  const { id: givenId, ...rest } = values as { id?: unknown };
  if (givenId !== undefined && (typeof givenId !== 'string' || givenId.length === 0)) {
    throw new TypeError(`${table}.id must be a non-empty string`);
  }
  const columns = ownColumns(table, rest);
  const at = ctx.now();
  const id = givenId ?? newId(at.getTime());
  return { id, at, hlc: ctx.clock.now(), columns };
}

/** Inserts a row (id from `values.id` or a new UUID v7) and logs its columns (see the header); returns the id. */
export async function insertRow<T extends SyncedTableName>(
  trx: Kysely<Database>,
  ctx: WriteContext,
  table: T,
  values: NewRow<T>,
): Promise<string> {
  assertTable(table);
  assertContext(ctx);
  const { id, at, hlc, columns } = stampNewRow(table, ctx, values);
  const name: SyncedTableName = table;
  const row = await loose(trx)
    .insertInto(name)
    .values({
      ...Object.fromEntries(columns),
      id,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
      updated_hlc: hlc,
      updated_by: updatedBy(ctx),
      deleted_hlc: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const defaults = await columnDefaults(trx, name, Object.keys(row));
  await appendChangeLog(trx, ctx, name, id, hlc, at, loggedColumns(row, defaults));
  return id;
}

/**
 * The most rows one multi-row statement of `insertRows` carries: a power of two, so that a batch splits into
 * statements of a few fixed sizes (128, 64, …, 1 rows) whose SQL texts the statement cache keeps (statement-cache.ts).
 */
const MAX_ROWS_PER_STATEMENT = 128;
/** SQLite's limit on bound parameters in one statement (SQLITE_MAX_VARIABLE_NUMBER), with room to spare. */
const MAX_PARAMETERS_PER_STATEMENT = 32_000;

const CHANGE_LOG_COLUMNS = ['id', 'table_name', 'row_id', 'column_name', 'value', 'hlc', 'device_id', 'operator'] as const;

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Sizes of the statements that write `count` rows, largest first: full statements of `max`, then powers of two. */
function statementSizes(count: number, max: number): number[] {
  const sizes: number[] = [];
  let left = count;
  while (left >= max) {
    sizes.push(max);
    left -= max;
  }
  for (let size = max >> 1; size >= 1; size >>= 1) {
    if (left >= size) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

/** The largest power of two ≤ MAX_ROWS_PER_STATEMENT whose rows of `columns` values fit in one statement. */
function rowsPerStatement(columns: number): number {
  let rows = MAX_ROWS_PER_STATEMENT;
  while (rows > 1 && rows * columns > MAX_PARAMETERS_PER_STATEMENT) rows >>= 1;
  return rows;
}

/** SQL texts of `insertValues`, by table and columns, then by rows per statement: built once per process. */
const insertTexts = new Map<string, string[]>();

function insertText(table: string, columns: readonly string[], rows: number, returning: boolean): string {
  const head = `insert into ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(', ')}) values `;
  const key = head + (returning ? 'returning' : '');
  let bySize = insertTexts.get(key);
  if (!bySize) {
    bySize = [];
    insertTexts.set(key, bySize);
  }
  let text = bySize[rows];
  if (text === undefined) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    text = head + Array.from({ length: rows }, () => tuple).join(', ') + (returning ? ' returning *' : '');
    bySize[rows] = text;
  }
  return text;
}

/**
 * Runs `INSERT INTO table (columns) VALUES (…), (…) …` over `values` (row after row, one value per column), in
 * statements of a few fixed sizes. The SQL is written here and not built by Kysely per statement: for a batch
 * of thousands of rows, building and compiling the query cost more than SQLite running it. `returning` adds
 * RETURNING * and collects the rows it returns.
 */
async function insertValues(
  trx: Kysely<Database>,
  table: string,
  columns: readonly string[],
  values: readonly CellValue[],
  returning: boolean,
): Promise<AnyRow[]> {
  const returned: AnyRow[] = [];
  const width = columns.length;
  let start = 0;
  for (const rows of statementSizes(values.length / width, rowsPerStatement(width))) {
    const parameters = values.slice(start * width, (start + rows) * width);
    const result = await trx.executeQuery<AnyRow>(CompiledQuery.raw(insertText(table, columns, rows, returning), parameters));
    if (returning) for (const row of result.rows) returned.push(row);
    start += rows;
  }
  return returned;
}

/** A row of an `insertRows` batch, checked and stamped before anything is written. */
interface StampedRow extends NewRowStamp {
  /** its column names, joined: rows with the same shape go in the same statements */
  shape: string;
}

/**
 * Inserts rows of one table as that many `insertRow` calls in the same order would — the same rows, sync columns
 * and change_log rows (each row its own clock stamp and `ctx.now()` reading, taken in row order; the stored row's
 * columns logged as insertRow logs them, the log ids in row and column order) —, but in multi-row statements:
 * one INSERT per up to 128 rows and one change_log INSERT per up to 128 log rows. For imports and other bulk
 * writes. Returns the ids in order. Rows with different sets of columns are fine (each run of rows with the same
 * columns is its own statement). Only the interleaving of new ids differs: all rows' ids come before their log ids.
 */
export async function insertRows<T extends SyncedTableName>(
  trx: Kysely<Database>,
  ctx: WriteContext,
  table: T,
  rows: readonly NewRow<T>[],
): Promise<string[]> {
  assertTable(table);
  assertContext(ctx);
  const by = updatedBy(ctx);
  // Every row checked and stamped first, in the order insertRow would (now, id, clock), so that a refused row
  // writes nothing of the batch.
  const stamped: StampedRow[] = rows.map((values) => {
    const row = stampNewRow(table, ctx, values);
    return { ...row, shape: row.columns.map(([column]) => column).join('\0') };
  });

  // Runs of consecutive rows with the same columns, written in order (a row may refer to an earlier one).
  let start = 0;
  while (start < stamped.length) {
    const shape = stamped[start]!.shape;
    let end = start + 1;
    while (end < stamped.length && stamped[end]!.shape === shape) end += 1;
    const run = stamped.slice(start, end);
    const names = [...run[0]!.columns.map(([column]) => column), 'id', 'created_at', 'updated_at', 'updated_hlc', 'updated_by', 'deleted_hlc'];
    const values: CellValue[] = [];
    for (const r of run) {
      const iso = r.at.toISOString();
      for (const [, value] of r.columns) values.push(value);
      values.push(r.id, iso, iso, r.hlc, by, null);
    }
    const returned = await insertValues(trx, table, names, values, true);
    const stored = new Map(returned.map((row) => [row.id, row]));
    const defaults = returned.length > 0 ? await columnDefaults(trx, table, Object.keys(returned[0]!)) : new Map<string, CellValue>();
    const log: CellValue[] = [];
    for (const r of run) {
      const row = stored.get(r.id);
      if (!row) throw new Error(`${table}: the insert of row ${r.id} returned nothing`);
      const ms = r.at.getTime();
      for (const [column, value] of loggedColumns(row, defaults)) {
        // The same instant as the row's updated_at: a merge derives updated_at from these ids (db/sync/merge.ts).
        log.push(newId(ms), table, r.id, column, JSON.stringify(value), r.hlc, ctx.deviceId, ctx.operator);
      }
    }
    await insertValues(trx, 'change_log', CHANGE_LOG_COLUMNS, log, false);
    start = end;
  }
  return stamped.map((r) => r.id);
}

/**
 * Changes the given columns of a live row. Only columns whose value really differs are written and logged;
 * returns false (and writes nothing, not even the stamp) when nothing differs.
 * Throws RowNotFoundError if the row does not exist or is tombstoned.
 */
export async function updateRow<T extends SyncedTableName>(
  trx: Kysely<Database>,
  ctx: WriteContext,
  table: T,
  id: string,
  patch: RowPatch<T>,
): Promise<boolean> {
  assertTable(table);
  assertContext(ctx);
  const requested = ownColumns(table, patch);
  const current = await readRow(trx, table, id);
  if (!current || current.deleted_hlc !== null) throw new RowNotFoundError(table, id);
  const changes = requested.filter(([column, value]) => {
    if (!(column in current)) throw new TypeError(`${table} has no column ${column}`);
    return current[column] !== value;
  });
  if (changes.length === 0) return false;
  await writeChanges(trx, ctx, table, id, changes);
  return true;
}

/**
 * Marks a row deleted (deleted_hlc = this write's stamp). Returns false if it already was.
 * Throws RowNotFoundError if there is no such row at all.
 */
export async function tombstoneRow(trx: Kysely<Database>, ctx: WriteContext, table: SyncedTableName, id: string): Promise<boolean> {
  assertTable(table);
  assertContext(ctx);
  const current = await readRow(trx, table, id);
  if (!current) throw new RowNotFoundError(table, id);
  if (current.deleted_hlc !== null) return false;
  const hlc = ctx.clock.now();
  const at = ctx.now();
  await loose(trx)
    .updateTable(table)
    .set({ deleted_hlc: hlc, updated_at: at.toISOString(), updated_hlc: hlc, updated_by: updatedBy(ctx) })
    .where('id', '=', id)
    .execute();
  await appendChangeLog(trx, ctx, table, id, hlc, at, [['deleted_hlc', hlc]]);
  return true;
}

/**
 * Brings a tombstoned row back (恢复记录, e.g. after an edit-versus-delete conflict). Returns false if it
 * was not deleted. Throws RowNotFoundError if there is no such row at all.
 */
export async function restoreRow(trx: Kysely<Database>, ctx: WriteContext, table: SyncedTableName, id: string): Promise<boolean> {
  assertTable(table);
  assertContext(ctx);
  const current = await readRow(trx, table, id);
  if (!current) throw new RowNotFoundError(table, id);
  if (current.deleted_hlc === null) return false;
  await writeChanges(trx, ctx, table, id, [['deleted_hlc', null]]);
  return true;
}

/**
 * Stores a setting (row id = key, value = JSON of `value`). Creates, changes or revives the row as needed;
 * returns false when the stored value was already the same.
 */
export async function setSetting(trx: Kysely<Database>, ctx: WriteContext, key: string, value: unknown): Promise<boolean> {
  assertContext(ctx);
  if (key.length === 0) throw new TypeError('setting key must not be empty');
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`setting ${key}: value is not JSON-serialisable`);
  const current = await readRow(trx, 'settings', key);
  if (!current) {
    await insertRow(trx, ctx, 'settings', { id: key, value: json });
    return true;
  }
  if (current.deleted_hlc !== null) {
    await writeChanges(trx, ctx, 'settings', key, [
      ['value', json],
      ['deleted_hlc', null],
    ]);
    return true;
  }
  return updateRow(trx, ctx, 'settings', key, { value: json });
}

/** The decoded value of a live setting; undefined when it was never set or was deleted. */
export async function getSetting(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('id', '=', key)
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined; // the CHECK (json_valid) makes this unreachable short of manual edits
  }
}
