/**
 * The errors the database layer raises on purpose. Each message is a Chinese sentence for the user that says
 * what happened, that the file was left as it was (when that is true) and what to do next; the services pass
 * it on unchanged.
 */

export type LedgerDbErrorCode =
  /** not a 督查台账 database (another program's file, or not SQLite at all) */
  | 'db_foreign'
  /** written by a newer version of the program */
  | 'db_newer'
  /** damaged: fails SQLite's checks */
  | 'db_corrupt'
  /** cannot read or write the file (missing, no permission, disk full …) */
  | 'db_io'
  /** another program holds the file */
  | 'db_locked'
  /** a schema upgrade failed and was rolled back */
  | 'db_migration';

export class LedgerDbError extends Error {
  override readonly name = 'LedgerDbError';
  readonly code: LedgerDbErrorCode;

  constructor(code: LedgerDbErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A row that does not exist, or exists only as a tombstone. */
export class RowNotFoundError extends Error {
  override readonly name = 'RowNotFoundError';
  readonly code = 'not_found' as const;
  readonly table: string;
  readonly id: string;

  constructor(table: string, id: string) {
    super(`记录不存在或已被删除（${table} ${id}）。请刷新后重试。`);
    this.table = table;
    this.id = id;
  }
}

export function foreignFileError(file: string, detail?: string): LedgerDbError {
  return new LedgerDbError(
    'db_foreign',
    `该文件不是督查台账数据库（可能是其他软件的文件），已保持原样未作任何修改。请选择正确的台账文件。（${file}${detail ? `；${detail}` : ''}）`,
  );
}

export function newerVersionError(file: string, found: number, supported: number): LedgerDbError {
  return new LedgerDbError(
    'db_newer',
    `该台账由更新版本的督查台账创建（数据版本 ${found}），本程序只支持到 ${supported}。请升级程序后再打开。文件未作任何修改。（${file}）`,
  );
}

export function corruptFileError(file: string, detail: string, cause?: unknown): LedgerDbError {
  return new LedgerDbError(
    'db_corrupt',
    `台账文件已损坏，未能通过完整性检查，已保持原样未作任何修改。请从备份恢复（台账所在文件夹下的 backups 文件夹），或联系技术人员。（${file}；${detail}）`,
    { cause },
  );
}

export function ioError(file: string, detail: string, cause?: unknown): LedgerDbError {
  return new LedgerDbError(
    'db_io',
    `无法读写台账文件：${detail}。请检查文件是否存在、是否有读写权限、磁盘空间是否充足，然后重试。（${file}）`,
    { cause },
  );
}

export function lockedError(file: string, cause?: unknown): LedgerDbError {
  return new LedgerDbError(
    'db_locked',
    `台账文件正被其他程序占用。请关闭其他正在使用该台账的督查台账窗口或命令行，稍后再试。（${file}）`,
    { cause },
  );
}

export function migrationError(file: string, version: number, backup: string | null, cause: unknown): LedgerDbError {
  const where = backup ? `升级前的备份已保存在 ${backup}` : '该文件升级前没有数据，无需备份';
  return new LedgerDbError(
    'db_migration',
    `台账数据升级到版本 ${version} 时失败，这一步已全部撤销，文件保持在数据版本 ${version - 1}，${where}。请将此信息告知技术人员。（${file}；${describe(cause)}）`,
    { cause },
  );
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** Error codes better-sqlite3 and Node put on their errors. */
function errorCode(cause: unknown): string {
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') return cause.code;
  return '';
}

/**
 * Turns a low-level error (SqliteError, Node fs error) met while opening or checking a file into a
 * LedgerDbError; a LedgerDbError passes through unchanged.
 */
export function toLedgerDbError(file: string, cause: unknown): LedgerDbError {
  if (cause instanceof LedgerDbError) return cause;
  const code = errorCode(cause);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return lockedError(file, cause);
  if (code.startsWith('SQLITE_CORRUPT')) return corruptFileError(file, describe(cause), cause);
  if (code === 'SQLITE_NOTADB') return foreignFileError(file, describe(cause));
  const reasons: Record<string, string> = {
    ENOENT: '文件或文件夹不存在',
    EACCES: '没有访问权限',
    EPERM: '操作系统不允许访问',
    EISDIR: '这是一个文件夹而不是文件',
    ENOSPC: '磁盘空间不足',
    EROFS: '磁盘只读',
    EBUSY: '文件正被占用',
    SQLITE_FULL: '磁盘空间不足',
    SQLITE_READONLY: '文件只读或没有写入权限',
    SQLITE_PERM: '没有访问权限',
    SQLITE_CANTOPEN: '无法打开文件',
  };
  const reason = reasons[code] ?? Object.entries(reasons).find(([prefix]) => code.startsWith(`${prefix}_`))?.[1];
  return ioError(file, reason ?? describe(cause), cause);
}
