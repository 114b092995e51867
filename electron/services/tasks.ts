/** Use cases on one task: read its whole file, create, edit, close, and compute its deadline. */
import type { Kysely } from 'kysely';
import type { Database, TaskTable } from '../../db/schema';
import { insertRow, insertRows, tombstoneRow, updateRow, type NewRow } from '../../db/repository';
import type { ParsedInput } from '../contract/channels';
import type { Task, TaskDetail, TaskUnitLink } from '../contract/types';
import {
  type ActionMethod,
  type ExtensionStatus,
  type Rhythm,
  type TaskSource,
  type TimeLimitUnit,
  type UnitRole,
} from '../contract/vocabulary';
import { todayOf, type ServiceContext } from './context';
import { ServiceError, notFound } from './errors';
import { calendarOf, dueSoonWorkdaysOf } from './holidays';
import { plannedPercentAt, taskStatus } from './status';
import { addCalendarDays, type WorkCalendar } from './calendar';
import { readWorkflowSettings } from './workflow/settings';

export type TaskInput = ParsedInput<'tasks.create'>;

/** The due date a task's input implies: the fixed date, or the time limit counted from 交办日期. */
export function dueDateFor(input: Pick<TaskInput, 'assignedDate' | 'timeLimitValue' | 'timeLimitUnit' | 'dueDate'>, calendar: WorkCalendar): string {
  if (input.timeLimitValue !== null && input.timeLimitUnit !== null) {
    return calendar.addDays(input.assignedDate, input.timeLimitValue, input.timeLimitUnit);
  }
  if (input.dueDate === null) throw new ServiceError('invalid_input', '请填写办理期限，或填写办理时限（日/工作日）', { dueDate: '请填写办理期限' });
  return input.dueDate;
}

export async function previewDueDate(ctx: ServiceContext, input: ParsedInput<'tasks.previewDueDate'>) {
  const calendar = await calendarOf(ctx);
  const dueDate = calendar.addDays(input.assignedDate, input.timeLimitValue, input.timeLimitUnit);
  const notes: string[] = [];
  if (input.timeLimitUnit === 'day') {
    const plain = addCalendarDays(input.assignedDate, input.timeLimitValue);
    if (plain !== dueDate) notes.push(`第 ${input.timeLimitValue} 日（${plain}）为${calendar.describe(plain)}，顺延至下一个工作日`);
  } else {
    notes.push(`不含交办当日，跳过周末和法定节假日，调休上班日计入`);
  }
  const year = Number(dueDate.slice(0, 4));
  if (!calendar.builtInCovers(year)) notes.push(`${year}年的法定节假日安排尚未内置，请在“设置”中补充，否则只按周末计算`);
  return { dueDate, note: notes.join('；') };
}

async function assertUnitsExist(trx: Kysely<Database>, unitIds: string[]): Promise<void> {
  const found = await trx.selectFrom('units').select('id').where('id', 'in', unitIds).where('deleted_hlc', 'is', null).execute();
  if (found.length !== new Set(unitIds).size) {
    throw new ServiceError('invalid_input', '责任单位中有不存在的单位，请刷新单位列表后重新选择。', { units: '有单位不存在' });
  }
}

/** `rhythm`: the input's, else the task's own (edit) or the source's default from the workflow settings (new). */
function taskColumns(
  input: TaskInput,
  dueDate: string,
  rhythm: Rhythm,
): Omit<TaskTable, 'id' | 'created_at' | 'updated_at' | 'updated_hlc' | 'updated_by' | 'deleted_hlc' | 'completed_on'> {
  return {
    year: input.year,
    source: input.source,
    code: input.code,
    title: input.title,
    content: input.content,
    source_ref: input.sourceRef,
    source_date: input.sourceDate,
    leader: input.leader,
    assigned_date: input.assignedDate,
    time_limit_value: input.timeLimitValue,
    time_limit_unit: input.timeLimitUnit,
    due_date: dueDate,
    rhythm,
    parent_id: input.parentId,
    note: input.note,
  };
}

/** Creates a task with its units and milestones. Runs inside the caller's transaction. */
export async function insertTask(trx: Kysely<Database>, ctx: ServiceContext, input: TaskInput, calendar: WorkCalendar): Promise<string> {
  const [taskId] = await insertTasks(trx, ctx, [input], calendar);
  return taskId!;
}

/** How many ids one `IN (…)` check carries (SQLite binds at most 32,766 parameters). */
const UNIT_CHECK_CHUNK = 500;

/**
 * Creates tasks with their units and milestones: the same rows and change_log as `insertTask` for each input in
 * turn, but each table's rows go in multi-row statements (repository `insertRows`) — an import saves thousands of
 * tasks in one transaction, and one statement per row was most of its time. Every row still gets its own clock
 * stamp; they are taken tasks first, then links, then milestones. The checks (units exist, parent exists,
 * due date) all run before the first write. Runs inside the caller's transaction; returns the ids in input order.
 */
export async function insertTasks(trx: Kysely<Database>, ctx: ServiceContext, inputs: readonly TaskInput[], calendar: WorkCalendar): Promise<string[]> {
  if (inputs.length === 0) return [];
  const unitIds = [...new Set(inputs.flatMap((input) => input.units.map((u) => u.unitId)))];
  for (let i = 0; i < unitIds.length; i += UNIT_CHECK_CHUNK) await assertUnitsExist(trx, unitIds.slice(i, i + UNIT_CHECK_CHUNK));
  for (const input of inputs) if (input.parentId) await requireTask(trx, input.parentId);
  let settings: Awaited<ReturnType<typeof readWorkflowSettings>> | undefined;
  const rows: NewRow<'tasks'>[] = [];
  for (const input of inputs) {
    const rhythm = input.rhythm ?? (settings ??= await readWorkflowSettings(trx)).rhythms[input.source].rhythm;
    rows.push({ ...taskColumns(input, dueDateFor(input, calendar), rhythm), completed_on: null });
  }
  const taskIds = await insertRows(trx, ctx.write, 'tasks', rows);
  await insertRows(
    trx,
    ctx.write,
    'task_units',
    inputs.flatMap((input, i) =>
      input.units.map((link) => ({
        task_id: taskIds[i]!,
        unit_id: link.unitId,
        role: link.role,
        contact_person: link.contactPerson,
        contact_phone: link.contactPhone,
        completed_on: null,
      })),
    ),
  );
  await insertRows(
    trx,
    ctx.write,
    'milestones',
    inputs.flatMap((input, i) =>
      input.milestones.map((m) => ({
        task_id: taskIds[i]!,
        label: m.label,
        due_date: m.dueDate,
        planned_percent: m.plannedPercent,
        description: m.description,
      })),
    ),
  );
  return taskIds;
}

export async function createTask(ctx: ServiceContext, input: TaskInput): Promise<TaskDetail> {
  const calendar = await calendarOf(ctx);
  const id = await ctx.ledger.db.transaction().execute((trx) => insertTask(trx, ctx, input, calendar));
  return getTaskDetail(ctx, id);
}

/**
 * Edits a task. Units and milestones are matched to what exists (by unit, by label + date) so
 * that an unchanged link keeps its id and history; removed ones become tombstones.
 */
export async function updateTask(ctx: ServiceContext, id: string, input: TaskInput): Promise<TaskDetail> {
  const calendar = await calendarOf(ctx);
  await ctx.ledger.db.transaction().execute(async (trx) => {
    const existing = await requireTask(trx, id);
    if (input.parentId === id) throw new ServiceError('invalid_input', '事项不能以自己为上级事项。', { parentId: '不能以自己为上级事项' });
    await assertUnitsExist(trx, input.units.map((u) => u.unitId));
    // An edit without a rhythm keeps the task's own; a new source's default applies only when the source changes.
    const rhythm =
      input.rhythm ?? (input.source === existing.source ? (existing.rhythm as Rhythm) : (await readWorkflowSettings(trx)).rhythms[input.source].rhythm);
    await updateRow(trx, ctx.write, 'tasks', id, taskColumns(input, dueDateFor(input, calendar), rhythm));

    const links = await trx.selectFrom('task_units').selectAll().where('task_id', '=', id).where('deleted_hlc', 'is', null).execute();
    const wanted = new Map(input.units.map((u) => [u.unitId, u]));
    for (const link of links) {
      const next = wanted.get(link.unit_id);
      if (!next) {
        await tombstoneRow(trx, ctx.write, 'task_units', link.id);
        continue;
      }
      wanted.delete(link.unit_id);
      await updateRow(trx, ctx.write, 'task_units', link.id, {
        role: next.role,
        contact_person: next.contactPerson,
        contact_phone: next.contactPhone,
      });
    }
    for (const link of wanted.values()) {
      await insertRow(trx, ctx.write, 'task_units', {
        task_id: id,
        unit_id: link.unitId,
        role: link.role,
        contact_person: link.contactPerson,
        contact_phone: link.contactPhone,
        completed_on: null,
      });
    }

    const milestones = await trx.selectFrom('milestones').selectAll().where('task_id', '=', id).where('deleted_hlc', 'is', null).execute();
    const remaining = [...input.milestones];
    for (const m of milestones) {
      const index = remaining.findIndex((w) => w.label === m.label && w.dueDate === m.due_date);
      if (index < 0) {
        await tombstoneRow(trx, ctx.write, 'milestones', m.id);
        continue;
      }
      const [next] = remaining.splice(index, 1);
      await updateRow(trx, ctx.write, 'milestones', m.id, { planned_percent: next!.plannedPercent, description: next!.description });
    }
    for (const m of remaining) {
      await insertRow(trx, ctx.write, 'milestones', {
        task_id: id,
        label: m.label,
        due_date: m.dueDate,
        planned_percent: m.plannedPercent,
        description: m.description,
      });
    }
  });
  return getTaskDetail(ctx, id);
}

export async function setTaskCompleted(ctx: ServiceContext, id: string, completedOn: string | null): Promise<TaskDetail> {
  await ctx.ledger.db.transaction().execute(async (trx) => {
    const task = await requireTask(trx, id);
    if (completedOn !== null && completedOn < task.assigned_date) {
      throw new ServiceError('invalid_input', '办结日期不能早于交办日期。', { completedOn: '办结日期不能早于交办日期' });
    }
    if (completedOn !== null && completedOn > todayOf(ctx)) {
      throw new ServiceError('invalid_input', '办结日期不能晚于今天。', { completedOn: '办结日期不能晚于今天' });
    }
    await updateRow(trx, ctx.write, 'tasks', id, { completed_on: completedOn });
  });
  return getTaskDetail(ctx, id);
}

export async function requireTask(db: Kysely<Database>, id: string) {
  const task = await db.selectFrom('tasks').selectAll().where('id', '=', id).where('deleted_hlc', 'is', null).executeTakeFirst();
  if (!task) throw notFound('督查事项');
  return task;
}

/** Refuses a unit that is not one of the task's units; `doing` completes the sentence (“登记进度”, “申请延期”). */
export async function requireTaskUnit(db: Kysely<Database>, taskId: string, unitId: string, doing: string): Promise<void> {
  const link = await db
    .selectFrom('task_units')
    .select('id')
    .where('task_id', '=', taskId)
    .where('unit_id', '=', unitId)
    .where('deleted_hlc', 'is', null)
    .executeTakeFirst();
  if (!link) throw new ServiceError('invalid_input', `该单位不是本事项的责任单位，不能为其${doing}。`, { unitId: '请选择本事项的责任单位' });
}

export async function listLeaders(ctx: ServiceContext): Promise<string[]> {
  const rows = await ctx.ledger.db
    .selectFrom('tasks')
    .select('leader')
    .distinct()
    .where('deleted_hlc', 'is', null)
    .where('leader', '!=', '')
    .orderBy('leader')
    .execute();
  return rows.map((r) => r.leader);
}

function toTask(row: TaskTable): Task {
  return {
    id: row.id,
    year: row.year,
    source: row.source as TaskSource,
    code: row.code,
    title: row.title,
    content: row.content,
    sourceRef: row.source_ref,
    sourceDate: row.source_date,
    leader: row.leader,
    assignedDate: row.assigned_date,
    timeLimitValue: row.time_limit_value,
    timeLimitUnit: row.time_limit_unit as TimeLimitUnit | null,
    dueDate: row.due_date,
    rhythm: row.rhythm as Rhythm,
    parentId: row.parent_id,
    completedOn: row.completed_on,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** Everything about one task, with its status computed by the same rules as the ledger. */
export async function getTaskDetail(ctx: ServiceContext, id: string): Promise<TaskDetail> {
  const db = ctx.ledger.db;
  const row = await requireTask(db, id);
  const links = await db
    .selectFrom('task_units as tu')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .where('tu.task_id', '=', id)
    .where('tu.deleted_hlc', 'is', null)
    .select(['tu.id', 'tu.unit_id', 'u.name', 'tu.role', 'tu.contact_person', 'tu.contact_phone', 'tu.completed_on'])
    .orderBy('tu.role', 'desc') // 'lead' before 'assist'
    .orderBy('tu.created_at')
    .execute();
  const milestones = await db
    .selectFrom('milestones')
    .selectAll()
    .where('task_id', '=', id)
    .where('deleted_hlc', 'is', null)
    .orderBy('due_date')
    .execute();
  const reports = await db
    .selectFrom('progress_reports as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .where('p.task_id', '=', id)
    .where('p.deleted_hlc', 'is', null)
    .selectAll('p')
    .select('u.name as unit_name')
    .orderBy('p.report_date', 'desc')
    .orderBy('p.created_at', 'desc')
    .execute();
  const actions = await db
    .selectFrom('supervision_actions as a')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .where('a.task_id', '=', id)
    .where('a.deleted_hlc', 'is', null)
    .selectAll('a')
    .select('u.name as unit_name')
    .orderBy('a.action_date', 'desc')
    .orderBy('a.created_at', 'desc')
    .execute();
  const extensions = await db
    .selectFrom('extension_requests as e')
    .innerJoin('units as u', 'u.id', 'e.unit_id')
    .where('e.task_id', '=', id)
    .where('e.deleted_hlc', 'is', null)
    .selectAll('e')
    .select('u.name as unit_name')
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
  // 原定期限: the due date before the first approved extension (the earliest one recorded at approval).
  const approvedFrom = extensions
    .filter((e) => e.status === 'approved')
    .map((e) => e.original_due_date)
    .filter((d): d is string => d !== null)
    .sort();
  const originalDueDate = approvedFrom[0] ?? row.due_date;

  const leadUnitIds = new Set(links.filter((l) => l.role === 'lead').map((l) => l.unit_id));
  const latestByUnit = new Map<string, { percent: number | null; date: string }>();
  for (const r of reports) {
    const seen = latestByUnit.get(r.unit_id);
    if (!seen) latestByUnit.set(r.unit_id, { percent: r.percent, date: r.report_date });
    else if (seen.percent === null && r.percent !== null) seen.percent = r.percent;
  }
  // Same preference as the ledger: a lead unit's newest percentage, else anyone's.
  const withPercent = reports.filter((r) => r.percent !== null);
  const latest = withPercent.find((r) => leadUnitIds.has(r.unit_id)) ?? withPercent[0];
  const latestPercent = latest?.percent ?? null;

  const today = todayOf(ctx);
  const calendar = await calendarOf(ctx);
  const plannedPercent = plannedPercentAt(
    milestones.map((m) => ({ dueDate: m.due_date, plannedPercent: m.planned_percent })),
    today,
  );
  const dueSoonWorkdays = await dueSoonWorkdaysOf(ctx);
  const status = taskStatus(
    { today, dueDate: row.due_date, completedOn: row.completed_on, latestPercent, plannedPercent, dueSoonWorkdays },
    calendar,
  );

  const units: TaskUnitLink[] = links.map((l) => ({
    id: l.id,
    unitId: l.unit_id,
    unitName: l.name,
    role: l.role as UnitRole,
    contactPerson: l.contact_person,
    contactPhone: l.contact_phone,
    completedOn: l.completed_on,
    latestPercent: latestByUnit.get(l.unit_id)?.percent ?? null,
    latestReportDate: latestByUnit.get(l.unit_id)?.date ?? null,
  }));
  return {
    task: toTask(row),
    status,
    workdaysLeft: calendar.workdaysBetween(today, row.due_date),
    latestPercent,
    plannedPercent,
    units,
    milestones: milestones.map((m) => ({
      id: m.id,
      label: m.label,
      dueDate: m.due_date,
      plannedPercent: m.planned_percent,
      description: m.description,
    })),
    reports: reports.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      period: r.period,
      reportDate: r.report_date,
      percent: r.percent,
      stage: r.stage,
      doneText: r.done_text,
      problems: r.problems,
      nextSteps: r.next_steps,
      noChange: r.no_change === 1,
      reporter: r.reporter,
      createdAt: r.created_at,
    })),
    actions: actions.map((a) => ({
      id: a.id,
      unitId: a.unit_id,
      unitName: a.unit_name,
      method: a.method as ActionMethod,
      actionDate: a.action_date,
      note: a.note,
      operator: a.operator,
      createdAt: a.created_at,
      purpose: a.purpose === 'chase' ? 'chase' : 'supervise',
      documentId: a.document_id,
    })),
    extensions: extensions.map((e) => ({
      id: e.id,
      unitId: e.unit_id,
      unitName: e.unit_name,
      reason: e.reason,
      stageProgress: e.stage_progress,
      requestedDate: e.requested_date,
      status: e.status as ExtensionStatus,
      decidedOn: e.decided_on,
      decidedBy: e.decided_by,
      decisionNote: e.decision_note,
      originalDueDate: e.original_due_date,
      approvedDueDate: e.approved_due_date,
      createdAt: e.created_at,
    })),
    originalDueDate,
  };
}
