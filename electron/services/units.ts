/** The unit directory (单位): 乡镇, 街道, 区直部门 with their contacts. Units are deactivated, never removed. */
import { sql } from 'kysely';
import type { UnitTable } from '../../db/schema';
import { insertRow, updateRow } from '../../db/repository';
import type { ParsedInput } from '../contract/channels';
import type { Unit } from '../contract/types';
import type { UnitKind } from '../contract/vocabulary';
import type { ServiceContext } from './context';
import { ServiceError, notFound } from './errors';

type UnitInput = ParsedInput<'units.create'>;

function toUnit(row: UnitTable & { open_task_count: number }): Unit {
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind as UnitKind,
    leaderName: row.leader_name,
    leaderPhone: row.leader_phone,
    directorName: row.director_name,
    directorPhone: row.director_phone,
    liaisonName: row.liaison_name,
    liaisonPhone: row.liaison_phone,
    sortOrder: row.sort_order,
    active: row.active === 1,
    openTaskCount: Number(row.open_task_count),
  };
}

function unitColumns(input: UnitInput) {
  return {
    name: input.name,
    short_name: input.shortName,
    kind: input.kind,
    leader_name: input.leaderName,
    leader_phone: input.leaderPhone,
    director_name: input.directorName,
    director_phone: input.directorPhone,
    liaison_name: input.liaisonName,
    liaison_phone: input.liaisonPhone,
    sort_order: input.sortOrder,
  };
}

const KIND_ORDER = sql`CASE u.kind WHEN 'subdistrict' THEN 0 WHEN 'township' THEN 1 WHEN 'department' THEN 2 ELSE 3 END`;

export async function listUnits(ctx: ServiceContext, includeInactive: boolean): Promise<Unit[]> {
  const rows = await ctx.ledger.db
    .selectFrom('units as u')
    .selectAll('u')
    .select(
      sql<number>`(SELECT count(DISTINCT tu.task_id) FROM task_units tu JOIN tasks t ON t.id = tu.task_id
        WHERE tu.unit_id = u.id AND tu.deleted_hlc IS NULL AND t.deleted_hlc IS NULL AND t.completed_on IS NULL)`.as('open_task_count'),
    )
    .where('u.deleted_hlc', 'is', null)
    .$if(!includeInactive, (qb) => qb.where('u.active', '=', 1))
    .orderBy(KIND_ORDER)
    .orderBy('u.sort_order')
    .orderBy('u.name')
    .execute();
  return rows.map(toUnit);
}

async function getUnit(ctx: ServiceContext, id: string): Promise<Unit> {
  const all = await listUnits(ctx, true);
  const unit = all.find((u) => u.id === id);
  if (!unit) throw notFound('单位');
  return unit;
}

async function assertNameFree(ctx: ServiceContext, name: string, exceptId: string | null): Promise<void> {
  const clash = await ctx.ledger.db
    .selectFrom('units')
    .select('id')
    .where('name', '=', name)
    .where('deleted_hlc', 'is', null)
    .$if(exceptId !== null, (qb) => qb.where('id', '!=', exceptId as string))
    .executeTakeFirst();
  if (clash) throw new ServiceError('conflict', `已有名为“${name}”的单位，请勿重复添加。`, { name: '单位名称已存在' });
}

export async function createUnit(ctx: ServiceContext, input: UnitInput): Promise<Unit> {
  await assertNameFree(ctx, input.name, null);
  const id = await ctx.ledger.db
    .transaction()
    .execute((trx) => insertRow(trx, ctx.write, 'units', { ...unitColumns(input), active: 1 }));
  return getUnit(ctx, id);
}

export async function updateUnit(ctx: ServiceContext, id: string, input: UnitInput): Promise<Unit> {
  await getUnit(ctx, id); // an unknown or deleted unit: 找不到该单位 (not_found), not a failed write
  await assertNameFree(ctx, input.name, id);
  await ctx.ledger.db.transaction().execute((trx) => updateRow(trx, ctx.write, 'units', id, unitColumns(input)));
  return getUnit(ctx, id);
}

export async function setUnitActive(ctx: ServiceContext, id: string, active: boolean): Promise<Unit> {
  await getUnit(ctx, id);
  await ctx.ledger.db.transaction().execute((trx) => updateRow(trx, ctx.write, 'units', id, { active: active ? 1 : 0 }));
  return getUnit(ctx, id);
}
