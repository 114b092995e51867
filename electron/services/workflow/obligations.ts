/**
 * Obligations: what a signed document asks a unit to send back by its 限期 — the answer to a 督查通知书
 * (限期落实并报告, seed 一(五)) or the 情况说明/整改报告 after a 批评通报 (seed 二(二), 三(三)).
 *
 * - Opened inside the signing transaction, one per addressed unit; the tasks it names are the document's tasks
 *   that the unit is responsible for.
 * - A correction (更正, a new signed document superseding the old one) does not ask twice: the superseded
 *   document's obligations that are not void are carried over to the correction (document_id moves, issued_on
 *   and the 限期 stay), so cancelling the old document afterwards leaves them alone and cancelling the
 *   correction voids them. Units without one get a new obligation.
 * - Cancelling (作废) a signed document voids its obligations, received ones included: a withdrawn document
 *   asks nothing (the receipt stays recorded on the row).
 * - Late is derived (received after the 限期, or still open past it), never stored.
 */
import type { Kysely, Selectable } from 'kysely';
import { insertRow, updateRow, type WriteContext } from '../../../db/repository';
import type { Database, DocumentTable, ObligationTable } from '../../../db/schema';
import type { ParsedInput } from '../../contract/channels';
import type { Obligation, ObligationKind, ObligationState } from '../../contract/workflow';
import { dayNumber } from '../calendar';
import { todayOf, type ServiceContext } from '../context';
import { ServiceError, notFound } from '../errors';
import { chineseDate } from './periods';

type DocumentRowLike = Pick<Selectable<DocumentTable>, 'id' | 'type' | 'request' | 'unit_ids' | 'task_ids' | 'supersedes_id'>;

function jsonList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** The kind and 限期 a document of this type asks for, or null when it asks for nothing. */
function askedBy(row: DocumentRowLike): { kind: ObligationKind; dueDate: string } | null {
  let request: Record<string, unknown>;
  try {
    request = JSON.parse(row.request) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (row.type === 'supervision_notice' && typeof request.deadline === 'string') return { kind: 'notice_answer', dueDate: request.deadline };
  if (row.type === 'criticism_bulletin' && typeof request.explanationDeadline === 'string') {
    return { kind: 'rectification', dueDate: request.explanationDeadline };
  }
  return null;
}

/** Opens the document's obligations (see the file comment). Runs inside signDocument's transaction. */
export async function openObligationsForSignedDocument(trx: Kysely<Database>, write: WriteContext, row: DocumentRowLike, signedOn: string): Promise<void> {
  const asked = askedBy(row);
  if (!asked) return;
  const named = [...new Set(jsonList(row.unit_ids))];
  if (named.length === 0) return;
  // A unit removed from the directory since drafting is owed nothing (and could not be referenced).
  const live = await trx.selectFrom('units').select('id').where('id', 'in', named).where('deleted_hlc', 'is', null).execute();
  const unitIds = named.filter((id) => live.some((u) => u.id === id));
  if (unitIds.length === 0) return;
  const taskIds = jsonList(row.task_ids);
  const links =
    taskIds.length === 0
      ? []
      : await trx
          .selectFrom('task_units')
          .select(['task_id', 'unit_id'])
          .where('deleted_hlc', 'is', null)
          .where('task_id', 'in', taskIds)
          .where('unit_id', 'in', unitIds)
          .execute();
  const carried =
    row.supersedes_id === null
      ? []
      : await trx
          .selectFrom('obligations')
          .select(['id', 'unit_id'])
          .where('deleted_hlc', 'is', null)
          .where('document_id', '=', row.supersedes_id)
          .where('status', '!=', 'void')
          .execute();
  for (const unitId of unitIds) {
    const previous = carried.filter((o) => o.unit_id === unitId);
    if (previous.length > 0) {
      for (const o of previous) await updateRow(trx, write, 'obligations', o.id, { document_id: row.id });
      continue;
    }
    // In the document's order: the tasks this unit answers for.
    const mine = taskIds.filter((t) => links.some((l) => l.task_id === t && l.unit_id === unitId));
    await insertRow(trx, write, 'obligations', {
      kind: asked.kind,
      document_id: row.id,
      unit_id: unitId,
      task_ids: JSON.stringify(mine),
      issued_on: signedOn,
      due_date: asked.dueDate,
      status: 'open',
      received_on: null,
      received_note: '',
      received_by: '',
    });
  }
}

/** Voids every obligation of a document being cancelled (作废). Runs inside cancelDocument's transaction. */
export async function voidObligationsOfDocument(trx: Kysely<Database>, write: WriteContext, documentId: string): Promise<void> {
  const rows = await trx
    .selectFrom('obligations')
    .select('id')
    .where('deleted_hlc', 'is', null)
    .where('document_id', '=', documentId)
    .where('status', '!=', 'void')
    .execute();
  for (const o of rows) await updateRow(trx, write, 'obligations', o.id, { status: 'void' });
}

const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** The derived state and how many days late (0 unless overdue or received late). */
export function obligationState(row: Pick<ObligationTable, 'status' | 'due_date' | 'received_on'>, today: string): { state: ObligationState; daysLate: number } {
  if (row.status === 'void') return { state: 'void', daysLate: 0 };
  if (row.status === 'received' && row.received_on !== null) {
    const late = daysBetween(row.due_date, row.received_on);
    return late > 0 ? { state: 'late', daysLate: late } : { state: 'on_time', daysLate: 0 };
  }
  const overdue = daysBetween(row.due_date, today);
  return overdue > 0 ? { state: 'overdue', daysLate: overdue } : { state: 'open', daysLate: 0 };
}

export interface ObligationFilter {
  year?: number | null;
  kind?: ObligationKind | null;
  states?: readonly ObligationState[];
  unitId?: string | null;
  documentId?: string | null;
  id?: string;
}

/** Obligations with their document and unit, by 限期 then unit; `states` filters on the derived state. */
export async function readObligations(db: Kysely<Database>, today: string, filter: ObligationFilter = {}): Promise<Obligation[]> {
  const { year = null, kind = null, unitId = null, documentId = null, id } = filter;
  const rows = await db
    .selectFrom('obligations as o')
    .innerJoin('documents as d', 'd.id', 'o.document_id')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .selectAll('o')
    .select(['d.title as document_title', 'd.number as document_number', 'u.name as unit_name'])
    .where('o.deleted_hlc', 'is', null)
    .$if(year !== null, (qb) => qb.where('o.issued_on', '>=', `${year}-01-01`).where('o.issued_on', '<=', `${year}-12-31`))
    .$if(kind !== null, (qb) => qb.where('o.kind', '=', kind!))
    .$if(unitId !== null, (qb) => qb.where('o.unit_id', '=', unitId!))
    .$if(documentId !== null, (qb) => qb.where('o.document_id', '=', documentId!))
    .$if(id !== undefined, (qb) => qb.where('o.id', '=', id!))
    .orderBy('o.due_date')
    .orderBy('u.sort_order')
    .orderBy('o.id')
    .execute();
  const wanted = filter.states && filter.states.length > 0 ? new Set(filter.states) : null;
  return rows.flatMap((r) => {
    const { state, daysLate } = obligationState(r, today);
    if (wanted && !wanted.has(state)) return [];
    return [
      {
        id: r.id,
        kind: r.kind as ObligationKind,
        state,
        documentId: r.document_id,
        documentTitle: r.document_title,
        documentNumber: r.document_number,
        unitId: r.unit_id,
        unitName: r.unit_name,
        taskIds: jsonList(r.task_ids),
        issuedOn: r.issued_on,
        dueDate: r.due_date,
        receivedOn: r.received_on,
        receivedNote: r.received_note,
        receivedBy: r.received_by,
        daysLate,
      },
    ];
  });
}

export function listObligations(ctx: ServiceContext, input: ParsedInput<'obligations.list'>): Promise<Obligation[]> {
  return readObligations(ctx.ledger.db, todayOf(ctx), input);
}

/** Records that the unit's answer arrived (收到日期, 回复情况). */
export async function receiveObligation(ctx: ServiceContext, input: ParsedInput<'obligations.receive'>): Promise<Obligation> {
  const today = todayOf(ctx);
  if (input.receivedOn > today) {
    throw new ServiceError('invalid_input', '收到日期不能晚于今天。', { receivedOn: '收到日期不能晚于今天' });
  }
  await ctx.ledger.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('obligations').selectAll().where('id', '=', input.id).where('deleted_hlc', 'is', null).executeTakeFirst();
    if (!row) throw notFound('回复事项');
    if (row.status === 'void') throw new ServiceError('conflict', '该公文已作废，不再需要单位回复，不能登记。');
    if (row.status === 'received') {
      throw new ServiceError('conflict', `该单位的回复已于${chineseDate(row.received_on ?? row.due_date)}登记过，不能重复登记。请刷新后查看。`);
    }
    if (input.receivedOn < row.issued_on) {
      throw new ServiceError('invalid_input', `收到日期不能早于公文签发日期（${chineseDate(row.issued_on)}）。`, {
        receivedOn: `不能早于 ${row.issued_on}`,
      });
    }
    await updateRow(trx, ctx.write, 'obligations', row.id, {
      status: 'received',
      received_on: input.receivedOn,
      received_note: input.note,
      received_by: ctx.write.operator,
    });
  });
  const [obligation] = await readObligations(ctx.ledger.db, today, { id: input.id });
  if (!obligation) throw notFound('回复事项');
  return obligation;
}
