/**
 * Version 13: task_unit_facts (migration 011) also carries each task's 编号, and an index by unit gives a unit's
 * tasks with their sort keys — so that the 台账 filtered by a unit (and year) and sorted by 编号 or 期限 counts and
 * pages from one index instead of looking up each of the unit's tasks (issue 8). FROZEN once released.
 *
 * Why: the busiest town of the 100,000-task benchmark ledger leads 2,288 tasks. Found through its links, each task
 * had to be looked up (twice: to count, then to sort) for its 编号 and due date: over 15 ms in SQL alone. The facts
 * table already holds every live link of a live task with the task's year and due date; with the 编号 too, a unit's
 * page is a range of task_unit_facts_unit (unit_id, role, task_id, year, 编号, due date) read from the index alone.
 *
 * The triggers of 011 that write facts are replaced by the same ones writing the 编号 as well, and a task's change
 * of 编号 now refreshes its facts. Like 011's, the table stays derived and local: never synced or logged.
 */
import type { Migration } from './migration';

/** The facts of live links of live tasks, for the links matching `where` (on task_units `tu` / tasks `t`). */
const FACTS_OF = (where: string) => `
  INSERT INTO task_unit_facts (link_id, task_id, unit_id, role, year, done, due_date, code)
  SELECT tu.id, tu.task_id, tu.unit_id, tu.role, t.year, t.completed_on IS NOT NULL, t.due_date, t.code
    FROM task_units tu JOIN tasks t ON t.id = tu.task_id
   WHERE ${where} AND tu.deleted_hlc IS NULL AND t.deleted_hlc IS NULL;`;

const REFRESH_LINK = (linkId: string) => `
  DELETE FROM task_unit_facts WHERE link_id = ${linkId};
  ${FACTS_OF(`tu.id = ${linkId}`)}`;

const REFRESH_TASK = (taskId: string) => `
  DELETE FROM task_unit_facts WHERE task_id = ${taskId};
  ${FACTS_OF(`tu.task_id = ${taskId}`)}`;

/** Fills the table for a whole ledger: the bench's bulk load (this migration only adds the 编号 to existing rows). */
export const FILL_TASK_UNIT_FACTS = `DELETE FROM task_unit_facts; ${FACTS_OF('1')}`;

const SQL = `
ALTER TABLE task_unit_facts ADD COLUMN code TEXT NOT NULL DEFAULT '';
UPDATE task_unit_facts SET code = (SELECT t.code FROM tasks t WHERE t.id = task_unit_facts.task_id);

-- task_id right after the role: a unit's tasks in one role come grouped by task (a task may link a unit twice)
-- without a sort; the year, 编号 and due date are there for the filter and the page's order.
CREATE INDEX task_unit_facts_unit ON task_unit_facts (unit_id, role, task_id, year, code, due_date);

DROP TRIGGER task_unit_facts_link_ai;
DROP TRIGGER task_unit_facts_link_au;
DROP TRIGGER task_unit_facts_task_ai;
DROP TRIGGER task_unit_facts_task_au;

CREATE TRIGGER task_unit_facts_link_ai AFTER INSERT ON task_units
BEGIN ${REFRESH_LINK('NEW.id')} END;

CREATE TRIGGER task_unit_facts_link_au AFTER UPDATE OF id, task_id, unit_id, role, deleted_hlc ON task_units
BEGIN
  DELETE FROM task_unit_facts WHERE link_id = OLD.id;
  ${REFRESH_LINK('NEW.id')}
END;

CREATE TRIGGER task_unit_facts_task_ai AFTER INSERT ON tasks
BEGIN ${REFRESH_TASK('NEW.id')} END;

CREATE TRIGGER task_unit_facts_task_au AFTER UPDATE OF id, year, code, completed_on, due_date, deleted_hlc ON tasks
BEGIN
  DELETE FROM task_unit_facts WHERE task_id = OLD.id;
  ${REFRESH_TASK('NEW.id')}
END;
`;

export const taskUnitFactsCodeMigration: Migration = {
  version: 13,
  name: 'task_unit_facts_code',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};
