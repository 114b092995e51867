/**
 * Excel in and out (issue 6): importing breakdown tables (细化分解表, 实施计划表) into the ledger, exporting a
 * ledger view, and the per-unit feedback sheet (单位反馈表) that comes back as progress reports.
 * Zod inputs and result types only — pure, shared by main and renderer.
 *
 * Two kinds of input: the service functions (and the command line) take a `file` path; the channels
 * (`xlsxChannels`) never do — the renderer gets a `token` from `xlsx.pickFile` (main's own open dialog) and main
 * turns it back into the path it remembered. The renderer never sends a path of its own.
 */
import { z } from 'zod';
import { empty, id, isoDate, ledgerQuery, text, year } from './schemas';
import { TASK_SOURCES, type TaskSource, type UnitKind, type UnitRole } from './vocabulary';

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

/** What a column of a breakdown table can become. Milestone fields (q1…q4, h1, h2) become 计划节点. */
export const XLSX_FIELDS = [
  'code',
  'title',
  'content',
  'leader',
  'leadUnits',
  'assistUnits',
  'dueDate',
  'q1',
  'q2',
  'q3',
  'q4',
  'h1',
  'h2',
  'note',
  'ignore',
] as const;
export type XlsxField = (typeof XLSX_FIELDS)[number];
export const XLSX_FIELD_LABELS: Record<XlsxField, string> = {
  code: '序号',
  title: '事项名称',
  content: '工作内容',
  leader: '责任领导',
  leadUnits: '牵头单位',
  assistUnits: '配合单位',
  dueDate: '完成时限',
  q1: '一季度计划',
  q2: '二季度计划',
  q3: '三季度计划',
  q4: '四季度计划',
  h1: '上半年计划',
  h2: '下半年计划',
  note: '备注',
  ignore: '不导入',
};
export const MILESTONE_FIELDS = ['q1', 'q2', 'q3', 'q4', 'h1', 'h2'] as const satisfies readonly XlsxField[];
export type MilestoneField = (typeof MILESTONE_FIELDS)[number];

export const XLSX_PROBLEM_SEVERITIES = ['error', 'warning'] as const;
export type XlsxProblemSeverity = (typeof XLSX_PROBLEM_SEVERITIES)[number];

/** What the import does with a row: create a task, update the task matched by year + source + 序号, or nothing. */
export const XLSX_ROW_ACTIONS = ['create', 'update', 'skip'] as const;
export type XlsxRowAction = (typeof XLSX_ROW_ACTIONS)[number];
export const XLSX_ROW_ACTION_LABELS: Record<XlsxRowAction, string> = { create: '新建', update: '更新', skip: '不导入' };

// ---------------------------------------------------------------------------------------------------------------
// Inputs

/** The user's choice for a column: 1-based column number → field (overrides the proposal). */
export const xlsxColumnChoice = z.object({
  column: z.number().int().min(1).max(16384),
  field: z.enum(XLSX_FIELDS, { error: '请选择该列对应的字段' }),
});

/** A unit name as written in the sheet → an existing unit, or 'create' (a new unit with that name). */
export const xlsxUnitMap = z.record(z.string().min(1).max(60), z.union([id, z.literal('create')]));

/** The path comes from the shell's own open dialog, never typed by the renderer. */
export const xlsxFile = z.string({ error: '请选择 Excel 文件' }).min(1, '请选择 Excel 文件');

export const xlsxSheetsInput = z.object({ file: xlsxFile });

export const xlsxImportPreviewInput = z.object({
  file: xlsxFile,
  /** 1-based sheet number as listed; null: the first sheet with a recognisable header. */
  sheet: z.number().int().min(1).max(1000).nullable().default(null),
  source: z.enum(TASK_SOURCES, { error: '请选择事项来源' }),
  year,
  mapping: z.array(xlsxColumnChoice).max(500).default([]),
  unitMap: xlsxUnitMap.default({}),
  /** 交办日期 of created tasks; null: 1 January of the year. */
  assignedDate: isoDate.nullable().default(null),
  /** 来源依据 written on created tasks, e.g. 《2016年政府工作报告目标任务细化分解表》. */
  sourceRef: text(200, '来源依据').default(''),
});

export const xlsxImportCommitInput = xlsxImportPreviewInput.extend({
  /** false: refuse the whole import when any row has an error; true: import the valid rows only. */
  skipInvalid: z.boolean().default(false),
});

/** A ledger view (the ledger's filters, all pages) to .xlsx. */
export const xlsxLedgerExportInput = ledgerQuery.omit({ offset: true, limit: true }).extend({
  /** When no source is chosen (全部): one sheet per source (true) or one sheet for all (false). */
  sheetPerSource: z.boolean().default(true),
});

/** A unit's feedback sheet: its tasks with empty columns for this period's progress. */
export const xlsxFeedbackExportInput = z.object({
  unitId: id,
  year: year.nullable().default(null),
  /** 报告期 printed on the sheet and stored on the reports, e.g. 2016年9月. */
  period: text(20, '报告期').default(''),
  /** Include tasks already finished (办结). */
  includeDone: z.boolean().default(false),
});

export const xlsxFeedbackImportInput = z.object({
  file: xlsxFile,
  /** 报送日期 of the reports; null: today. */
  reportDate: isoDate.nullable().default(null),
  /** Overrides the 报告期 written in the sheet. */
  period: text(20, '报告期').nullable().default(null),
  skipInvalid: z.boolean().default(false),
  /** check only, save nothing: the preview */
  dryRun: z.boolean().default(false),
});

export type XlsxImportPreviewRequest = z.input<typeof xlsxImportPreviewInput>;
export type XlsxImportCommitRequest = z.input<typeof xlsxImportCommitInput>;
export type XlsxLedgerExportRequest = z.input<typeof xlsxLedgerExportInput>;
export type XlsxFeedbackExportRequest = z.input<typeof xlsxFeedbackExportInput>;
export type XlsxFeedbackImportRequest = z.input<typeof xlsxFeedbackImportInput>;

// ---------------------------------------------------------------------------------------------------------------
// Results

export interface XlsxSheetInfo {
  /** 1-based */
  index: number;
  name: string;
  rowCount: number;
  columnCount: number;
}

export interface XlsxColumn {
  /** 1-based */
  column: number;
  /** A, B, … AA */
  letter: string;
  /** the header as written; two header rows joined with “/”, e.g. 完成时限/一季度 */
  header: string;
  /** what the import will use */
  field: XlsxField;
  /** what the header names suggested */
  proposed: XlsxField;
}

export interface XlsxProblem {
  severity: XlsxProblemSeverity;
  /** the field concerned, for highlighting the cell; null for the row as a whole */
  field: XlsxField | null;
  message: string;
}

export interface XlsxUnitRef {
  /** the name as written in the sheet */
  text: string;
  role: UnitRole;
  unitId: string | null;
  unitName: string | null;
  /** matched by name; mapped by the user; to be created; not found; a collective (各乡镇（街道）) expanded */
  resolution: 'matched' | 'mapped' | 'create' | 'unknown' | 'collective';
}

export interface XlsxParsedMilestone {
  label: string;
  dueDate: string;
  plannedPercent: number;
  description: string;
}

export interface XlsxParsedTask {
  code: string;
  title: string;
  content: string;
  leader: string;
  units: XlsxUnitRef[];
  /** yyyy-mm-dd, null when no date could be read */
  dueDate: string | null;
  /** the 完成时限 cell as written */
  dueText: string;
  /** 长期坚持 / 持续推进: due at year end and noted as 长期 */
  longTerm: boolean;
  milestones: XlsxParsedMilestone[];
  note: string;
}

export interface XlsxPreviewRow {
  /** the sheet's row number (1-based, as Excel shows it) */
  rowNumber: number;
  /** a task row, or a section heading (一、经济发展) that is shown but not imported */
  kind: 'task' | 'section';
  action: XlsxRowAction;
  /** the task this row updates */
  existingTaskId: string | null;
  task: XlsxParsedTask | null;
  problems: XlsxProblem[];
}

export interface XlsxUnknownUnit {
  text: string;
  rowNumbers: number[];
  /** existing units whose name resembles it, best first */
  suggestions: Array<{ unitId: string; name: string }>;
  /** the kind a created unit would get */
  kindIfCreated: UnitKind;
}

export interface XlsxImportCounts {
  rows: number;
  create: number;
  update: number;
  invalid: number;
  sections: number;
  warnings: number;
}

export interface XlsxImportPreview {
  sheets: XlsxSheetInfo[];
  sheet: XlsxSheetInfo;
  source: TaskSource;
  year: number;
  /** first and last header row (1-based) */
  headerRows: [number, number];
  columns: XlsxColumn[];
  rows: XlsxPreviewRow[];
  unknownUnits: XlsxUnknownUnit[];
  /** problems of the sheet as a whole (a required column not mapped, …) */
  sheetProblems: XlsxProblem[];
  counts: XlsxImportCounts;
  /** true when a commit with these choices would save something (and, without skipInvalid, nothing is invalid) */
  canCommit: boolean;
}

export interface XlsxImportResult {
  created: number;
  updated: number;
  /** matched tasks the sheet did not change */
  unchanged: number;
  /** invalid rows left out (skipInvalid) */
  skipped: number;
  unitsCreated: number;
  taskIds: string[];
}

export interface XlsxExportResult {
  file: string;
  sheets: string[];
  rows: number;
}

export interface XlsxFeedbackRow {
  rowNumber: number;
  taskId: string | null;
  code: string;
  title: string;
  /** empty: nothing filled in, skipped; duplicate: the same report is already in the ledger */
  action: 'report' | 'empty' | 'duplicate' | 'invalid';
  percent: number | null;
  problems: XlsxProblem[];
}

export interface XlsxFeedbackImportResult {
  unitId: string;
  unitName: string;
  period: string;
  reportDate: string;
  rows: XlsxFeedbackRow[];
  /** reports saved (0 on a dry run) */
  saved: number;
  skipped: number;
  invalid: number;
}

/** Progress of a long import or export, for a progress bar. */
export interface XlsxProgress {
  phase: 'read' | 'parse' | 'check' | 'save' | 'write';
  done: number;
  total: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Channels: a token from xlsx.pickFile instead of a path

/** What main gave the renderer for a file the user picked in main's open dialog. */
export const xlsxToken = z.string({ error: '请选择 Excel 文件' }).min(1, '请选择 Excel 文件').max(64, '请重新选择 Excel 文件');

/** What the open dialog is for: its title, and whether the sheets are listed. */
export const XLSX_PICK_PURPOSES = ['tasks', 'feedback'] as const;
export type XlsxPickPurpose = (typeof XLSX_PICK_PURPOSES)[number];

export const xlsxPickInput = z.object({ purpose: z.enum(XLSX_PICK_PURPOSES).default('tasks') });

export const xlsxImportPreviewChannelInput = xlsxImportPreviewInput.omit({ file: true }).extend({ token: xlsxToken });
export const xlsxImportCommitChannelInput = xlsxImportCommitInput.omit({ file: true }).extend({ token: xlsxToken });
export const xlsxFeedbackImportChannelInput = xlsxFeedbackImportInput.omit({ file: true }).extend({ token: xlsxToken });

export type XlsxImportPreviewChannelRequest = z.input<typeof xlsxImportPreviewChannelInput>;
export type XlsxImportCommitChannelRequest = z.input<typeof xlsxImportCommitChannelInput>;
export type XlsxFeedbackImportChannelRequest = z.input<typeof xlsxFeedbackImportChannelInput>;

/** A file the user picked: the token stands for its path in main; the name is only shown. */
export interface XlsxPickedFile {
  token: string;
  /** the file name (no folder), e.g. 2016年政府工作报告细化分解表.xlsx */
  name: string;
  sheets: XlsxSheetInfo[];
}

/** Phantom marker (as in channels.ts). */
const returns = <T>() => undefined as unknown as T;

export const xlsxChannels = {
  /** main's open dialog; null when the user cancels */
  'xlsx.pickFile': { input: xlsxPickInput, output: returns<XlsxPickedFile | null>() },
  'xlsx.preview': { input: xlsxImportPreviewChannelInput, output: returns<XlsxImportPreview>() },
  'xlsx.import': { input: xlsxImportCommitChannelInput, output: returns<XlsxImportResult>() },
  /** the latest progress of the import or export running now; null when none runs */
  'xlsx.progress': { input: empty, output: returns<XlsxProgress | null>() },
  /** main's folder dialog, then the file; null when the user cancels */
  'xlsx.exportLedger': { input: xlsxLedgerExportInput, output: returns<XlsxExportResult | null>() },
  'xlsx.exportFeedback': { input: xlsxFeedbackExportInput, output: returns<XlsxExportResult | null>() },
  'xlsx.importFeedback': { input: xlsxFeedbackImportChannelInput, output: returns<XlsxFeedbackImportResult>() },
} as const;
