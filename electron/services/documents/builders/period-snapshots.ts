/** The tasks of a year (and source) as they stood on a day, in the order bulletins list them. */
import { TASK_SOURCES, type TaskSource } from '../../../contract/vocabulary';
import type { DraftContext } from './draft-context';
import { allLedgerRows, requireTaskDetails } from './ledger-reads';
import { snapshotAt, type TaskSnapshot } from './task-snapshot';

/** Units report a period in the days after it ends (每季度结束后5日内报送); those reports describe the period. */
const REPORTING_WINDOW_WORKDAYS = 10;

/**
 * Tasks assigned by `asOf` — one assigned later did not exist yet for the period — grouped by source in
 * the seed notice's order and by 序号 within a source. Reports received up to 10 working days after
 * `asOf` (and not after today) count for it.
 */
export async function snapshotsOf(dc: DraftContext, year: number, source: TaskSource | null, asOf: string): Promise<TaskSnapshot[]> {
  const rows = await allLedgerRows(dc.ctx, { year, source });
  const details = await requireTaskDetails(
    dc.ctx,
    rows.map((r) => r.id),
  );
  const window = dc.calendar.addDays(asOf, REPORTING_WINDOW_WORKDAYS, 'workday');
  const reportsUntil = window < dc.today ? window : dc.today;
  return details
    .filter((d) => d.task.assignedDate <= asOf)
    .map((d, index) => ({ d, index }))
    .sort((a, b) => TASK_SOURCES.indexOf(a.d.task.source) - TASK_SOURCES.indexOf(b.d.task.source) || a.index - b.index)
    .map(({ d }) => snapshotAt(d, asOf, dc.calendar, dc.dueSoonWorkdays, reportsUntil));
}

/** The 《…》 document most of the tasks cite (e.g. 《2016年政府工作报告目标任务细化分解表》), if any. */
export function commonSourceDocument(snapshots: readonly TaskSnapshot[]): string | null {
  const counts = new Map<string, number>();
  for (const s of snapshots) {
    const m = /《[^《》]+》/u.exec(s.detail.task.sourceRef);
    if (m) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best && best[1] * 2 > snapshots.length ? best[0] : null;
}
