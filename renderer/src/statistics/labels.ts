/** The 统计 page's words and colours: the six outcomes a task can have, and how rates are shown. */
import type { StatCounts, TaskStatus } from '../../../electron/contract';

export type OutcomeKey = 'doneOnTime' | 'doneLate' | 'overdue' | 'behind' | 'dueSoon' | 'onTrack';

export interface Outcome {
  key: OutcomeKey;
  label: string;
  color: string;
  /**
   * The 台账 statuses a click on it opens. The ledger has no filter for on-time vs late 办结, so both open 已办结
   * (with the same source / unit / 办理期限 filter).
   */
  statuses: TaskStatus[];
}

/** In the order the bars stack: finished first, then open from the most to the least urgent. */
export const OUTCOMES: readonly Outcome[] = [
  { key: 'doneOnTime', label: '按期办结', color: '#2f9e44', statuses: ['done'] },
  { key: 'doneLate', label: '逾期办结', color: '#a9d18e', statuses: ['done'] },
  { key: 'overdue', label: '逾期未办结', color: '#e03131', statuses: ['overdue'] },
  { key: 'behind', label: '滞后', color: '#f08c00', statuses: ['behind'] },
  { key: 'dueSoon', label: '临期', color: '#f2c94c', statuses: ['due_soon'] },
  { key: 'onTrack', label: '正常推进', color: '#5b8def', statuses: ['on_track'] },
];

export const outcomeByKey = (key: unknown): Outcome | undefined => OUTCOMES.find((o) => o.key === key);

/** 0.6667 → “66.7%”, 1 → “100%”, null → “—”. */
export function fmtRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  const pct = Math.round(rate * 1000) / 10;
  return `${pct}%`;
}

/** A rate as a chart value in percent (one decimal); null leaves a gap in the line. */
export const ratePercent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

/** What each figure means, for the page's 统计口径 note (the contract's definitions, in the officer's words). */
export const DEFINITIONS: ReadonlyArray<[string, string]> = [
  ['按期办结', '办结日期不晚于办理期限（经批准延期的，以延期后的期限为准）'],
  ['逾期办结', '办结日期晚于办理期限'],
  ['逾期未办结', '已过办理期限、尚未办结（台账红灯）'],
  ['滞后', '未逾期，但进度低于最近到期计划节点的计划进度（台账“滞后于计划”）'],
  ['应办结', '已办结的事项加上逾期未办结的事项；尚未到期的在办事项不计入'],
  ['办结率', '已办结 ÷ 事项总数'],
  ['按期办结率', '按期办结 ÷ 应办结'],
  ['按单位', '按各单位牵头、配合的事项分别统计，以事项的办理状态为准'],
  ['按月份/季度', '按办理期限所在的月份或季度统计'],
];

export type CountKey = Exclude<keyof StatCounts, 'completionRate' | 'onTimeRate'>;
