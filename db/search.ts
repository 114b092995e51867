/**
 * Full-text search over tasks and their progress reports (index built by migration 001: `task_search_docs`
 * holds one text per live task, `task_search` is its FTS5 trigram index).
 *
 * A query is split on whitespace into terms; a task matches when it contains every term:
 * - terms of 3+ characters go through the trigram index (`MATCH`, each term one quoted phrase),
 * - shorter terms (two-character words like 放假, 百官) cannot form a trigram and are matched with LIKE over
 *   the same per-task text — a scan, but only of live tasks, and always combined with any indexed terms.
 * Matching ignores ASCII case in both paths.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import { FILL_TASK_SEARCH_KEYS } from './migrations/014_task_search_keys';
import type { Database } from './schema';

/** The trigram tokenizer needs at least this many characters (code points) per term. */
export const FTS_MIN_CHARS = 3;
/** More terms than this add nothing for a human query and only cost time. */
const MAX_TERMS = 8;

export interface SearchTerms {
  /** for MATCH */
  indexed: string[];
  /** for LIKE */
  scanned: string[];
}

export function splitSearchTerms(query: string): SearchTerms {
  const terms = [...new Set(query.split(/\s+/u).filter((term) => term.length > 0))].slice(0, MAX_TERMS);
  return {
    indexed: terms.filter((term) => [...term].length >= FTS_MIN_CHARS),
    scanned: terms.filter((term) => [...term].length < FTS_MIN_CHARS),
  };
}

/** `"term one" "term two"`: each term a literal phrase; a double quote inside is doubled (FTS5 syntax). */
export function ftsPhraseQuery(terms: readonly string[]): string {
  return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' ');
}

/** `%term%` with LIKE's wildcards taken literally (use with ESCAPE '\'). */
export function likeContainsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function matchConditions(query: string): RawBuilder<unknown>[] {
  const { indexed, scanned } = splitSearchTerms(query);
  const conditions: RawBuilder<unknown>[] = [];
  if (indexed.length > 0) {
    conditions.push(sql`d.doc_id IN (SELECT rowid FROM task_search WHERE task_search MATCH ${ftsPhraseQuery(indexed)})`);
  }
  for (const term of scanned) {
    conditions.push(sql`d.body LIKE ${likeContainsPattern(term)} ESCAPE '\\'`);
  }
  return conditions;
}

/**
 * A parenthesised subquery of the ids of live tasks matching `query`, for `sql\`t.id IN ${…}\``.
 * A blank query matches every live task.
 */
export function taskIdsMatchingSql(query: string): RawBuilder<unknown> {
  const conditions = matchConditions(query);
  const where = conditions.length > 0 ? sql` WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
  // Indexed terms only: the hits' task ids come from the small (doc_id, task_id) index of migration 009 instead of
  // each hit's document row (the task's whole text); named, as the planner would take the rowid lookup.
  const { indexed, scanned } = splitSearchTerms(query);
  const docs = indexed.length > 0 && scanned.length === 0 ? sql`task_search_docs d INDEXED BY task_search_docs_doc_task` : sql`task_search_docs d`;
  return sql`(SELECT d.task_id FROM ${docs}${where})`;
}

/**
 * Ids of live tasks matching `query`, the most recently indexed first (a task's text keeps its doc_id for life, so
 * this is newest task first, except that a task received by sync counts from its arrival).
 *
 * Read in the full-text index's own order (rowid = doc_id, descending) and stopped at `limit`: a common term
 * (tens of thousands of hits) costs as little as a rare one, instead of every hit being fetched and sorted.
 */
export async function searchTaskIds(db: Kysely<Database>, query: string, limit = 200): Promise<string[]> {
  const { indexed, scanned } = splitSearchTerms(query);
  const likes = scanned.map((term) => sql` AND d.body LIKE ${likeContainsPattern(term)} ESCAPE '\\'`);
  const result =
    indexed.length > 0
      ? await sql<{ task_id: string }>`
          SELECT d.task_id FROM task_search s
            JOIN ${likes.length > 0 ? sql`task_search_docs d` : sql`task_search_docs d INDEXED BY task_search_docs_doc_task`} ON d.doc_id = s.rowid
           WHERE task_search MATCH ${ftsPhraseQuery(indexed)}${sql.join(likes, sql``)}
           ORDER BY s.rowid DESC LIMIT ${limit}`.execute(db)
      : await sql<{ task_id: string }>`
          SELECT d.task_id FROM task_search_docs d WHERE 1${sql.join(likes, sql``)}
           ORDER BY d.doc_id DESC LIMIT ${limit}`.execute(db);
  return result.rows.map((row) => row.task_id);
}

/**
 * Rebuilds the search index from tasks and progress reports (the repair behind "重建搜索索引").
 * The per-task texts are recomputed first, then FTS5 rebuilds its index from them, and the documents' sort keys
 * (task_search_keys, migration 014) are read again from the tasks.
 */
export function rebuildTaskSearch(sqlite: BetterSqlite3.Database): void {
  sqlite.transaction(() => {
    sqlite.exec(`
      DELETE FROM task_search_docs
       WHERE task_id NOT IN (SELECT id FROM tasks WHERE deleted_hlc IS NULL);
      INSERT INTO task_search_refresh (task_id) SELECT id FROM tasks WHERE deleted_hlc IS NULL;
      INSERT INTO task_search (task_search) VALUES ('rebuild');
      ${FILL_TASK_SEARCH_KEYS}
    `);
  })();
}

/**
 * How many live tasks match `query` when every term goes through the trigram index (null when a short term needs
 * LIKE): the number of full-text rows matching, as the index holds one document per live task — a count inside
 * the index, without looking up any hit's task.
 */
export async function countSearchHits(db: Kysely<Database>, query: string): Promise<number | null> {
  const { indexed, scanned } = splitSearchTerms(query);
  if (indexed.length === 0 || scanned.length > 0) return null;
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM task_search WHERE task_search MATCH ${ftsPhraseQuery(indexed)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
