/**
 * The health checks of a ledger's pages and records:
 * - `checkIntegrity`: the full check behind the "检查台账" command (integrity_check, references, search index);
 * - `checkPagesOfFile`: SQLite's quick_check over every page, on a connection of its own. Small files get it
 *   before they are opened (file-check.ts); a large one after, in a worker thread (the workspace's background
 *   check), because it reads the whole file: seconds for a ledger of a few hundred MB.
 */
import BetterSqlite3 from 'better-sqlite3';

export interface IntegrityReport {
  ok: boolean;
  /** one line per problem, empty when ok */
  messages: string[];
}

interface ForeignKeyViolation {
  table: string;
  rowid: number | null;
  parent: string;
  fkid: number;
}

function tableExists(sqlite: BetterSqlite3.Database, name: string): boolean {
  return sqlite.prepare('SELECT 1 FROM sqlite_schema WHERE name = ?').get(name) !== undefined;
}

export function checkIntegrity(sqlite: BetterSqlite3.Database): IntegrityReport {
  const messages: string[] = [];

  const pages = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
  if (!(pages.length === 1 && pages[0] === 'ok')) {
    messages.push(...pages.map((line) => `数据文件结构：${line}`));
  }

  for (const v of sqlite.pragma('foreign_key_check') as ForeignKeyViolation[]) {
    messages.push(`引用缺失：表 ${v.table} 第 ${v.rowid ?? '?'} 行引用的 ${v.parent} 记录不存在`);
  }

  if (tableExists(sqlite, 'task_search_docs')) {
    const missing = (
      sqlite
        .prepare(
          `SELECT count(*) AS n FROM tasks t
            WHERE t.deleted_hlc IS NULL AND NOT EXISTS (SELECT 1 FROM task_search_docs d WHERE d.task_id = t.id)`,
        )
        .get() as { n: number }
    ).n;
    if (missing > 0) messages.push(`全文索引：有 ${missing} 条事项未被索引，请重建搜索索引`);
    // The FTS5 self-check is an INSERT command, which a read-only connection may not run.
    if (!sqlite.readonly) {
      try {
        sqlite.prepare(`INSERT INTO task_search (task_search, rank) VALUES ('integrity-check', 1)`).run();
      } catch (error) {
        messages.push(`全文索引：${(error as Error).message}，请重建搜索索引`);
      }
    }
  }

  return { ok: messages.length === 0, messages };
}

/**
 * The problems `PRAGMA quick_check` finds, one line each (at most 100); empty when the pages are sound.
 * SQLite may put many problems into one row, a line each under "*** in database main ***": those are split.
 */
export function pageCheckProblems(sqlite: BetterSqlite3.Database): string[] {
  const rows = (sqlite.pragma('quick_check(100)') as { quick_check: string }[]).map((row) => row.quick_check);
  if (rows.length === 1 && rows[0] === 'ok') return [];
  const problems = rows.flatMap((row) => row.split('\n')).filter((line) => line.trim() !== '' && !line.startsWith('*** '));
  return problems.length > 0 ? problems : rows;
}

export interface PageCheckReport {
  ok: boolean;
  /** SQLite's lines (English, for the technician), empty when ok */
  problems: string[];
  /** what the officer is told, in Chinese; null when ok */
  message: string | null;
}

/** The officer's sentence for a ledger whose pages are damaged. */
export function pageDamageMessage(file: string, problems: readonly string[]): string {
  const first = problems[0] ?? '';
  const count = problems.length > 1 ? `${problems.length} 处问题，第一处：${first}` : first;
  return (
    `后台检查发现台账文件已损坏：部分记录可能无法读取或保存。请尽快从备份恢复（台账文件 → 备份），恢复前不要再录入；` +
    `如需协助请联系技术人员。（${file}；${count}）`
  );
}

/**
 * quick_check over every page of `file` on a read-only connection of its own (the file may be open in WAL mode
 * elsewhere: the check reads one consistent snapshot). Damage SQLite reports by throwing (SQLITE_CORRUPT,
 * SQLITE_NOTADB) counts as a finding; anything else (busy, unreadable) is thrown: the check did not happen.
 */
export function checkPagesOfFile(file: string, nativeBinding?: string): PageCheckReport {
  let problems: string[];
  try {
    const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding });
    try {
      sqlite.pragma('busy_timeout = 5000');
      problems = pageCheckProblems(sqlite);
    } finally {
      sqlite.close();
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !(code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) throw error;
    problems = [(error as Error).message];
  }
  return problems.length === 0 ? { ok: true, problems, message: null } : { ok: false, problems, message: pageDamageMessage(file, problems) };
}
