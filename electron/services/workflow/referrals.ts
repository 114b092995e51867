/**
 * 移送纪检监察 (seed 三(三)): a serious failure (失职渎职、违纪违法) found while supervising is referred to the
 * discipline body, which investigates. The ledger records the referral and its reason; it is never deleted.
 */
import { insertRow } from '../../../db/repository';
import type { ParsedInput } from '../../contract/channels';
import type { Referral } from '../../contract/workflow';
import { todayOf, type ServiceContext } from '../context';
import { ServiceError, notFound } from '../errors';
import { requireTask, requireTaskUnit } from '../tasks';

export interface ReferralFilter {
  year?: number | null;
  unitId?: string | null;
  taskId?: string | null;
  id?: string;
}

export async function readReferrals(ctx: ServiceContext, filter: ReferralFilter = {}): Promise<Referral[]> {
  const { year = null, unitId = null, taskId = null, id } = filter;
  const rows = await ctx.ledger.db
    .selectFrom('referrals as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('tasks as t', 't.id', 'r.task_id')
    .selectAll('r')
    .select(['u.name as unit_name', 't.title as task_title'])
    .where('r.deleted_hlc', 'is', null)
    .$if(year !== null, (qb) => qb.where('r.referred_on', '>=', `${year}-01-01`).where('r.referred_on', '<=', `${year}-12-31`))
    .$if(unitId !== null, (qb) => qb.where('r.unit_id', '=', unitId!))
    .$if(taskId !== null, (qb) => qb.where('r.task_id', '=', taskId!))
    .$if(id !== undefined, (qb) => qb.where('r.id', '=', id!))
    .orderBy('r.referred_on', 'desc')
    .orderBy('r.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    taskId: r.task_id,
    taskTitle: r.task_title,
    unitId: r.unit_id,
    unitName: r.unit_name,
    referredOn: r.referred_on,
    referredTo: r.referred_to,
    reason: r.reason,
    note: r.note,
    operator: r.operator,
    createdAt: r.created_at,
  }));
}

export function listReferrals(ctx: ServiceContext, input: ParsedInput<'referrals.list'>): Promise<Referral[]> {
  return readReferrals(ctx, input);
}

export async function addReferral(ctx: ServiceContext, input: ParsedInput<'referrals.add'>): Promise<Referral> {
  if (input.referredOn > todayOf(ctx)) {
    throw new ServiceError('invalid_input', '移送日期不能晚于今天。', { referredOn: '移送日期不能晚于今天' });
  }
  const id = await ctx.ledger.db.transaction().execute(async (trx) => {
    const unit = await trx.selectFrom('units').select('id').where('id', '=', input.unitId).where('deleted_hlc', 'is', null).executeTakeFirst();
    if (!unit) throw notFound('单位');
    if (input.taskId !== null) {
      await requireTask(trx, input.taskId);
      await requireTaskUnit(trx, input.taskId, input.unitId, '登记移送');
    }
    return insertRow(trx, ctx.write, 'referrals', {
      task_id: input.taskId,
      unit_id: input.unitId,
      referred_on: input.referredOn,
      referred_to: input.referredTo,
      reason: input.reason,
      note: input.note,
      operator: ctx.write.operator,
    });
  });
  const [referral] = await readReferrals(ctx, { id });
  if (!referral) throw notFound('移送记录');
  return referral;
}
