/**
 * The one typed description of the ledger database (Kysely `Database`).
 *
 * Every synced table carries the columns `sharing.md` asks for, so that a later sync can merge
 * two copies field by field: a UUID v7 text key, ISO timestamps, the hybrid-logical-clock of the
 * last write, who wrote it (device + operator) and a tombstone instead of a physical delete.
 * Enum-like columns are plain strings here; the services validate them against the contract.
 */

export interface SyncColumns {
  id: string;
  created_at: string;
  updated_at: string;
  updated_hlc: string;
  updated_by: string;
  deleted_hlc: string | null;
}

export interface UnitTable extends SyncColumns {
  name: string;
  short_name: string;
  /** township 乡镇 | subdistrict 街道 | department 部门 | other 其他 */
  kind: string;
  /** 分管负责同志 */
  leader_name: string;
  leader_phone: string;
  /** 办公室主任 */
  director_name: string;
  director_phone: string;
  /** 联络员 */
  liaison_name: string;
  liaison_phone: string;
  sort_order: number;
  /** 1 active, 0 deactivated (never deleted while tasks point to it) */
  active: number;
}

export interface TaskTable extends SyncColumns {
  year: number;
  /** work_report | livelihood | meeting | project | special | instruction */
  source: string;
  /** 序号 / 编号 as the office writes it ("12", "3-2", "会2016-05-3") */
  code: string;
  title: string;
  /** 工作内容 / 目标要求 */
  content: string;
  /** meeting name, 批示 leader, campaign name … */
  source_ref: string;
  /** date of the meeting / instruction, ISO yyyy-mm-dd or '' */
  source_date: string;
  /** 责任领导 */
  leader: string;
  /** 交办日期 */
  assigned_date: string;
  /** null when the deadline is a fixed date */
  time_limit_value: number | null;
  /** day 日 | workday 工作日 ; null with a fixed date */
  time_limit_unit: string | null;
  /** computed (or entered) 办理期限, ISO date */
  due_date: string;
  /** half_yearly | quarterly | monthly | deadline */
  rhythm: string;
  parent_id: string | null;
  /** 办结日期, null while open */
  completed_on: string | null;
  note: string;
}

export interface TaskUnitTable extends SyncColumns {
  task_id: string;
  unit_id: string;
  /** lead 牵头 | assist 配合 */
  role: string;
  contact_person: string;
  contact_phone: string;
  completed_on: string | null;
}

export interface MilestoneTable extends SyncColumns {
  task_id: string;
  /** 一季度 / 6月底 / 第一阶段 … */
  label: string;
  due_date: string;
  planned_percent: number;
  description: string;
}

export interface ProgressReportTable extends SyncColumns {
  task_id: string;
  unit_id: string;
  /** reporting period the report answers, e.g. 2016-06, 2016-Q2, 2016-H1 */
  period: string;
  report_date: string;
  /** 0–100, null when the unit reports a stage instead */
  percent: number | null;
  stage: string;
  done_text: string;
  problems: string;
  next_steps: string;
  /** 1 = 与上期相比无变化 */
  no_change: number;
  reporter: string;
}

export interface SupervisionActionTable extends SyncColumns {
  task_id: string;
  unit_id: string | null;
  /** written 书面督办 | phone 电话催办 | onsite 现场督办 */
  method: string;
  action_date: string;
  note: string;
  operator: string;
  /** supervise 督办 | chase 催办 (counted per unit for 通报 and 考核) — since version 5 */
  purpose: string;
  /** the 催办通知 / 督办 document the action was made with — since version 5 */
  document_id: string | null;
}

export interface HolidayOverrideTable extends SyncColumns {
  /** ISO date */
  date: string;
  /** holiday 放假 | workday 调休上班 */
  kind: string;
  note: string;
}

export interface SettingTable extends SyncColumns {
  /** the id is the setting key */
  value: string;
}

/**
 * The document registry (发文登记): one row per drafted document, from 草稿 to 已签发 or 作废.
 * JSON columns hold exactly what was used, so a document can be exported again byte for byte.
 * No UNIQUE on `number`: two offline copies may each issue the same 文号, which a merge must record as a
 * conflict; the numbering service never hands out a duplicate within one copy.
 */
export interface DocumentTable extends SyncColumns {
  /** a DOCUMENT_TYPES key (supervision_notice, urge_notice …) */
  type: string;
  /** the year the document belongs to: of drafting while unsigned, of the 签发 date once signed */
  year: number;
  /** the 文号 series (prefix) the number was taken from, e.g. 虞政办督; null while unnumbered */
  number_prefix: string | null;
  /** the 文号 sequence within (number_prefix, year), set at signing */
  seq: number | null;
  /** the 文号 text, e.g. 虞政办督〔2016〕3号 */
  number: string | null;
  /** draft 草稿 | submitted 送签 | signed 已签发 | cancelled 作废 */
  status: string;
  title: string;
  /** JSON string[]: 主送 as a list, for search and display */
  recipients: string;
  /** JSON string[] of unit ids the document concerns */
  unit_ids: string;
  /** JSON string[] of task ids the document concerns */
  task_ids: string;
  /** JSON: the DocumentRequest it was drafted from */
  request: string;
  /** JSON: the DocumentModel — the exact content that is exported */
  model: string;
  /** the file name without extension the builder proposed, e.g. 催办通知-百官街道-2016-07-05 */
  file_stem: string;
  /** the officer who drafted it */
  drafter: string;
  /** ISO timestamp */
  drafted_at: string;
  submitted_at: string | null;
  /** 签发人 */
  signer: string | null;
  /** 签发日期, ISO yyyy-mm-dd */
  signed_on: string | null;
  /** the signed document this one corrects */
  supersedes_id: string | null;
  cancelled_reason: string | null;
  /** ISO timestamp of 作废 */
  cancelled_at: string | null;
}

/** One row per file written by an export (append-like: never changed after insert). */
export interface DocumentExportTable extends SyncColumns {
  document_id: string;
  /** document 公文 | slip 发文稿纸 */
  kind: string;
  /** ISO timestamp */
  exported_at: string;
  /** the written file's name (without folder: folders are machine-specific) */
  file_name: string;
  operator: string;
  /** hex SHA-256 of the written bytes */
  sha256: string;
}

/**
 * 延期申请: a unit asks for more time with its reason and stage progress; the office approves or refuses.
 * Never deleted — the history of requests and decisions stays.
 */
export interface ExtensionRequestTable extends SyncColumns {
  task_id: string;
  unit_id: string;
  reason: string;
  /** 阶段性进展 the unit reports with its request */
  stage_progress: string;
  /** 申请延至, ISO date */
  requested_date: string;
  /** requested 待审批 | approved 已批准 | refused 不予批准 */
  status: string;
  /** ISO date of the decision, null while pending */
  decided_on: string | null;
  /** the officer who decided ('' while pending) */
  decided_by: string;
  decision_note: string;
  /** the task's due date when the request was approved */
  original_due_date: string | null;
  /** the new due date granted */
  approved_due_date: string | null;
}

/**
 * What an issued document asks a unit to send back, with its deadline: the answer to a 督查通知书 or the
 * 情况说明/整改 report after a 批评通报. Opened when the document is signed; closed when receipt is recorded.
 */
export interface ObligationTable extends SyncColumns {
  /** notice_answer 督查通知书回复 | rectification 情况说明/整改报告 */
  kind: string;
  document_id: string;
  unit_id: string;
  /** JSON string[]: the tasks the document named for this unit */
  task_ids: string;
  /** the document's 签发 date */
  issued_on: string;
  /** 限期 */
  due_date: string;
  /** open 待回复 | received 已收到 | void 随公文作废 */
  status: string;
  received_on: string | null;
  received_note: string;
  /** the officer who recorded the receipt */
  received_by: string;
}

/** 移送纪检监察: a serious failure referred to the discipline body, with the reason. Never deleted. */
export interface ReferralTable extends SyncColumns {
  task_id: string | null;
  unit_id: string;
  referred_on: string;
  /** e.g. 区纪委区监委 */
  referred_to: string;
  reason: string;
  note: string;
  operator: string;
}

/**
 * A conflict a sync merge found (migration 006): two edits of the same field that did not know of each other,
 * an edit of a record the other side deleted, or two documents given the same 文号 on two PCs. Synced like the
 * other tables, so a resolution made on one PC travels. Sides are named by clock order, not by PC, so that
 * every PC that finds the same conflict writes the same row.
 */
export interface ConflictTable extends SyncColumns {
  /** field | edit_delete | duplicate_number */
  kind: string;
  /** the synced table of the record(s) concerned */
  table_name: string;
  /** the record concerned; for duplicate_number the document numbered later */
  row_id: string;
  /** the field; 'deleted_hlc' for edit_delete; 'number' for duplicate_number */
  column_name: string;
  /** duplicate_number: the document that had the 文号 first; else null */
  other_row_id: string | null;
  /** JSON of the side with the lower clock (edit_delete: a JSON object of the edit's columns when it is the edit) */
  earlier_value: string;
  earlier_hlc: string;
  /** `<deviceId>:<operator>` of that change */
  earlier_by: string;
  later_value: string;
  later_hlc: string;
  later_by: string;
  /** earlier | later: the side the clock rule chose (field: later; edit_delete: the deletion; duplicate_number: earlier) */
  winner: string;
  /** open 待确认 | resolved 已处理 */
  status: string;
  /** null while open; then e.g. earlier | later | manual | restored | deleted | renumbered */
  resolution: string | null;
}

/** Append-only: one row per changed column; also the audit trail. Never updated or deleted. */
export interface ChangeLogTable {
  id: string;
  table_name: string;
  row_id: string;
  column_name: string;
  /** JSON-encoded new value */
  value: string;
  hlc: string;
  device_id: string;
  operator: string;
}

/** Highest clock already merged, per peer (shared file or device). */
export interface SyncStateTable {
  peer_id: string;
  last_hlc: string;
  synced_at: string;
}

/** Local to this file, never synced: device id, last clock, first-run flags. */
export interface LocalMetaTable {
  key: string;
  value: string;
}

/** Derived and local (kept by triggers from progress_reports and task_units; never synced). */
export interface TaskLatestProgressTable {
  task_id: string;
  latest_percent: number | null;
  latest_report_date: string | null;
}

/**
 * Derived and local (migration 011; kept by triggers from tasks and task_units; never synced): each live link of a
 * live task with the task's year, completion (0/1) and due date, for the 工作台's per-unit counts.
 */
export interface TaskUnitFactTable {
  link_id: string;
  task_id: string;
  unit_id: string;
  role: string;
  year: number;
  done: number;
  due_date: string;
  /** the task's 编号 (migration 013) */
  code: string;
}

/**
 * Derived, local (migration 012, never synced): the dates on which a live, open task is 滞后 — from_date ≤ d <
 * until_date (until_date null: open-ended) and d ≤ due_date.
 */
export interface TaskBehindSpanTable {
  task_id: string;
  from_date: string;
  until_date: string | null;
  due_date: string;
}

/** Migration 014: each search document's task with its sort keys (derived, local). */
export interface TaskSearchKeyTable {
  doc_id: number;
  task_id: string;
  year: number;
  source: string;
  due_date: string;
  code: string;
}

export interface Database {
  units: UnitTable;
  tasks: TaskTable;
  task_units: TaskUnitTable;
  milestones: MilestoneTable;
  progress_reports: ProgressReportTable;
  supervision_actions: SupervisionActionTable;
  holiday_overrides: HolidayOverrideTable;
  settings: SettingTable;
  documents: DocumentTable;
  document_exports: DocumentExportTable;
  extension_requests: ExtensionRequestTable;
  obligations: ObligationTable;
  referrals: ReferralTable;
  conflicts: ConflictTable;
  change_log: ChangeLogTable;
  sync_state: SyncStateTable;
  local_meta: LocalMetaTable;
  task_latest_progress: TaskLatestProgressTable;
  task_unit_facts: TaskUnitFactTable;
  task_behind_spans: TaskBehindSpanTable;
  task_search_keys: TaskSearchKeyTable;
}

/** Tables whose rows carry SyncColumns and go through the repository. */
export type SyncedTableName =
  | 'units'
  | 'tasks'
  | 'task_units'
  | 'milestones'
  | 'progress_reports'
  | 'supervision_actions'
  | 'holiday_overrides'
  | 'settings'
  | 'documents'
  | 'document_exports'
  | 'extension_requests'
  | 'obligations'
  | 'referrals'
  | 'conflicts';

export const SYNCED_TABLES: readonly SyncedTableName[] = [
  'units',
  'tasks',
  'task_units',
  'milestones',
  'progress_reports',
  'supervision_actions',
  'holiday_overrides',
  'settings',
  'documents',
  'document_exports',
  'extension_requests',
  'obligations',
  'referrals',
  'conflicts',
];
