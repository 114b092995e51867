/**
 * The documents the office issues: their types, what each needs to be drafted from the ledger, and the
 * settings filled once (发文机关, 文号 prefixes, 署名, 抄送, 印发机关). Pure: shared by main and renderer.
 */
import { z } from 'zod';
import { id, isoDate, ledgerQuery } from './schemas';
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
