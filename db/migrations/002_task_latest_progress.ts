import type { Migration } from './migration';

/**
 * A derived, local table: each task's newest reported percentage and report date, kept by triggers.
 *
 * The ledger filters and sorts by status over the whole ledger, and status needs the latest percentage.
 * Computing it per row with a correlated subquery made a status filter cost a scan of every task's
 * reports; this table turns it into one primary-key lookup. It is derived only from synced rows
 * (progress_reports, task_units), so it is never synced or logged itself: a merge that writes those
 * rows fires the same triggers and the table follows.
 *
 * latest_percent: the newest report with a percentage, a lead unit's preferred over an assisting
 * unit's (the lead unit answers for the task as a whole). latest_report_date: the newest report of any kind.
 */
const LATEST_PERCENT = (taskId: string) => `(
  SELECT p.percent FROM progress_reports p
   WHERE p.task_id = ${taskId} AND p.deleted_hlc IS NULL AND p.percent IS NOT NULL
   ORDER BY EXISTS (
     SELECT 1 FROM task_units lu
      WHERE lu.task_id = p.task_id AND lu.unit_id = p.unit_id AND lu.role = 'lead' AND lu.deleted_hlc IS NULL
   ) DESC, p.report_date DESC, p.created_at DESC, p.id DESC
   LIMIT 1)`;

const LATEST_DATE = (taskId: string) =>
  `(SELECT max(p.report_date) FROM progress_reports p WHERE p.task_id = ${taskId} AND p.deleted_hlc IS NULL)`;

const REFRESH = (taskId: string) => `
  INSERT OR REPLACE INTO task_latest_progress (task_id, latest_percent, latest_report_date)
  VALUES (${taskId}, ${LATEST_PERCENT(taskId)}, ${LATEST_DATE(taskId)});`;

const SQL = `
CREATE TABLE task_latest_progress (
  task_id            TEXT PRIMARY KEY REFERENCES tasks (id),
  latest_percent     INTEGER,
  latest_report_date TEXT
) STRICT, WITHOUT ROWID;

CREATE INDEX task_latest_progress_percent ON task_latest_progress (latest_percent);

CREATE TRIGGER task_latest_progress_report_ai AFTER INSERT ON progress_reports
BEGIN ${REFRESH('NEW.task_id')} END;

CREATE TRIGGER task_latest_progress_report_au
  AFTER UPDATE OF task_id, unit_id, percent, report_date, deleted_hlc ON progress_reports
BEGIN ${REFRESH('NEW.task_id')} ${REFRESH('OLD.task_id')} END;

CREATE TRIGGER task_latest_progress_unit_ai AFTER INSERT ON task_units
BEGIN ${REFRESH('NEW.task_id')} END;

CREATE TRIGGER task_latest_progress_unit_au AFTER UPDATE OF task_id, unit_id, role, deleted_hlc ON task_units
BEGIN ${REFRESH('NEW.task_id')} ${REFRESH('OLD.task_id')} END;

INSERT INTO task_latest_progress (task_id, latest_percent, latest_report_date)
SELECT t.id, ${LATEST_PERCENT('t.id')}, ${LATEST_DATE('t.id')} FROM tasks t;
`;

export const taskLatestProgressMigration: Migration = {
  version: 2,
  name: 'task_latest_progress',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};
