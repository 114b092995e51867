/**
 * A task as it stood on a given day. A 情况通报 for 上半年 issued in July, or a 第三季度 公示 drafted in
 * October, must report the state at the end of its period, not today's: the reports received and the
 * milestones due by then, and not a completion recorded later. The status rules are `status.ts`'s own;
 * on today's date a snapshot agrees with the ledger.
 */
import type { ProgressReport, TaskDetail } from '../../../contract/types';
import type { TaskStatus } from '../../../contract/vocabulary';
import { addCalendarDays, type WorkCalendar } from '../../calendar';
import { plannedPercentAt, taskStatus } from '../../status';

export interface TaskSnapshot {
  detail: TaskDetail;
  asOf: string;
  status: TaskStatus;
  /** 办结日期 if the task was closed by `asOf` */
  completedOn: string | null;
  latestPercent: number | null;
  plannedPercent: number | null;
  /** the newest report received by `asOf`, a lead unit's preferred (it answers for the whole task) */
  latestReport: ProgressReport | null;
  /** working days from `asOf` to the due date (negative once past it) */
  workdaysLeft: number;
  /** working days past the due date when overdue (at least 1), else 0 */
  overdueWorkdays: number;
}

/**
 * `reportsUntil` (default `asOf`) lets a period's own reports count when they arrive after its end, as
 * they do (units report a quarter in the days after it); a completion recorded after `asOf` still does
 * not count, nor do the reports sent with it.
 */
export function snapshotAt(detail: TaskDetail, asOf: string, calendar: WorkCalendar, dueSoonWorkdays: number, reportsUntil = asOf): TaskSnapshot {
  const leadIds = new Set(detail.units.filter((u) => u.role === 'lead').map((u) => u.unitId));
  const closedLater = detail.task.completedOn !== null && detail.task.completedOn > asOf ? detail.task.completedOn : null;
  const until = closedLater !== null && closedLater <= reportsUntil ? addCalendarDays(closedLater, -1) : reportsUntil;
  // detail.reports is newest first; the same preference as the ledger's latest percentage.
  const received = detail.reports.filter((r) => r.reportDate <= until);
  const withPercent = received.filter((r) => r.percent !== null);
  const latestPercent = (withPercent.find((r) => leadIds.has(r.unitId)) ?? withPercent[0])?.percent ?? null;
  const latestReport = received.find((r) => leadIds.has(r.unitId)) ?? received[0] ?? null;
  const completedOn = detail.task.completedOn !== null && detail.task.completedOn <= asOf ? detail.task.completedOn : null;
  const plannedPercent = plannedPercentAt(detail.milestones, asOf);
  const status = taskStatus(
    { today: asOf, dueDate: detail.task.dueDate, completedOn, latestPercent, plannedPercent, dueSoonWorkdays },
    calendar,
  );
  const workdaysLeft = calendar.workdaysBetween(asOf, detail.task.dueDate);
  // Past a Friday deadline on the weekend is still overdue: say 1 working day rather than 0.
  const overdueWorkdays = status === 'overdue' ? Math.max(1, -workdaysLeft) : 0;
  return { detail, asOf, status, completedOn, latestPercent, plannedPercent, latestReport, workdaysLeft, overdueWorkdays };
}
