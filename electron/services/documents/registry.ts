/**
 * The document registry (发文登记): every document the office drafts, from 草稿 through 送签 to 已签发, or 作废.
 *
 * Rules:
 * - Drafts hold the builder's model; the officer may replace its text (`updateDraft`) until it is submitted.
 * - Signing takes the 文号 (numbering.ts) in the same transaction that records the signer and date, and writes
 *   the number and the 成文日期 into the model. From then on the document is immutable: a mistake is corrected
 *   by a new document that refers to the old one (`correctDocument`).
 * - Cancelling a signed document marks it 作废; its number stays taken. An unsigned one is simply deleted
 *   (tombstoned) — it never had a number.
 * - Every change goes through the repository, so the change log is the registry's audit trail.
 */
import { sql, type Kysely } from 'kysely';
import { insertRow, tombstoneRow, updateRow } from '../../../db/repository';
import type { Database } from '../../../db/schema';
import type {
  DocumentModelData,
  DocumentPage,
  DocumentRecord,
  DocumentRequest,
  DocumentStatus,
  DocumentSummary,
} from '../../contract/documents';
import { DOCUMENT_STATUS_LABELS, type documentListQuery } from '../../contract/documents';
import type { z } from 'zod';
import { todayOf, type ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { draftDocuments } from './builders/index';
import type { DocumentModel, FormDocument, OfficialDocument } from './model';
import { formatDocumentNumber, nextSequence } from './numbering';
import { EXPORT_STATS, modelOf, readDocumentRecord, readSummaries, requireDocumentRow, toSummary, type DocumentRow } from './records';
import { readDocumentSettings, requireDocumentSettings } from './settings';
import { openObligationsForSignedDocument, voidObligationsOfDocument } from '../workflow/obligations';

export type DocumentListQuery = z.output<typeof documentListQuery>;

function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

function describeState(row: DocumentRow): string {
  const label = DOCUMENT_STATUS_LABELS[row.status as DocumentStatus] ?? row.status;
  return row.number ? `${label}（${row.number}）` : label;
}

function refuseUnlessStatus(row: DocumentRow, allowed: readonly DocumentStatus[], action: string, advice: string): void {
  if (!(allowed as readonly string[]).includes(row.status)) {
    throw new ServiceError('conflict', `该公文当前为“${describeState(row)}”，不能${action}。${advice}`);
  }
}

/** Drafts the documents a request asks for and stores each as 草稿; returns them in the builder's order. */
export async function createDrafts(ctx: ServiceContext, request: DocumentRequest): Promise<DocumentSummary[]> {
  const settings = await requireDocumentSettings(ctx);
  const drafted = await draftDocuments(ctx, request, settings);
  if (drafted.length === 0) {
    throw new ServiceError('invalid_input', '按所选条件没有可生成的公文（没有符合条件的事项或单位）。请调整条件后重试。');
  }
  const draftedAt = ctx.now().toISOString();
  const year = yearOf(todayOf(ctx));
  const ids = await ctx.ledger.db.transaction().execute(async (trx) => {
    const inserted: string[] = [];
    for (const doc of drafted) {
      const model: DocumentModel = { ...doc.model, draft: true };
      inserted.push(
        await insertRow(trx, ctx.write, 'documents', {
          type: doc.type,
          year,
          number_prefix: null,
          seq: null,
          number: null,
          status: 'draft',
          title: doc.title,
          recipients: JSON.stringify(doc.recipients),
          unit_ids: JSON.stringify(doc.unitIds),
          task_ids: JSON.stringify(doc.taskIds),
          request: JSON.stringify(request),
          model: JSON.stringify(model),
          file_stem: doc.fileStem,
          drafter: ctx.write.operator,
          drafted_at: draftedAt,
          submitted_at: null,
          signer: null,
          signed_on: null,
          supersedes_id: null,
          cancelled_reason: null,
          cancelled_at: null,
        }),
      );
    }
    return inserted;
  });
  return readSummaries(ctx.ledger.db, ids);
}

/** `LIKE` pattern for a literal substring (\ escapes % and _). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listDocuments(ctx: ServiceContext, query: DocumentListQuery): Promise<DocumentPage> {
  const { year, type, status, search, offset, limit } = query;
  const filtered = ctx.ledger.db
    .selectFrom('documents')
    .where('deleted_hlc', 'is', null)
    .$if(year !== null, (qb) => qb.where('year', '=', year!))
    .$if(type !== null, (qb) => qb.where('type', '=', type!))
    .$if(status !== null, (qb) => qb.where('status', '=', status!))
    .$if(search !== '', (qb) => {
      const pattern = containsPattern(search);
      return qb.where(
        sql<boolean>`(title LIKE ${pattern} ESCAPE '\\' OR recipients LIKE ${pattern} ESCAPE '\\' OR coalesce(number, '') LIKE ${pattern} ESCAPE '\\')`,
      );
    });
  const total = await filtered.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const rows = await filtered
    .selectAll()
    .select([EXPORT_STATS.count.as('export_count'), EXPORT_STATS.last.as('last_exported_at')])
    .orderBy('drafted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { total: Number(total.n), offset, rows: rows.map(toSummary) };
}

export function getDocument(ctx: ServiceContext, id: string): Promise<DocumentRecord> {
  return readDocumentRecord(ctx.ledger.db, id);
}

/** Replaces a draft's content with the officer's edited text. The 文号 is not theirs to write: it comes at signing. */
export async function updateDraft(ctx: ServiceContext, id: string, edited: DocumentModelData): Promise<DocumentRecord> {
  await ctx.ledger.db.transaction().execute(async (trx) => {
    const row = await requireDocumentRow(trx, id);
    refuseUnlessStatus(row, ['draft'], '修改', row.status === 'submitted' ? '送签中的公文不能修改。' : '已签发的公文不能修改；如有错误，请用“更正”另发一份公文。');
    const current = modelOf(row);
    if (current.kind !== edited.kind) {
      throw new ServiceError('invalid_input', '不能改变公文的版式（正式公文与表单不能互换）。');
    }
    const model: DocumentModel = edited.kind === 'official' ? { ...edited, number: null, draft: true } : { ...edited, draft: true };
    // A form's title (督办单) is its heading, not its name in the registry: only an official document's title renames it.
    const title = model.kind === 'official' ? model.title : row.title;
    await updateRow(trx, ctx.write, 'documents', id, { model: JSON.stringify(model), title });
  });
  return readDocumentRecord(ctx.ledger.db, id);
}

/** 送签: the draft goes to the leader for signing. */
export async function submitDocument(ctx: ServiceContext, id: string): Promise<DocumentRecord> {
  await ctx.ledger.db.transaction().execute(async (trx) => {
    const row = await requireDocumentRow(trx, id);
    refuseUnlessStatus(row, ['draft'], '送签', '只有草稿可以送签。');
    await updateRow(trx, ctx.write, 'documents', id, { status: 'submitted', submitted_at: ctx.now().toISOString() });
  });
  return readDocumentRecord(ctx.ledger.db, id);
}

/** `label：number`, keeping the label a form's builder chose (编号：…). */
function numberLineOf(previous: string | undefined, number: string): string {
  const label = previous?.split('：')[0]?.trim();
  return `${label && previous?.includes('：') ? label : '编号'}：${number}`;
}

/** The model as issued: its 文号, its 成文日期 (the 签发 date, GB/T 9704 7.3.5.3) and no 草稿 mark. */
function issuedModel(model: DocumentModel, number: string | null, signedOn: string): DocumentModel {
  if (model.kind === 'official') {
    const issued: OfficialDocument = { ...model, number, draft: false, signature: { ...model.signature, date: signedOn } };
    if (model.colophon) issued.colophon = { ...model.colophon, printDate: signedOn };
    return issued;
  }
  const form: FormDocument = { ...model, draft: false };
  if (number !== null) form.numberLine = numberLineOf(model.numberLine, number);
  return form;
}

export interface SignInput {
  id: string;
  signer: string;
  signedOn: string;
  /** the 文号 the officer was shown (null: not checked) */
  expectedNumber?: string | null;
}

/** The 文号 the document would take if signed on `signedOn`, and the series it comes from. */
async function numberFor(trx: Kysely<Database>, row: DocumentRow, signedOn: string) {
  const settings = await readDocumentSettings(trx);
  const prefix = settings.numberPrefixes[row.type as keyof typeof settings.numberPrefixes]?.trim() ?? '';
  const year = yearOf(signedOn);
  const seq = prefix === '' ? null : await nextSequence(trx, prefix, year);
  return { prefix, year, seq, number: seq === null ? null : formatDocumentNumber(prefix, year, seq) };
}

/** What the signing dialog shows: 签发后文号为 虞政办督〔2016〕5号. */
export async function previewNumber(ctx: ServiceContext, id: string, signedOn: string): Promise<{ number: string | null }> {
  const row = await requireDocumentRow(ctx.ledger.db, id);
  if (row.status === 'signed' || row.status === 'cancelled') return { number: row.number };
  return { number: (await numberFor(ctx.ledger.db, row, signedOn)).number };
}

/** Two documents may never carry one 文号: a copy merged from another PC could hold it already. */
async function refuseTakenNumber(trx: Kysely<Database>, number: string): Promise<void> {
  const holder = await trx
    .selectFrom('documents')
    .select(['title'])
    .where('number', '=', number)
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (holder) {
    throw new ServiceError('conflict', `文号${number}已被《${holder.title}》使用，不能重复编号。本次签发未保存，请检查发文登记后重试。`);
  }
}

/** 签发: records who signed and when, and takes the next 文号 of the series in the same transaction. */
export async function signDocument(ctx: ServiceContext, input: SignInput): Promise<DocumentRecord> {
  if (input.signedOn > todayOf(ctx)) {
    throw new ServiceError('invalid_input', '签发日期不能晚于今天。', { signedOn: '签发日期不能晚于今天' });
  }
  await ctx.ledger.db.transaction().execute(async (trx) => {
    const row = await requireDocumentRow(trx, input.id);
    refuseUnlessStatus(row, ['draft', 'submitted'], '签发', '已签发的公文不能再次签发；作废的公文不能恢复。');
    const { prefix, year, seq, number } = await numberFor(trx, row, input.signedOn);
    const expected = input.expectedNumber ?? null;
    if (expected !== null && number !== expected) {
      throw new ServiceError(
        'conflict',
        `文号${expected}已被占用（可能另一台电脑刚刚签发了公文），本次签发未保存。请重新签发，新的文号将是${number ?? '（无文号）'}。`,
      );
    }
    if (number !== null) await refuseTakenNumber(trx, number);
    await updateRow(trx, ctx.write, 'documents', input.id, {
      status: 'signed',
      signer: input.signer,
      signed_on: input.signedOn,
      year,
      number_prefix: seq === null ? null : prefix,
      seq,
      number,
      model: JSON.stringify(issuedModel(modelOf(row), number, input.signedOn)),
    });
    // What the document asks units to send back (督查通知书回复, 整改报告) is owed from the moment it is signed.
    await openObligationsForSignedDocument(trx, ctx.write, row, input.signedOn);
  });
  return readDocumentRecord(ctx.ledger.db, input.id);
}

/**
 * 作废 a signed document (its number stays taken and shows as 作废), or delete an unsigned one.
 * Returns the record, or null when an unsigned document was deleted.
 */
export async function cancelDocument(ctx: ServiceContext, id: string, reason: string): Promise<DocumentRecord | null> {
  const deleted = await ctx.ledger.db.transaction().execute(async (trx) => {
    const row = await requireDocumentRow(trx, id);
    refuseUnlessStatus(row, ['draft', 'submitted', 'signed'], '作废', '');
    if (row.status !== 'signed') {
      await tombstoneRow(trx, ctx.write, 'documents', id);
      return true;
    }
    if (reason.trim() === '') {
      throw new ServiceError('invalid_input', '作废已签发的公文须填写作废原因。', { reason: '请填写作废原因' });
    }
    await markSignedDocumentCancelled(trx, ctx, id, reason);
    return false;
  });
  return deleted ? null : readDocumentRecord(ctx.ledger.db, id);
}

/**
 * 作废 inside the caller's transaction: the number stays taken, what the document asked units to send back is void.
 * Also used when a sync found two documents with one 文号 and the officer cancels the later one.
 */
export async function markSignedDocumentCancelled(trx: Kysely<Database>, ctx: ServiceContext, id: string, reason: string): Promise<void> {
  const row = await requireDocumentRow(trx, id);
  refuseUnlessStatus(row, ['signed'], '作废', '只有已签发的公文需要作废。');
  await updateRow(trx, ctx.write, 'documents', id, {
    status: 'cancelled',
    cancelled_reason: reason.trim(),
    cancelled_at: ctx.now().toISOString(),
  });
  await voidObligationsOfDocument(trx, ctx.write, id);
}

/** 附注 line of a correction: 本文更正《标题》（文号）. */
export function correctionNote(row: Pick<DocumentRow, 'title' | 'number'>): string {
  return `本文更正《${row.title}》${row.number ? `（${row.number}）` : ''}`;
}

function correctedModel(model: DocumentModel, note: string): DocumentModel {
  if (model.kind === 'official') {
    // A correction of a correction names only the document it corrects.
    const kept = (model.note ?? '').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('本文更正'));
    return { ...model, number: null, draft: true, note: [...kept, note].join('\n') };
  }
  const fields = model.fields.filter((f) => !(f.label === '附注' && f.value.startsWith('本文更正')));
  const { numberLine: _issuedNumber, ...rest } = model;
  return { ...rest, draft: true, fields: [...fields, { label: '附注', value: note, wide: true }] };
}

async function openCorrection(trx: Kysely<Database>, id: string): Promise<DocumentRow | undefined> {
  return trx
    .selectFrom('documents')
    .selectAll()
    .where('supersedes_id', '=', id)
    .where('deleted_hlc', 'is', null)
    .where('status', 'in', ['draft', 'submitted'])
    .executeTakeFirst();
}

/** 更正: a new draft copying a signed document's content, referring to it; the old one stays as issued. */
export async function correctDocument(ctx: ServiceContext, id: string): Promise<DocumentRecord> {
  const newId = await ctx.ledger.db.transaction().execute(async (trx) => {
    const row = await requireDocumentRow(trx, id);
    refuseUnlessStatus(row, ['signed'], '更正', '只有已签发的公文可以更正；草稿请直接修改。');
    if (await openCorrection(trx, id)) {
      throw new ServiceError('conflict', '这份公文已有一份未签发的更正稿，请在那份更正稿上修改。');
    }
    return insertRow(trx, ctx.write, 'documents', {
      type: row.type,
      year: yearOf(todayOf(ctx)),
      number_prefix: null,
      seq: null,
      number: null,
      status: 'draft',
      title: row.title,
      recipients: row.recipients,
      unit_ids: row.unit_ids,
      task_ids: row.task_ids,
      request: row.request,
      model: JSON.stringify(correctedModel(modelOf(row), correctionNote(row))),
      file_stem: row.file_stem,
      drafter: ctx.write.operator,
      drafted_at: ctx.now().toISOString(),
      submitted_at: null,
      signer: null,
      signed_on: null,
      supersedes_id: id,
      cancelled_reason: null,
      cancelled_at: null,
    });
  });
  return readDocumentRecord(ctx.ledger.db, newId);
}
