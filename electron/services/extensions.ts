/**
 * Extensions (延期): a unit that needs more time reports the reason and its stage progress and asks for a
 * date (domain.md, "The rules of the workflow"); the office approves — the task's due date becomes the
 * granted date — or refuses. Nothing is deleted: every request and decision stays as history, and the
 * task's 原定期限 is the due date it had before the first approved extension.
 */
import { insertRow, updateRow } from '../../db/repository';
import type { ParsedInput } from '../contract/channels';
import type { TaskDetail } from '../contract/types';
import { todayOf, type ServiceContext } from './context';
import { ServiceError, notFound } from './errors';
import { getTaskDetail, requireTask, requireTaskUnit } from './tasks';

function assertOpen(task: { completed_on: string | null }): void {
  if (task.completed_on !== null) {
    throw new ServiceError('invalid_input', '该事项已办结，不能再申请或批准延期。如需延期，请先取消办结。');
  }
}

export async function requestExtension(ctx: ServiceContext, input: ParsedInput<'extensions.request'>): Promise<TaskDetail> {
  await ctx.ledger.db.transaction().execute(async (trx) => {
    const task = await requireTask(trx, input.taskId);
    assertOpen(task);
    await requireTaskUnit(trx, input.taskId, input.unitId, '申请延期');
    if (input.requestedDate <= task.due_date) {
      throw new ServiceError('invalid_input', `申请延至的日期应晚于现在的办理期限（${task.due_date}）。`, {
        requestedDate: `应晚于 ${task.due_date}`,
      });
    }
    await insertRow(trx, ctx.write, 'extension_requests', {
      task_id: input.taskId,
      unit_id: input.unitId,
      reason: input.reason,
      stage_progress: input.stageProgress,
      requested_date: input.requestedDate,
      status: 'requested',
      decided_on: null,
      decided_by: '',
      decision_note: '',
      original_due_date: null,
      approved_due_date: null,
    });
  });
  return getTaskDetail(ctx, input.taskId);
}

/** Approves (the task's due date moves to the granted date) or refuses a pending request, in one transaction. */
export async function decideExtension(ctx: ServiceContext, input: ParsedInput<'extensions.decide'>): Promise<TaskDetail> {
  const taskId = await ctx.ledger.db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom('extension_requests')
      .selectAll()
      .where('id', '=', input.id)
      .where('deleted_hlc', 'is', null)
      .executeTakeFirst();
    if (!request) throw notFound('延期申请');
    if (request.status !== 'requested') {
      throw new ServiceError('conflict', '该延期申请已经审批过，不能再次审批。请刷新后查看。');
    }
    const task = await requireTask(trx, request.task_id);
    const decided = { decided_on: todayOf(ctx), decided_by: ctx.write.operator, decision_note: input.note };
    if (!input.approve) {
      if (input.note === '') throw new ServiceError('invalid_input', '请填写不予批准的理由。', { note: '请填写不予批准的理由' });
      await updateRow(trx, ctx.write, 'extension_requests', request.id, { ...decided, status: 'refused' });
      return task.id;
    }
    assertOpen(task);
    const newDueDate = input.newDueDate ?? request.requested_date;
    if (newDueDate <= task.due_date) {
      throw new ServiceError('invalid_input', `延至的日期应晚于现在的办理期限（${task.due_date}）。`, { newDueDate: `应晚于 ${task.due_date}` });
    }
    await updateRow(trx, ctx.write, 'extension_requests', request.id, {
      ...decided,
      status: 'approved',
      original_due_date: task.due_date,
      approved_due_date: newDueDate,
    });
    await updateRow(trx, ctx.write, 'tasks', task.id, { due_date: newDueDate });
    return task.id;
  });
  return getTaskDetail(ctx, taskId);
}
