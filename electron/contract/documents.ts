/**
 * The documents the office issues: their types, what each needs to be drafted from the ledger, and the
 * settings filled once (发文机关, 文号 prefixes, 署名, 抄送, 印发机关). Pure: shared by main and renderer.
 */
import { z } from 'zod';
import { empty, id, isoDate, ledgerQuery } from './schemas';
import { TASK_SOURCES } from './vocabulary';

export const DOCUMENT_TYPES = [
  'assignment_sheet',
  'supervision_notice',
  'urge_notice',
  'situation_bulletin',
  'praise_bulletin',
  'criticism_bulletin',
  'livelihood_publication',
  'ledger_extract',
  'assessment_sheet',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = {
  assignment_sheet: '督办单',
  supervision_notice: '督查通知书',
  urge_notice: '催办通知',
  situation_bulletin: '情况通报',
  praise_bulletin: '表扬通报',
  criticism_bulletin: '批评通报',
  livelihood_publication: '民生实事公示表',
  ledger_extract: '台账摘录',
  assessment_sheet: '年度考核评分表',
};

const ids = (what: string, max: number) => z.array(id).min(1, `请至少选择一个${what}`).max(max, `一次最多选择 ${max} 个${what}`);
const words = (max: number, label: string) => z.string().max(max, `${label}不能超过 ${max} 个字`).transform((s) => s.trim());

/** What a draft is made from; one variant per document type. */
export const documentRequest = z.discriminatedUnion('type', [
  /** one 督办单 per task */
  z.object({ type: z.literal('assignment_sheet'), taskIds: ids('事项', 500) }),
  /** one 督查通知书 per unit, about its lagging tasks */
  z.object({
    type: z.literal('supervision_notice'),
    unitIds: ids('单位', 500),
    taskIds: ids('事项', 2000),
    deadline: isoDate,
    basis: words(200, '督查依据').default(''),
  }),
  /** one 催办通知 per unit, for its tasks overdue without a report */
  z.object({ type: z.literal('urge_notice'), unitIds: ids('单位', 500), taskIds: ids('事项', 2000), newDeadline: isoDate }),
  /** a 情况通报 for one source (or all) and a period */
  z.object({
    type: z.literal('situation_bulletin'),
    source: z.enum(TASK_SOURCES).nullable().default(null),
    year: z.number().int().min(2000).max(2100),
    periodFrom: isoDate,
    periodTo: isoDate,
  }),
  z.object({ type: z.literal('praise_bulletin'), unitIds: ids('单位', 500), year: z.number().int().min(2000).max(2100), reason: words(500, '表扬事由').default('') }),
  z.object({
    type: z.literal('criticism_bulletin'),
    unitIds: ids('单位', 500),
    taskIds: z.array(id).max(2000).default([]),
    explanationDeadline: isoDate,
    facts: words(2000, '通报事实').default(''),
  }),
  z.object({ type: z.literal('livelihood_publication'), year: z.number().int().min(2000).max(2100), quarter: z.number().int().min(1).max(4) }),
  z.object({ type: z.literal('ledger_extract'), query: ledgerQuery, title: words(100, '标题').default('') }),
  /** the year's 考核 score sheet, reported to the leaders: every unit scored, or only the chosen ones */
  z.object({
    type: z.literal('assessment_sheet'),
    year: z.number().int().min(2000).max(2100),
    unitIds: z.array(id).max(500, '一次最多选择 500 个单位').default([]),
    /** the document the 考核 follows, e.g. 《…通知》（虞政办发〔2016〕36号）; '' for the general wording */
    basis: words(200, '考核依据').default(''),
  }),
]);
export type DocumentRequest = z.output<typeof documentRequest>;

/** Filled once in 设置; every document takes its fixed parts from here. */
export const documentSettings = z.object({
  /** 发文机关全称, e.g. 绍兴市上虞区人民政府办公室 */
  organName: z.string().trim().min(1, '请填写发文机关名称').max(60, '发文机关名称不能超过 60 个字'),
  /** 发文机关标志 (红头); default the organ's name */
  organMark: z.string().trim().max(30, '发文机关标志不能超过 30 个字').default(''),
  /** 红头 ends with 文件 */
  withWenjian: z.boolean().default(false),
  /** 文号 prefix per type, e.g. 虞政办督 → 虞政办督〔2016〕3号 */
  numberPrefixes: z.partialRecord(z.enum(DOCUMENT_TYPES), z.string().trim().max(20, '文号前缀不能超过 20 个字')).default({}),
  /** 署名 */
  signatureOrgan: z.string().trim().max(60).default(''),
  withSeal: z.boolean().default(true),
  /** 抄送 */
  cc: z.array(z.string().trim().min(1).max(60)).max(50, '抄送机关最多 50 个').default([]),
  /** 印发机关 */
  printer: z.string().trim().max(60).default(''),
  /** the section that runs supervision, e.g. 督查科, and its contact */
  department: z.string().trim().max(30).default('督查科'),
  contactName: z.string().trim().max(20).default(''),
  contactPhone: z.string().trim().max(40).default(''),
  /** GB2312-era font names (仿宋_GB2312, 楷体_GB2312) or the plain ones (仿宋, 楷体) */
  fontMode: z.enum(['gb2312', 'plain']).default('gb2312'),
});
export type DocumentSettings = z.output<typeof documentSettings>;

/** Where a document is in its life: 草稿 → 送签 → 已签发, and 作废 for a signed one withdrawn. */
export const DOCUMENT_STATUSES = ['draft', 'submitted', 'signed', 'cancelled'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: '草稿',
  submitted: '送签',
  signed: '已签发',
  cancelled: '作废',
};

// ---------------------------------------------------------------------------------------------------------------
// The document model as a schema: what the officer may send back after editing the drafted text.
// It mirrors electron/services/documents/model.ts field by field (a compile-time check in services/documents/records.ts
// keeps the two equal). The limits are the layout engine's (layout/validate.ts), so an edit the engine could not
// typeset is refused here, field by field, instead of failing later at export.

const line = (max: number, label: string) => z.string({ error: `请填写${label}` }).max(max, `${label}不能超过 ${max} 个字`);
const required = (max: number, label: string) => line(max, label).refine((s) => s.trim().length > 0, `请填写${label}`);

const tableColumn = z.object({
  title: line(100, '表头'),
  width: z.number({ error: '列宽应为数字' }).positive('列宽应大于 0').max(100, '列宽不能超过 100'),
});

export const documentBlock = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('paragraph'),
      text: line(20_000, '段落'),
      indent: z.boolean().optional(),
      align: z.enum(['left', 'center', 'right']).optional(),
    }),
    z.object({
      kind: z.literal('heading'),
      level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: '标题层级应为 1–4' }),
      text: required(200, '小标题'),
    }),
    z
      .object({
        kind: z.literal('table'),
        columns: z.array(tableColumn).min(1, '表格至少要有一列').max(30, '表格最多 30 列'),
        rows: z.array(z.array(line(2000, '表格单元格')).max(30, '表格最多 30 列')).max(5000, '表格最多 5000 行'),
        fontSize: z.enum(['small', 'normal']).optional(),
      })
      .refine((t) => t.rows.every((r) => r.length <= t.columns.length), '表格中有一行的单元格多于列数'),
    z.object({ kind: z.literal('pageBreak') }),
  ],
  { error: '正文段落的类型不正确' },
);

const blocks = z.array(documentBlock).max(5000, '正文段落太多（最多 5000 段）');

export const documentAttachment = z.object({
  title: required(100, '附件标题'),
  blocks,
  landscape: z.boolean().optional(),
});

export const officialDocumentModel = z.object({
  kind: z.literal('official'),
  organMark: z.object({ name: required(40, '发文机关标志'), withWenjian: z.boolean() }).optional(),
  copyNumber: z.string().regex(/^\d{6}$/, '份号应为 6 位数字').optional(),
  secrecy: line(20, '密级').optional(),
  urgency: line(4, '紧急程度').refine((s) => ['', '特急', '加急'].includes(s), '紧急程度应为特急或加急').optional(),
  number: line(50, '发文字号').nullable(),
  title: required(100, '公文标题'),
  mainRecipients: line(500, '主送机关'),
  body: blocks,
  attachmentNames: z.array(required(200, '附件名称')).max(99, '附件最多 99 个').optional(),
  signature: z.object({ organ: required(60, '署名'), date: isoDate, withSeal: z.boolean() }),
  note: line(500, '附注').optional(),
  attachments: z.array(documentAttachment).max(99, '附件最多 99 个').optional(),
  colophon: z
    .object({
      cc: z
        .array(required(60, '抄送机关'))
        .max(50, '抄送机关最多 50 个')
        .refine((cc) => cc.reduce((sum, c) => sum + c.length + 1, 0) <= 300, '抄送机关合计不能超过 300 个字，请使用统称'),
      printer: required(60, '印发机关'),
      printDate: isoDate,
    })
    .optional(),
  draft: z.boolean().optional(),
});

export const formDocumentModel = z.object({
  kind: z.literal('form'),
  organ: line(40, '机关名称').optional(),
  title: required(100, '表单标题'),
  numberLine: line(50, '编号').optional(),
  fields: z
    .array(
      z.object({
        label: required(20, '栏目名称'),
        value: line(2000, '栏目内容'),
        wide: z.boolean().optional(),
        minLines: z.number().int('行数应为整数').min(1, '行数至少为 1').max(40, '行数最多为 40').optional(),
      }),
    )
    .min(1, '表单至少要有一栏')
    .max(60, '表单最多 60 栏'),
  footer: line(80, '表尾').optional(),
  draft: z.boolean().optional(),
});

export const documentModel = z.discriminatedUnion('kind', [officialDocumentModel, formDocumentModel], {
  error: '公文内容的类型不正确',
});
/** The same shape as DocumentModel in services/documents/model.ts (the contract may not import services). */
export type DocumentModelData = z.output<typeof documentModel>;

// ---------------------------------------------------------------------------------------------------------------
// Results

/** One row of the registry (发文登记簿). */
export interface DocumentSummary {
  id: string;
  type: DocumentType;
  year: number;
  /** 文号 sequence; null until signed (or for an unnumbered type) */
  seq: number | null;
  /** e.g. 虞政办督〔2016〕3号; null until signed */
  number: string | null;
  status: DocumentStatus;
  title: string;
  recipients: string[];
  drafter: string;
  draftedAt: string;
  submittedAt: string | null;
  signer: string | null;
  signedOn: string | null;
  supersedesId: string | null;
  cancelledReason: string | null;
  cancelledAt: string | null;
  /** how many files were exported, and when last */
  exportCount: number;
  lastExportedAt: string | null;
  updatedAt: string;
}

export interface DocumentPage {
  total: number;
  offset: number;
  rows: DocumentSummary[];
}

export interface DocumentExportEntry {
  id: string;
  kind: 'document' | 'slip';
  exportedAt: string;
  fileName: string;
  operator: string;
  sha256: string;
}

/** A document that refers to another one (the one it corrects, or a correction of it). */
export interface DocumentReference {
  id: string;
  title: string;
  number: string | null;
  status: DocumentStatus;
}

/** Everything the registry knows about one document: the summary, what it was drafted from, its exact content. */
export interface DocumentRecord extends DocumentSummary {
  unitIds: string[];
  taskIds: string[];
  request: DocumentRequest;
  model: DocumentModelData;
  fileStem: string;
  supersedes: DocumentReference | null;
  /** corrections drafted from this document, oldest first */
  supersededBy: DocumentReference[];
  exports: DocumentExportEntry[];
}

export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** A background job the UI polls (an export batch): progress, the files written, or why it stopped. */
export interface ExportJob {
  id: string;
  state: JobState;
  done: number;
  total: number;
  /** absolute paths of the files written (only once the whole batch succeeded) */
  files: string[];
  /** a Chinese sentence when failed */
  error: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Channels

/** Phantom marker (as in channels.ts): carries a channel's result type without any runtime value. */
const returns = <T>() => undefined as unknown as T;

const documentId = z.object({ id });

export const documentListQuery = z.object({
  year: z.number().int('年度应为整数').min(2000, '年度应在 2000–2100 之间').max(2100, '年度应在 2000–2100 之间').nullable().default(null),
  type: z.enum(DOCUMENT_TYPES, { error: '公文类型不正确' }).nullable().default(null),
  status: z.enum(DOCUMENT_STATUSES, { error: '状态不正确' }).nullable().default(null),
  search: words(100, '搜索词').default(''),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500, '一次最多取 500 条').default(100),
});

export const documentSignInput = z.object({
  id,
  signer: z
    .string({ error: '请填写签发人' })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, '请填写签发人').max(20, '签发人不能超过 20 个字')),
  signedOn: isoDate,
  /**
   * The 文号 the officer saw in the signing dialog (documents.nextNumber). If another signing took it meanwhile
   * (another PC on the same file), signing is refused instead of silently giving a different number.
   */
  expectedNumber: z.string().max(40).nullable().default(null),
});

/** The folder is not part of the input: main asks the user with a native dialog (the renderer never sends a path). */
export const documentExportInput = z.object({
  ids: z.array(id).min(1, '请至少选择一份公文').max(1000, '一次最多导出 1000 份公文'),
  /** all documents in one .docx (not supported yet: refused with a message) */
  combined: z.boolean().default(false),
  /** also write each document's 发文稿纸 */
  withSlip: z.boolean().default(false),
});

const jobId = z.object({ jobId: id });

export const documentChannels = {
  'documents.settings.get': { input: empty, output: returns<DocumentSettings>() },
  'documents.settings.update': { input: documentSettings, output: returns<DocumentSettings>() },
  'documents.draft': { input: documentRequest, output: returns<DocumentSummary[]>() },
  'documents.list': { input: documentListQuery, output: returns<DocumentPage>() },
  'documents.get': { input: documentId, output: returns<DocumentRecord>() },
  'documents.update': { input: z.object({ id, model: documentModel }), output: returns<DocumentRecord>() },
  'documents.submit': { input: documentId, output: returns<DocumentRecord>() },
  /** the 文号 signing would take on that date (null for a type without a 文号 prefix) */
  'documents.nextNumber': { input: z.object({ id, signedOn: isoDate }), output: returns<{ number: string | null }>() },
  'documents.sign': { input: documentSignInput, output: returns<DocumentRecord>() },
  /** a signed document becomes 作废 (reason required); an unsigned one is deleted (result null) */
  'documents.cancel': { input: z.object({ id, reason: words(200, '作废原因').default('') }), output: returns<DocumentRecord | null>() },
  'documents.correct': { input: documentId, output: returns<DocumentRecord>() },
  'documents.export': { input: documentExportInput, output: returns<{ jobId: string | null }>() },
  'jobs.get': { input: jobId, output: returns<ExportJob>() },
  'jobs.cancel': { input: jobId, output: returns<ExportJob>() },
} as const;
