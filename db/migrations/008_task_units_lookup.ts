/**
 * Version 8: an index that lets the `task_latest_progress` triggers (migration 002) find a report's lead link
 * by task, unit and role at once (issue 8). Indexes only: no table or row changes. FROZEN once released.
 *
 * Why: the triggers ask, for every report of a task, "is this report's unit a lead unit of the task?"
 * (`lu.task_id = ? AND lu.unit_id = ? AND lu.role = 'lead'`). With only task_units_task_id (task_id) and
 * task_units_unit_role (unit_id, role), SQLite takes the two equalities of the second and reads every lead
 * link of the unit for each report — thousands of rows per inserted report in a ledger of 100,000 tasks, which
 * made importing and syncing slow in proportion to the ledger's size. task_units_task_unit_role answers it with
 * one covering lookup; it also serves every query task_units_task_id served (task_id is its first column), so
 * that one is dropped.
 */
import type { Migration } from './migration';

const SQL = `
CREATE INDEX task_units_task_unit_role ON task_units (task_id, unit_id, role, deleted_hlc);
DROP INDEX task_units_task_id;
`;

export const taskUnitsLookupMigration: Migration = {
  version: 8,
  name: 'task_units_lookup',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};
