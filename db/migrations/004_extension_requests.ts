/**
 * Version 4: extension requests (延期申请). FROZEN once released.
 *
 * A unit that needs more time reports the reason and its stage progress and the date it asks for
 * (domain.md, "The rules of the workflow"); the office approves (with a new due date) or refuses.
 * Rows are never deleted: the history of every request and decision stays.
 *
 * - `status`: requested 待审批 | approved 已批准 | refused 不予批准 (no enum CHECK, as in 001).
 * - `original_due_date`: the task's due date at the moment of approval; `approved_due_date` the new one.
 *
 * Same conventions as 001: STRICT, the sharing.md sync columns.
 */
import type { Migration } from './migration';

const SQL = `
CREATE TABLE extension_requests (
  id          TEXT PRIMARY KEY NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_hlc TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  deleted_hlc TEXT,
  task_id           TEXT NOT NULL REFERENCES tasks (id),
  unit_id           TEXT NOT NULL REFERENCES units (id),
  reason            TEXT NOT NULL,
  stage_progress    TEXT NOT NULL DEFAULT '',
  requested_date    TEXT NOT NULL,
  status            TEXT NOT NULL DEFAULT 'requested',
  decided_on        TEXT,
  decided_by        TEXT NOT NULL DEFAULT '',
  decision_note     TEXT NOT NULL DEFAULT '',
  original_due_date TEXT,
  approved_due_date TEXT
) STRICT;

CREATE INDEX extension_requests_task ON extension_requests (task_id);
`;

export const extensionRequestsMigration: Migration = {
  version: 4,
  name: 'extension_requests',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};
