/**
 * Version 1: the whole first schema — every table of db/schema.ts, its keys, indexes, the full-text index and
 * the append-only change log. FROZEN once released: later changes go into 002_… and onwards.
 *
 * Conventions:
 * - Tables are STRICT, so a value of the wrong type is an error instead of silently stored.
 * - Synced tables: `id` TEXT primary key (UUID v7) and the sharing.md columns, no defaults for those (only the
 *   repository writes them). Plain text fields default to '' and flags to their usual value.
 * - Foreign keys are immediate. Rows are never physically deleted (tombstones), so no ON DELETE actions; a
 *   sync merge that must insert children before parents can use `PRAGMA defer_foreign_keys`.
 * - No UNIQUE constraints on business keys (one unit per task, one override per date …): two offline copies
 *   may each add one, and the merge must record that as a conflict for the user, not fail.
 * - Enum-like columns are not CHECKed: the vocabulary lives in the contract and may grow without a table rebuild.
 *
 * Full-text search (trigram, so any 3+ character substring of Chinese text matches):
 * - `task_search_docs(doc_id, task_id, body)` holds one search document per live task: the task's code, title,
 *   content, source_ref and leader, then stage/done_text/problems/next_steps of each live progress report,
 *   separated by newlines (so a match never spans two fields).
 * - `task_search` is an FTS5 external-content index over it (content_rowid = doc_id); a match gives task ids.
 * - Triggers on tasks and progress_reports call the `task_search_refresh` view (an INSTEAD OF trigger acting as a
 *   stored procedure), which rebuilds or removes the task's document. A tombstoned task or report drops out.
 */
import type { Migration } from './migration';

const SYNC_COLUMNS = `
  id          TEXT PRIMARY KEY NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_hlc TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  deleted_hlc TEXT`;

const TABLES = `
CREATE TABLE units (${SYNC_COLUMNS},
  name           TEXT NOT NULL,
  short_name     TEXT NOT NULL DEFAULT '',
  kind           TEXT NOT NULL DEFAULT 'other',
  leader_name    TEXT NOT NULL DEFAULT '',
  leader_phone   TEXT NOT NULL DEFAULT '',
  director_name  TEXT NOT NULL DEFAULT '',
  director_phone TEXT NOT NULL DEFAULT '',
  liaison_name   TEXT NOT NULL DEFAULT '',
  liaison_phone  TEXT NOT NULL DEFAULT '',
  sort_order     INTEGER NOT NULL DEFAULT 0,
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE tasks (${SYNC_COLUMNS},
  year             INTEGER NOT NULL,
  source           TEXT NOT NULL,
  code             TEXT NOT NULL DEFAULT '',
  title            TEXT NOT NULL,
  content          TEXT NOT NULL DEFAULT '',
  source_ref       TEXT NOT NULL DEFAULT '',
  source_date      TEXT NOT NULL DEFAULT '',
  leader           TEXT NOT NULL DEFAULT '',
  assigned_date    TEXT NOT NULL DEFAULT '',
  time_limit_value INTEGER,
  time_limit_unit  TEXT,
  due_date         TEXT NOT NULL,
  rhythm           TEXT NOT NULL DEFAULT 'deadline',
  parent_id        TEXT REFERENCES tasks (id),
  completed_on     TEXT,
  note             TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE task_units (${SYNC_COLUMNS},
  task_id        TEXT NOT NULL REFERENCES tasks (id),
  unit_id        TEXT NOT NULL REFERENCES units (id),
  role           TEXT NOT NULL,
  contact_person TEXT NOT NULL DEFAULT '',
  contact_phone  TEXT NOT NULL DEFAULT '',
  completed_on   TEXT
) STRICT;

CREATE TABLE milestones (${SYNC_COLUMNS},
  task_id         TEXT NOT NULL REFERENCES tasks (id),
  label           TEXT NOT NULL DEFAULT '',
  due_date        TEXT NOT NULL,
  planned_percent INTEGER NOT NULL DEFAULT 0 CHECK (planned_percent BETWEEN 0 AND 100),
  description     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE progress_reports (${SYNC_COLUMNS},
  task_id     TEXT NOT NULL REFERENCES tasks (id),
  unit_id     TEXT NOT NULL REFERENCES units (id),
  period      TEXT NOT NULL DEFAULT '',
  report_date TEXT NOT NULL,
  percent     INTEGER CHECK (percent BETWEEN 0 AND 100),
  stage       TEXT NOT NULL DEFAULT '',
  done_text   TEXT NOT NULL DEFAULT '',
  problems    TEXT NOT NULL DEFAULT '',
  next_steps  TEXT NOT NULL DEFAULT '',
  no_change   INTEGER NOT NULL DEFAULT 0 CHECK (no_change IN (0, 1)),
  reporter    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE supervision_actions (${SYNC_COLUMNS},
  task_id     TEXT NOT NULL REFERENCES tasks (id),
  unit_id     TEXT REFERENCES units (id),
  method      TEXT NOT NULL,
  action_date TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  operator    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE holiday_overrides (${SYNC_COLUMNS},
  date TEXT NOT NULL,
  kind TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
) STRICT;

-- id = the setting key; value = JSON
CREATE TABLE settings (${SYNC_COLUMNS},
  value TEXT NOT NULL CHECK (json_valid(value))
) STRICT;

CREATE TABLE change_log (
  id          TEXT PRIMARY KEY NOT NULL,
  table_name  TEXT NOT NULL,
  row_id      TEXT NOT NULL,
  column_name TEXT NOT NULL,
  value       TEXT NOT NULL CHECK (json_valid(value)),
  hlc         TEXT NOT NULL,
  device_id   TEXT NOT NULL,
  operator    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE sync_state (
  peer_id   TEXT PRIMARY KEY NOT NULL,
  last_hlc  TEXT NOT NULL,
  synced_at TEXT NOT NULL
) STRICT;

CREATE TABLE local_meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;
`;

const INDEXES = `
CREATE INDEX tasks_year_source_due ON tasks (year, source, due_date);
CREATE INDEX tasks_due_date ON tasks (due_date);
CREATE INDEX tasks_deleted_hlc ON tasks (deleted_hlc);
CREATE INDEX tasks_parent_id ON tasks (parent_id);
CREATE INDEX task_units_task_id ON task_units (task_id);
CREATE INDEX task_units_unit_role ON task_units (unit_id, role);
CREATE INDEX milestones_task_due ON milestones (task_id, due_date);
CREATE INDEX progress_reports_task_date ON progress_reports (task_id, report_date);
CREATE INDEX progress_reports_unit_date ON progress_reports (unit_id, report_date);
CREATE INDEX supervision_actions_task_id ON supervision_actions (task_id);
CREATE INDEX supervision_actions_unit_id ON supervision_actions (unit_id);
CREATE INDEX holiday_overrides_date ON holiday_overrides (date);
CREATE INDEX change_log_hlc ON change_log (hlc);
CREATE INDEX change_log_row ON change_log (table_name, row_id);
`;

/**
 * The change log is the audit trail and the material of every merge: rows are only ever added.
 * Inserting an id that is already there does nothing (a merge may offer the same change twice), and that
 * also keeps INSERT OR REPLACE from overwriting one: REPLACE's implicit delete would bypass a DELETE trigger.
 */
const CHANGE_LOG_GUARDS = `
CREATE TRIGGER change_log_insert_once BEFORE INSERT ON change_log
  WHEN EXISTS (SELECT 1 FROM change_log WHERE id = NEW.id)
BEGIN
  SELECT RAISE(IGNORE);
END;

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN
  SELECT RAISE(ABORT, 'change_log 只能追加：已记录的变更不能修改');
END;

CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN
  SELECT RAISE(ABORT, 'change_log 只能追加：已记录的变更不能删除');
END;
`;

/** Newline-joined text of one live progress report; the reports of a task are joined in date order. */
const REPORT_TEXT = `p.stage || char(10) || p.done_text || char(10) || p.problems || char(10) || p.next_steps`;

const TASK_BODY = `
  t.code || char(10) || t.title || char(10) || t.content || char(10) || t.source_ref || char(10) || t.leader
  || coalesce(char(10) || (
       SELECT group_concat(report_text, char(10)) FROM (
         SELECT ${REPORT_TEXT} AS report_text
           FROM progress_reports p
          WHERE p.task_id = t.id AND p.deleted_hlc IS NULL
          ORDER BY p.report_date, p.id)
     ), '')`;

const FULL_TEXT_SEARCH = `
CREATE TABLE task_search_docs (
  doc_id  INTEGER PRIMARY KEY,
  task_id TEXT NOT NULL UNIQUE,
  body    TEXT NOT NULL
) STRICT;

CREATE VIRTUAL TABLE task_search USING fts5 (
  task_id UNINDEXED,
  body,
  content = 'task_search_docs',
  content_rowid = 'doc_id',
  tokenize = 'trigram'
);

CREATE TRIGGER task_search_docs_ai AFTER INSERT ON task_search_docs
BEGIN
  INSERT INTO task_search (rowid, task_id, body) VALUES (NEW.doc_id, NEW.task_id, NEW.body);
END;

CREATE TRIGGER task_search_docs_ad AFTER DELETE ON task_search_docs
BEGIN
  INSERT INTO task_search (task_search, rowid, task_id, body) VALUES ('delete', OLD.doc_id, OLD.task_id, OLD.body);
END;

CREATE TRIGGER task_search_docs_au AFTER UPDATE ON task_search_docs
BEGIN
  INSERT INTO task_search (task_search, rowid, task_id, body) VALUES ('delete', OLD.doc_id, OLD.task_id, OLD.body);
  INSERT INTO task_search (rowid, task_id, body) VALUES (NEW.doc_id, NEW.task_id, NEW.body);
END;

-- "CALL refresh(task_id)": INSERT INTO task_search_refresh (task_id) VALUES (…) rebuilds that task's document,
-- or removes it when the task is missing or tombstoned. The one place that defines what is searchable.
CREATE VIEW task_search_refresh (task_id) AS SELECT NULL WHERE 0;

CREATE TRIGGER task_search_refresh_run INSTEAD OF INSERT ON task_search_refresh
BEGIN
  DELETE FROM task_search_docs
   WHERE task_id = NEW.task_id
     AND NOT EXISTS (SELECT 1 FROM tasks WHERE id = NEW.task_id AND deleted_hlc IS NULL);
  INSERT INTO task_search_docs (task_id, body)
  SELECT t.id, ${TASK_BODY}
    FROM tasks t
   WHERE t.id = NEW.task_id AND t.deleted_hlc IS NULL
  ON CONFLICT (task_id) DO UPDATE SET body = excluded.body WHERE body IS NOT excluded.body;
END;

CREATE TRIGGER tasks_search_ai AFTER INSERT ON tasks
BEGIN
  INSERT INTO task_search_refresh (task_id) VALUES (NEW.id);
END;

CREATE TRIGGER tasks_search_au AFTER UPDATE OF id, code, title, content, source_ref, leader, deleted_hlc ON tasks
BEGIN
  INSERT INTO task_search_refresh (task_id) SELECT OLD.id WHERE OLD.id IS NOT NEW.id;
  INSERT INTO task_search_refresh (task_id) VALUES (NEW.id);
END;

CREATE TRIGGER tasks_search_ad AFTER DELETE ON tasks
BEGIN
  INSERT INTO task_search_refresh (task_id) VALUES (OLD.id);
END;

CREATE TRIGGER progress_reports_search_ai AFTER INSERT ON progress_reports
BEGIN
  INSERT INTO task_search_refresh (task_id) VALUES (NEW.task_id);
END;

CREATE TRIGGER progress_reports_search_au
  AFTER UPDATE OF task_id, report_date, stage, done_text, problems, next_steps, deleted_hlc ON progress_reports
BEGIN
  INSERT INTO task_search_refresh (task_id) SELECT OLD.task_id WHERE OLD.task_id IS NOT NEW.task_id;
  INSERT INTO task_search_refresh (task_id) VALUES (NEW.task_id);
END;

CREATE TRIGGER progress_reports_search_ad AFTER DELETE ON progress_reports
BEGIN
  INSERT INTO task_search_refresh (task_id) VALUES (OLD.task_id);
END;
`;

export const initialMigration: Migration = {
  version: 1,
  name: 'initial',
  up(sqlite) {
    sqlite.exec(TABLES);
    sqlite.exec(INDEXES);
    sqlite.exec(CHANGE_LOG_GUARDS);
    sqlite.exec(FULL_TEXT_SEARCH);
  },
};
