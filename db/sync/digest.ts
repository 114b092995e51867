/**
 * A per-table fingerprint of a ledger's shared contents, to tell whether two copies ended identical after a sync
 * ("两端一致") without comparing them row by row across two connections.
 *
 * Covers every synced table (all columns, sync columns included, rows in id order) and the change log. Local
 * tables (sync_state, local_meta, task_latest_progress, the search index) are left out: they may differ between
 * two copies that hold the same ledger.
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { SYNCED_TABLES } from '../schema';
import { prepared } from './statements';

export const DIGESTED_TABLES: readonly string[] = [...SYNCED_TABLES, 'change_log'];

/** SHA-256 (hex) per table of its column names and its rows ordered by id. */
export function ledgerDigest(db: BetterSqlite3.Database): Record<string, string> {
  const digest: Record<string, string> = {};
  for (const table of DIGESTED_TABLES) {
    const statement = prepared(db, `SELECT * FROM ${table} ORDER BY id`, 'raw');
    const hash = createHash('sha256');
    // Column names first: a column added on one side only must show as a difference.
    hash.update(JSON.stringify(statement.columns().map((c) => c.name)));
    for (const row of statement.iterate() as IterableIterator<unknown[]>) {
      hash.update('\n');
      hash.update(JSON.stringify(row));
    }
    digest[table] = hash.digest('hex');
  }
  return digest;
}
