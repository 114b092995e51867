/**
 * Loads the demo ledger — the real units of 上虞区 and a year of believable tasks — through the
 * same validation and repository writes as a user's own input, in one transaction: all or nothing.
 * Refused on a ledger that already holds tasks, so demo rows never mix with real ones.
 */
import { sql } from 'kysely';
import { insertRow, updateRow } from '../../db/repository';
import { contract } from '../contract/channels';
import type { DemoSummary } from '../contract/types';
import { todayOf, type ServiceContext } from './context';
import { buildDemoLedger } from './demo-data';
import { ServiceError } from './errors';
import { calendarOf } from './holidays';
import { insertTask } from './tasks';

export async function loadDemoLedger(ctx: ServiceContext): Promise<DemoSummary> {
  const demo = buildDemoLedger(todayOf(ctx));
  const calendar = await calendarOf(ctx);
  let reports = 0;
  await ctx.ledger.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('tasks')
      .select(sql<number>`count(*)`.as('n'))
      .where('deleted_hlc', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(existing.n) > 0) {
      throw new ServiceError('conflict', `台账中已有 ${existing.n} 项督查事项，为避免演示数据与真实数据混在一起，未载入演示数据。`);
    }
    const unitIds = new Map<string, string>();
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
          purpose: 'supervise',
          document_id: null,
        });
      }
      if (task.completedOn !== null) {
        await updateRow(trx, ctx.write, 'tasks', taskId, { completed_on: task.completedOn });
      }
    }
  });
  return { units: demo.units.length, tasks: demo.tasks.length, reports };
}
