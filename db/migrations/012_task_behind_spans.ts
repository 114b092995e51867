/**
 * Version 12: a derived, local table of the date ranges in which each open task is 滞后 (behind its plan), kept by
 * triggers — so that "behind today" is one index range instead of a milestone and a percentage looked up for every
 * open task not yet due (issue 8). FROZEN once released.
 *
 * Why: 滞后 depends on today, so it cannot be stored as a status. But it depends on today only through the plan:
 * as of a date d, the planned percentage is that of the latest milestone due on or before d (the highest one among
 * milestones due that same day), so it only changes on milestone dates. Between two consecutive milestone dates
 * d_i ≤ d < d_(i+1) an open task is behind exactly when the plan at d_i is above its latest reported percentage. So
 * a task's "behind" dates are a few spans [d_i, d_(i+1)), d_(i+1) missing for the last milestone, and these spans
 * change only when the task, its milestones or its latest percentage change — every one a write, where a trigger
 * can keep them. Counting the tasks behind today is then a range of task_behind_spans_due (due_date ≥ today: the
 * tasks not yet due, the only ones that can be 滞后 rather than 逾期) filtered on from/until; the 工作台 and the
 * 台账's 逾期+滞后 read it instead of 8,500 milestone seeks for a year of the 100,000-task benchmark ledger.
 * The 工作台 then needs those tasks' links per unit: task_unit_facts_task_links (below) gives them from one index.
 *
 * What a row means: task `task_id`, live and open (completed_on IS NULL), due `due_date`, is behind on every date d
 * with from_date ≤ d < until_date (until_date NULL: no later milestone), as long as d ≤ due_date. Spans that start
 * after the due date are left out: on those dates the task is 逾期, never 滞后. The rules are status.ts `taskStatus`'s
 * (tests/unit/services/ledger-status-paths.test.ts compares the ledger's statuses with it).
 *
 * Like task_latest_progress (002) and task_unit_facts (011), the table is derived from synced rows (tasks,
 * milestones) and from task_latest_progress, so it is never synced or logged: a merge writes the synced rows with
 * plain INSERT/UPDATE and the same triggers fire. task_latest_progress is rewritten (INSERT OR REPLACE) by its own
 * triggers whenever a task's reports or links change, and its INSERT trigger here follows. A milestone may arrive
 * in a merge before its task (foreign keys are checked at commit), so a task's insert also computes its spans.
 */
import type { Migration } from './migration';

/** The behind spans of the live, open tasks matching `tasksWhere` (on tasks `t`), from the milestones matching `milestonesWhere` (on `m`). */
const SPANS_OF = (tasksWhere: string, milestonesWhere: string) => `
  INSERT INTO task_behind_spans (task_id, from_date, until_date, due_date)
  SELECT t.id, plan.due_date, plan.until_date, t.due_date
    FROM tasks t
    JOIN (SELECT m.task_id, m.due_date, max(m.planned_percent) AS planned_percent,
                 lead(m.due_date) OVER (PARTITION BY m.task_id ORDER BY m.due_date) AS until_date
            FROM milestones m
           WHERE m.deleted_hlc IS NULL AND ${milestonesWhere}
           GROUP BY m.task_id, m.due_date) plan ON plan.task_id = t.id
   WHERE ${tasksWhere} AND t.deleted_hlc IS NULL AND t.completed_on IS NULL AND plan.due_date <= t.due_date
     AND plan.planned_percent > coalesce((SELECT lp.latest_percent FROM task_latest_progress lp WHERE lp.task_id = t.id), 0);`;

const REFRESH = (taskId: string) => `
  DELETE FROM task_behind_spans WHERE task_id = ${taskId};
  ${SPANS_OF(`t.id = ${taskId}`, `m.task_id = ${taskId}`)}`;

const HAS_MILESTONES = (taskId: string) => `EXISTS (SELECT 1 FROM milestones m WHERE m.task_id = ${taskId} AND m.deleted_hlc IS NULL)`;

/** Fills the table for a whole ledger: the migration's own backfill, and the bench's bulk load. */
export const FILL_TASK_BEHIND_SPANS = `DELETE FROM task_behind_spans; ${SPANS_OF('1', '1')}`;

const SQL = `
CREATE TABLE task_behind_spans (
  task_id    TEXT NOT NULL,
  from_date  TEXT NOT NULL,
  until_date TEXT,
  due_date   TEXT NOT NULL,
  PRIMARY KEY (task_id, from_date)
) STRICT, WITHOUT ROWID;

CREATE INDEX task_behind_spans_due ON task_behind_spans (due_date, from_date, until_date);

-- The 工作台 moves the links of the tasks behind today from 临期/正常 to 滞后 per unit: found by task, with the year,
-- unit, role and due date from the index alone. It replaces 011's task_unit_facts_task (task_id), which served the
-- triggers' deletes by task and serves them as well.
CREATE INDEX task_unit_facts_task_links ON task_unit_facts (task_id, year, unit_id, role, due_date);
DROP INDEX task_unit_facts_task;

CREATE TRIGGER task_behind_spans_milestone_ai AFTER INSERT ON milestones
BEGIN ${REFRESH('NEW.task_id')} END;

CREATE TRIGGER task_behind_spans_milestone_au AFTER UPDATE OF task_id, due_date, planned_percent, deleted_hlc ON milestones
BEGIN ${REFRESH('OLD.task_id')} ${REFRESH('NEW.task_id')} END;

CREATE TRIGGER task_behind_spans_milestone_ad AFTER DELETE ON milestones
BEGIN ${REFRESH('OLD.task_id')} END;

-- A task without live milestones has no plan, hence no spans (its last milestone's removal refreshed them): a new
-- percentage or a new task needs nothing then. That spares an import the refresh of every new link's percentage.
CREATE TRIGGER task_behind_spans_progress_ai AFTER INSERT ON task_latest_progress
WHEN ${HAS_MILESTONES('NEW.task_id')}
BEGIN ${REFRESH('NEW.task_id')} END;

CREATE TRIGGER task_behind_spans_progress_au AFTER UPDATE ON task_latest_progress
BEGIN ${REFRESH('OLD.task_id')} ${REFRESH('NEW.task_id')} END;

CREATE TRIGGER task_behind_spans_task_ai AFTER INSERT ON tasks
WHEN ${HAS_MILESTONES('NEW.id')}
BEGIN ${REFRESH('NEW.id')} END;

CREATE TRIGGER task_behind_spans_task_au AFTER UPDATE OF id, due_date, completed_on, deleted_hlc ON tasks
BEGIN
  DELETE FROM task_behind_spans WHERE task_id = OLD.id;
  ${REFRESH('NEW.id')}
END;

CREATE TRIGGER task_behind_spans_task_ad AFTER DELETE ON tasks
BEGIN
  DELETE FROM task_behind_spans WHERE task_id = OLD.id;
END;

${FILL_TASK_BEHIND_SPANS}
`;

export const taskBehindSpansMigration: Migration = {
  version: 12,
  name: 'task_behind_spans',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};
