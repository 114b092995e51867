/**
 * Applies the pending schema steps to an open read/write connection, one transaction per step.
 *
 * Each step runs under BEGIN IMMEDIATE (so two processes opening the same old file cannot both upgrade it),
 * re-reads user_version inside the transaction, runs with foreign-key enforcement off (SQLite's documented way
 * to rebuild a table) and ends with a foreign_key_check, so a step commits only a consistent database.
 * A failing step rolls back completely: the file stays at the previous version.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './migrations/migration';

export function readUserVersion(sqlite: BetterSqlite3.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/** Thrown (inside the failed step's transaction) when a step left dangling references. */
export class MigrationForeignKeyError extends Error {
  constructor(version: number, violations: number) {
    super(`migration ${version} left ${violations} foreign key violation(s)`);
  }
}

/**
 * Runs every step whose version is above the file's user_version; returns the final version.
 * `onStep` fires before each step (the caller reports the failing version if it throws).
 */
export function runMigrations(
  sqlite: BetterSqlite3.Database,
  migrations: readonly Migration[],
  onStep: (migration: Migration) => void = () => {},
): number {
  const enforcing = sqlite.pragma('foreign_keys', { simple: true }) === 1;
  sqlite.pragma('foreign_keys = OFF');
  try {
    for (const migration of migrations) {
      if (readUserVersion(sqlite) >= migration.version) continue;
      onStep(migration);
      const step = sqlite.transaction(() => {
        if (readUserVersion(sqlite) >= migration.version) return; // another process got there first
        migration.up(sqlite);
        const violations = sqlite.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) throw new MigrationForeignKeyError(migration.version, violations.length);
        // user_version lives in the database header, which is written by this same transaction.
        sqlite.pragma(`user_version = ${Math.trunc(migration.version)}`);
      });
      step.immediate();
    }
  } finally {
    if (enforcing) sqlite.pragma('foreign_keys = ON');
  }
  return readUserVersion(sqlite);
}
