/**
 * Version 7: indexes for the queries the ledger runs (issue 8). Indexes only: no table or row changes, and the
 * plans they give are asserted by tests/unit/db/query-plans.test.ts. FROZEN once released.
 *
 * Most are partial (`WHERE deleted_hlc IS NULL`): every screen reads live rows only, and tombstones would only
 * make the index larger. A query uses a partial index when its WHERE has the same `deleted_hlc IS NULL` term.
 * They still list `deleted_hlc` as their last column: SQLite counts a partial index as covering only when it holds
 * every column the query names, that one included; without it a count or a DISTINCT read the table instead.
 *
 * - Dropped `tasks_deleted_hlc` (001): nearly every task is live, so `deleted_hlc IS NULL` selects nearly every
 *   row, yet without statistics (a ledger not yet analysed) SQLite takes an equality on an index as selective
 *   and chose it over everything else: the ledger page sorted every task in a temporary B-tree, and the page's
 *   computed columns read every live task instead of looking its 100 ids up by primary key.
 * - Dropped `tasks_due_date` (001): every query on a task's due date reads live tasks, and tasks_live_due serves
 *   them all; with statistics the planner preferred the old one and sorted the page in a temporary B-tree.
 * - tasks_live_due (due_date, id): the ledger's default order (期限, then id) read in index order, stopping at
 *   the page's LIMIT; the count of live tasks as a covering scan; the 期限 range filter.
 * - tasks_live_leader (leader): 责任领导 list (covering, already in order) and the ledger's leader filter.
 * - progress_reports_live_date (report_date): 工作台 "reports in the last 7 days" (covering).
 * - documents_live_drafted (drafted_at, id): the documents list in its order (newest first) and its count.
 * - obligations_issued (issued_on): obligations of a year (催办, 公文 answers), selected by issue date.
 * - supervision_actions_purpose_date (purpose, action_date): the 催办 records of a year and a unit's chases.
 */
import type { Migration } from './migration';

const SQL = `
DROP INDEX tasks_deleted_hlc;
DROP INDEX tasks_due_date;
CREATE INDEX tasks_live_due ON tasks (due_date, id, deleted_hlc) WHERE deleted_hlc IS NULL;
CREATE INDEX tasks_live_leader ON tasks (leader, deleted_hlc) WHERE deleted_hlc IS NULL;
CREATE INDEX progress_reports_live_date ON progress_reports (report_date, deleted_hlc) WHERE deleted_hlc IS NULL;
CREATE INDEX documents_live_drafted ON documents (drafted_at, id, deleted_hlc) WHERE deleted_hlc IS NULL;
CREATE INDEX obligations_issued ON obligations (issued_on);
CREATE INDEX supervision_actions_purpose_date ON supervision_actions (purpose, action_date);
`;

export const queryIndexesMigration: Migration = {
  version: 7,
  name: 'query_indexes',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};
