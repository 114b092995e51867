/**
 * The annual 考核 score sheet (seed 三(三)): each unit's completion of its tasks, minus what the workflow
 * recorded against it (reports missing or late, 催办, 批评通报, 整改 and 督查通知书 answers late, referrals to
 * 纪检监察), plus 表扬通报 — every point traceable to the row that caused it.
 *
 * Everything is read set-based for the whole year (a handful of queries, none per unit) and tallied in memory.
 *
 * Decisions the rules leave open, and why:
 * - The due date that counts is the task's current one: an approved extension (延期) moves tasks.due_date, and a
 *   unit that asked in time and finished by the new date did what the office agreed to.
 * - A task–unit is done on the earlier of its own 办结 date and the task's; a 办结 after `asOf` (next year, for a
 *   past year's sheet) did not happen within the year.
 * - An open task not yet due cannot be judged: it is listed but left out of the rate, so a sheet viewed in June
 *   is not dragged down by tasks due in December (nor a December sheet by a project due next year).
 * - A unit with nothing to judge has rate 1: the sheet is deduction-based — a unit with no task due has failed
 *   none — and the score table says so (无到期事项，完成分按满分计).
 * - An obligation (整改, 督查通知书回复) belongs to the year its 限期 falls in: it cannot be late before then.
 * - A signed 通报 that a signed correction (更正) replaces counts once, through the correction.
 */
import { BONUS_RULES, SCORE_RULES, SCORE_RULE_LABELS, OBLIGATION_KIND_LABELS } from '../../contract/workflow';
import type { AssessmentRules, AssessmentSheet, ObligationKind, ScoreLine, ScoreRecord, ScoreRule, UnitScore } from '../../contract/workflow';
import type { UnitKind, UnitRole } from '../../contract/vocabulary';
import { todayOf, type ServiceContext } from '../context';
import { formatChineseDate, plainTitle, quoted } from '../documents/builders/chinese-text';
import { chaseEventsOfYear } from '../workflow/chase-events';
import { feedbackCells } from '../workflow/feedback';
import { readAssessmentRules } from './rules';

/** Two decimals, as the sheet prints them (the epsilon keeps 0.125 → 0.13 instead of 0.12). */
export const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;

const CHASE_METHOD_WORDS: Record<string, string> = { written: '书面', phone: '电话', onsite: '现场' };
const ROLE_WORDS: Record<UnitRole, string> = { lead: '牵头', assist: '配合' };

interface UnitInfo {
  id: string;
  name: string;
  kind: UnitKind;
}

/** One task–unit of the year, with how the completion rule judged it. */
interface TaskUnitEntry {
  unitId: string;
  role: UnitRole;
  outcome: 'on_time' | 'late' | 'open' | 'not_due';
  record: ScoreRecord;
}

/** What the year's records say against (or for) each unit: unitId → rule → records. */
type Tally = Map<string, Map<ScoreRule, ScoreRecord[]>>;

function addRecord(tally: Tally, unitId: string, rule: ScoreRule, record: ScoreRecord): void {
  let rules = tally.get(unitId);
  if (!rules) tally.set(unitId, (rules = new Map()));
  const list = rules.get(rule);
  if (list) list.push(record);
  else rules.set(rule, [record]);
}

const parseIds = (json: string): string[] => {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
};

const documentName = (title: string, number: string | null) => `《${title}》${number ?? '（无文号）'}`;

/** The date a figure is computed at: the year's end once it is over, today while it runs. */
export function assessmentAsOf(year: number, today: string): string {
  const yearEnd = `${year}-12-31`;
  return today < yearEnd ? today : yearEnd;
}

async function taskUnitEntries(ctx: ServiceContext, year: number, asOf: string, today: string): Promise<TaskUnitEntry[]> {
  const rows = await ctx.ledger.db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .where('tu.deleted_hlc', 'is', null)
    .where('t.deleted_hlc', 'is', null)
    .where('t.year', '=', year)
    .select(['tu.unit_id', 'tu.role', 'tu.completed_on as unit_completed_on', 't.id as task_id', 't.title', 't.due_date', 't.completed_on'])
    .orderBy('t.due_date')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => {
    const role: UnitRole = r.role === 'assist' ? 'assist' : 'lead';
    const dates = [r.unit_completed_on, r.completed_on].filter((d): d is string => d !== null && d <= asOf).sort();
    const doneOn = dates[0] ?? null;
    const due = `办理期限${formatChineseDate(r.due_date)}`;
    const head = `${quoted(plainTitle(r.title))}（${ROLE_WORDS[role]}）${due}`;
    let outcome: TaskUnitEntry['outcome'];
    let label: string;
    if (doneOn !== null) {
      outcome = doneOn <= r.due_date ? 'on_time' : 'late';
      label = `${head}，${formatChineseDate(doneOn)}${outcome === 'on_time' ? '按期办结' : '逾期办结'}`;
    } else if (r.due_date <= asOf && r.due_date < today) {
      outcome = 'open';
      label = `${head}，逾期未办结`;
    } else {
      outcome = 'not_due';
      label = `${head}，尚未到期，不计入完成率`;
    }
    return {
      unitId: r.unit_id,
      role,
      outcome,
      record: { kind: 'task', id: r.task_id, taskId: r.task_id, documentId: null, date: doneOn ?? r.due_date, label },
    };
  });
}

async function tallyReports(ctx: ServiceContext, year: number, tally: Tally): Promise<void> {
  const cells = await feedbackCells(ctx, { year, scope: 'year' });
  for (const c of cells) {
    if (c.state !== 'missing' && c.state !== 'late') continue;
    const owed = `${quoted(plainTitle(c.taskTitle))}（${c.period.label}）：应于${formatChineseDate(c.period.dueDate)}前报送进展`;
    const label = c.state === 'missing' ? `${owed}，未报送` : `${owed}，${formatChineseDate(c.reportDate ?? c.period.dueDate)}报送`;
    addRecord(tally, c.unitId, c.state === 'missing' ? 'missing_report' : 'late_report', {
      kind: 'report_period',
      id: c.taskId,
      taskId: c.taskId,
      documentId: null,
      date: c.state === 'late' && c.reportDate ? c.reportDate : c.period.dueDate,
      label,
    });
  }
}

async function tallyChases(ctx: ServiceContext, year: number, asOf: string, tally: Tally): Promise<void> {
  const events = await chaseEventsOfYear(ctx.ledger.db, year);
  if (events.length === 0) return;
  // What each event was about, in one read of the year's 催办 actions with their tasks.
  const actions = await ctx.ledger.db
    .selectFrom('supervision_actions as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .where('a.purpose', '=', 'chase')
    .where('a.action_date', '>=', `${year}-01-01`)
    .where('a.action_date', '<=', `${year}-12-31`)
    .select(['a.id', 'a.method', 't.title'])
    .execute();
  const byId = new Map(actions.map((a) => [a.id, a]));
  for (const e of events) {
    if (e.date > asOf) continue;
    const mine = e.actionIds.map((id) => byId.get(id)).filter((a) => a !== undefined);
    const methods = [...new Set(mine.map((a) => CHASE_METHOD_WORDS[a.method] ?? ''))].filter(Boolean).join('、');
    const titles = [...new Set(mine.map((a) => quoted(plainTitle(a.title))))];
    const about = titles.length === 0 ? '' : `：${titles.slice(0, 3).join('、')}${titles.length > 3 ? `等${titles.length}项` : ''}`;
    addRecord(tally, e.unitId, 'chased', {
      kind: 'action',
      id: e.actionIds[0] ?? '',
      taskId: e.taskIds[0] ?? null,
      documentId: e.documentIds[0] ?? null,
      date: e.date,
      label: `${formatChineseDate(e.date)}${methods}催办${about}`,
    });
  }
}

/**
 * `links` (task|unit keys of the year) picks, for a 通报 naming several units and tasks, a task the unit itself
 * answers for, so the record leads to that unit's task rather than another unit's.
 */
async function tallyBulletins(ctx: ServiceContext, year: number, asOf: string, links: ReadonlySet<string>, tally: Tally): Promise<void> {
  const docs = await ctx.ledger.db
    .selectFrom('documents')
    .where('deleted_hlc', 'is', null)
    .where('status', '=', 'signed')
    .where('type', 'in', ['criticism_bulletin', 'praise_bulletin'])
    .where('signed_on', '>=', `${year}-01-01`)
    .where('signed_on', '<=', asOf)
    .select(['id', 'type', 'title', 'number', 'signed_on', 'unit_ids', 'task_ids', 'supersedes_id'])
    .orderBy('signed_on')
    .orderBy('id')
    .execute();
  const replaced = new Set(docs.map((d) => d.supersedes_id).filter((id): id is string => id !== null));
  for (const d of docs) {
    if (replaced.has(d.id) || d.signed_on === null) continue;
    const rule: ScoreRule = d.type === 'praise_bulletin' ? 'praise' : 'criticism';
    const taskIds = parseIds(d.task_ids);
    for (const unitId of new Set(parseIds(d.unit_ids))) {
      addRecord(tally, unitId, rule, {
        kind: 'document',
        id: d.id,
        taskId: taskIds.find((taskId) => links.has(`${taskId}|${unitId}`)) ?? null,
        documentId: d.id,
        date: d.signed_on,
        label: `${documentName(d.title, d.number)}，${formatChineseDate(d.signed_on)}签发`,
      });
    }
  }
}

async function tallyObligations(ctx: ServiceContext, year: number, today: string, tally: Tally): Promise<void> {
  const rows = await ctx.ledger.db
    .selectFrom('obligations as o')
    .innerJoin('documents as d', 'd.id', 'o.document_id')
    .where('o.deleted_hlc', 'is', null)
    .where('o.status', '!=', 'void')
    .where('d.status', '!=', 'cancelled')
    .where('o.due_date', '>=', `${year}-01-01`)
    .where('o.due_date', '<=', `${year}-12-31`)
    .where((eb) =>
      eb.or([
        eb.and([eb('o.received_on', 'is not', null), eb('o.received_on', '>', eb.ref('o.due_date'))]),
        eb.and([eb('o.status', '=', 'open'), eb('o.due_date', '<', today)]),
      ]),
    )
    .select(['o.id', 'o.kind', 'o.unit_id', 'o.due_date', 'o.received_on', 'o.task_ids', 'd.id as document_id', 'd.title', 'd.number'])
    .orderBy('o.due_date')
    .orderBy('o.id')
    .execute();
  for (const o of rows) {
    const kind = o.kind as ObligationKind;
    const what = OBLIGATION_KIND_LABELS[kind] ?? o.kind;
    const answered = o.received_on !== null ? `${formatChineseDate(o.received_on)}报送` : '逾期未报送';
    addRecord(tally, o.unit_id, kind === 'rectification' ? 'late_rectification' : 'overdue_notice_answer', {
      kind: 'obligation',
      id: o.id,
      taskId: parseIds(o.task_ids)[0] ?? null,
      documentId: o.document_id,
      date: o.received_on ?? o.due_date,
      label: `${documentName(o.title, o.number)}要求的${what}：限期${formatChineseDate(o.due_date)}，${answered}`,
    });
  }
}

async function tallyReferrals(ctx: ServiceContext, year: number, asOf: string, tally: Tally): Promise<void> {
  const rows = await ctx.ledger.db
    .selectFrom('referrals as r')
    .leftJoin('tasks as t', 't.id', 'r.task_id')
    .where('r.deleted_hlc', 'is', null)
    .where('r.referred_on', '>=', `${year}-01-01`)
    .where('r.referred_on', '<=', asOf)
    .select(['r.id', 'r.unit_id', 'r.task_id', 'r.referred_on', 'r.referred_to', 'r.reason', 't.title'])
    .orderBy('r.referred_on')
    .orderBy('r.id')
    .execute();
  for (const r of rows) {
    const task = r.title ? `（${quoted(plainTitle(r.title))}）` : '';
    addRecord(tally, r.unit_id, 'referral', {
      kind: 'referral',
      id: r.id,
      taskId: r.task_id,
      documentId: null,
      date: r.referred_on,
      label: `${formatChineseDate(r.referred_on)}移送${r.referred_to}${task}：${r.reason}`,
    });
  }
}

function completionOf(entries: readonly TaskUnitEntry[], rules: AssessmentRules): UnitScore['completion'] {
  let weighted = 0;
  let credited = 0;
  const count = { on_time: 0, late: 0, open: 0, not_due: 0 };
  for (const e of entries) {
    count[e.outcome] += 1;
    if (e.outcome === 'not_due') continue;
    const weight = e.role === 'lead' ? rules.leadWeight : rules.assistWeight;
    const credit = e.outcome === 'on_time' ? 1 : e.outcome === 'late' ? rules.lateCompletionCredit : 0;
    weighted += weight;
    credited += weight * credit;
  }
  const rate = weighted > 0 ? Math.round((credited / weighted) * 10_000) / 10_000 : 1;
  return {
    rate,
    points: round2(rate * rules.completionPoints),
    leadTasks: entries.filter((e) => e.role === 'lead').length,
    assistTasks: entries.filter((e) => e.role === 'assist').length,
    doneOnTime: count.on_time,
    doneLate: count.late,
    open: count.open,
    notDue: count.not_due,
    records: entries.map((e) => e.record),
  };
}

function linesOf(byRule: Map<ScoreRule, ScoreRecord[]> | undefined, rules: AssessmentRules): ScoreLine[] {
  return SCORE_RULES.map((rule) => {
    const records = byRule?.get(rule) ?? [];
    const magnitude = round2(records.length * rules.rulePoints[rule]);
    const points = BONUS_RULES.includes(rule) ? magnitude : magnitude === 0 ? 0 : -magnitude;
    return { rule, label: SCORE_RULE_LABELS[rule], count: records.length, points, records };
  });
}

/** Competition ranking: equal totals share a rank, the next rank skips (1, 1, 3). */
function ranked(units: Omit<UnitScore, 'rank'>[]): UnitScore[] {
  const sorted = [...units].sort((a, b) => b.total - a.total || a.unitName.localeCompare(b.unitName, 'zh-CN'));
  const result: UnitScore[] = [];
  sorted.forEach((u, i) => {
    const previous = result[i - 1];
    result.push({ ...u, rank: previous && previous.total === u.total ? previous.rank : i + 1 });
  });
  return result;
}

export async function assessmentSheet(ctx: ServiceContext, year: number): Promise<AssessmentSheet> {
  const today = todayOf(ctx);
  const asOf = assessmentAsOf(year, today);
  const rules = await readAssessmentRules(ctx.ledger.db);
  const units = await ctx.ledger.db
    .selectFrom('units')
    .where('deleted_hlc', 'is', null)
    .where('active', '=', 1)
    .select(['id', 'name', 'kind'])
    .execute();
  const unitById = new Map<string, UnitInfo>(units.map((u) => [u.id, { id: u.id, name: u.name, kind: u.kind as UnitKind }]));

  const entries = await taskUnitEntries(ctx, year, asOf, today);
  const tally: Tally = new Map();
  await tallyReports(ctx, year, tally);
  await tallyChases(ctx, year, asOf, tally);
  await tallyBulletins(ctx, year, asOf, new Set(entries.map((e) => `${e.record.id}|${e.unitId}`)), tally);
  await tallyObligations(ctx, year, today, tally);
  await tallyReferrals(ctx, year, asOf, tally);

  const entriesByUnit = new Map<string, TaskUnitEntry[]>();
  for (const e of entries) {
    const list = entriesByUnit.get(e.unitId);
    if (list) list.push(e);
    else entriesByUnit.set(e.unitId, [e]);
  }
  const scoredIds = new Set([...entriesByUnit.keys(), ...tally.keys()]);
  const scores: Omit<UnitScore, 'rank'>[] = [];
  for (const unitId of scoredIds) {
    const unit = unitById.get(unitId);
    if (!unit) continue; // deactivated (or deleted) units are not assessed
    const completion = completionOf(entriesByUnit.get(unitId) ?? [], rules);
    const lines = linesOf(tally.get(unitId), rules);
    const deducted = round2(lines.filter((l) => l.points < 0).reduce((sum, l) => sum - l.points, 0));
    const earned = round2(lines.filter((l) => l.points > 0).reduce((sum, l) => sum + l.points, 0));
    const capped = Math.min(deducted, rules.maxDeduction);
    const deduction = capped > 0 ? -capped : 0; // never −0: the sheet compares and prints it
    const bonus = Math.min(earned, rules.maxBonus);
    scores.push({
      unitId,
      unitName: unit.name,
      unitKind: unit.kind,
      total: round2(rules.basePoints + completion.points + deduction + bonus),
      base: rules.basePoints,
      completion,
      deduction,
      bonus,
      lines,
    });
  }
  return { year, asOf, rules, units: ranked(scores) };
}
