/**
 * Version 6: the conflicts a sync merge records (sharing.md, "Merge rule"). FROZEN once released.
 *
 * A merge keeps, per field, the value with the highest clock; a `conflicts` row tells the user where that
 * choice was made between two edits that did not know of each other, so the losing value can be brought back.
 * It is a synced table like the others (sync columns, change_log): a conflict found on one PC travels to the
 * others, and so does its resolution, which is an ordinary later write with a fresh clock.
 *
 * The row must read the same on every PC that finds the same conflict (its id is derived from the two changes,
 * db/sync/conflicts.ts), so its two sides are named by clock order — `earlier_*` / `later_*` — never "this PC" /
 * "the other PC"; the screen tells 本机值 from 对方值 by comparing the device in `*_by` with its own.
 *
 * - `kind`: field 同一字段两边都改了 | edit_delete 一边修改、一边删除 | duplicate_number 两份公文同一文号.
 * - `row_id`: the record concerned; for duplicate_number the document numbered later (the one to renumber),
 *   with `other_row_id` the document that had the number first (null for the other kinds).
 * - `column_name`: the field; 'deleted_hlc' for edit_delete; 'number' for duplicate_number.
 * - `*_value`: JSON, as in change_log (for edit_delete the edit side is a JSON object of the write's columns).
 * - `*_by`: `<deviceId>:<operator>` of the side's change, as in `updated_by`.
 * - `winner`: earlier | later — the side the clock rule chose between these two (field: the later; edit_delete:
 *   the deletion, the record stays deleted; duplicate_number: the document numbered first keeps the 文号). A third,
 *   still later change of the field can make the ledger show neither: the screen shows the current value too.
 * - `status`: open 待确认 | resolved 已处理; `resolution`: null while open, then what the user chose.
 *
 * Same conventions as 001: STRICT, the sharing.md sync columns, no enum CHECKs (the services validate).
 */
import type { Migration } from './migration';

const SQL = `
CREATE TABLE conflicts (
  id          TEXT PRIMARY KEY NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_hlc TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  deleted_hlc TEXT,
  kind          TEXT NOT NULL,
  table_name    TEXT NOT NULL,
  row_id        TEXT NOT NULL,
  column_name   TEXT NOT NULL,
  other_row_id  TEXT,
  earlier_value TEXT NOT NULL CHECK (json_valid(earlier_value)),
  earlier_hlc   TEXT NOT NULL,
  earlier_by    TEXT NOT NULL,
  later_value   TEXT NOT NULL CHECK (json_valid(later_value)),
  later_hlc     TEXT NOT NULL,
  later_by      TEXT NOT NULL,
  winner        TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'open',
  resolution    TEXT
) STRICT;

CREATE INDEX conflicts_row ON conflicts (table_name, row_id);
CREATE INDEX conflicts_other_row ON conflicts (table_name, other_row_id);
CREATE INDEX conflicts_status ON conflicts (status);
`;

export const conflictsMigration: Migration = {
  version: 6,
  name: 'conflicts',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};
