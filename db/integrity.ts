/**
 * The full health check behind the "检查台账" command: much slower than the quick_check done at every open.
 */
import type BetterSqlite3 from 'better-sqlite3';

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
