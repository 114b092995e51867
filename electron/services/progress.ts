/** What units report (进度报告) and what the office does to chase them (督办). */
import type { ParsedInput } from '../contract/channels';
import type { TaskDetail } from '../contract/types';
import { insertRow } from '../../db/repository';
import type { ServiceContext } from './context';
import { todayOf } from './context';
import { ServiceError } from './errors';
import { getTaskDetail, requireTask, requireTaskUnit } from './tasks';

export async function addProgressReport(ctx: ServiceContext, input: ParsedInput<'progress.add'>): Promise<TaskDetail> {
  if (input.reportDate > todayOf(ctx)) {
    throw new ServiceError('invalid_input', '报送日期不能晚于今天。', { reportDate: '报送日期不能晚于今天' });
  }
  await ctx.ledger.db.transaction().execute(async (trx) => {
    await requireTask(trx, input.taskId);
    await requireTaskUnit(trx, input.taskId, input.unitId, '登记进度');
    await insertRow(trx, ctx.write, 'progress_reports', {
      task_id: input.taskId,
      unit_id: input.unitId,
      period: input.period,
      report_date: input.reportDate,
      percent: input.percent,
      stage: input.stage,
      done_text: input.doneText,
      problems: input.problems,
      next_steps: input.nextSteps,
      no_change: input.noChange ? 1 : 0,
      reporter: input.reporter,
    });
  });
  return getTaskDetail(ctx, input.taskId);
}

export async function addSupervisionAction(ctx: ServiceContext, input: ParsedInput<'actions.add'>): Promise<TaskDetail> {
  if (input.actionDate > todayOf(ctx)) {
    throw new ServiceError('invalid_input', '督办日期不能晚于今天。', { actionDate: '督办日期不能晚于今天' });
  }
  // A 催办 is counted against a unit (chase-events.ts): it must say which one.
  if (input.purpose === 'chase' && input.unitId === null) {
    throw new ServiceError('invalid_input', '催办须选择被催办的单位。', { unitId: '请选择被催办的单位' });
  }
  await ctx.ledger.db.transaction().execute(async (trx) => {
    await requireTask(trx, input.taskId);
    if (input.unitId !== null) await requireTaskUnit(trx, input.taskId, input.unitId, input.purpose === 'chase' ? '登记催办' : '登记督办');
    await insertRow(trx, ctx.write, 'supervision_actions', {
      task_id: input.taskId,
      unit_id: input.unitId,
      method: input.method,
      action_date: input.actionDate,
      note: input.note,
      operator: ctx.write.operator,
      purpose: input.purpose,
      document_id: null,
    });
  });
  return getTaskDetail(ctx, input.taskId);
}
