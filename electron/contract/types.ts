/** Shapes that cross the IPC boundary as results. Plain data: no classes, no Dates. */
import type { ActionPurpose } from './workflow';
import type {
  ActionMethod,
  ExtensionStatus,
  HolidayKind,
  Rhythm,
  TaskSource,
  TaskStatus,
  TimeLimitUnit,
  UnitKind,
  UnitRole,
} from './vocabulary';

/** The sharing services' own failures (SharingError); they cross IPC as they are, the renderer branches on lock_stale. */
export type SharingErrorCode =
  /** another PC or process holds `<shared>.lock` */
  | 'lock_held'
  /** the lock looks abandoned; breaking it needs the user's confirmation (`breakStaleLock`) */
  | 'lock_stale'
  /** our lock file was removed or replaced by someone else while we synced */
  | 'lock_lost'
  /** the shared file kept changing under us: we gave up rather than overwrite unseen changes */
  | 'shared_changed'
  /** the user cancelled; the shared file was not touched */
  | 'cancelled'
  /** the shared file or its folder cannot be reached */
  | 'shared_unreachable'
  /** the file written beside the shared one did not read back identical */
  | 'write_verify_failed'
  /** a working database on a network share or removable drive */
  | 'location_refused'
  /** a target that must not be overwritten already exists */
  | 'target_exists'
  /** a backup chosen for restoring failed its checks */
  | 'backup_invalid'
  /** the shared file chosen is the working database itself */
  | 'same_file'
  /** the working database is open elsewhere (the app, another command) and cannot be replaced now */
  | 'in_use';

export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'db_foreign'
  | 'db_newer'
  | 'db_corrupt'
  | 'db_io'
  | 'db_migration'
  | SharingErrorCode
  /** the host cannot do this (no dialogs: command line, tests without a port) */
  | 'unavailable'
  | 'internal';

export interface AppError {
  code: ErrorCode;
  /** One Chinese sentence that says what happened and what to do. */
  message: string;
  /** Field-level messages for forms: path → message. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Where in the renderer an unexpected error surfaced. */
export type RendererErrorOrigin = 'render' | 'error' | 'rejection';

/** app.reportError: the renderer's unexpected error, for the log (parsed: trimmed, lengths limited). */
export interface RendererErrorReport {
  where: RendererErrorOrigin;
  message: string;
  stack: string;
  /** the page the user was on */
  page: string;
}

export interface ErrorReportReceipt {
  /** false where the host keeps no log (the e2e bridge, the command line) */
  logged: boolean;
  /** the log folder, to tell the user where to find it */
  logsFolder: string | null;
}

export interface AppInfo {
  dbPath: string;
  schemaVersion: number;
  deviceId: string;
  operator: string;
  officeName: string;
  /** true until the operator finished the first-run questions */
  firstRun: boolean;
  today: string;
  dueSoonWorkdays: number;
  /** years present in the ledger, newest first (at least the current year) */
  years: number[];
}

export interface Settings {
  operator: string;
  officeName: string;
  dueSoonWorkdays: number;
}

export interface Unit {
  id: string;
  name: string;
  shortName: string;
  kind: UnitKind;
  leaderName: string;
  leaderPhone: string;
  directorName: string;
  directorPhone: string;
  liaisonName: string;
  liaisonPhone: string;
  sortOrder: number;
  active: boolean;
  /** open tasks this unit leads or assists */
  openTaskCount: number;
}

export interface TaskUnitLink {
  id: string;
  unitId: string;
  unitName: string;
  role: UnitRole;
  contactPerson: string;
  contactPhone: string;
  completedOn: string | null;
  /** latest reported percent by this unit, null if none */
  latestPercent: number | null;
  latestReportDate: string | null;
}

/** One row of the ledger (台账) — a summary, never the full detail. */
export interface TaskRow {
  id: string;
  year: number;
  source: TaskSource;
  code: string;
  title: string;
  leader: string;
  leadUnits: string;
  assistUnits: string;
  dueDate: string;
  completedOn: string | null;
  status: TaskStatus;
  latestPercent: number | null;
  latestReportDate: string | null;
  plannedPercent: number | null;
  updatedAt: string;
}

export interface LedgerPage {
  total: number;
  offset: number;
  rows: TaskRow[];
}

export interface Milestone {
  id: string;
  label: string;
  dueDate: string;
  plannedPercent: number;
  description: string;
}

export interface ProgressReport {
  id: string;
  unitId: string;
  unitName: string;
  period: string;
  reportDate: string;
  percent: number | null;
  stage: string;
  doneText: string;
  problems: string;
  nextSteps: string;
  noChange: boolean;
  reporter: string;
  createdAt: string;
}

export interface SupervisionAction {
  id: string;
  unitId: string | null;
  unitName: string | null;
  method: ActionMethod;
  actionDate: string;
  note: string;
  operator: string;
  createdAt: string;
  /** 督办 or 催办 (催办 is counted per unit for 通报 and 考核) */
  purpose: ActionPurpose;
  /** the 催办通知 / 督办 document the action was made with */
  documentId: string | null;
}

/** 延期申请: a unit's request for more time and the office's decision. */
export interface ExtensionRequest {
  id: string;
  unitId: string;
  unitName: string;
  reason: string;
  stageProgress: string;
  requestedDate: string;
  status: ExtensionStatus;
  decidedOn: string | null;
  decidedBy: string;
  decisionNote: string;
  /** the task's due date when the request was approved */
  originalDueDate: string | null;
  approvedDueDate: string | null;
  createdAt: string;
}

export interface Task {
  id: string;
  year: number;
  source: TaskSource;
  code: string;
  title: string;
  content: string;
  sourceRef: string;
  sourceDate: string;
  leader: string;
  assignedDate: string;
  timeLimitValue: number | null;
  timeLimitUnit: TimeLimitUnit | null;
  dueDate: string;
  rhythm: Rhythm;
  parentId: string | null;
  completedOn: string | null;
  note: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface TaskDetail {
  task: Task;
  status: TaskStatus;
  /** working days left until the due date (negative when overdue) */
  workdaysLeft: number;
  latestPercent: number | null;
  plannedPercent: number | null;
  units: TaskUnitLink[];
  milestones: Milestone[];
  reports: ProgressReport[];
  actions: SupervisionAction[];
  /** extension requests, newest first */
  extensions: ExtensionRequest[];
  /** 原定期限: the due date before the first approved extension (= task.dueDate when none) */
  originalDueDate: string;
}

export interface StatusCounts {
  total: number;
  done: number;
  overdue: number;
  behind: number;
  due_soon: number;
  on_track: number;
}

export interface Dashboard {
  today: string;
  year: number;
  totals: StatusCounts;
  bySource: Array<{ source: TaskSource } & StatusCounts>;
  /** units with open tasks, most overdue first */
  byUnit: Array<{ unitId: string; unitName: string; lead: number; assist: number } & StatusCounts>;
  overdue: TaskRow[];
  dueSoon: TaskRow[];
  behind: TaskRow[];
  /** progress reports received in the last 7 days */
  recentReports: number;
}

export interface HolidayOverride {
  id: string;
  date: string;
  kind: HolidayKind;
  note: string;
}

export interface HolidayYear {
  year: number;
  /** whether the built-in calendar (chinese-days) covers this year */
  builtIn: boolean;
  overrides: HolidayOverride[];
}

export interface DemoSummary {
  units: number;
  tasks: number;
  reports: number;
}

export interface IntegrityReport {
  ok: boolean;
  schemaVersion: number;
  messages: string[];
}
