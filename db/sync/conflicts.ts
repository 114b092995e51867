/**
 * Finding conflicts during a merge, and writing them so that every PC that finds one writes the same row.
 *
 * What counts as a conflict. Merges always copy a whole change log, so a log holds everything the writer of any
 * of its changes knew when writing it. Hence at a merge target ← source, a change the target has and the source
 * lacks (`local`) and a change the source brings in (`incoming`) were made without knowledge of each other:
 * they are concurrent — exactly "both sides changed it since their last common sync", decided by change ids
 * instead of clocks (a watermark by clock would miss the changes of a PC whose clock is behind). Every pair of
 * concurrent changes meets this way at some merge, and a pair already in the source arrives with the source's
 * conflict rows, so after any sequence of merges a ledger holds one conflict row per concurrent pair:
 * - field: two changes of the same field with different values (created_at is bookkeeping and never counts;
 *   for deleted_hlc only deleted-versus-live counts: two deletions of one record agree);
 * - edit_delete: a deletion and a write of other fields of the same record (one row per deletion and write);
 * - duplicate_number: two documents given the same non-null 文号 by concurrent changes. Decided on the
 *   changes, not on the merged state, so that the result cannot depend on the order of merges.
 *
 * Why derived ids and stamps. The row's id, content, change ids and clock stamp are all computed from the two
 * changes, so the same conflict found on two PCs is one row with one history (the union of logs removes the
 * duplicate), merging A←B then A←C equals A←C then A←B, and a re-discovery can never reopen a conflict someone
 * already resolved: its stamp is that of the later change, below any resolution written afterwards.
 */
import { createHash } from 'node:crypto';
import { parseHlc } from '../hlc';

/** One change_log row as stored. */
export interface LoggedChange {
  id: string;
  table_name: string;
  row_id: string;
  column_name: string;
  /** JSON */
  value: string;
  hlc: string;
  device_id: string;
  operator: string;
}

/** The device named on the change_log rows of a conflict: no PC wrote it alone, the merge derived it. */
export const MERGE_DEVICE_ID = 'merge';
export const MERGE_OPERATOR = '同步合并';

export type ConflictKind = 'field' | 'edit_delete' | 'duplicate_number';

/** The content of a `conflicts` row (sync columns apart). */
export interface DetectedConflict {
  id: string;
  kind: ConflictKind;
  table_name: string;
  row_id: string;
  column_name: string;
  other_row_id: string | null;
  earlier_value: string;
  earlier_hlc: string;
  earlier_by: string;
  later_value: string;
  later_hlc: string;
  later_by: string;
  winner: 'earlier' | 'later';
}

interface Side {
  rowId: string;
  value: string;
  hlc: string;
  /** the smallest change id of the side's write: a tie-breaker that is the same on every PC */
  changeId: string;
  by: string;
  isDeletion?: boolean;
}

/** Never a field conflict: set once when the record is created. */
const BOOKKEEPING_COLUMNS: ReadonlySet<string> = new Set(['created_at']);
const TOMBSTONE_COLUMN = 'deleted_hlc';
const DOCUMENT_NUMBER = { table: 'documents', column: 'number' } as const;

/** Clock order of changes: the stamp, then the change id (only equal stamps from one write share a stamp). */
export function compareChanges(a: { hlc: string; id: string }, b: { hlc: string; id: string }): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A UUID v7 whose 48-bit time is `ms` and whose other 74 bits come from SHA-256 of `seed`: the same seed gives
 * the same id on every PC, and it still sorts by time and passes isUuidV7 like the ids of ids.ts.
 */
export function derivedUuidV7(seed: string, ms: number): string {
  const bytes = createHash('sha256').update(seed).digest();
  const time = Math.max(0, Math.min(Math.floor(ms), 2 ** 48 - 1));
  const high = Math.floor(time / 2 ** 32);
  const low = time % 2 ** 32;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function sideOf(change: LoggedChange): Side {
  return {
    rowId: change.row_id,
    value: change.value,
    hlc: change.hlc,
    changeId: change.id,
    by: `${change.device_id}:${change.operator}`,
    isDeletion: change.column_name === TOMBSTONE_COLUMN && change.value !== 'null',
  };
}

function makeConflict(kind: ConflictKind, table: string, column: string, a: Side, b: Side): DetectedConflict {
  const [earlier, later] = compareChanges({ hlc: a.hlc, id: a.changeId }, { hlc: b.hlc, id: b.changeId }) <= 0 ? [a, b] : [b, a];
  const winner: 'earlier' | 'later' = kind === 'duplicate_number' ? 'earlier' : kind === 'edit_delete' ? (earlier.isDeletion ? 'earlier' : 'later') : 'later';
  const rowId = kind === 'duplicate_number' ? later.rowId : a.rowId;
  const otherRowId = kind === 'duplicate_number' ? earlier.rowId : null;
  const seed = [kind, table, rowId, otherRowId ?? '', column, earlier.hlc, later.hlc].join('\u0000');
  return {
    id: derivedUuidV7(seed, parseHlc(later.hlc).ms),
    kind,
    table_name: table,
    row_id: rowId,
    column_name: column,
    other_row_id: otherRowId,
    earlier_value: earlier.value,
    earlier_hlc: earlier.hlc,
    earlier_by: earlier.by,
    later_value: later.value,
    later_hlc: later.hlc,
    later_by: later.by,
    winner,
  };
}

function differ(column: string, a: LoggedChange, b: LoggedChange): boolean {
  if (column === TOMBSTONE_COLUMN) return (a.value === 'null') !== (b.value === 'null');
  return a.value !== b.value;
}

/** The changes of one record grouped by write (stamp), other fields only: what an edit_delete pairs a deletion with. */
function editWrites(changes: readonly LoggedChange[]): Side[] {
  const byStamp = new Map<string, LoggedChange[]>();
  for (const change of changes) {
    if (change.column_name === TOMBSTONE_COLUMN || BOOKKEEPING_COLUMNS.has(change.column_name)) continue;
    const group = byStamp.get(change.hlc);
    if (group) group.push(change);
    else byStamp.set(change.hlc, [change]);
  }
  return [...byStamp.values()].map((group) => {
    const sorted = [...group].sort((x, y) => (x.column_name < y.column_name ? -1 : x.column_name > y.column_name ? 1 : 0));
    const fields: Record<string, unknown> = {};
    for (const change of sorted) fields[change.column_name] = JSON.parse(change.value) as unknown;
    const first = [...group].sort(compareChanges)[0]!;
    return { ...sideOf(first), value: JSON.stringify(fields), isDeletion: false };
  });
}

/**
 * The field and edit_delete conflicts of one record.
 * @param local the target's changes of the record that the source lacks
 * @param incoming the source's changes of the record that the target lacked
 */
export function recordConflicts(table: string, local: readonly LoggedChange[], incoming: readonly LoggedChange[]): DetectedConflict[] {
  if (local.length === 0 || incoming.length === 0) return [];
  const found: DetectedConflict[] = [];
  for (const l of local) {
    if (BOOKKEEPING_COLUMNS.has(l.column_name)) continue;
    for (const r of incoming) {
      if (r.column_name !== l.column_name || !differ(l.column_name, l, r)) continue;
      found.push(makeConflict('field', table, l.column_name, sideOf(l), sideOf(r)));
    }
  }
  const deletions = (changes: readonly LoggedChange[]) => changes.filter((c) => c.column_name === TOMBSTONE_COLUMN && c.value !== 'null').map(sideOf);
  for (const [deleting, editing] of [
    [local, incoming],
    [incoming, local],
  ] as const) {
    const edits = editWrites(editing);
    for (const deletion of deletions(deleting)) {
      for (const edit of edits) found.push(makeConflict('edit_delete', table, TOMBSTONE_COLUMN, deletion, edit));
    }
  }
  return found;
}

/** Whether a change gives a document a 文号 (a non-null number). */
export function isNumbering(change: LoggedChange): boolean {
  return change.table_name === DOCUMENT_NUMBER.table && change.column_name === DOCUMENT_NUMBER.column && change.value !== 'null';
}

/** A duplicate_number conflict between two concurrent numberings of different documents with the same 文号. */
export function duplicateNumberConflict(local: LoggedChange, incoming: LoggedChange): DetectedConflict | null {
  if (!isNumbering(local) || !isNumbering(incoming)) return null;
  if (local.row_id === incoming.row_id || local.value !== incoming.value) return null;
  return makeConflict('duplicate_number', DOCUMENT_NUMBER.table, DOCUMENT_NUMBER.column, sideOf(local), sideOf(incoming));
}

/**
 * The change_log rows that create a conflict row: every column but the id and the updated_* ones (which the log
 * rows carry), defaults included — unlike the repository's inserts, so that every version of the app derives the
 * same rows for the same conflict —, stamped with the later change's clock, ids derived.
 */
export function conflictCreationChanges(conflict: DetectedConflict): LoggedChange[] {
  const ms = parseHlc(conflict.later_hlc).ms;
  const columns: Record<string, string | null> = {
    created_at: new Date(ms).toISOString(),
    deleted_hlc: null,
    kind: conflict.kind,
    table_name: conflict.table_name,
    row_id: conflict.row_id,
    column_name: conflict.column_name,
    other_row_id: conflict.other_row_id,
    earlier_value: conflict.earlier_value,
    earlier_hlc: conflict.earlier_hlc,
    earlier_by: conflict.earlier_by,
    later_value: conflict.later_value,
    later_hlc: conflict.later_hlc,
    later_by: conflict.later_by,
    winner: conflict.winner,
    status: 'open',
    resolution: null,
  };
  return Object.entries(columns).map(([column, value]) => ({
    id: derivedUuidV7(`${conflict.id}\u0000${column}`, ms),
    table_name: 'conflicts',
    row_id: conflict.id,
    column_name: column,
    value: JSON.stringify(value),
    hlc: conflict.later_hlc,
    device_id: MERGE_DEVICE_ID,
    operator: MERGE_OPERATOR,
  }));
}
