/**
 * Reading what a document is about through the ledger's own services (units, task files, the ledger
 * query), so that a document states exactly what the ledger shows.
 */
import type { ParsedInput } from '../../../contract/channels';
import type { TaskDetail, TaskRow, Unit } from '../../../contract/types';
import type { ServiceContext } from '../../context';
import { ServiceError } from '../../errors';
import { statusParamsOf } from '../../holidays';
import { NO_FILTER, ledgerPage, type LedgerFilter, type StatusParams } from '../../ledger-query';
import { getTaskDetail } from '../../tasks';
import { listUnits } from '../../units';

/** The largest page the ledger query hands out. */
const PAGE = 500;

/** The unit directory by id, inactive units included (old tasks still name them). */
export async function unitDirectory(ctx: ServiceContext): Promise<Map<string, Unit>> {
  return new Map((await listUnits(ctx, true)).map((u) => [u.id, u]));
}

/**
 * The chosen units, in the directory's order (街道, 乡镇, 区直部门 — the order documents list them in).
 * A deleted or deactivated unit cannot be written to.
 */
export async function requireActiveUnits(ctx: ServiceContext, ids: readonly string[]): Promise<Unit[]> {
  const directory = await unitDirectory(ctx);
  const wanted = new Set(ids);
  for (const id of wanted) {
    const unit = directory.get(id);
    if (!unit) throw new ServiceError('not_found', '所选单位中有已删除的单位，请刷新单位列表后重新选择。', { unitIds: '有单位不存在' });
    if (!unit.active) {
      throw new ServiceError('invalid_input', `“${unit.name}”已停用，不能作为发文对象；如确需发文，请先在“单位”页启用该单位。`, {
        unitIds: `${unit.name}已停用`,
      });
    }
  }
  return [...directory.values()].filter((u) => wanted.has(u.id));
}

/** The full file of each chosen task, once each, in the order chosen. */
export async function requireTaskDetails(ctx: ServiceContext, ids: readonly string[]): Promise<TaskDetail[]> {
  const details: TaskDetail[] = [];
  for (const id of new Set(ids)) details.push(await getTaskDetail(ctx, id));
  return details;
}

export type LedgerSort = Pick<ParsedInput<'tasks.list'>, 'sortField' | 'sortOrder'>;

/** Every row the ledger shows for a filter, page by page, in the ledger's own order. */
export async function allLedgerRows(
  ctx: ServiceContext,
  filter: Partial<LedgerFilter>,
  sort: LedgerSort = { sortField: 'code', sortOrder: 'asc' },
  params?: StatusParams,
): Promise<TaskRow[]> {
  const status = params ?? (await statusParamsOf(ctx));
  const rows: TaskRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await ledgerPage(ctx.ledger.db, { ...NO_FILTER, ...filter, ...sort, offset, limit: PAGE }, status);
    rows.push(...page.rows);
    if (page.rows.length < PAGE || rows.length >= page.total) return rows;
  }
}
