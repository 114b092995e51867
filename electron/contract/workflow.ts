/**
 * The supervision workflow (seed 二, 三): reporting rhythms and what each unit owes per period, 催办,
 * the answers documents ask for (督查通知书回复, 批评通报后的情况说明/整改), referrals to 纪检监察, a task's whole
 * story, and the annual 考核. Channel → zod input → result type, as in channels.ts; pure, shared by main and renderer.
 */
import { z } from 'zod';
import type { DocumentSummary } from './documents';
import { empty, id, isoDate, requiredText, text, year } from './schemas';
import { ACTION_METHODS, RHYTHMS, TASK_SOURCES, type Rhythm, type TaskSource, type UnitKind, type UnitRole } from './vocabulary';

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

/** What the ledger says about one task–unit in one reporting period. Derived, never ticked by hand. */
export const REPORT_STATES = ['expected', 'received', 'late', 'missing', 'covered'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  expected: '待报送',
  received: '按时报送',
  late: '逾期报送',
  missing: '未报送',
  covered: '已获准延期',
};

export const ACTION_PURPOSES = ['supervise', 'chase'] as const;
export type ActionPurpose = (typeof ACTION_PURPOSES)[number];
export const ACTION_PURPOSE_LABELS: Record<ActionPurpose, string> = { supervise: '督办', chase: '催办' };

/** Why a task–unit is on the 催办 list. */
export const CHASE_REASONS = ['overdue_no_report', 'missing_report', 'notice_unanswered', 'rectification_overdue'] as const;
export type ChaseReason = (typeof CHASE_REASONS)[number];
export const CHASE_REASON_LABELS: Record<ChaseReason, string> = {
  overdue_no_report: '逾期未办结且未说明原因',
  missing_report: '未按期报送进展',
  notice_unanswered: '督查通知书逾期未回复',
  rectification_overdue: '整改情况逾期未报',
};

export const OBLIGATION_KINDS = ['notice_answer', 'rectification'] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
export const OBLIGATION_KIND_LABELS: Record<ObligationKind, string> = {
  notice_answer: '督查通知书回复',
  rectification: '情况说明及整改报告',
};

/** open/overdue while nothing is received; on_time/late once it is; void when the document was cancelled. */
export const OBLIGATION_STATES = ['open', 'overdue', 'on_time', 'late', 'void'] as const;
export type ObligationState = (typeof OBLIGATION_STATES)[number];
export const OBLIGATION_STATE_LABELS: Record<ObligationState, string> = {
  open: '待回复',
  overdue: '逾期未回复',
  on_time: '按时回复',
  late: '逾期回复',
  void: '已随公文作废',
};

/** The 考核 rules, each a setting; `points` of a deduction are positive and subtracted. */
export const SCORE_RULES = [
  'missing_report',
  'late_report',
  'chased',
  'criticism',
  'late_rectification',
  'overdue_notice_answer',
  'referral',
  'praise',
] as const;
export type ScoreRule = (typeof SCORE_RULES)[number];
export const SCORE_RULE_LABELS: Record<ScoreRule, string> = {
  missing_report: '未按期报送进展',
  late_report: '逾期报送进展',
  chased: '被催办',
  criticism: '被批评通报',
  late_rectification: '整改情况逾期报送',
  overdue_notice_answer: '督查通知书逾期回复',
  referral: '移送纪检监察',
  praise: '受表扬通报',
};
/** praise adds; every other rule deducts. */
export const BONUS_RULES: readonly ScoreRule[] = ['praise'];

// ---------------------------------------------------------------------------------------------------------------
// Settings

const days = (label: string, max: number) =>
  z.number({ error: `请填写${label}` }).int(`${label}应为整数`).min(0, `${label}在 0–${max} 之间`).max(max, `${label}在 0–${max} 之间`);
const points = (label: string) =>
  z.number({ error: `请填写${label}` }).min(0, `${label}不能为负数`).max(100, `${label}不能超过 100 分`);

/** One source's reporting rhythm: the period, and how many days after the period's end the report is due. */
export const sourceRhythm = z.object(
  {
    rhythm: z.enum(RHYTHMS, { error: '请选择报送节奏' }),
    /** reports are due this many calendar days after the period ends (a 按时限反馈 source: after the due date) */
    graceDays: days('报送宽限天数', 60),
  },
  { error: '请设置该来源的报送节奏和宽限天数' },
);
export type SourceRhythm = z.output<typeof sourceRhythm>;

export const workflowSettings = z.object({
  rhythms: z.object(
    Object.fromEntries(TASK_SOURCES.map((s) => [s, sourceRhythm])) as Record<TaskSource, typeof sourceRhythm>,
    { error: '请为每一类事项来源设置报送节奏' },
  ),
  /** whether 配合 units also owe periodic reports (the seed: the 牵头 unit coordinates and reports) */
  assistUnitsReport: z.boolean({ error: '请选择配合单位是否须按期报送' }),
  /** a unit chased this many times since the last signed 情况通报 is marked for the next one */
  chaseFlagCount: z.number({ error: '请填写催办次数' }).int('次数应为整数').min(1, '次数在 1–10 之间').max(10, '次数在 1–10 之间'),
  /** the 限期 a new 督查通知书 proposes, in calendar days from today */
  noticeAnswerDays: days('督查通知书回复期限', 90),
  /** the 情况说明/整改 deadline a new 批评通报 proposes, in calendar days from today */
  rectificationDays: days('整改报告期限', 90),
});
export type WorkflowSettings = z.output<typeof workflowSettings>;

export const assessmentRules = z
  .object({
    /** points every unit starts from (the part not tied to task completion) */
    basePoints: points('基础分'),
    /** points for a 100 % weighted completion rate */
    completionPoints: points('完成率分值'),
    leadWeight: z.number({ error: '请填写牵头权重' }).min(0, '权重不能为负数').max(10, '权重不能超过 10'),
    assistWeight: z.number({ error: '请填写配合权重' }).min(0, '权重不能为负数').max(10, '权重不能超过 10'),
    /** share of credit for a task finished after its (effective) due date, 0–1 */
    lateCompletionCredit: z.number({ error: '请填写逾期办结计分比例' }).min(0, '逾期办结计分比例在 0–1 之间').max(1, '逾期办结计分比例在 0–1 之间'),
    /** points per occurrence, per rule (deductions positive) */
    rulePoints: z.object(Object.fromEntries(SCORE_RULES.map((r) => [r, points('每次分值')])) as Record<ScoreRule, ReturnType<typeof points>>, {
      error: '请填写各项扣分、加分的分值',
    }),
    /** caps: total deduction and total bonus per unit and year */
    maxDeduction: points('扣分上限'),
    maxBonus: points('加分上限'),
  })
  .refine((r) => r.leadWeight + r.assistWeight > 0, { message: '牵头和配合权重不能同时为 0', path: ['leadWeight'] });
export type AssessmentRules = z.output<typeof assessmentRules>;

/**
 * The seed's rhythms (虞政办发〔2016〕36号 一(一)–(六)) and the office's usual deadlines; every one editable in 设置.
 */
export const DEFAULT_WORKFLOW_SETTINGS: WorkflowSettings = {
  rhythms: {
    // 半年度督查通报制; reports of the half year are due ten days after it ends.
    work_report: { rhythm: 'half_yearly', graceDays: 10 },
    // 月度督查: the month's report within five days.
    livelihood: { rhythm: 'monthly', graceDays: 5 },
    // 在规定期限内反馈: the deadline is the report's deadline.
    meeting: { rhythm: 'deadline', graceDays: 0 },
    // 每季度报告项目进展情况.
    project: { rhythm: 'quarterly', graceDays: 10 },
    special: { rhythm: 'deadline', graceDays: 0 },
    instruction: { rhythm: 'deadline', graceDays: 0 },
  },
  assistUnitsReport: false,
  chaseFlagCount: 2,
  noticeAnswerDays: 10,
  rectificationDays: 15,
};

/**
 * The 考核 defaults. The seed (三(三)) gives no numbers — each district sets its own — so these are the typical
 * local ones, written in the app and edited by the office in 设置.
 *
 * A 100-point sheet, as 目标责任制考核 sheets usually are for one item of the annual assessment: a part every unit
 * keeps and a part earned by completing its tasks, minus deductions, plus a capped bonus.
 */
export const DEFAULT_ASSESSMENT_RULES: AssessmentRules = {
  /** 30 of 100 are not tied to completion: a unit with few tasks is not ranked on one or two of them alone */
  basePoints: 30,
  /** completion is "the important part" of the assessment (seed 三(三)), so it carries the other 70 */
  completionPoints: 70,
  /** the 牵头 unit answers for the task as a whole (seed 三(二): 主要责任单位要统筹协调) */
  leadWeight: 1,
  /** a 配合 unit shares the work but not the responsibility: half a task */
  assistWeight: 0.5,
  /** finishing late is better than not finishing, but a deadline missed is half the credit lost */
  lateCompletionCredit: 0.5,
  rulePoints: {
    /** a period with no report at all: the 报告反馈制度 (seed 二(一)) broken outright */
    missing_report: 1,
    /** a report that came, but after its due date: half of a missing one */
    late_report: 0.5,
    /** each 催办 (distinct date) is the office's own extra work caused by the unit: as much as a missing report */
    chased: 1,
    /** 被批评通报 … 按规定扣分 (seed 三(三)): the heaviest ordinary sanction, three missing reports' worth */
    criticism: 3,
    /** the 整改 report a criticism demands, sent late: a second failure after the criticism */
    late_rectification: 2,
    /** a 督查通知书 answered late: like a missing report on a named, written demand */
    overdue_notice_answer: 1,
    /** 移送纪检监察 (失职渎职, 违纪违法): the most serious finding, more than any single deduction */
    referral: 5,
    /** 通报表扬 (seed 二(二)): worth less than a criticism costs, so praise cannot simply offset failures */
    praise: 2,
  },
  /** deductions stop at the base part: a unit never loses more than it would keep with no tasks done */
  maxDeduction: 30,
  /** a bonus tops up, it does not reorder the sheet: at most two and a half praises count */
  maxBonus: 5,
};

// ---------------------------------------------------------------------------------------------------------------
// Results

/** One reporting period: 2016-H1, 2016-Q2, 2016-06, or a task's own deadline (key `due:<yyyy-mm-dd>`). */
export interface ReportPeriod {
  key: string;
  /** 2016年上半年, 2016年第二季度, 2016年6月, 办理期限 2016年7月5日 */
  label: string;
  start: string;
  end: string;
  /** the report is late after this date */
  dueDate: string;
}

/** One task–unit–period with what the ledger says about it. */
export interface FeedbackCell {
  taskId: string;
  taskCode: string;
  taskTitle: string;
  source: TaskSource;
  unitId: string;
  unitName: string;
  role: UnitRole;
  period: ReportPeriod;
  state: ReportState;
  /** the report that answered the period (the first one in it), if any */
  reportId: string | null;
  reportDate: string | null;
  /** the approved extension that covers it, if any */
  extensionId: string | null;
}

/** Counts of one unit's cells. */
export interface FeedbackUnitRow {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  expected: number;
  received: number;
  late: number;
  missing: number;
  covered: number;
}

export interface FeedbackOverview {
  today: string;
  year: number;
  source: TaskSource | null;
  /** 'current': each task–unit's latest period already due (the one the office is checking now); 'year': all */
  scope: 'current' | 'year';
  /** the current period of each source (for headings: 民生实事 2016年6月 …) */
  currentPeriods: Array<{ source: TaskSource; rhythm: Rhythm; period: ReportPeriod | null }>;
  /** units with at least one cell, most missing first */
  units: FeedbackUnitRow[];
  totals: Omit<FeedbackUnitRow, 'unitId' | 'unitName' | 'unitKind'>;
}

/** One reason a unit is on the 催办 list. */
export interface ChaseItem {
  reason: ChaseReason;
  taskId: string | null;
  taskCode: string;
  taskTitle: string;
  source: TaskSource | null;
  /** the deadline missed: task due date, report due date, or the obligation's 限期 */
  dueDate: string;
  /** calendar days past dueDate */
  daysOverdue: number;
  /** for missing_report: the period's label */
  periodLabel: string | null;
  /** for notice_unanswered / rectification_overdue */
  obligationId: string | null;
  documentId: string | null;
  documentNumber: string | null;
  /** chases already recorded for this task–unit (or obligation) */
  chasedTimes: number;
  lastChasedOn: string | null;
}

export interface ChaseGroup {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  contact: string;
  items: ChaseItem[];
  /** chase events (distinct dates) this year, and since the last signed 情况通报 */
  chasesThisYear: number;
  chasesSinceLastBulletin: number;
  lastChasedOn: string | null;
  /** chased at least `chaseFlagCount` times since the last 情况通报: name it in the next one */
  flaggedForBulletin: boolean;
}

export interface ChaseList {
  today: string;
  year: number;
  chaseFlagCount: number;
  groups: ChaseGroup[];
}

export interface Obligation {
  id: string;
  kind: ObligationKind;
  state: ObligationState;
  documentId: string;
  documentTitle: string;
  documentNumber: string | null;
  unitId: string;
  unitName: string;
  taskIds: string[];
  issuedOn: string;
  dueDate: string;
  receivedOn: string | null;
  receivedNote: string;
  receivedBy: string;
  /** days past due (open) or days late (received); 0 otherwise */
  daysLate: number;
}

export interface Referral {
  id: string;
  taskId: string | null;
  taskTitle: string | null;
  unitId: string;
  unitName: string;
  referredOn: string;
  referredTo: string;
  reason: string;
  note: string;
  operator: string;
  createdAt: string;
}

export const TIMELINE_KINDS = [
  'assigned',
  'edited',
  'report',
  'supervise',
  'chase',
  'document',
  'extension_requested',
  'extension_decided',
  'obligation',
  'referral',
  'completed',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One event of a task's story, with who recorded it on which machine and when. */
export interface TimelineEntry {
  kind: TimelineKind;
  /** the business date (report date, 签发日期 …), yyyy-mm-dd */
  date: string;
  /** one Chinese line: 百官街道报送进展（完成60%） */
  title: string;
  detail: string;
  unitName: string | null;
  documentId: string | null;
  /** from the change log: when it was recorded, by whom, on which machine */
  recordedAt: string;
  operator: string;
  deviceId: string;
}

/** One record behind a point in the score sheet: click it, see what caused it. */
export interface ScoreRecord {
  kind: 'task' | 'report_period' | 'action' | 'document' | 'obligation' | 'referral';
  /** the record's id (for report_period: the task id) */
  id: string;
  taskId: string | null;
  documentId: string | null;
  date: string;
  label: string;
}

export interface ScoreLine {
  rule: ScoreRule;
  label: string;
  count: number;
  /** signed: negative for a deduction */
  points: number;
  records: ScoreRecord[];
}

export interface UnitScore {
  unitId: string;
  unitName: string;
  unitKind: UnitKind;
  rank: number;
  total: number;
  base: number;
  completion: {
    /** weighted completion rate 0–1 */
    rate: number;
    points: number;
    leadTasks: number;
    assistTasks: number;
    /** of the tasks already due: finished by the due date, finished after it, still open */
    doneOnTime: number;
    doneLate: number;
    open: number;
    /** tasks not yet due at `asOf`: left out of the rate */
    notDue: number;
    /** the task records behind the rate */
    records: ScoreRecord[];
  };
  /** deductions after the cap (negative or 0) and bonus after the cap */
  deduction: number;
  bonus: number;
  lines: ScoreLine[];
}

export interface AssessmentSheet {
  year: number;
  /** the date the figures are computed at (year end, or today during the year) */
  asOf: string;
  rules: AssessmentRules;
  units: UnitScore[];
}

/** What the 工作台 shows of the workflow. */
export interface WorkflowSummary {
  today: string;
  year: number;
  currentPeriods: FeedbackOverview['currentPeriods'];
  /** this period's missing reports by unit (most first) */
  missingByUnit: Array<{ unitId: string; unitName: string; missing: number }>;
  /** units on the 催办 list and how many of them are flagged for the next 通报 */
  unitsToChase: number;
  flaggedUnits: number;
  /** answers past their 限期 (督查通知书 and 整改) */
  overdueObligations: Obligation[];
  pendingExtensions: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

export const feedbackQuery = z.object({
  year,
  source: z.enum(TASK_SOURCES).nullable().default(null),
  scope: z.enum(['current', 'year']).default('current'),
});

export const feedbackOfUnitQuery = feedbackQuery.extend({ unitId: id });

export const chaseQuery = z.object({ year, unitId: id.nullable().default(null) });

/** Record that the listed units were chased: one action per item on their 催办 list. */
export const chaseRecordInput = z.object({
  year,
  unitIds: z.array(id).min(1, '请至少选择一个单位').max(500, '一次最多选择 500 个单位'),
  method: z.enum(ACTION_METHODS, { error: '请选择催办方式' }),
  actionDate: isoDate,
  note: text(2000, '催办情况').default(''),
  /** the 催办通知 the chase was made with; each unit's action links the one addressed to it */
  documentIds: z.array(id).max(500).default([]),
});

/** Draft one 催办通知 per unit from its 催办 list (through the document engine). */
export const chaseNoticeInput = z.object({
  year,
  unitIds: z.array(id).min(1, '请至少选择一个单位').max(500, '一次最多选择 500 个单位'),
  newDeadline: isoDate,
});

export const obligationQuery = z.object({
  year: year.nullable().default(null),
  kind: z.enum(OBLIGATION_KINDS).nullable().default(null),
  states: z.array(z.enum(OBLIGATION_STATES)).max(OBLIGATION_STATES.length).default([]),
  unitId: id.nullable().default(null),
  documentId: id.nullable().default(null),
});

export const obligationReceiptInput = z.object({
  id,
  receivedOn: isoDate,
  note: text(2000, '回复情况').default(''),
});

export const referralInput = z.object({
  unitId: id,
  taskId: id.nullable().default(null),
  referredOn: isoDate,
  referredTo: requiredText(60, '移送机关'),
  reason: requiredText(2000, '移送事由'),
  note: text(2000, '备注').default(''),
});

export const referralQuery = z.object({
  year: year.nullable().default(null),
  unitId: id.nullable().default(null),
  taskId: id.nullable().default(null),
});

// ---------------------------------------------------------------------------------------------------------------
// Channels

/** Phantom marker (as in channels.ts). */
const returns = <T>() => undefined as unknown as T;

export const workflowChannels = {
  'workflow.settings.get': { input: empty, output: returns<WorkflowSettings>() },
  'workflow.settings.update': { input: workflowSettings, output: returns<WorkflowSettings>() },
  'workflow.summary': { input: z.object({ year }), output: returns<WorkflowSummary>() },
  'feedback.overview': { input: feedbackQuery, output: returns<FeedbackOverview>() },
  'feedback.ofUnit': { input: feedbackOfUnitQuery, output: returns<FeedbackCell[]>() },
  'chase.list': { input: chaseQuery, output: returns<ChaseList>() },
  'chase.record': { input: chaseRecordInput, output: returns<ChaseList>() },
  /** drafts one 催办通知 per unit about the items on its 催办 list (草稿 in the registry) */
  'chase.draftNotices': { input: chaseNoticeInput, output: returns<DocumentSummary[]>() },
  'obligations.list': { input: obligationQuery, output: returns<Obligation[]>() },
  'obligations.receive': { input: obligationReceiptInput, output: returns<Obligation>() },
  'referrals.add': { input: referralInput, output: returns<Referral>() },
  'referrals.list': { input: referralQuery, output: returns<Referral[]>() },
  'tasks.timeline': { input: z.object({ id }), output: returns<TimelineEntry[]>() },
  'assessment.rules.get': { input: empty, output: returns<AssessmentRules>() },
  'assessment.rules.update': { input: assessmentRules, output: returns<AssessmentRules>() },
  'assessment.sheet': { input: z.object({ year }), output: returns<AssessmentSheet>() },
} as const;
