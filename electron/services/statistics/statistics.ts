/**
 * 统计分析 (statistics.get): one year's tasks counted by source, by unit and role, by month and quarter of the due date,
 * and the units ranked — the definitions are in contract/statistics.ts.
 *
 * Two set-based reads, whatever the size of the ledger: the year's tasks with the ledger's own computed status
 * (`filteredTasks`, the query the 台账 and the 工作台 use, so a number clicked through finds the same tasks), and the
 * year's task–unit links with their units. Everything else is tallied in memory.
 *
 * By unit, a unit's share of a task is judged by the task's status, as in the 台账's unit filter and the 工作台: the app
 * records 办结 on the task (a unit's own task_units.completed_on is not entered anywhere).
 */
import {
  RANKING_RULE,
  type PeriodStat,
  type RankedUnit,
  type SourceStat,
  type StatCounts,
  type Statistics,
  type UnitStat,
} from '../../contract/statistics';
import { TASK_SOURCES, type TaskSource, type TaskStatus, type UnitKind, type UnitRole } from '../../contract/vocabulary';
import type { ParsedInput } from '../../contract/channels';
import type { ServiceContext } from '../context';
import { statusParamsOf } from '../holidays';
import { NO_FILTER, filteredTasks } from '../ledger-query';

/** What became of one task, as the statistics split it. */
export type Outcome = 'doneOnTime' | 'doneLate' | 'overdue' | 'behind' | 'dueSoon' | 'onTrack';

export function outcomeOf(task: { status: TaskStatus; completed_on: string | null; due_date: string }): Outcome {
  switch (task.status) {
    case 'done':
      return task.completed_on !== null && task.completed_on <= task.due_date ? 'doneOnTime' : 'doneLate';
    case 'overdue':
      return 'overdue';
    case 'behind':
      return 'behind';
    case 'due_soon':
      return 'dueSoon';
    default:
      return 'onTrack';
  }
}

type Tally = Omit<StatCounts, 'judged' | 'completionRate' | 'onTimeRate'>;

const emptyTally = (): Tally => ({ total: 0, done: 0, doneOnTime: 0, doneLate: 0, overdue: 0, behind: 0, dueSoon: 0, onTrack: 0 });

function count(tally: Tally, outcome: Outcome): void {
  tally.total += 1;
  tally[outcome] += 1;
  if (outcome === 'doneOnTime' || outcome === 'doneLate') tally.done += 1;
}

/** A fraction with four decimals (0.6667), null when there is nothing to divide by. */
export const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

function finish(tally: Tally): StatCounts {
  const judged = tally.done + tally.overdue;
  return { ...tally, judged, completionRate: rate(tally.done, tally.total), onTimeRate: rate(tally.doneOnTime, judged) };
}

const QUARTER_LABELS = ['一季度', '二季度', '三季度', '四季度'] as const;
const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function periods(year: number): { months: Array<Omit<PeriodStat, keyof StatCounts>>; quarters: Array<Omit<PeriodStat, keyof StatCounts>> } {
  const months = Array.from({ length: 12 }, (_, i) => ({
    key: `${year}-${pad(i + 1)}`,
    label: `${i + 1}月`,
    from: `${year}-${pad(i + 1)}-01`,
    to: `${year}-${pad(i + 1)}-${pad(lastDayOfMonth(year, i + 1))}`,
  }));
  const quarters = QUARTER_LABELS.map((label, q) => ({
    key: `${year}-Q${q + 1}`,
    label,
    from: `${year}-${pad(q * 3 + 1)}-01`,
    to: `${year}-${pad(q * 3 + 3)}-${pad(lastDayOfMonth(year, q * 3 + 3))}`,
  }));
  return { months, quarters };
}

interface UnitInfo {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  active: boolean;
  sortOrder: number;
}

/** The office's unit order, as the 单位 page lists them (units.ts listUnits): 街道, 乡镇, 部门, 其他; then 排序号; then name. */
const KIND_RANK: Record<string, number> = { subdistrict: 0, township: 1, department: 2 };
const kindRank = (kind: string) => KIND_RANK[kind] ?? 3;
const byOfficeOrder = (a: UnitInfo, b: UnitInfo) =>
  kindRank(a.unitKind) - kindRank(b.unitKind) || a.sortOrder - b.sortOrder || a.unitName.localeCompare(b.unitName, 'zh-CN');

/**
 * The ranking (RANKING_RULE): rate, then overdue, then done on time; rates compared exactly (cross-multiplied), not
 * as the rounded figures shown.
 */
export function rankUnits(units: ReadonlyArray<UnitInfo & { lead: number; assist: number; counts: StatCounts }>): RankedUnit[] {
  const compare = (a: StatCounts, b: StatCounts) =>
    b.doneOnTime * a.judged - a.doneOnTime * b.judged || a.overdue - b.overdue || b.doneOnTime - a.doneOnTime;
  const judged = units.filter((u) => u.counts.judged > 0).sort((a, b) => compare(a.counts, b.counts) || byOfficeOrder(a, b));
  const unjudged = units.filter((u) => u.counts.judged === 0).sort(byOfficeOrder);
  const ranked: RankedUnit[] = [];
  judged.forEach((u, i) => {
    const previous = judged[i - 1];
    const rank = previous && compare(previous.counts, u.counts) === 0 ? ranked[i - 1]!.rank : i + 1;
    ranked.push({ rank, unitId: u.unitId, unitName: u.unitName, unitKind: u.unitKind, lead: u.lead, assist: u.assist, ...u.counts });
  });
  for (const u of unjudged) ranked.push({ rank: null, unitId: u.unitId, unitName: u.unitName, unitKind: u.unitKind, lead: u.lead, assist: u.assist, ...u.counts });
  return ranked;
}

export async function getStatistics(ctx: ServiceContext, input: ParsedInput<'statistics.get'>): Promise<Statistics> {
  const db = ctx.ledger.db;
  const { year, source } = input;
  const params = await statusParamsOf(ctx);

  // Pass 1: every task of the year (all sources: the by-source chart compares them) with the ledger's status.
  // Executed as built: another selectAll() would add `*` and evaluate the computed columns a second time per row.
  const tasks = await filteredTasks(db, { ...NO_FILTER, year }, params).execute();
  const bySourceTally = new Map<TaskSource, Tally>(TASK_SOURCES.map((s) => [s, emptyTally()]));
  const totals = emptyTally();
  const { months, quarters } = periods(year);
  const monthTally = months.map(() => emptyTally());
  const quarterTally = quarters.map(() => emptyTally());
  const outside = emptyTally();
  const outcomeById = new Map<string, Outcome>();
  for (const t of tasks) {
    const outcome = outcomeOf(t);
    const sourceTally = bySourceTally.get(t.source as TaskSource);
    if (sourceTally) count(sourceTally, outcome);
    if (source !== null && t.source !== source) continue;
    outcomeById.set(t.id, outcome);
    count(totals, outcome);
    const month = t.due_date.startsWith(`${year}-`) ? Number(t.due_date.slice(5, 7)) : 0;
    if (month >= 1 && month <= 12) {
      count(monthTally[month - 1]!, outcome);
      count(quarterTally[Math.ceil(month / 3) - 1]!, outcome);
    } else {
      count(outside, outcome);
    }
  }

  // Pass 2: the year's task–unit links with their units.
  const links = await db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .where('tu.deleted_hlc', 'is', null)
    .where('t.deleted_hlc', 'is', null)
    .where('t.year', '=', year)
    .$if(source !== null, (qb) => qb.where('t.source', '=', source!))
    .select(['tu.task_id', 'tu.role', 'u.id as unit_id', 'u.name', 'u.kind', 'u.active', 'u.sort_order'])
    .execute();
  const units = new Map<string, UnitInfo>();
  const roleTally: Record<UnitRole, Map<string, Tally>> = { lead: new Map(), assist: new Map() };
  const unitTally = new Map<string, { lead: number; assist: number; tally: Tally }>();
  for (const link of links) {
    const outcome = outcomeById.get(link.task_id);
    if (!outcome) continue;
    const role: UnitRole = link.role === 'assist' ? 'assist' : 'lead';
    if (!units.has(link.unit_id)) {
      units.set(link.unit_id, {
        unitId: link.unit_id,
        unitName: link.name,
        unitKind: link.kind as UnitKind,
        active: link.active === 1,
        sortOrder: link.sort_order,
      });
    }
    let inRole = roleTally[role].get(link.unit_id);
    if (!inRole) roleTally[role].set(link.unit_id, (inRole = emptyTally()));
    count(inRole, outcome);
    let all = unitTally.get(link.unit_id);
    if (!all) unitTally.set(link.unit_id, (all = { lead: 0, assist: 0, tally: emptyTally() }));
    all[role] += 1;
    count(all.tally, outcome);
  }

  const unitRows = (role: UnitRole): UnitStat[] =>
    [...roleTally[role]]
      .map(([unitId, tally]) => ({ info: units.get(unitId)!, counts: finish(tally) }))
      .sort((a, b) => b.counts.total - a.counts.total || b.counts.overdue - a.counts.overdue || byOfficeOrder(a.info, b.info))
      .map(({ info, counts }) => ({ unitId: info.unitId, unitName: info.unitName, unitKind: info.unitKind, role, active: info.active, ...counts }));

  // Deactivated units are not ranked (as in 年度考核); their tasks still count above.
  const rankable = [...unitTally]
    .map(([unitId, u]) => ({ ...units.get(unitId)!, lead: u.lead, assist: u.assist, counts: finish(u.tally) }))
    .filter((u) => u.active);

  return {
    year,
    source,
    today: params.today,
    generatedAt: ctx.now().toISOString(),
    totals: finish(totals),
    bySource: TASK_SOURCES.map((s): SourceStat => ({ source: s, ...finish(bySourceTally.get(s)!) })),
    byUnit: { lead: unitRows('lead'), assist: unitRows('assist') },
    byMonth: months.map((p, i) => ({ ...p, ...finish(monthTally[i]!) })),
    byQuarter: quarters.map((p, i) => ({ ...p, ...finish(quarterTally[i]!) })),
    dueOutsideYear: finish(outside),
    ranking: rankUnits(rankable),
    rankingRule: RANKING_RULE,
  };
}
