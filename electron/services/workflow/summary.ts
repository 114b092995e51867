/** What the 工作台 shows of the workflow: this period's missing reports, whom to chase, overdue answers, pending extensions. */
import { sql } from 'kysely';
import type { WorkflowSummary } from '../../contract/workflow';
import { todayOf, type ServiceContext } from '../context';
import { buildChaseList } from './chase';
import { currentPeriodsOf, loadFeedback } from './feedback';
import { readObligations } from './obligations';

export async function workflowSummary(ctx: ServiceContext, year: number): Promise<WorkflowSummary> {
  const db = ctx.ledger.db;
  const today = todayOf(ctx);
  const feedback = await loadFeedback(db, today, { year, scope: 'current' });
  const missing = new Map<string, { unitId: string; unitName: string; missing: number }>();
  for (const cell of feedback.cells) {
    if (cell.state !== 'missing') continue;
    const row = missing.get(cell.unitId) ?? { unitId: cell.unitId, unitName: cell.unitName, missing: 0 };
    row.missing += 1;
    missing.set(cell.unitId, row);
  }
  const order = (id: string) => feedback.units.get(id)?.sortOrder ?? 0;
  // the 催办 list needs the same current-period feedback: derived once for both
  const chase = await buildChaseList(db, today, year, null, feedback);
  const pending = await db
    .selectFrom('extension_requests as e')
    .innerJoin('tasks as t', 't.id', 'e.task_id')
    .select(sql<number>`count(*)`.as('n'))
    .where('e.deleted_hlc', 'is', null)
    .where('t.deleted_hlc', 'is', null)
    .where('e.status', '=', 'requested')
    .where('t.year', '=', year)
    .executeTakeFirstOrThrow();
  return {
    today,
    year,
    currentPeriods: currentPeriodsOf(feedback.settings, year, today, null, feedback.dueOn),
    missingByUnit: [...missing.values()].sort((a, b) => b.missing - a.missing || order(a.unitId) - order(b.unitId)),
    unitsToChase: chase.groups.length,
    flaggedUnits: chase.groups.filter((g) => g.flaggedForBulletin).length,
    overdueObligations: await readObligations(db, today, { year, states: ['overdue'] }),
    pendingExtensions: Number(pending.n),
  };
}
