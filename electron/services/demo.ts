/**
 * Loads the demo ledger — the real units of 上虞区 and a year of believable tasks — through the
 * same validation and repository writes as a user's own input, in one transaction: all or nothing.
 * Refused on a ledger that already holds tasks, so demo rows never mix with real ones.
 *
 * Then the workflow around them (demoWorkflow): a signed 督查通知书 and 批评通报 with their answers, drafted by the
 * real builders and signed through the registry on their own (past) days. Those services read the ledger, so
 * they run after the tasks are committed, each in its own transaction; they are skipped when the office has no
 * document settings yet (a command-line `demo` on a ledger without an office name). An office that has not
 * entered its 督查科 contact gets the demo's fictional one, since every notice must name a contact.
 */
import { sql } from 'kysely';
import { insertRow, updateRow } from '../../db/repository';
import { contract } from '../contract/channels';
import type { DemoSummary } from '../contract/types';
import { todayOf, type ServiceContext } from './context';
import { documentSettings } from '../contract/documents';
import { buildDemoLedger, type DemoWorkflow } from './demo-data';
import { createDrafts, signDocument } from './documents/registry';
import { getDocumentSettings, updateDocumentSettings } from './documents/settings';
import { listObligations, receiveObligation } from './workflow/obligations';
import { ServiceError } from './errors';
import { calendarOf } from './holidays';
import { insertTask } from './tasks';

export async function loadDemoLedger(ctx: ServiceContext): Promise<DemoSummary> {
  const demo = buildDemoLedger(todayOf(ctx));
  const calendar = await calendarOf(ctx);
  let reports = 0;
  const taskIds: string[] = [];
  const unitIds = new Map<string, string>();
  await ctx.ledger.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('tasks')
      .select(sql<number>`count(*)`.as('n'))
      .where('deleted_hlc', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) {
      throw new ServiceError('conflict', `台账中已有 ${existing.n} 项督查事项，为避免演示数据与真实数据混在一起，未载入演示数据。`);
    }
    const known = await trx.selectFrom('units').select(['id', 'name']).where('deleted_hlc', 'is', null).execute();
    for (const u of known) unitIds.set(u.name, u.id);
    for (const unit of demo.units) {
      if (unitIds.has(unit.name)) continue;
      const id = await insertRow(trx, ctx.write, 'units', {
        name: unit.name,
        short_name: unit.shortName,
        kind: unit.kind,
        leader_name: unit.leaderName,
        leader_phone: unit.leaderPhone,
        director_name: unit.directorName,
        director_phone: unit.directorPhone,
        liaison_name: unit.liaisonName,
        liaison_phone: unit.liaisonPhone,
        sort_order: unit.sortOrder,
        active: 1,
      });
      unitIds.set(unit.name, id);
    }
    const unitId = (name: string): string => {
      const id = unitIds.get(name);
      if (!id) throw new Error(`demo data names an unknown unit: ${name}`);
      return id;
    };

    for (const task of demo.tasks) {
      // The same schema a user's form goes through: demo data cannot hold what a user could not enter.
      const input = contract['tasks.create'].input.parse({
        ...task,
        dueDate: task.timeLimitValue === null ? task.dueDate : null,
        parentId: null,
        units: task.units.map((u) => ({ unitId: unitId(u.unitName), role: u.role, contactPerson: u.contactPerson, contactPhone: u.contactPhone })),
      });
      const taskId = await insertTask(trx, ctx, input, calendar);
      taskIds.push(taskId);
      for (const r of task.reports) {
        await insertRow(trx, ctx.write, 'progress_reports', {
          task_id: taskId,
          unit_id: unitId(r.unitName),
          period: r.period,
          report_date: r.reportDate,
          percent: r.percent,
          stage: r.stage,
          done_text: r.doneText,
          problems: r.problems,
          next_steps: r.nextSteps,
          no_change: r.noChange ? 1 : 0,
          reporter: r.reporter,
        });
        reports += 1;
      }
      for (const a of task.actions) {
        await insertRow(trx, ctx.write, 'supervision_actions', {
          task_id: taskId,
          unit_id: a.unitName === null ? null : unitId(a.unitName),
          method: a.method,
          action_date: a.actionDate,
          note: a.note,
          operator: ctx.write.operator,
          purpose: a.purpose,
          document_id: null,
        });
      }
      if (task.completedOn !== null) {
        await updateRow(trx, ctx.write, 'tasks', taskId, { completed_on: task.completedOn });
      }
    }
    const referral = demo.workflow.referral;
    if (referral) {
      await insertRow(trx, ctx.write, 'referrals', {
        task_id: taskIds[referral.taskIndex]!,
        unit_id: unitId(referral.unitName),
        referred_on: referral.referredOn,
        referred_to: referral.referredTo,
        reason: referral.reason,
        note: '',
        operator: ctx.write.operator,
      });
    }
  });
  await demoWorkflow(ctx, demo.workflow, taskIds, unitIds);
  return { units: demo.units.length, tasks: demo.tasks.length, reports };
}

/** The context as it was at 10:00 on `date`: documents drafted and signed that day carry that day's dates. */
function contextOn(ctx: ServiceContext, date: string): ServiceContext {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const now = () => new Date(y, m - 1, d, 10, 0, 0);
  return { ...ctx, now, write: { ...ctx.write, now } };
}

const SIGNER = '王建国';

/** The demo's 督查科 contact (fictional), for an office that has not entered its own: notices must name one. */
const DEMO_CONTACT = { contactName: '王敏', contactPhone: '0575-82112345' };

async function demoWorkflow(ctx: ServiceContext, plan: DemoWorkflow, taskIds: string[], unitIds: Map<string, string>): Promise<void> {
  const settings = documentSettings.safeParse(await getDocumentSettings(ctx));
  if (!settings.success) return;
  if (settings.data.contactName === '' || settings.data.contactPhone === '') {
    await updateDocumentSettings(ctx, {
      ...settings.data,
      contactName: settings.data.contactName || DEMO_CONTACT.contactName,
      contactPhone: settings.data.contactPhone || DEMO_CONTACT.contactPhone,
    });
  }
  const unit = (name: string) => unitIds.get(name)!;
  if (plan.notice) {
    const { signedOn, deadline, answeredOn } = plan.notice;
    const then = contextOn(ctx, signedOn);
    const drafts = await createDrafts(then, {
      type: 'supervision_notice',
      unitIds: plan.notice.unitNames.map(unit),
      taskIds: plan.notice.taskIndexes.map((i) => taskIds[i]!),
      deadline,
      basis: '',
    });
    for (const d of drafts) await signDocument(then, { id: d.id, signer: SIGNER, signedOn });
    const answered = (await listObligations(ctx, { year: null, kind: 'notice_answer', states: [], unitId: unit(plan.notice.unitNames[0]), documentId: null }))[0];
    if (answered) {
      await receiveObligation(ctx, { id: answered.id, receivedOn: answeredOn, note: '已书面报告整改措施和下步计划，明确了办结时限。' });
    }
  }
  if (plan.criticism) {
    const { signedOn, deadline, receivedOn, facts } = plan.criticism;
    const then = contextOn(ctx, signedOn);
    const [bulletin] = await createDrafts(then, {
      type: 'criticism_bulletin',
      unitIds: [unit(plan.criticism.unitName)],
      taskIds: [taskIds[plan.criticism.taskIndex]!],
      explanationDeadline: deadline,
      facts,
    });
    await signDocument(then, { id: bulletin!.id, signer: SIGNER, signedOn });
    const [owed] = await listObligations(ctx, { year: null, kind: 'rectification', states: [], unitId: null, documentId: bulletin!.id });
    if (owed) await receiveObligation(ctx, { id: owed.id, receivedOn, note: '书面情况说明和整改报告逾期报送。' });
  }
}
