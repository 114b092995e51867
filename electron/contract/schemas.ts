/**
 * The building blocks of the contract's input schemas: ids, dates, text with Chinese limits, the ledger query.
 * Split from channels.ts so that other contract modules (documents.ts) can use them without a cycle.
 */
import { z } from 'zod';
import { LEDGER_SORT_FIELDS, TASK_SOURCES, TASK_STATUSES, UNIT_ROLES } from './vocabulary';

// zod's own messages (a check without a message of ours, a value of the wrong type) reach the officer as field
// messages: Chinese, not English. Every module of the contract imports this one, in main and in the renderer.
z.config(z.locales.zhCN());

const ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const id = z.string().regex(ID_RE, '编号格式不正确');
export const isoDate = z
  .string()
  .regex(DATE_RE, '日期格式应为 年-月-日，例如 2016-06-30')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '这一天不存在，请检查日期');
export const text = (max: number, label: string) =>
  z.string().max(max, `${label}不能超过 ${max} 个字`).transform((s) => s.trim());
export const requiredText = (max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`));
export const phone = z
  .string()
  .max(40, '电话号码太长')
  .regex(/^[0-9+\-()（）\s转/、,，]*$/, '电话号码只能包含数字、空格、-、( ) 和“转”')
  .transform((s) => s.trim());
export const year = z.number({ error: '请选择年度' }).int('年度应为整数').min(2000, '年度应在 2000–2100 之间').max(2100, '年度应在 2000–2100 之间');
export const percent = z.number().int('完成比例应为整数').min(0, '完成比例在 0–100 之间').max(100, '完成比例在 0–100 之间');
/** A channel without parameters; one short message, not the list of every key sent. */
export const empty = z.strictObject({}, { error: '此操作不需要参数。' });

export const ledgerQuery = z.object({
  source: z.enum(TASK_SOURCES).nullable().default(null),
  year: year.nullable().default(null),
  unitId: id.nullable().default(null),
  role: z.enum(UNIT_ROLES).nullable().default(null),
  statuses: z.array(z.enum(TASK_STATUSES)).max(TASK_STATUSES.length).default([]),
  leader: text(40, '责任领导').nullable().default(null),
  dueFrom: isoDate.nullable().default(null),
  dueTo: isoDate.nullable().default(null),
  search: text(100, '搜索词').default(''),
  sortField: z.enum(LEDGER_SORT_FIELDS).default('due_date'),
  sortOrder: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500, '一次最多取 500 条').default(100),
});
