/**
 * Version 9: indexes that let the ledger filter and sort by status without computing every task's status, and count
 * and sort a unit's tasks, a search's hits and the 工作台's year from indexes instead of task rows (issue 8).
 * Indexes only: no table or row changes. FROZEN once released.
 *
 * Status is computed from today, so it cannot be stored; but most of it is a plain predicate on tasks (see
 * electron/services/ledger-query.ts): 已办结 ⇔ completed_on IS NOT NULL, 逾期 ⇔ open and due before today, and
 * 滞后/临期/正常 only concern open tasks due today or later. Open tasks are a small part of a ledger that runs for
 * years, so an index of them alone makes every status but 已办结 an index range:
 * - tasks_open_due (due_date, id): open tasks in the ledger's order (期限, then id) — 逾期 is the range before today,
 *   read in page order and stopping at the LIMIT; its count is a covering range.
 * - tasks_open_year_due (year, due_date, id, source): the same within one year (the 台账's year filter); with the
 *   source, the 工作台 counts a year's open tasks by source and status from the index alone.
 * - tasks_live_year_due (year, due_date, id, source): a year's live tasks in the ledger's order (the 台账's year
 *   filter read in index order), from the index alone (tasks_year_source_due of 001 lacks deleted_hlc, so it reads every task's row).
 * - milestones_live_task_due (task_id, due_date, planned_percent): the planned percentage of a task as of today
 *   (`滞后` needs it) in one covering seek, the `ORDER BY due_date DESC, planned_percent DESC LIMIT 1` read
 *   from the index instead of sorting the task's milestones.
 * - tasks_live_year_state (year, source, completed_on, due_date, id): the 工作台's one pass over a year's tasks —
 *   已办结 or not, the status of the open ones, by source, joined to their units by id — from the index alone (dashboard.ts names it: with due_date first,
 *   tasks_live_year_due would also serve but would then be chosen over tasks_open_year_due for the 台账's open
 *   statuses of a year, reading the year's closed tasks too).
 * - tasks_live_id (id, code, due_date): a live task's sort keys by id, for the tasks found by id — a unit's tasks
 *   (through its links) or a search's hits: counting them and sorting them by 编号 or 期限 read this small index
 *   instead of each task's row (the whole task, its texts included).
 * - task_units_live_unit_role (unit_id, role, task_id): a unit's live links and their tasks from the index alone
 *   (task_units_unit_role of 001 lacks deleted_hlc and task_id, so it reads every link's row).
 * - task_search_docs_doc_task (doc_id, task_id): the task ids of full-text hits (FTS rowids) without reading each
 *   hit's search document, a row holding the task's whole text (db/search.ts names it with INDEXED BY, as the
 *   planner prefers the rowid lookup).
 * Like migration 007's, the partial indexes list their WHERE columns last so that SQLite counts them as covering.
 */
import type { Migration } from './migration';

const SQL = `
CREATE INDEX tasks_open_due ON tasks (due_date, id, completed_on, deleted_hlc)
  WHERE deleted_hlc IS NULL AND completed_on IS NULL;
CREATE INDEX tasks_open_year_due ON tasks (year, due_date, id, source, completed_on, deleted_hlc)
  WHERE deleted_hlc IS NULL AND completed_on IS NULL;
CREATE INDEX tasks_live_year_due ON tasks (year, due_date, id, source, deleted_hlc)
  WHERE deleted_hlc IS NULL;
CREATE INDEX milestones_live_task_due ON milestones (task_id, due_date, planned_percent, deleted_hlc)
  WHERE deleted_hlc IS NULL;
CREATE INDEX tasks_live_year_state ON tasks (year, source, completed_on, due_date, id, deleted_hlc)
  WHERE deleted_hlc IS NULL;
CREATE INDEX tasks_live_id ON tasks (id, code, due_date, deleted_hlc)
  WHERE deleted_hlc IS NULL;
CREATE INDEX task_units_live_unit_role ON task_units (unit_id, role, task_id, deleted_hlc)
  WHERE deleted_hlc IS NULL;
CREATE INDEX task_search_docs_doc_task ON task_search_docs (doc_id, task_id);
`;

export const openTaskIndexesMigration: Migration = {
  version: 9,
  name: 'open_task_indexes',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};
