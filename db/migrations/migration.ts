import type BetterSqlite3 from 'better-sqlite3';

/**
 * One step of the schema. `up` runs inside a transaction that also sets `user_version = version`, with
 * foreign-key enforcement off (so a step may rebuild a table the SQLite way) and a foreign_key_check before
 * commit. Once released a migration is frozen: change the schema by adding the next one, never by editing.
 */
export interface Migration {
  /** 1, 2, 3 … without gaps; becomes PRAGMA user_version */
  readonly version: number;
  /** what the step does, for logs and backups */
  readonly name: string;
  up(sqlite: BetterSqlite3.Database): void;
}
