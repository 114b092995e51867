/**
 * Reporting periods (pure): what a unit owes a report for, and by when. A period's key is the string units
 * write in `progress_reports.period` (2016-H1, 2016-Q2, 2016-06); its report is due `graceDays` calendar days
 * after the period ends — moved to the next working day when that day is a holiday or a weekend (a report due
 * on 国庆 10月5日 is due on the first working day after; `dueOn` is the calendar's workdayOnOrAfter, identity when
 * omitted). A 按时限反馈 task has one period of its own, ending on its original deadline.
 */
import type { ReportPeriod } from '../../contract/workflow';
import type { Rhythm } from '../../contract/vocabulary';
import { addCalendarDays } from '../calendar';

const CN_QUARTERS = ['一', '二', '三', '四'] as const;

const pad2 = (n: number) => String(n).padStart(2, '0');

function monthEnd(year: number, month: number): string {
  // Day 0 of the next month is the last day of this one.
  return `${year}-${pad2(month)}-${pad2(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/** Moves a due date off a day off; identity where no calendar is given. */
export type DueOn = (date: string) => string;
const asIs: DueOn = (date) => date;

function period(key: string, label: string, start: string, end: string, graceDays: number, dueOn: DueOn): ReportPeriod {
  return { key, label, start, end, dueDate: dueOn(addCalendarDays(end, graceDays)) };
}

/** `2016-07-05` → `2016年7月5日`. */
export function chineseDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

/** The periods of a year for a periodic rhythm, in order; none for 'deadline' (see deadlinePeriod). */
export function periodsOfYear(rhythm: Rhythm, year: number, graceDays: number, dueOn: DueOn = asIs): ReportPeriod[] {
  switch (rhythm) {
    case 'half_yearly':
      return [
        period(`${year}-H1`, `${year}年上半年`, `${year}-01-01`, `${year}-06-30`, graceDays, dueOn),
        period(`${year}-H2`, `${year}年下半年`, `${year}-07-01`, `${year}-12-31`, graceDays, dueOn),
      ];
    case 'quarterly':
      return CN_QUARTERS.map((cn, i) =>
        period(`${year}-Q${i + 1}`, `${year}年第${cn}季度`, `${year}-${pad2(i * 3 + 1)}-01`, monthEnd(year, i * 3 + 3), graceDays, dueOn),
      );
    case 'monthly':
      return Array.from({ length: 12 }, (_, i) => period(`${year}-${pad2(i + 1)}`, `${year}年${i + 1}月`, `${year}-${pad2(i + 1)}-01`, monthEnd(year, i + 1), graceDays, dueOn));
    case 'deadline':
      return [];
  }
}

/**
 * A 按时限反馈 task–unit's one period: from 交办 to the task's original deadline (before any approved extension,
 * which excuses the report rather than moving it), e.g. `due:2016-07-05`, 办理期限 2016年7月5日.
 */
export function deadlinePeriod(assignedDate: string, originalDueDate: string, graceDays: number, dueOn: DueOn = asIs): ReportPeriod {
  return period(`due:${originalDueDate}`, `办理期限 ${chineseDate(originalDueDate)}`, assignedDate, originalDueDate, graceDays, dueOn);
}

export interface MilestoneLike {
  id: string;
  label: string;
  dueDate: string;
}

/**
 * 对照计划进度进行督促检查 (seed 一(一)): a 政府工作报告 task is also checked at each of its milestones, so a report
 * is expected at each one (key `ms:<milestone id>`). A milestone's period runs from the day after the previous
 * milestone (or from 交办) to its due date.
 */
export function milestonePeriods(assignedDate: string, milestones: readonly MilestoneLike[], graceDays: number, dueOn: DueOn = asIs): ReportPeriod[] {
  const sorted = [...milestones].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
  let start = assignedDate;
  return sorted.map((m) => {
    const p = period(`ms:${m.id}`, m.label, start <= m.dueDate ? start : m.dueDate, m.dueDate, graceDays, dueOn);
    start = addCalendarDays(m.dueDate, 1);
    return p;
  });
}

/** The period of a periodic rhythm that is current for checking on `today`: the latest one already due. */
export function latestDuePeriod(periods: readonly ReportPeriod[], today: string): ReportPeriod | null {
  let latest: ReportPeriod | null = null;
  for (const p of periods) if (p.dueDate <= today && (latest === null || p.dueDate > latest.dueDate)) latest = p;
  return latest;
}
