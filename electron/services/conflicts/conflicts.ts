/**
 * The conflicts a sync merge recorded (db/sync/conflicts.ts writes them), shown side by side and resolved.
 *
 * A resolution is an ordinary write with a fresh clock, so it wins on every PC once synced, and the conflict row is
 * marked 已处理 in the same transaction: 采用 the side the ledger does not show writes that value again (the side
 * it shows needs no write); 手动编辑 writes the typed value; 恢复记录 clears the tombstone; 作废后签发的一份 cancels the
 * document numbered later (an issued document is never renumbered: the office issues a correction if needed).
 */
import { sql, type Kysely } from 'kysely';
import { restoreRow, updateRow, type RowPatch } from '../../../db/repository';
import { parseHlc } from '../../../db/hlc';
import type { ConflictTable, Database, SyncedTableName } from '../../../db/schema';
import { SYNCED_TABLES } from '../../../db/schema';
import {
  CHOICES_BY_KIND,
  CONFLICT_CHOICE_LABELS,
  type ConflictChoice,
  type ConflictKind,
  type ConflictSide,
  type ConflictView,
  type conflictQuery,
  type conflictResolution,
  type ConflictedRecords,
} from '../../contract/conflicts';
import type { z } from 'zod';
import type { ServiceContext } from '../context';
import { markSignedDocumentCancelled } from '../documents/registry';
import { ServiceError, notFound } from '../errors';
import { columnLabel, displayValue, tableLabel } from './labels';

type ConflictRow = ConflictTable;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isTombstoneValue(value: unknown): boolean {
  return typeof value === 'string' && /^\d{15}-\d{6}-/.test(value);
}

/** For edit_delete: the deletion side reads 删除了这条记录, the edit side lists what it changed. */
function sideDisplay(row: ConflictRow, json: string): string {
  const value = parseJson(json);
  if (row.kind === 'edit_delete') {
    if (isTombstoneValue(value)) return '删除了这条记录';
    if (value !== null && typeof value === 'object') {
      const parts = Object.entries(value as Record<string, unknown>).map(([column, v]) => `${columnLabel(row.table_name, column)}：${displayValue(v)}`);
      return `修改了 ${parts.join('；')}`;
    }
  }
  return displayValue(value);
}

function sideOf(row: ConflictRow, json: string, hlc: string, by: string, thisDevice: string): ConflictSide {
  const separator = by.indexOf(':');
  const deviceId = separator < 0 ? by : by.slice(0, separator);
  const operator = separator < 0 ? '' : by.slice(separator + 1);
  let at = '';
  try {
    at = new Date(parseHlc(hlc).ms).toISOString();
  } catch {
    at = '';
  }
  return { display: sideDisplay(row, json), at, deviceId, operator, isThisDevice: deviceId === thisDevice };
}

/** The record in words, and the task / document it leads to. */
async function describeRecord(db: Kysely<Database>, table: string, rowId: string) {
  if (!(SYNCED_TABLES as readonly string[]).includes(table)) return { rowLabel: '其他记录', taskId: null, documentId: null };
  const row = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} WHERE id = ${rowId}`.execute(db)).rows[0];
  if (!row) return { rowLabel: '（记录不存在）', taskId: null, documentId: null };
  const text = (key: string) => (typeof row[key] === 'string' ? (row[key] as string) : '');
  if (table === 'tasks') return { rowLabel: [text('code'), text('title')].filter(Boolean).join(' '), taskId: rowId, documentId: null };
  if (table === 'units') return { rowLabel: text('name'), taskId: null, documentId: null };
  if (table === 'documents') return { rowLabel: `《${text('title')}》${text('number')}`, taskId: null, documentId: rowId };
  if (table === 'settings') return { rowLabel: `设置项 ${rowId}`, taskId: null, documentId: null };
  const taskId = text('task_id') || null;
  if (taskId) {
    const task = await db.selectFrom('tasks').select(['title']).where('id', '=', taskId).executeTakeFirst();
    return { rowLabel: `${tableLabel(table)}（${task?.title ?? '已删除的事项'}）`, taskId, documentId: null };
  }
  return { rowLabel: tableLabel(table), taskId: null, documentId: null };
}

async function toView(db: Kysely<Database>, row: ConflictRow, thisDevice: string): Promise<ConflictView> {
  const kind = row.kind as ConflictKind;
  const record = await describeRecord(db, row.table_name, row.row_id);
  return {
    id: row.id,
    kind,
    status: row.status === 'resolved' ? 'resolved' : 'open',
    tableName: row.table_name,
    tableLabel: tableLabel(row.table_name),
    rowId: row.row_id,
    ...record,
    columnLabel: kind === 'edit_delete' ? '整条记录' : columnLabel(row.table_name, row.column_name),
    earlier: sideOf(row, row.earlier_value, row.earlier_hlc, row.earlier_by, thisDevice),
    later: sideOf(row, row.later_value, row.later_hlc, row.later_by, thisDevice),
    winner: row.winner === 'earlier' ? 'earlier' : 'later',
    resolution: row.resolution === null ? null : (CONFLICT_CHOICE_LABELS[row.resolution as ConflictChoice] ?? row.resolution),
    choices: CHOICES_BY_KIND[kind] ?? [],
  };
}

export async function listConflicts(ctx: ServiceContext, query: z.output<typeof conflictQuery>): Promise<ConflictView[]> {
  const rows = await ctx.ledger.db
    .selectFrom('conflicts')
    .selectAll()
    .where('deleted_hlc', 'is', null)
    .$if(query.status !== null, (qb) => qb.where('status', '=', query.status!))
    .$if(query.rowId !== null, (qb) => qb.where((eb) => eb.or([eb('row_id', '=', query.rowId!), eb('other_row_id', '=', query.rowId!)])))
    .orderBy('later_hlc', 'desc')
    .execute();
  const views: ConflictView[] = [];
  for (const row of rows) views.push(await toView(ctx.ledger.db, row, ctx.write.deviceId));
  return views;
}

/**
 * The records with open conflicts, for the badges in the lists: a task carries one for conflicts on itself and
 * on anything of it (its units, reports, milestones …); units and documents for their own.
 */
export async function openConflictRecords(ctx: ServiceContext): Promise<ConflictedRecords> {
  const open = await listConflicts(ctx, { status: 'open', rowId: null });
  const taskIds = new Set<string>();
  const unitIds = new Set<string>();
  const documentIds = new Set<string>();
  for (const conflict of open) {
    if (conflict.taskId) taskIds.add(conflict.taskId);
    if (conflict.documentId) documentIds.add(conflict.documentId);
    if (conflict.tableName === 'units') unitIds.add(conflict.rowId);
  }
  return { taskIds: [...taskIds], unitIds: [...unitIds], documentIds: [...documentIds] };
}

/** Writes one field of a record with a fresh clock. */
async function writeField(trx: Kysely<Database>, ctx: ServiceContext, table: SyncedTableName, rowId: string, column: string, value: unknown): Promise<void> {
  if (value !== null && typeof value !== 'string' && typeof value !== 'number') {
    throw new ServiceError('invalid_input', '这一处的内容不能在这里手动编辑，请采用其中一方的修改。');
  }
  await updateRow(trx, ctx.write, table, rowId, { [column]: value } as RowPatch<typeof table>);
}

export async function resolveConflict(ctx: ServiceContext, input: z.output<typeof conflictResolution>): Promise<ConflictView> {
  await ctx.ledger.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('conflicts').selectAll().where('id', '=', input.id).where('deleted_hlc', 'is', null).executeTakeFirst();
    if (!row) throw notFound('同步冲突');
    if (row.status === 'resolved') throw new ServiceError('conflict', '这处冲突已经处理过了。请刷新后查看。');
    const kind = row.kind as ConflictKind;
    if (!(CHOICES_BY_KIND[kind] ?? []).includes(input.choice)) {
      throw new ServiceError('invalid_input', `“${CONFLICT_CHOICE_LABELS[input.choice]}”不适用于这类冲突。`);
    }
    if (!(SYNCED_TABLES as readonly string[]).includes(row.table_name)) throw new ServiceError('invalid_input', '冲突所在的记录类型无法识别。');
    const table = row.table_name as SyncedTableName;
    const live = await sql<{ deleted_hlc: string | null }>`SELECT deleted_hlc FROM ${sql.table(table)} WHERE id = ${row.row_id}`.execute(trx);
    const record = live.rows[0];
    if (!record) throw notFound('冲突涉及的记录');

    switch (input.choice) {
      case 'earlier':
      case 'later': {
        if (record.deleted_hlc !== null) throw new ServiceError('conflict', '这条记录已被删除，请先恢复记录。');
        // The side the ledger shows needs no write; the other side is written again with a fresh clock, so it wins.
        if (input.choice !== row.winner) {
          await writeField(trx, ctx, table, row.row_id, row.column_name, parseJson(input.choice === 'earlier' ? row.earlier_value : row.later_value));
        }
        break;
      }
      case 'manual':
        if (record.deleted_hlc !== null) throw new ServiceError('conflict', '这条记录已被删除，请先恢复记录。');
        await writeField(trx, ctx, table, row.row_id, row.column_name, input.manualValue ?? null);
        break;
      case 'restore':
        await restoreRow(trx, ctx.write, table, row.row_id);
        break;
      case 'keep_deleted':
      case 'acknowledge':
        break;
      case 'cancel_later': {
        const earlier = row.other_row_id
          ? await trx.selectFrom('documents').select(['title', 'number']).where('id', '=', row.other_row_id).executeTakeFirst()
          : undefined;
        const reason = `与${earlier ? `《${earlier.title}》` : '另一份公文'}文号${earlier?.number ?? ''}重复（同步时发现）`;
        await markSignedDocumentCancelled(trx, ctx, row.row_id, reason);
        break;
      }
    }
    await updateRow(trx, ctx.write, 'conflicts', row.id, { status: 'resolved', resolution: input.choice });
  });
  const resolved = await ctx.ledger.db.selectFrom('conflicts').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
  return toView(ctx.ledger.db, resolved, ctx.write.deviceId);
}
