/**
 * Expected columns written so that TypeScript checks them against db/schema.ts: a column missing, an
 * extra one, a wrong SQL type (number → INTEGER, string → TEXT) or a wrong nullability does not compile.
 */
export type ColumnSpec<T> = {
  [K in keyof T]-?: readonly [type: T[K] extends number | null ? 'INTEGER' : 'TEXT', nullable: null extends T[K] ? true : false];
};

/** The columns every synced table carries (sharing.md). */
export const SYNC = {
  id: ['TEXT', false],
  created_at: ['TEXT', false],
  updated_at: ['TEXT', false],
  updated_hlc: ['TEXT', false],
  updated_by: ['TEXT', false],
  deleted_hlc: ['TEXT', true],
} as const;
