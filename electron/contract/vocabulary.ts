/**
 * The domain's words: stable keys stored in the database, Chinese labels shown to users.
 * Pure data, imported by the services, the contract and the renderer alike.
 */

export const TASK_SOURCES = ['work_report', 'livelihood', 'meeting', 'project', 'special', 'instruction'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];
export const SOURCE_LABELS: Record<TaskSource, string> = {
  work_report: '政府工作报告',
  livelihood: '民生实事',
  meeting: '会议决定事项',
  project: '重点项目',
  special: '专项督查',
  instruction: '领导批示及信箱',
};

/** Reporting rhythm per the seed notice (虞政办发〔2016〕36号 一(一)–(六)). */
export const RHYTHMS = ['half_yearly', 'quarterly', 'monthly', 'deadline'] as const;
export type Rhythm = (typeof RHYTHMS)[number];
export const RHYTHM_LABELS: Record<Rhythm, string> = {
  half_yearly: '半年通报',
  quarterly: '季度报告',
  monthly: '月度督查',
  deadline: '按时限反馈',
};
export const DEFAULT_RHYTHM: Record<TaskSource, Rhythm> = {
  work_report: 'half_yearly',
  livelihood: 'monthly',
  meeting: 'deadline',
  project: 'quarterly',
  special: 'deadline',
  instruction: 'deadline',
};

export const TASK_STATUSES = ['done', 'overdue', 'behind', 'due_soon', 'on_track'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const STATUS_LABELS: Record<TaskStatus, string> = {
  done: '已办结',
  overdue: '逾期',
  behind: '滞后于计划',
  due_soon: '临期',
  on_track: '正常推进',
};
/** Traffic light per status: green on track, yellow due soon / behind, red overdue, grey done. */
export const STATUS_LIGHTS: Record<TaskStatus, 'green' | 'yellow' | 'red' | 'grey'> = {
  done: 'grey',
  overdue: 'red',
  behind: 'yellow',
  due_soon: 'yellow',
  on_track: 'green',
};

export const UNIT_KINDS = ['township', 'subdistrict', 'department', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  township: '乡镇',
  subdistrict: '街道',
  department: '区直部门',
  other: '其他单位',
};

export const UNIT_ROLES = ['lead', 'assist'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];
export const ROLE_LABELS: Record<UnitRole, string> = { lead: '牵头', assist: '配合' };

export const TIME_LIMIT_UNITS = ['day', 'workday'] as const;
export type TimeLimitUnit = (typeof TIME_LIMIT_UNITS)[number];
export const TIME_LIMIT_UNIT_LABELS: Record<TimeLimitUnit, string> = { day: '日', workday: '工作日' };

export const ACTION_METHODS = ['written', 'phone', 'onsite'] as const;
export type ActionMethod = (typeof ACTION_METHODS)[number];
export const ACTION_METHOD_LABELS: Record<ActionMethod, string> = {
  written: '书面督办',
  phone: '电话催办',
  onsite: '现场督办',
};

export const HOLIDAY_KINDS = ['holiday', 'workday'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];
export const HOLIDAY_KIND_LABELS: Record<HolidayKind, string> = { holiday: '放假', workday: '调休上班' };

export const LEDGER_SORT_FIELDS = ['code', 'title', 'due_date', 'status', 'latest_percent', 'updated_at', 'source'] as const;
export type LedgerSortField = (typeof LEDGER_SORT_FIELDS)[number];

export const EXTENSION_STATUSES = ['requested', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];
export const EXTENSION_STATUS_LABELS: Record<ExtensionStatus, string> = {
  requested: '待审批',
  approved: '已批准',
  refused: '不予批准',
};
