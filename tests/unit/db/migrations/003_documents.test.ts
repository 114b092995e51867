import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../../db/migrate';
import { initialMigration } from '../../../../db/migrations/001_initial';
import { taskLatestProgressMigration } from '../../../../db/migrations/002_task_latest_progress';
import { documentsMigration } from '../../../../db/migrations/003_documents';
import { MIGRATIONS } from '../../../../db/migrations/index';
import { insertRow, type NewRow, type WriteContext } from '../../../../db/repository';
import type { Database, DocumentExportTable, DocumentTable } from '../../../../db/schema';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';
import { SYNC, type ColumnSpec } from './column-spec';

const EXPECTED = {
  documents: {
    ...SYNC,
    type: ['TEXT', false],
    year: ['INTEGER', false],
    number_prefix: ['TEXT', true],
    seq: ['INTEGER', true],
    number: ['TEXT', true],
    status: ['TEXT', false],
    title: ['TEXT', false],
    recipients: ['TEXT', false],
    unit_ids: ['TEXT', false],
    task_ids: ['TEXT', false],
    request: ['TEXT', false],
    model: ['TEXT', false],
    file_stem: ['TEXT', false],
    drafter: ['TEXT', false],
    drafted_at: ['TEXT', false],
    submitted_at: ['TEXT', true],
    signer: ['TEXT', true],
    signed_on: ['TEXT', true],
    supersedes_id: ['TEXT', true],
    cancelled_reason: ['TEXT', true],
    cancelled_at: ['TEXT', true],
  } satisfies ColumnSpec<DocumentTable>,
  document_exports: {
    ...SYNC,
    document_id: ['TEXT', false],
    kind: ['TEXT', false],
    exported_at: ['TEXT', false],
    file_name: ['TEXT', false],
    operator: ['TEXT', false],
    sha256: ['TEXT', false],
  } satisfies ColumnSpec<DocumentExportTable>,
};

const EXPECTED_INDEXES: Record<string, [table: string, columns: string[]]> = {
  documents_year_type_status: ['documents', ['year', 'type', 'status']],
  documents_status: ['documents', ['status']],
  documents_number: ['documents', ['number']],
  documents_series: ['documents', ['number_prefix', 'year', 'seq']],
  documents_supersedes_id: ['documents', ['supersedes_id']],
  document_exports_document: ['document_exports', ['document_id', 'exported_at']],
};

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

function migratedDatabase(): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(join(tempDir(), 'm.db'));
  runMigrations(sqlite, MIGRATIONS.slice(0, 3));
  return sqlite;
}

function signedDocument(number: string, seq: number): NewRow<'documents'> {
  return {
    type: 'supervision_notice',
    year: 2016,
    number_prefix: '虞政办督',
    seq,
    number,
    status: 'signed',
    title: '关于加快推进农村饮用水提标工程的督查通知',
    recipients: JSON.stringify(['百官街道']),
    unit_ids: '[]',
    task_ids: '[]',
    request: JSON.stringify({ type: 'supervision_notice' }),
    model: JSON.stringify({ kind: 'official' }),
    file_stem: '督查通知书-百官街道',
    drafter: '张三',
    drafted_at: '2016-07-01T02:00:00.000Z',
    submitted_at: null,
    signer: '李四',
    signed_on: '2016-07-02',
    supersedes_id: null,
    cancelled_reason: null,
    cancelled_at: null,
  };
}

async function countLog(db: Kysely<Database>, table: string, rowId: string): Promise<number> {
  const rows = await db.selectFrom('change_log').select('id').where('table_name', '=', table).where('row_id', '=', rowId).execute();
  return rows.length;
}

describe('migration 003_documents', () => {
  it('is the third step of the list', () => {
    expect(MIGRATIONS[2]).toBe(documentsMigration);
    expect(documentsMigration.version).toBe(3);
  });

  it('upgrades a version-2 file with data, backing it up first', async () => {
    const file = join(tempDir(), 'ledger.db');
    const v2 = openTestLedger(file, { migrations: [initialMigration, taskLatestProgressMigration] });
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    await insertRow(v2.db, ctx, 'settings', { id: 'officeName', value: JSON.stringify('绍兴市上虞区人民政府办公室') });
    await v2.close();

    const v3 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 3) });
    expect(v3.schemaVersion).toBe(3);
    expect(v3.backupMade).not.toBeNull();
    expect(v3.sqlite.prepare(`SELECT value FROM settings WHERE id = 'officeName'`).pluck().get()).toBe('"绍兴市上虞区人民政府办公室"');
    expect(v3.sqlite.prepare(`SELECT count(*) FROM documents`).pluck().get()).toBe(0);
  });

  it('creates both tables with exactly the columns, types and nullability of db/schema.ts, STRICT', () => {
    const sqlite = migratedDatabase();
    for (const [table, spec] of Object.entries(EXPECTED)) {
      const columns = sqlite.pragma(`table_info(${table})`) as ColumnInfo[];
      const actual = Object.fromEntries(columns.map((c) => [c.name, [c.type, c.notnull === 0 && c.pk === 0]]));
      expect(actual, table).toEqual(Object.fromEntries(Object.entries(spec).map(([name, [type, nullable]]) => [name, [type, nullable]])));
      expect(columns.filter((c) => c.pk > 0).map((c) => c.name), table).toEqual(['id']);
    }
    const strict = sqlite.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 1`).pluck().all();
    expect(strict).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
    sqlite.close();
  });

  it('creates the indexes for listing by year/type/status, lookup by 文号 and the next number of a series', () => {
    const sqlite = migratedDatabase();
    for (const [index, [table, columns]] of Object.entries(EXPECTED_INDEXES)) {
      const owner = sqlite.prepare(`SELECT tbl_name FROM sqlite_schema WHERE type = 'index' AND name = ?`).pluck().get(index);
      expect(owner, index).toBe(table);
      expect((sqlite.pragma(`index_info(${index})`) as { name: string }[]).map((c) => c.name), index).toEqual(columns);
    }
    const unique = sqlite
      .prepare(`SELECT il.name FROM pragma_index_list('documents') il WHERE il."unique" = 1 AND il.origin <> 'pk'`)
      .pluck()
      .all();
    expect(unique).toEqual([]);
    sqlite.close();
  });

  it('enforces the references and valid JSON, and refuses a sequence below 1', () => {
    const sqlite = migratedDatabase();
    sqlite.pragma('foreign_keys = ON');
    const keys = sqlite.pragma(`foreign_key_list(document_exports)`) as { from: string; table: string }[];
    expect(keys).toContainEqual(expect.objectContaining({ from: 'document_id', table: 'documents' }));
    expect(sqlite.pragma(`foreign_key_list(documents)`)).toContainEqual(expect.objectContaining({ from: 'supersedes_id', table: 'documents' }));
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO document_exports (id, created_at, updated_at, updated_hlc, updated_by, document_id, exported_at, file_name, sha256)
           VALUES ('e', '', '', '', '', 'no-such-document', '', 'a.docx', 'x')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    const insert = (model: string, seq: number | null) =>
      sqlite
        .prepare(
          `INSERT INTO documents (id, created_at, updated_at, updated_hlc, updated_by, type, year, seq, title, request, model, drafted_at)
           VALUES (?, '', '', '', '', 'urge_notice', 2016, ?, '催办通知', '{}', ?, '')`,
        )
        .run(`d${Math.random()}`, seq, model);
    expect(() => insert('not json', null)).toThrow(/CHECK constraint failed/);
    expect(() => insert('{}', 0)).toThrow(/CHECK constraint failed/);
    expect(insert('{}', 1).changes).toBe(1);
    sqlite.close();
  });

  it('takes rows through the repository (change log written), and keeps two rows with the same 文号 (a merge conflict, not an error)', async () => {
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    expect(ledger.schemaVersion).toBeGreaterThanOrEqual(3);
    const ctx: WriteContext = writeContext(new ManualTime(Date.UTC(2016, 6, 2)));
    const first = await insertRow(ledger.db, ctx, 'documents', signedDocument('虞政办督〔2016〕1号', 1));
    const second = await insertRow(ledger.db, ctx, 'documents', signedDocument('虞政办督〔2016〕1号', 1));
    expect(first).not.toBe(second);
    expect(await countLog(ledger.db, 'documents', first)).toBeGreaterThan(10);
    const numbered = await ledger.db.selectFrom('change_log').select('value').where('row_id', '=', first).where('column_name', '=', 'number').execute();
    expect(numbered.map((r) => r.value)).toEqual(['"虞政办督〔2016〕1号"']);
    const exportId = await insertRow(ledger.db, ctx, 'document_exports', {
      document_id: first,
      kind: 'document',
      exported_at: '2016-07-02T03:00:00.000Z',
      file_name: '督查通知书-百官街道.docx',
      operator: '张三',
      sha256: 'ab'.repeat(32),
    });
    // created_at and the five given columns; kind 'document' is the column's default and is not logged
    expect(await countLog(ledger.db, 'document_exports', exportId)).toBe(6);
    const byNumber = await ledger.db.selectFrom('documents').select('id').where('number', '=', '虞政办督〔2016〕1号').execute();
    expect(byNumber).toHaveLength(2);
  });
});
