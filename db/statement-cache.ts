/**
 * Kysely's SQLite driver prepares every query anew. Preparing is not cheap here: an INSERT into tasks or
 * progress_reports also compiles the full-text triggers, and it cost more than running the statement. This
 * wrapper hands Kysely the same prepared statement for the same SQL text (least recently used ones dropped).
 *
 * Safe because Kysely runs one query at a time on its single connection; a statement is never re-entered.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export const STATEMENT_CACHE_SIZE = 256;

export function withStatementCache(sqlite: BetterSqlite3.Database, size: number = STATEMENT_CACHE_SIZE): SqliteDatabase {
  // A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
    close(): void {
      cache.clear();
      sqlite.close();
    },
  };
}
