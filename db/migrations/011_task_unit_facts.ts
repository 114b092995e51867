/**
 * Version 11: a derived, local table of every live link of a live task with the task's year, completion and due
 * date, kept by triggers — so that the 工作台 counts a year's tasks per unit from one index (issue 8).
 * FROZEN once released.
 *
 * Why: the 工作台 counts, for one year, each unit's tasks (lead and assisting) by status. Without this table that
 * is a join of the year's tasks to their links — one seek per task into task_units, ~19k seeks and ~38k links for
 * a year of the 100,000-task benchmark ledger — and a sort of the links to group them (150+ ms on a 2-core PC).
 * With it, the counts are a covering range of task_unit_facts_year_unit (year, unit_id, role, done, due_date) read
 * in index order: grouped by unit and role without sorting, each status but 滞后 a sum over done and due_date
 * (已办结 ⇔ done, 逾期 ⇔ open and due before today, 临期/正常 by due date). 滞后 depends on today's planned
 * percentage and is counted from the few behind tasks (electron/services/dashboard.ts).
 *
 * Like task_latest_progress (migration 002), the table is derived only from synced rows (tasks, task_units), so it
 * is never synced or logged: a merge writes those rows with plain INSERT/UPDATE and the same triggers fire. A link
 * may arrive in a merge before its task (foreign keys are checked at commit), so a task's insert also looks for its
 * links. Rows are never physically deleted from the synced tables; the DELETE triggers keep the table right anyway.
 */
import type { Migration } from './migration';

/** The facts of live links of live tasks, for the links matching `where` (on task_units `tu` / tasks `t`). */
const FACTS_OF = (where: string) => `
  INSERT INTO task_unit_facts (link_id, task_id, unit_id, role, year, done, due_date)
  SELECT tu.id, tu.task_id, tu.unit_id, tu.role, t.year, t.completed_on IS NOT NULL, t.due_date
    FROM task_units tu JOIN tasks t ON t.id = tu.task_id
   WHERE ${where} AND tu.deleted_hlc IS NULL AND t.deleted_hlc IS NULL;`;

const REFRESH_LINK = (linkId: string) => `
  DELETE FROM task_unit_facts WHERE link_id = ${linkId};
  ${FACTS_OF(`tu.id = ${linkId}`)}`;

const REFRESH_TASK = (taskId: string) => `
  DELETE FROM task_unit_facts WHERE task_id = ${taskId};
  ${FACTS_OF(`tu.task_id = ${taskId}`)}`;

/** Fills the table for a whole ledger: the migration's own backfill, and the bench's bulk load. */
export const FILL_TASK_UNIT_FACTS = `DELETE FROM task_unit_facts; ${FACTS_OF('1')}`;

const SQL = `
CREATE TABLE task_unit_facts (
  link_id  TEXT PRIMARY KEY NOT NULL,
  task_id  TEXT NOT NULL,
  unit_id  TEXT NOT NULL,
  role     TEXT NOT NULL,
  year     INTEGER NOT NULL,
  done     INTEGER NOT NULL,
  due_date TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX task_unit_facts_year_unit ON task_unit_facts (year, unit_id, role, done, due_date);
CREATE INDEX task_unit_facts_task ON task_unit_facts (task_id);

CREATE TRIGGER task_unit_facts_link_ai AFTER INSERT ON task_units
BEGIN ${REFRESH_LINK('NEW.id')} END;

CREATE TRIGGER task_unit_facts_link_au AFTER UPDATE OF id, task_id, unit_id, role, deleted_hlc ON task_units
BEGIN
  DELETE FROM task_unit_facts WHERE link_id = OLD.id;
  ${REFRESH_LINK('NEW.id')}
END;

CREATE TRIGGER task_unit_facts_link_ad AFTER DELETE ON task_units
BEGIN
  DELETE FROM task_unit_facts WHERE link_id = OLD.id;
END;

CREATE TRIGGER task_unit_facts_task_ai AFTER INSERT ON tasks
BEGIN ${REFRESH_TASK('NEW.id')} END;

CREATE TRIGGER task_unit_facts_task_au AFTER UPDATE OF id, year, completed_on, due_date, deleted_hlc ON tasks
BEGIN
  DELETE FROM task_unit_facts WHERE task_id = OLD.id;
  ${REFRESH_TASK('NEW.id')}
END;

CREATE TRIGGER task_unit_facts_task_ad AFTER DELETE ON tasks
BEGIN
  DELETE FROM task_unit_facts WHERE task_id = OLD.id;
END;

${FACTS_OF('1')}
`;

export const taskUnitFactsMigration: Migration = {
  version: 11,
  name: 'task_unit_facts',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};
