/**
 * The figures a 情况通报 states, counted from task snapshots: how many tasks in each status, the 办结率 and
 * the 按期办结率, and per lead unit how many of its tasks are done early, overdue or behind — which
 * names the units that lead and the units that lag.
 */
import type { TaskStatus } from '../../../contract/vocabulary';
import type { TaskSnapshot } from './task-snapshot';

export interface UnitTally {
  unitId: string;
  unitName: string;
  /** tasks this unit leads (牵头) */
  total: number;
  done: number;
  /** closed before the due date */
  early: number;
  overdue: number;
  behind: number;
}

export interface BulletinStats {
  total: number;
  byStatus: Record<TaskStatus, number>;
  /** tasks whose due date is on or before the as-of date: the base of 按期办结率 */
  dueByAsOf: number;
  /** of those, closed on or before their due date */
  doneOnTime: number;
  /** mean latest percentage of the open tasks (no report counts as 0); null when none is open */
  averageOpenPercent: number | null;
  /** units with an overdue or behind task, most overdue first */
  lagging: UnitTally[];
  /** units with nothing overdue or behind that closed tasks early (or all of theirs), most early first */
  leading: UnitTally[];
}

export function bulletinStats(snapshots: readonly TaskSnapshot[]): BulletinStats {
  const byStatus: Record<TaskStatus, number> = { done: 0, overdue: 0, behind: 0, due_soon: 0, on_track: 0 };
  const units = new Map<string, UnitTally>();
  let dueByAsOf = 0;
  let doneOnTime = 0;
  let openPercentSum = 0;
  let open = 0;
  for (const s of snapshots) {
    byStatus[s.status] += 1;
    const due = s.detail.task.dueDate;
    const early = s.completedOn !== null && s.completedOn < due;
    if (due <= s.asOf) {
      dueByAsOf += 1;
      if (s.completedOn !== null && s.completedOn <= due) doneOnTime += 1;
    }
    if (s.status !== 'done') {
      open += 1;
      openPercentSum += s.latestPercent ?? 0;
    }
    for (const link of s.detail.units) {
      if (link.role !== 'lead') continue;
      const tally = units.get(link.unitId) ?? { unitId: link.unitId, unitName: link.unitName, total: 0, done: 0, early: 0, overdue: 0, behind: 0 };
      tally.total += 1;
      if (s.status === 'done') tally.done += 1;
      if (early) tally.early += 1;
      if (s.status === 'overdue') tally.overdue += 1;
      if (s.status === 'behind') tally.behind += 1;
      units.set(link.unitId, tally);
    }
  }
  const all = [...units.values()];
  const byName = (a: UnitTally, b: UnitTally) => a.unitName.localeCompare(b.unitName, 'zh');
  const lagging = all
    .filter((u) => u.overdue + u.behind > 0)
    .sort((a, b) => b.overdue - a.overdue || b.behind - a.behind || byName(a, b));
  const leading = all
    .filter((u) => u.overdue + u.behind === 0 && (u.early > 0 || (u.done > 0 && u.done === u.total)))
    .sort((a, b) => b.early - a.early || b.done - a.done || byName(a, b));
  return {
    total: snapshots.length,
    byStatus,
    dueByAsOf,
    doneOnTime,
    averageOpenPercent: open > 0 ? Math.round(openPercentSum / open) : null,
    lagging,
    leading,
  };
}
