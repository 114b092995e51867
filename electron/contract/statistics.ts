/**
 * 统计分析: completion and on-time rates of one year's 督查事项 by source, by unit (牵头/配合), by month and quarter of
 * the due date, with the ranking of units — and the PNG export of a chart. Pure: shared by main and renderer.
 *
 * Every figure counts tasks (or, by unit, a unit's tasks) with the ledger's own status (ledger-query.ts), so that a
 * number clicked through to the 台账 finds the same tasks there:
 * - 已办结 done: the task has a 办结日期.
 * - 按期办结 doneOnTime: done on or before its 办理期限 — the current one, so an approved 延期 counts (the unit asked in
 *   time and finished by the date the office agreed to, as in 年度考核); 逾期办结 doneLate: done after it.
 * - 逾期未办结 overdue: open and the 办理期限 has passed (the ledger's red light).
 * - 滞后 behind: open, not yet overdue, and behind plan — the reported percentage is below the planned percentage of the
 *   latest milestone due by today (the ledger's 滞后于计划). Reports not sent on time (滞后报送) are the 催办督办 page's
 *   报送情况, not counted here.
 * - 临期 dueSoon / 正常推进 onTrack: the other open tasks; done + overdue + behind + dueSoon + onTrack = total.
 * - 应办结 judged = done + overdue: tasks whose outcome is known today (a task not yet due and not done cannot be judged).
 * - 办结率 completionRate = done / total; 按期办结率 onTimeRate = doneOnTime / judged. Fractions with four decimals, null
 *   when the divisor is 0.
 */
import { z } from 'zod';
import { year } from './schemas';
import { TASK_SOURCES, type TaskSource, type UnitKind, type UnitRole } from './vocabulary';

export interface StatCounts {
  total: number;
  done: number;
  doneOnTime: number;
  doneLate: number;
  overdue: number;
  behind: number;
  dueSoon: number;
  onTrack: number;
  judged: number;
  completionRate: number | null;
  onTimeRate: number | null;
}

export interface SourceStat extends StatCounts {
  source: TaskSource;
}

/** One unit's tasks in one role (牵头 or 配合). */
export interface UnitStat extends StatCounts {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  role: UnitRole;
  /** false for a deactivated unit (still listed: its tasks of the year count) */
  active: boolean;
}

/** Tasks of the year whose 办理期限 falls in one month or quarter. */
export interface PeriodStat extends StatCounts {
  /** 2016-03, 2016-Q1 */
  key: string;
  /** 3月, 一季度 */
  label: string;
  /** first and last day of the period: the ledger's 办理期限 filter */
  from: string;
  to: string;
}

/**
 * The ranking rule (a completion ranking, not the 年度考核 score, which has its own page): every active unit with a task
 * of the year, its 牵头 and 配合 tasks together, ordered by
 *   1. 按期办结率 (onTimeRate), higher first;
 *   2. 逾期未办结 (overdue), fewer first;
 *   3. 按期办结 (doneOnTime), more first.
 * Units equal on all three share a rank and the next rank skips (1, 1, 3); they are listed by the office's unit order.
 * A unit with nothing 应办结 yet (judged = 0) has no rate and no rank (rank null), listed after the ranked ones.
 */
export const RANKING_RULE = '按期办结率高者在前；相同时逾期未办结少者在前；再相同时按期办结数多者在前；三项均相同者并列。尚无应办结事项的单位不参与排名。';

export interface RankedUnit extends StatCounts {
  rank: number | null;
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  /** tasks the unit leads / assists in */
  lead: number;
  assist: number;
}

export interface Statistics {
  year: number;
  /** the source chosen, null for all: it narrows totals, byUnit, byMonth, byQuarter and ranking */
  source: TaskSource | null;
  /** the date the statuses were computed at */
  today: string;
  /** ISO timestamp */
  generatedAt: string;
  totals: StatCounts;
  /** every source of the year, whatever source was chosen (the chart compares them) */
  bySource: SourceStat[];
  /** units with tasks of the year in that role, most tasks first (then most overdue, then the office's unit order) */
  byUnit: { lead: UnitStat[]; assist: UnitStat[] };
  /** the twelve months of the year, by 办理期限 */
  byMonth: PeriodStat[];
  /** the four quarters of the year, by 办理期限 */
  byQuarter: PeriodStat[];
  /** tasks of the year whose 办理期限 is in another year (a project due next spring) */
  dueOutsideYear: StatCounts;
  ranking: RankedUnit[];
  rankingRule: string;
}

export const PNG_DATA_URL_PREFIX = 'data:image/png;base64,';
/** The largest image accepted: far above a chart at pixelRatio 2, far below what would strain the IPC. */
export const MAX_PNG_BYTES = 20 * 1024 * 1024;
const MAX_DATA_URL_CHARS = PNG_DATA_URL_PREFIX.length + Math.ceil(MAX_PNG_BYTES / 3) * 4;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const statisticsQuery = z.object({
  year,
  source: z.enum(TASK_SOURCES, { error: '请选择事项来源' }).nullable().default(null),
});

export const savePngInput = z.object({
  /** the file name the page proposes, without extension (made safe by the service) */
  name: z.string({ error: '请填写文件名' }).trim().min(1, '请填写文件名').max(80, '文件名不能超过 80 个字'),
  dataUrl: z
    .string({ error: '没有图片数据' })
    .max(MAX_DATA_URL_CHARS, '图片太大（超过 20 MB），未保存')
    .refine((s) => s.startsWith(PNG_DATA_URL_PREFIX), '只能保存 PNG 图片')
    .refine((s) => BASE64.test(s.slice(PNG_DATA_URL_PREFIX.length)), '图片数据已损坏，未保存'),
});

/** Phantom marker (as in channels.ts). */
const returns = <T>() => undefined as unknown as T;

export const statisticsChannels = {
  'statistics.get': { input: statisticsQuery, output: returns<Statistics>() },
  /** the path of the written file, null when the officer cancelled the folder dialog */
  'statistics.savePng': { input: savePngInput, output: returns<string | null>() },
} as const;
