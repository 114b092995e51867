/**
 * Version 14: task_search_keys — each search document's task with its year, source, due date and 编号, keyed by the
 * document's id — so that a 台账 page that is a search (alone, or with the year, source or due-date range the 台账's
 * toolbar sets), sorted by 期限 or 编号, filters and sorts the hits as the full-text index gives them (document ids)
 * without looking up each hit's task (issue 8). FROZEN once released.
 *
 * Why: a search page sorts every hit before it can take the first 100. Through the tasks, each hit cost two
 * look-ups — its document's task id (task_search_docs_doc_task), then that task's due date (tasks_live_id): 5,018
 * hits of 「老旧小区改造」 in the 100,000-task benchmark ledger took 17–18 ms of a 20 ms budget. A hit's keys in one
 * row of a small table, found by the document id itself, halve that (prototype: 9 ms). With the year the 台账
 * opens on (本年度), each hit's task row was read as well: 47 ms for 942 hits, 546 ms for a common term.
 *
 * Not a column of task_search_docs: writing the keys there would rewrite each document's whole text (and, through
 * task_search_docs_au, its full-text entries) whenever a due date moves. Like the other derived tables the keys are
 * local, kept by triggers — a document's arrival and departure, and a task's change of year, source, due date or
 * 编号 — and never synced or logged. A document exists for each live task only (task_search_refresh), so its keys
 * do too.
 */
import type { Migration } from './migration';

/** The keys of the documents matching `where` (on task_search_docs `d`), from their tasks. */
const KEYS_OF = (where: string) => `
  INSERT OR REPLACE INTO task_search_keys (doc_id, task_id, year, source, due_date, code)
  SELECT d.doc_id, d.task_id, t.year, t.source, t.due_date, t.code
    FROM task_search_docs d JOIN tasks t ON t.id = d.task_id
   WHERE ${where};`;

/** Fills the table for a whole ledger: this migration's backfill, and the repair of the search index. */
export const FILL_TASK_SEARCH_KEYS = `DELETE FROM task_search_keys; ${KEYS_OF('1')}`;

const SQL = `
CREATE TABLE task_search_keys (
  doc_id   INTEGER PRIMARY KEY,
  task_id  TEXT NOT NULL UNIQUE,
  year     INTEGER NOT NULL,
  source   TEXT NOT NULL,
  due_date TEXT NOT NULL,
  code     TEXT NOT NULL
) STRICT;

${FILL_TASK_SEARCH_KEYS}

CREATE TRIGGER task_search_keys_doc_ai AFTER INSERT ON task_search_docs
BEGIN ${KEYS_OF('d.doc_id = NEW.doc_id')} END;

CREATE TRIGGER task_search_keys_doc_au AFTER UPDATE OF doc_id, task_id ON task_search_docs
BEGIN
  DELETE FROM task_search_keys WHERE doc_id = OLD.doc_id;
  ${KEYS_OF('d.doc_id = NEW.doc_id')}
END;

CREATE TRIGGER task_search_keys_doc_ad AFTER DELETE ON task_search_docs
BEGIN
  DELETE FROM task_search_keys WHERE doc_id = OLD.doc_id;
END;

CREATE TRIGGER task_search_keys_task_au AFTER UPDATE OF year, source, due_date, code ON tasks
  WHEN OLD.year IS NOT NEW.year OR OLD.source IS NOT NEW.source OR OLD.due_date IS NOT NEW.due_date OR OLD.code IS NOT NEW.code
BEGIN
  UPDATE task_search_keys SET year = NEW.year, source = NEW.source, due_date = NEW.due_date, code = NEW.code WHERE task_id = NEW.id;
END;
`;

export const taskSearchKeysMigration: Migration = {
  version: 14,
  name: 'task_search_keys',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};
