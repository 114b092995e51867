/** What the reliability tests check in a ledger after a crash, a refused write or a refused file. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { literalDefault } from '../../../db/repository';
import { SYNCED_TABLES } from '../../../db/schema';

/**
 * Disagreements between the synced tables and change_log (db/repository.ts writes both in one transaction):
 * - a row whose current stamp (`updated_hlc`) has no change_log entry;
 * - a change_log entry whose row does not exist (the log of a write that did not happen);
 * - for `insertOnly` tables (rows written once, never changed): a row whose log is not exactly its insert, i.e.
 *   one entry per column but id/updated_at/updated_hlc/updated_by that is not at its schema default, all under
 *   the row's stamp.
 * Returns one line per kind of problem; empty when all agree.
 */
export function changeLogProblems(sqlite: BetterSqlite3.Database, insertOnly: readonly string[] = []): string[] {
  const problems: string[] = [];
  const count = (sql: string, ...params: unknown[]) => (sqlite.prepare(sql).get(...params) as { n: number }).n;
  for (const table of SYNCED_TABLES) {
    const unlogged = count(
      `SELECT count(*) AS n FROM "${table}" r
       WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.table_name = ? AND c.row_id = r.id AND c.hlc = r.updated_hlc)`,
      table,
    );
    if (unlogged > 0) problems.push(`${table}: ${unlogged} rows without a change_log entry for their stamp`);
  }
  for (const table of sqlite.prepare('SELECT DISTINCT table_name FROM change_log').pluck().all() as string[]) {
    if (!(SYNCED_TABLES as readonly string[]).includes(table)) {
      problems.push(`change_log names an unknown table ${table}`);
      continue;
    }
    const orphans = count(
      `SELECT count(*) AS n FROM change_log c WHERE c.table_name = ? AND NOT EXISTS (SELECT 1 FROM "${table}" r WHERE r.id = c.row_id)`,
      table,
    );
    if (orphans > 0) problems.push(`${table}: ${orphans} change_log entries for rows that do not exist`);
  }
  for (const table of insertOnly) {
    // An insert logs each column but id and updated_* that the row does not hold at its schema default
    // (db/repository.ts): per row, the number of such columns.
    const columns = sqlite.prepare(`SELECT name, dflt_value, "notnull" FROM pragma_table_info(?)`).all(table) as { name: string; dflt_value: string | null; notnull: number }[];
    const logged = columns
      .filter((c) => !['id', 'updated_at', 'updated_hlc', 'updated_by'].includes(c.name))
      .map((c) => (literalDefault(c.dflt_value, c.notnull === 1) ? `(r."${c.name}" IS NOT ${c.dflt_value ?? 'NULL'})` : '1'))
      .join(' + ');
    const wrong = count(
      `SELECT count(*) AS n FROM "${table}" r
       WHERE (SELECT count(*) FROM change_log c WHERE c.table_name = ? AND c.row_id = r.id AND c.hlc = r.updated_hlc) != ${logged}
          OR (SELECT count(*) FROM change_log c WHERE c.table_name = ? AND c.row_id = r.id) != ${logged}`,
      table,
      table,
    );
    if (wrong > 0) problems.push(`${table}: ${wrong} rows whose change_log is not exactly their insert (its columns not at their default)`);
  }
  return problems;
}

export function rowCount(sqlite: BetterSqlite3.Database, table: string): number {
  return (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
}

/** Every entry of a folder (recursively) with the SHA-256 of each file: compare before/after to see any change. */
export function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const key = path.relative(dir, full);
      if (entry.isDirectory()) {
        state[`${key}/`] = 'folder';
        walk(full);
      } else {
        state[key] = createHash('sha256').update(readFileSync(full)).digest('hex');
      }
    }
  };
  walk(dir);
  return state;
}
