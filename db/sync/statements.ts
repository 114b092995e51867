/**
 * Prepared statements kept per connection for the merge and the digest. Preparing costs more than running
 * for small merges (an INSERT into tasks also compiles the search and progress triggers), and a sync runs
 * every few minutes on the same connections. Least recently used statements are dropped past a bound.
 */
import type BetterSqlite3 from 'better-sqlite3';

const PER_CONNECTION = 128;
const caches = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export type StatementMode = 'rows' | 'pluck' | 'raw';

/** The statement for `sql` on `db`, returning objects, first column values (pluck) or arrays (raw). */
export function prepared(db: BetterSqlite3.Database, sql: string, mode: StatementMode = 'rows'): BetterSqlite3.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = `${mode}\u0000${sql}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const statement = db.prepare(sql);
  if (mode === 'pluck') statement.pluck();
  if (mode === 'raw') statement.raw();
  cache.set(key, statement);
  if (cache.size > PER_CONNECTION) cache.delete(cache.keys().next().value!);
  return statement;
}
