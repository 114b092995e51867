/**
 * Feedback cycles (报告反馈制度, seed 二(一)): for every task–unit and reporting period, whether a report is
 * expected, received, late, missing, or excused by an approved extension. Derived on every read from the tasks,
 * their units, the reports and the extensions — never stored, never ticked by hand.
 *
 * Who owes reports: the 牵头 units of each task of the year (配合 units too when the setting says so); a unit
 * whose part is done (task_units.completed_on) and a closed task owe nothing for periods that begin after that.
 *
 * Which periods: those of the task's own rhythm in the task's year (a 按时限反馈 task: one period ending on its
 * original deadline) plus, for a 政府工作报告 task, one per milestone (对照计划进度). Only periods that have begun
 * (start ≤ today) and do not end before the task was assigned.
 *
 * A period's state, in this order:
 * - received 按时报送: the first report of that unit for that task, dated no later than dueDate, whose `period` is
 *   the period's key — or, when its `period` names none of the task's periods (free text, or empty), that is
 *   dated within the period: from its start, or from the day after the previous period's due date when that
 *   is later (a report sent in the grace days of the month before answers that month, not this one).
 *   Recording 办结 within that window counts as the unit's report (the office records completion when the unit
 *   reports it).
 * - expected 待报送: nothing yet and today ≤ dueDate.
 * - covered 已获准延期: nothing on time, and an approved extension of that task–unit spans the period's due date:
 *   original_due_date ≤ dueDate < approved_due_date. The unit explained itself and was given until then; a
 *   period due before the deadline the extension moved is still owed (a monthly report is not excused by a
 *   later deadline).
 * - late 逾期报送: the first report after dueDate with the period's key, or (naming no period of the task) dated up
 *   to the next period's due date (a report that late also answers the next period on time); without a next
 *   period, any later report.
 * - missing 未报送: otherwise.
 *
 * Efficient: six set-based queries for the year (settings included), then plain TypeScript.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { FeedbackCell, FeedbackOverview, FeedbackUnitRow, ReportPeriod, ReportState, WorkflowSettings } from '../../contract/workflow';
import { TASK_SOURCES, type TaskSource, type UnitKind, type UnitRole } from '../../contract/vocabulary';
import type { ParsedInput } from '../../contract/channels';
import { addCalendarDays, WorkCalendar } from '../calendar';
import { loadOverrides } from '../holidays';
import { todayOf, type ServiceContext } from '../context';
import { deadlinePeriod, latestDuePeriod, milestonePeriods, periodsOfYear, type DueOn } from './periods';
import { readWorkflowSettings } from './settings';

export interface FeedbackOptions {
  year: number;
  source?: TaskSource | null;
  unitId?: string | null;
  /** 'current': each task–unit's latest period already due; 'year': every period of the year up to today */
  scope: 'current' | 'year';
}

interface ReportLite {
  id: string | null;
  period: string;
  date: string;
}

interface ExtensionLite {
  id: string;
  from: string;
  until: string;
}

/** A period with its place in its sequence: when reports start to count for it, and the next one's due date. */
interface SequencedPeriod {
  period: ReportPeriod;
  /** the period's start, or the day after the previous period's due date when that is later */
  opensOn: string;
  /** null: the last of its sequence, or a period on its own */
  nextDueDate: string | null;
  /** milestone periods give way to the rhythm's own when choosing the current one */
  milestone: boolean;
}

export interface UnitInfo {
  name: string;
  kind: UnitKind;
  sortOrder: number;
}

export interface FeedbackData {
  today: string;
  settings: WorkflowSettings;
  /** the working-day rule the periods' due dates were made with */
  dueOn: DueOn;
  cells: FeedbackCell[];
  units: Map<string, UnitInfo>;
}

function sequence(periods: readonly ReportPeriod[], milestone: boolean): SequencedPeriod[] {
  return periods.map((period, i) => {
    const previous = periods[i - 1];
    const afterPrevious = previous ? addCalendarDays(previous.dueDate, 1) : period.start;
    return { period, opensOn: afterPrevious > period.start ? afterPrevious : period.start, nextDueDate: periods[i + 1]?.dueDate ?? null, milestone };
  });
}

function stateOf(
  p: SequencedPeriod,
  keys: ReadonlySet<string>,
  reports: readonly ReportLite[],
  extensions: readonly ExtensionLite[],
  today: string,
): Pick<FeedbackCell, 'state' | 'reportId' | 'reportDate' | 'extensionId'> {
  const { key, dueDate } = p.period;
  // A report that names one of the task's periods answers that one only.
  const onTime = reports.find((r) => (keys.has(r.period) ? r.period === key : r.date >= p.opensOn) && r.date <= dueDate);
  if (onTime) return { state: 'received', reportId: onTime.id, reportDate: onTime.date, extensionId: null };
  if (today <= dueDate) return { state: 'expected', reportId: null, reportDate: null, extensionId: null };
  const late = reports.find(
    (r) => r.date > dueDate && (keys.has(r.period) ? r.period === key : p.nextDueDate === null || r.date <= p.nextDueDate),
  );
  const extension = extensions.find((e) => e.from <= dueDate && dueDate < e.until);
  if (extension) return { state: 'covered', reportId: late?.id ?? null, reportDate: late?.date ?? null, extensionId: extension.id };
  if (late) return { state: 'late', reportId: late.id, reportDate: late.date, extensionId: null };
  return { state: 'missing', reportId: null, reportDate: null, extensionId: null };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A report due on a holiday or weekend is due on the next working day (the office's own 调休 table included). */
async function workdayDueOn(db: Kysely<Database>): Promise<DueOn> {
  const calendar = new WorkCalendar(await loadOverrides(db));
  return (date) => calendar.workdayOnOrAfter(date);
}

/** The cells and the units they name; the shared work of every feedback read. */
export async function loadFeedback(db: Kysely<Database>, today: string, options: FeedbackOptions): Promise<FeedbackData> {
  const settings = await readWorkflowSettings(db);
  const dueOn = await workdayDueOn(db);
  const { year } = options;
  const source = options.source ?? null;
  const unitId = options.unitId ?? null;

  const tasks = await db
    .selectFrom('tasks')
    .select(['id', 'code', 'title', 'source', 'rhythm', 'assigned_date', 'due_date', 'completed_on'])
    .where('deleted_hlc', 'is', null)
    .where('year', '=', year)
    .$if(source !== null, (qb) => qb.where('source', '=', source!))
    .orderBy('id')
    .execute();
  const links = await db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .select(['tu.task_id', 'tu.unit_id', 'tu.role', 'tu.completed_on', 'u.name', 'u.kind', 'u.sort_order'])
    .where('tu.deleted_hlc', 'is', null)
    .where('t.deleted_hlc', 'is', null)
    .where('t.year', '=', year)
    .$if(source !== null, (qb) => qb.where('t.source', '=', source!))
    .$if(unitId !== null, (qb) => qb.where('tu.unit_id', '=', unitId!))
    .$if(!settings.assistUnitsReport, (qb) => qb.where('tu.role', '=', 'lead'))
    .orderBy('tu.task_id')
    .orderBy('tu.role', 'desc')
    .orderBy('u.sort_order')
    .execute();
  const reports = await db
    .selectFrom('progress_reports as p')
    .innerJoin('tasks as t', 't.id', 'p.task_id')
    .select(['p.id', 'p.task_id', 'p.unit_id', 'p.period', 'p.report_date'])
    .where('p.deleted_hlc', 'is', null)
    .where('t.deleted_hlc', 'is', null)
    .where('t.year', '=', year)
    .$if(source !== null, (qb) => qb.where('t.source', '=', source!))
    .$if(unitId !== null, (qb) => qb.where('p.unit_id', '=', unitId!))
    .orderBy('p.report_date')
    .orderBy('p.created_at')
    .execute();
  const extensions = await db
    .selectFrom('extension_requests as e')
    .innerJoin('tasks as t', 't.id', 'e.task_id')
    .select(['e.id', 'e.task_id', 'e.unit_id', 'e.original_due_date', 'e.approved_due_date'])
    .where('e.deleted_hlc', 'is', null)
    .where('e.status', '=', 'approved')
    .where('t.deleted_hlc', 'is', null)
    .where('t.year', '=', year)
    .$if(source !== null, (qb) => qb.where('t.source', '=', source!))
    .execute();
  const milestones = await db
    .selectFrom('milestones as m')
    .innerJoin('tasks as t', 't.id', 'm.task_id')
    .select(['m.id', 'm.task_id', 'm.label', 'm.due_date'])
    .where('m.deleted_hlc', 'is', null)
    .where('t.deleted_hlc', 'is', null)
    .where('t.year', '=', year)
    .where('t.source', '=', 'work_report')
    .$if(source !== null, (qb) => qb.where('t.source', '=', source!))
    .execute();

  const linksByTask = new Map<string, typeof links>();
  for (const l of links) push(linksByTask, l.task_id, l);
  const reportsByTaskUnit = new Map<string, ReportLite[]>();
  for (const r of reports) push(reportsByTaskUnit, `${r.task_id}|${r.unit_id}`, { id: r.id, period: r.period, date: r.report_date });
  const extensionsByTaskUnit = new Map<string, ExtensionLite[]>();
  // 原定期限: the due date before the first approved extension (the earliest one recorded at approval).
  const originalDue = new Map<string, string>();
  for (const e of extensions) {
    if (e.original_due_date === null || e.approved_due_date === null) continue;
    push(extensionsByTaskUnit, `${e.task_id}|${e.unit_id}`, { id: e.id, from: e.original_due_date, until: e.approved_due_date });
    const seen = originalDue.get(e.task_id);
    if (seen === undefined || e.original_due_date < seen) originalDue.set(e.task_id, e.original_due_date);
  }
  const milestonesByTask = new Map<string, Array<{ id: string; label: string; dueDate: string }>>();
  for (const m of milestones) push(milestonesByTask, m.task_id, { id: m.id, label: m.label, dueDate: m.due_date });

  // The year's periods are the same for every task of a rhythm and grace: built once each.
  const yearPeriods = new Map<string, { periods: SequencedPeriod[]; keys: Set<string> }>();
  const periodicOf = (rhythm: 'half_yearly' | 'quarterly' | 'monthly', graceDays: number) => {
    const key = `${rhythm}|${graceDays}`;
    let entry = yearPeriods.get(key);
    if (!entry) {
      const periods = sequence(periodsOfYear(rhythm, year, graceDays, dueOn), false);
      entry = { periods, keys: new Set(periods.map((p) => p.period.key)) };
      yearPeriods.set(key, entry);
    }
    return entry;
  };

  const units = new Map<string, UnitInfo>();
  const cells: FeedbackCell[] = [];
  for (const task of tasks) {
    const taskLinks = linksByTask.get(task.id);
    if (!taskLinks) continue;
    const taskSource = task.source as TaskSource;
    const graceDays = settings.rhythms[taskSource]?.graceDays ?? 0;
    const own =
      task.rhythm === 'half_yearly' || task.rhythm === 'quarterly' || task.rhythm === 'monthly'
        ? periodicOf(task.rhythm, graceDays)
        : null;
    let periods = own?.periods ?? sequence([deadlinePeriod(task.assigned_date, originalDue.get(task.id) ?? task.due_date, graceDays, dueOn)], false);
    const taskMilestones = milestonesByTask.get(task.id);
    if (taskMilestones) periods = [...periods, ...sequence(milestonePeriods(task.assigned_date, taskMilestones, graceDays, dueOn), true)];
    const keys = own && !taskMilestones ? own.keys : new Set(periods.map((p) => p.period.key));

    for (const link of taskLinks) {
      units.set(link.unit_id, { name: link.name, kind: link.kind as UnitKind, sortOrder: link.sort_order });
      const key = `${task.id}|${link.unit_id}`;
      // Recording 办结 is the unit's report that it is done.
      const doneOn =
        task.completed_on !== null && (link.completed_on === null || task.completed_on < link.completed_on) ? task.completed_on : link.completed_on;
      const taskUnitReports = reportsByTaskUnit.get(key) ?? [];
      const answered = doneOn === null ? taskUnitReports : [...taskUnitReports, { id: null, period: '', date: doneOn }].sort((a, b) => a.date.localeCompare(b.date));
      const taskUnitExtensions = extensionsByTaskUnit.get(key) ?? [];
      let current: { cell: FeedbackCell; milestone: boolean } | null = null;
      for (const p of periods) {
        const { start, end, dueDate } = p.period;
        if (start > today || end < task.assigned_date) continue;
        if (doneOn !== null && doneOn < start) continue;
        const answer = stateOf(p, keys, answered, taskUnitExtensions, today);
        const cell: FeedbackCell = {
          taskId: task.id,
          taskCode: task.code,
          taskTitle: task.title,
          source: taskSource,
          unitId: link.unit_id,
          unitName: link.name,
          role: link.role as UnitRole,
          period: p.period,
          state: answer.state,
          reportId: answer.reportId,
          reportDate: answer.reportDate,
          extensionId: answer.extensionId,
        };
        if (options.scope === 'year') {
          cells.push(cell);
          continue;
        }
        if (dueDate > today) continue;
        const better =
          current === null ||
          dueDate > current.cell.period.dueDate ||
          (dueDate === current.cell.period.dueDate && current.milestone && !p.milestone);
        if (better) current = { cell, milestone: p.milestone };
      }
      if (current) cells.push(current.cell);
    }
  }
  return { today, settings, dueOn, cells, units };
}

export async function feedbackCells(ctx: ServiceContext, options: FeedbackOptions): Promise<FeedbackCell[]> {
  return (await loadFeedback(ctx.ledger.db, todayOf(ctx), options)).cells;
}

const emptyCounts = (): Omit<FeedbackUnitRow, 'unitId' | 'unitName' | 'unitKind'> => ({ expected: 0, received: 0, late: 0, missing: 0, covered: 0 });

/** The period each source is being checked for now (null for a 按时限反馈 source: each task has its own). */
export function currentPeriodsOf(
  settings: WorkflowSettings,
  year: number,
  today: string,
  source: TaskSource | null,
  dueOn: DueOn,
): FeedbackOverview['currentPeriods'] {
  return TASK_SOURCES.filter((s) => source === null || s === source).map((s) => {
    const { rhythm, graceDays } = settings.rhythms[s];
    return { source: s, rhythm, period: latestDuePeriod(periodsOfYear(rhythm, year, graceDays, dueOn), today) };
  });
}

/** Counts per unit (most missing first) and in total. */
export function countByUnit(data: FeedbackData): { units: FeedbackUnitRow[]; totals: ReturnType<typeof emptyCounts> } {
  const rows = new Map<string, FeedbackUnitRow>();
  const totals = emptyCounts();
  for (const cell of data.cells) {
    let row = rows.get(cell.unitId);
    if (!row) {
      const info = data.units.get(cell.unitId);
      row = { unitId: cell.unitId, unitName: cell.unitName, unitKind: info?.kind ?? 'other', ...emptyCounts() };
      rows.set(cell.unitId, row);
    }
    row[cell.state satisfies ReportState] += 1;
    totals[cell.state] += 1;
  }
  const order = (id: string) => data.units.get(id)?.sortOrder ?? 0;
  const units = [...rows.values()].sort(
    (a, b) => b.missing - a.missing || b.late - a.late || order(a.unitId) - order(b.unitId) || a.unitName.localeCompare(b.unitName, 'zh-CN'),
  );
  return { units, totals };
}

export async function feedbackOverview(ctx: ServiceContext, input: ParsedInput<'feedback.overview'>): Promise<FeedbackOverview> {
  const data = await loadFeedback(ctx.ledger.db, todayOf(ctx), { year: input.year, source: input.source, scope: input.scope });
  return {
    today: data.today,
    year: input.year,
    source: input.source,
    scope: input.scope,
    currentPeriods: currentPeriodsOf(data.settings, input.year, data.today, input.source, data.dueOn),
    ...countByUnit(data),
  };
}

/** One unit's cells, by due date (then task code). */
export async function feedbackOfUnit(ctx: ServiceContext, input: ParsedInput<'feedback.ofUnit'>): Promise<FeedbackCell[]> {
  const cells = await feedbackCells(ctx, { year: input.year, source: input.source, unitId: input.unitId, scope: input.scope });
  return cells.sort(
    (a, b) => a.period.dueDate.localeCompare(b.period.dueDate) || a.taskCode.localeCompare(b.taskCode, 'zh-CN') || a.taskId.localeCompare(b.taskId),
  );
}
