/**
 * 催办 (seed 二(一)): which units to chase and why, recording that they were chased, and drafting their 催办通知.
 *
 * A unit is on the list for a task of the year (only the units that owe reports: 牵头, and 配合 when the
 * setting says so) when:
 * - overdue_no_report 逾期未办结且未说明原因: the task and the unit's part are open, its (effective) due date
 *   has passed, and the unit has neither reported since the due date nor a pending extension request (nor an
 *   approved one granting a date not yet passed — the task's due date already moved to it, so an approval only
 *   explains until the date it granted);
 * - missing_report 未按期报送进展: the period the office is checking now (feedback scope 'current') is missing,
 *   unless the same task is already listed as overdue. A 按时限反馈 task's own period is left to the overdue
 *   rule (missing there means overdue: listed, or explained by a later report or an extension request);
 * - notice_unanswered / rectification_overdue: an obligation of a document signed that year is open past its 限期.
 *
 * chasedTimes counts the distinct dates of 催办 actions on that task–unit (for an obligation: on its tasks, after
 * its 限期). The 通报 flag counts chase events (chase-events.ts) since the last signed 情况通报.
 */
import type { Kysely } from 'kysely';
import { insertRow } from '../../../db/repository';
import type { Database } from '../../../db/schema';
import type { ParsedInput } from '../../contract/channels';
import type { DocumentSummary } from '../../contract/documents';
import type { ChaseGroup, ChaseItem, ChaseList } from '../../contract/workflow';
import type { TaskSource, UnitKind } from '../../contract/vocabulary';
import { dayNumber } from '../calendar';
import { todayOf, type ServiceContext } from '../context';
import { createDrafts } from '../documents/registry';
import { ServiceError, notFound } from '../errors';
import { chaseEventsOfYear, lastSituationBulletinOn } from './chase-events';
import { loadFeedback, type FeedbackData } from './feedback';
import { readObligations } from './obligations';
import { readWorkflowSettings } from './settings';

const daysOverdue = (dueDate: string, today: string) => Math.max(0, dayNumber(today) - dayNumber(dueDate));

function jsonList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** 联络员 (else 办公室主任) with a phone: whom the office rings. */
function contactOf(u: { liaison_name: string; liaison_phone: string; director_name: string; director_phone: string }): string {
  const [role, name, phone] = u.liaison_name ? ['联络员', u.liaison_name, u.liaison_phone] : ['办公室主任', u.director_name, u.director_phone];
  if (!name) return '';
  return phone ? `${role}${name}（${phone}）` : `${role}${name}`;
}

/**
 * The 催办 list as of `today`; reads only through `db`, so it can run inside a transaction. `loaded`: the year's
 * current-period feedback for all units, when the caller (the 工作台 summary) has already derived it.
 */
export async function buildChaseList(
  db: Kysely<Database>,
  today: string,
  year: number,
  unitId: string | null,
  loaded?: FeedbackData,
): Promise<ChaseList> {
  const settings = await readWorkflowSettings(db);
  const overdueLinks = await db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .select(['t.id', 't.code', 't.title', 't.source', 't.due_date', 'tu.unit_id'])
    .where('tu.deleted_hlc', 'is', null)
    .where('t.deleted_hlc', 'is', null)
    .where('t.year', '=', year)
    .where('t.completed_on', 'is', null)
    .where('tu.completed_on', 'is', null)
    .where('t.due_date', '<', today)
    .$if(!settings.assistUnitsReport, (qb) => qb.where('tu.role', '=', 'lead'))
    .$if(unitId !== null, (qb) => qb.where('tu.unit_id', '=', unitId!))
    .orderBy('t.due_date')
    .orderBy('t.code')
    .execute();
  const reportedAfterDue = await db
    .selectFrom('progress_reports as p')
    .innerJoin('tasks as t', 't.id', 'p.task_id')
    .select(['p.task_id', 'p.unit_id'])
    .distinct()
    .where('p.deleted_hlc', 'is', null)
    .where('t.deleted_hlc', 'is', null)
    .where('t.year', '=', year)
    .where('t.completed_on', 'is', null)
    .whereRef('p.report_date', '>', 't.due_date')
    .execute();
  const explainedByExtension = await db
    .selectFrom('extension_requests as e')
    .innerJoin('tasks as t', 't.id', 'e.task_id')
    .select(['e.task_id', 'e.unit_id'])
    .distinct()
    .where('e.deleted_hlc', 'is', null)
    .where('t.deleted_hlc', 'is', null)
    .where('t.year', '=', year)
    .where((eb) => eb.or([eb('e.status', '=', 'requested'), eb.and([eb('e.status', '=', 'approved'), eb('e.approved_due_date', '>=', eb.ref('t.due_date'))])]))
    .execute();
  const explained = new Set([...reportedAfterDue, ...explainedByExtension].map((r) => `${r.task_id}|${r.unit_id}`));

  const items = new Map<string, ChaseItem[]>();
  const add = (unit: string, item: ChaseItem) => {
    const list = items.get(unit);
    if (list) list.push(item);
    else items.set(unit, [item]);
  };
  const base = { periodLabel: null, obligationId: null, documentId: null, documentNumber: null, chasedTimes: 0, lastChasedOn: null };
  const overdueKeys = new Set<string>();
  for (const l of overdueLinks) {
    const key = `${l.id}|${l.unit_id}`;
    if (explained.has(key)) continue;
    overdueKeys.add(key);
    add(l.unit_id, {
      ...base,
      reason: 'overdue_no_report',
      taskId: l.id,
      taskCode: l.code,
      taskTitle: l.title,
      source: l.source as TaskSource,
      dueDate: l.due_date,
      daysOverdue: daysOverdue(l.due_date, today),
    });
  }

  const feedback = loaded ?? (await loadFeedback(db, today, { year, unitId, scope: 'current' }));
  for (const cell of feedback.cells) {
    if (unitId !== null && cell.unitId !== unitId) continue;
    if (cell.state !== 'missing' || overdueKeys.has(`${cell.taskId}|${cell.unitId}`)) continue;
    // A 按时限反馈 period missing is the task overdue itself: listed above unless the unit explained it.
    if (cell.period.key.startsWith('due:')) continue;
    add(cell.unitId, {
      ...base,
      reason: 'missing_report',
      taskId: cell.taskId,
      taskCode: cell.taskCode,
      taskTitle: cell.taskTitle,
      source: cell.source,
      dueDate: cell.period.dueDate,
      daysOverdue: daysOverdue(cell.period.dueDate, today),
      periodLabel: cell.period.label,
    });
  }

  const obligations = await readObligations(db, today, { year, unitId, states: ['overdue'] });
  const documentTasks = new Map<string, string[]>();
  const withoutTasks = [...new Set(obligations.filter((o) => o.taskIds.length === 0).map((o) => o.documentId))];
  if (withoutTasks.length > 0) {
    const docs = await db.selectFrom('documents').select(['id', 'task_ids']).where('id', 'in', withoutTasks).execute();
    for (const d of docs) documentTasks.set(d.id, jsonList(d.task_ids));
  }
  const chaseRows = await db
    .selectFrom('supervision_actions as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .select(['a.task_id', 'a.unit_id', 'a.action_date'])
    .where('a.deleted_hlc', 'is', null)
    .where('a.purpose', '=', 'chase')
    .where('t.year', '=', year)
    .where('a.unit_id', 'is not', null)
    .$if(unitId !== null, (qb) => qb.where('a.unit_id', '=', unitId!))
    .execute();
  const chaseDates = new Map<string, Set<string>>();
  for (const a of chaseRows) {
    const key = `${a.task_id}|${a.unit_id}`;
    const dates = chaseDates.get(key);
    if (dates) dates.add(a.action_date);
    else chaseDates.set(key, new Set([a.action_date]));
  }

  for (const o of obligations) {
    const taskIds = o.taskIds.length > 0 ? o.taskIds : (documentTasks.get(o.documentId) ?? []);
    // Chases of this unit on the obligation's tasks since it fell due are chases about it.
    const dates = new Set(taskIds.flatMap((t) => [...(chaseDates.get(`${t}|${o.unitId}`) ?? [])]).filter((d) => d > o.dueDate));
    const sorted = [...dates].sort();
    add(o.unitId, {
      ...base,
      reason: o.kind === 'notice_answer' ? 'notice_unanswered' : 'rectification_overdue',
      taskId: taskIds[0] ?? null,
      taskCode: o.documentNumber ?? '',
      taskTitle: o.documentTitle,
      source: null,
      dueDate: o.dueDate,
      daysOverdue: o.daysLate,
      obligationId: o.id,
      documentId: o.documentId,
      documentNumber: o.documentNumber,
      chasedTimes: sorted.length,
      lastChasedOn: sorted[sorted.length - 1] ?? null,
    });
  }
  for (const [unit, list] of items) {
    for (const item of list) {
      if (item.obligationId !== null || item.taskId === null) continue;
      const dates = [...(chaseDates.get(`${item.taskId}|${unit}`) ?? [])].sort();
      item.chasedTimes = dates.length;
      item.lastChasedOn = dates[dates.length - 1] ?? null;
    }
  }

  const unitIds = [...items.keys()];
  const unitRows =
    unitIds.length === 0
      ? []
      : await db
          .selectFrom('units')
          .select(['id', 'name', 'kind', 'sort_order', 'liaison_name', 'liaison_phone', 'director_name', 'director_phone'])
          .where('id', 'in', unitIds)
          .execute();
  const events = await chaseEventsOfYear(db, year);
  const lastBulletin = await lastSituationBulletinOn(db, today);

  const groups: ChaseGroup[] = unitRows.map((u) => {
    const own = items.get(u.id) ?? [];
    own.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.taskCode.localeCompare(b.taskCode, 'zh-CN'));
    const mine = events.filter((e) => e.unitId === u.id);
    const since = lastBulletin === null ? mine : mine.filter((e) => e.date > lastBulletin);
    return {
      unitId: u.id,
      unitName: u.name,
      unitKind: u.kind as UnitKind,
      contact: contactOf(u),
      items: own,
      chasesThisYear: mine.length,
      chasesSinceLastBulletin: since.length,
      lastChasedOn: mine[mine.length - 1]?.date ?? null,
      flaggedForBulletin: since.length >= settings.chaseFlagCount,
    };
  });
  const order = new Map(unitRows.map((u) => [u.id, u.sort_order]));
  groups.sort(
    (a, b) =>
      Number(b.flaggedForBulletin) - Number(a.flaggedForBulletin) ||
      b.items.length - a.items.length ||
      (order.get(a.unitId) ?? 0) - (order.get(b.unitId) ?? 0) ||
      a.unitName.localeCompare(b.unitName, 'zh-CN'),
  );
  return { today, year, chaseFlagCount: settings.chaseFlagCount, groups };
}

export function chaseList(ctx: ServiceContext, input: ParsedInput<'chase.list'>): Promise<ChaseList> {
  return buildChaseList(ctx.ledger.db, todayOf(ctx), input.year, input.unitId);
}

/** The chosen units' groups, refusing a unit that is not on the list. */
function requireGroups(list: ChaseList, unitIds: readonly string[], unitNames: Map<string, string>): ChaseGroup[] {
  return [...new Set(unitIds)].map((id) => {
    const group = list.groups.find((g) => g.unitId === id);
    if (!group) {
      const name = unitNames.get(id);
      throw new ServiceError('invalid_input', `该单位当前没有需要催办的事项${name ? `（${name}）` : ''}，请刷新催办清单后重新选择。`, {
        unitIds: name ? `${name}没有需要催办的事项` : '有单位没有需要催办的事项',
      });
    }
    return group;
  });
}

/** The tasks a group's chase is about: each item's task, an obligation's first task or its document's. */
function taskIdsOf(group: ChaseGroup): string[] {
  const ids = [...new Set(group.items.flatMap((i) => (i.taskId === null ? [] : [i.taskId])))];
  if (ids.length === 0) {
    throw new ServiceError('invalid_input', `${group.unitName}的催办事项没有关联的督查事项，无法据此登记催办或起草催办通知。`, {
      unitIds: `${group.unitName}的催办事项没有关联督查事项`,
    });
  }
  return ids;
}

async function unitNamesOf(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', [...ids]).where('deleted_hlc', 'is', null).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Records that the chosen units were chased: in one transaction, one 催办 action per task on each unit's list
 * (items about the same task share one), linked to the 催办通知 among `documentIds` addressed to that unit.
 */
export async function recordChase(ctx: ServiceContext, input: ParsedInput<'chase.record'>): Promise<ChaseList> {
  const today = todayOf(ctx);
  if (input.actionDate > today) {
    throw new ServiceError('invalid_input', '催办日期不能晚于今天。', { actionDate: '催办日期不能晚于今天' });
  }
  await ctx.ledger.db.transaction().execute(async (trx) => {
    const list = await buildChaseList(trx, today, input.year, null);
    const groups = requireGroups(list, input.unitIds, await unitNamesOf(trx, input.unitIds));
    const wanted = [...new Set(input.documentIds)];
    const documents =
      wanted.length === 0
        ? []
        : await trx.selectFrom('documents').select(['id', 'unit_ids']).where('id', 'in', wanted).where('deleted_hlc', 'is', null).execute();
    if (documents.length !== wanted.length) throw notFound('公文');
    for (const group of groups) {
      const document = documents.find((d) => jsonList(d.unit_ids).includes(group.unitId));
      for (const taskId of taskIdsOf(group)) {
        await insertRow(trx, ctx.write, 'supervision_actions', {
          task_id: taskId,
          unit_id: group.unitId,
          method: input.method,
          action_date: input.actionDate,
          note: input.note,
          operator: ctx.write.operator,
          purpose: 'chase',
          document_id: document?.id ?? null,
        });
      }
    }
  });
  return buildChaseList(ctx.ledger.db, today, input.year, null);
}

/** Drafts one 催办通知 per chosen unit about the tasks on its list, through the document registry. */
export async function draftChaseNotices(ctx: ServiceContext, input: ParsedInput<'chase.draftNotices'>): Promise<DocumentSummary[]> {
  const db = ctx.ledger.db;
  const list = await buildChaseList(db, todayOf(ctx), input.year, null);
  const groups = requireGroups(list, input.unitIds, await unitNamesOf(db, input.unitIds));
  const taskIds = [...new Set(groups.flatMap(taskIdsOf))];
  return createDrafts(ctx, { type: 'urge_notice', unitIds: groups.map((g) => g.unitId), taskIds, newDeadline: input.newDeadline });
}
