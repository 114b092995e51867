/**
 * Reading the registry: rows of `documents` turned into the contract's DocumentSummary / DocumentRecord,
 * with their export counts, the document they correct and the corrections made of them.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, DocumentTable } from '../../../db/schema';
import type {
  DocumentExportEntry,
  DocumentModelData,
  DocumentRecord,
  DocumentReference,
  DocumentRequest,
  DocumentStatus,
  DocumentSummary,
  DocumentType,
} from '../../contract/documents';
import { notFound } from '../errors';
import type { DocumentModel } from './model';

export type DocumentRow = Selectable<DocumentTable>;

/** Compile-time proof that the contract's model schema and model.ts describe the same shape. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _modelSchemaMirrorsModel: Same<DocumentModelData, DocumentModel> = true;

interface ExportStats {
  export_count: number;
  last_exported_at: string | null;
}

export const EXPORT_STATS = {
  count: sql<number>`(SELECT count(*) FROM document_exports e WHERE e.document_id = documents.id AND e.deleted_hlc IS NULL)`,
  last: sql<string | null>`(SELECT max(e.exported_at) FROM document_exports e WHERE e.document_id = documents.id AND e.deleted_hlc IS NULL)`,
};

function jsonList(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function modelOf(row: Pick<DocumentRow, 'model'>): DocumentModel {
  return JSON.parse(row.model) as DocumentModel;
}

export function toSummary(row: DocumentRow & ExportStats): DocumentSummary {
  return {
    id: row.id,
    type: row.type as DocumentType,
    year: row.year,
    seq: row.seq,
    number: row.number,
    status: row.status as DocumentStatus,
    title: row.title,
    recipients: jsonList(row.recipients),
    drafter: row.drafter,
    draftedAt: row.drafted_at,
    submittedAt: row.submitted_at,
    signer: row.signer,
    signedOn: row.signed_on,
    supersedesId: row.supersedes_id,
    cancelledReason: row.cancelled_reason,
    cancelledAt: row.cancelled_at,
    exportCount: Number(row.export_count),
    lastExportedAt: row.last_exported_at,
    updatedAt: row.updated_at,
  };
}

/** A live (not tombstoned) document row; throws not_found otherwise. */
export async function requireDocumentRow(db: Kysely<Database>, id: string): Promise<DocumentRow> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).where('deleted_hlc', 'is', null).executeTakeFirst();
  if (!row) throw notFound('公文');
  return row;
}

export async function readSummaries(db: Kysely<Database>, ids: readonly string[]): Promise<DocumentSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('documents')
    .selectAll()
    .select([EXPORT_STATS.count.as('export_count'), EXPORT_STATS.last.as('last_exported_at')])
    .where('id', 'in', [...ids])
    .where('deleted_hlc', 'is', null)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

function toReference(row: Pick<DocumentRow, 'id' | 'title' | 'number' | 'status'>): DocumentReference {
  return { id: row.id, title: row.title, number: row.number, status: row.status as DocumentStatus };
}

export async function readDocumentRecord(db: Kysely<Database>, id: string): Promise<DocumentRecord> {
  const [summary] = await readSummaries(db, [id]);
  if (!summary) throw notFound('公文');
  const row = await requireDocumentRow(db, id);
  const supersedes = row.supersedes_id
    ? await db.selectFrom('documents').select(['id', 'title', 'number', 'status']).where('id', '=', row.supersedes_id).executeTakeFirst()
    : undefined;
  const corrections = await db
    .selectFrom('documents')
    .select(['id', 'title', 'number', 'status'])
    .where('supersedes_id', '=', id)
    .where('deleted_hlc', 'is', null)
    .orderBy('drafted_at')
    .orderBy('id')
    .execute();
  const exports = await db
    .selectFrom('document_exports')
    .select(['id', 'kind', 'exported_at', 'file_name', 'operator', 'sha256'])
    .where('document_id', '=', id)
    .where('deleted_hlc', 'is', null)
    .orderBy('exported_at')
    .orderBy('id')
    .execute();
  return {
    ...summary,
    unitIds: jsonList(row.unit_ids),
    taskIds: jsonList(row.task_ids),
    request: JSON.parse(row.request) as DocumentRequest,
    model: modelOf(row),
    fileStem: row.file_stem,
    supersedes: supersedes ? toReference(supersedes) : null,
    supersededBy: corrections.map(toReference),
    exports: exports.map(
      (e): DocumentExportEntry => ({
        id: e.id,
        kind: e.kind === 'slip' ? 'slip' : 'document',
        exportedAt: e.exported_at,
        fileName: e.file_name,
        operator: e.operator,
        sha256: e.sha256,
      }),
    ),
  };
}
