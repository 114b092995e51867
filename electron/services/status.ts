/**
 * The status rules of a task (or of one unit's part in it). Computed from dates and percentages,
 * never typed in by hand.
 *
 * Precedence: 已办结 > 逾期 > 滞后于计划 > 临期 > 正常推进.
 * - Done outranks everything: a closed item needs no attention, however late it was closed.
 * - Overdue outranks behind: a missed deadline is what triggers a 催办通知 and a 通报 (seed 二(一)), so
 *   the red light must not be hidden by a milder one.
 * - Behind outranks due soon: the seed asks the office to check items "对照计划进度" (一(一)、(二)); a unit
 *   behind its milestone is failing now and needs 督办, while "due soon" is only a calendar reminder
 *   that every item gets near its end. An item both behind and due soon is at real risk of missing its
 *   deadline, and "behind" says why. Both show the yellow light, so nothing is lost in the ledger.
 *
 * The ledger query computes the same status in SQL with plain date comparisons (see `dueSoonCutoff`
 * and `taskStatusByCutoff`); a unit test checks both forms agree.
 */
import type { TaskStatus } from '../contract/vocabulary';
import { addCalendarDays, type WorkCalendar } from './calendar';
import { ServiceError } from './errors';

export interface StatusInput {
  today: string;
  dueDate: string;
  completedOn: string | null;
  /** newest reported percentage; null when nothing was reported (counts as 0) */
  latestPercent: number | null;
  /** planned percentage of the latest milestone due on or before today (see `plannedPercentAt`) */
  plannedPercent: number | null;
  /** 临期 threshold in working days (setting, default 3) */
  dueSoonWorkdays: number;
}

function checkThreshold(dueSoonWorkdays: number): void {
  if (!Number.isInteger(dueSoonWorkdays) || dueSoonWorkdays < 0) {
    throw new ServiceError('invalid_input', '临期提醒天数应为不小于 0 的整数。');
  }
}

function isBehind(latestPercent: number | null, plannedPercent: number | null): boolean {
  return plannedPercent !== null && plannedPercent > (latestPercent ?? 0);
}

/**
 * 临期 means: not yet overdue, and at most `dueSoonWorkdays` working days from today to the due date
 * (`workdaysBetween(today, dueDate) <= N`), so an item due today is 临期 even with N = 0.
 */
export function taskStatus(input: StatusInput, calendar: WorkCalendar): TaskStatus {
  checkThreshold(input.dueSoonWorkdays);
  if (input.completedOn !== null) return 'done';
  if (input.dueDate < input.today) return 'overdue';
  if (isBehind(input.latestPercent, input.plannedPercent)) return 'behind';
  if (calendar.workdaysBetween(input.today, input.dueDate) <= input.dueSoonWorkdays) return 'due_soon';
  return 'on_track';
}

/**
 * The last due date that still counts as 临期 today: the day before the (N+1)-th working day after
 * today. Because working days after today only grow with the due date, "workdaysBetween(today, due) ≤ N"
 * is exactly "due ≤ cutoff", which SQL can test on the stored ISO date.
 */
export function dueSoonCutoff(today: string, dueSoonWorkdays: number, calendar: WorkCalendar): string {
  checkThreshold(dueSoonWorkdays);
  return addCalendarDays(calendar.addDays(today, dueSoonWorkdays + 1, 'workday'), -1);
}

/**
 * The same rule as `taskStatus` in the form the ledger's SQL uses:
 *   CASE WHEN completed_on IS NOT NULL THEN 'done'
 *        WHEN due_date < :today THEN 'overdue'
 *        WHEN planned_percent > coalesce(latest_percent, 0) THEN 'behind'
 *        WHEN due_date <= :cutoff THEN 'due_soon'
 *        ELSE 'on_track' END
 */
export function taskStatusByCutoff(input: Omit<StatusInput, 'dueSoonWorkdays'>, cutoff: string): TaskStatus {
  if (input.completedOn !== null) return 'done';
  if (input.dueDate < input.today) return 'overdue';
  if (isBehind(input.latestPercent, input.plannedPercent)) return 'behind';
  if (input.dueDate <= cutoff) return 'due_soon';
  return 'on_track';
}

/**
 * The planned percentage a task should have reached by `today`: that of the latest milestone due on
 * or before today (the highest one, if several fall on that date); null before the first milestone.
 */
export function plannedPercentAt(
  milestones: ReadonlyArray<{ dueDate: string; plannedPercent: number }>,
  today: string,
): number | null {
  let best: { dueDate: string; plannedPercent: number } | null = null;
  for (const m of milestones) {
    if (m.dueDate > today) continue;
    if (best === null || m.dueDate > best.dueDate || (m.dueDate === best.dueDate && m.plannedPercent > best.plannedPercent)) {
      best = m;
    }
  }
  return best?.plannedPercent ?? null;
}
