/**
 * Sync conflicts as the officer sees them (sharing.md, "What the user sees"): each field side by side — who wrote
 * which value, when — and the choices 保留本机 / 采用对方 / 手动编辑, 恢复记录 / 确认删除, and for two documents given one
 * 文号 on two PCs, 作废后一份. Pure: shared by main and renderer.
 */
import { z } from 'zod';
import { empty, id } from './schemas';

export const CONFLICT_KINDS = ['field', 'edit_delete', 'duplicate_number'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export const CONFLICT_KIND_LABELS: Record<ConflictKind, string> = {
  field: '两台电脑修改了同一处',
  edit_delete: '一边修改、一边删除',
  duplicate_number: '两份公文文号重复',
};

export const CONFLICT_STATUSES = ['open', 'resolved'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];
export const CONFLICT_STATUS_LABELS: Record<ConflictStatus, string> = { open: '待确认', resolved: '已处理' };

/**
 * What the officer may choose. field: the earlier or later value, or a value typed by hand; edit_delete: bring the
 * record back or confirm the deletion; duplicate_number: cancel (作废) the document numbered later — an issued document
 * is never renumbered — or note that it was dealt with otherwise.
 */
export const CONFLICT_CHOICES = ['earlier', 'later', 'manual', 'restore', 'keep_deleted', 'cancel_later', 'acknowledge'] as const;
export type ConflictChoice = (typeof CONFLICT_CHOICES)[number];
export const CONFLICT_CHOICE_LABELS: Record<ConflictChoice, string> = {
  earlier: '采用较早的修改',
  later: '采用较晚的修改',
  manual: '手动编辑',
  restore: '恢复记录',
  keep_deleted: '确认删除',
  cancel_later: '作废后签发的一份',
  acknowledge: '已另行处理',
};

/** Which choices fit which kind. */
export const CHOICES_BY_KIND: Record<ConflictKind, readonly ConflictChoice[]> = {
  field: ['earlier', 'later', 'manual'],
  edit_delete: ['restore', 'keep_deleted'],
  duplicate_number: ['cancel_later', 'acknowledge'],
};

/** One side of a conflict: the value, and who wrote it on which PC and when. */
export interface ConflictSide {
  /** the value as the officer reads it (dates, numbers and empty values in Chinese) */
  display: string;
  /** ISO timestamp from the change's clock */
  at: string;
  deviceId: string;
  operator: string;
  /** this PC wrote it */
  isThisDevice: boolean;
}

export interface ConflictView {
  id: string;
  kind: ConflictKind;
  status: ConflictStatus;
  /** 督查事项, 公文 … */
  tableLabel: string;
  tableName: string;
  rowId: string;
  /** the record in words: the task's title, the unit's name, the document's title and 文号 */
  rowLabel: string;
  /** the task the record belongs to, to open it */
  taskId: string | null;
  /** the document concerned (duplicate_number: the one numbered later) */
  documentId: string | null;
  /** 办理期限, 事项名称 … */
  columnLabel: string;
  earlier: ConflictSide;
  later: ConflictSide;
  /** the side the ledger shows now */
  winner: 'earlier' | 'later';
  resolution: string | null;
  choices: readonly ConflictChoice[];
}

export const conflictQuery = z.object({
  status: z.enum(CONFLICT_STATUSES).nullable().default('open'),
  rowId: id.nullable().default(null),
});

export const conflictResolution = z
  .object({
    id,
    choice: z.enum(CONFLICT_CHOICES, { error: '请选择处理方式' }),
    /** for manual: the value typed by hand */
    manualValue: z.union([z.string().max(5000, '内容不能超过 5000 个字'), z.number(), z.null()]).optional(),
  })
  .refine((r) => r.choice !== 'manual' || r.manualValue !== undefined, { message: '请填写手动编辑后的内容', path: ['manualValue'] });

/** Phantom marker (as in channels.ts). */
const returns = <T>() => undefined as unknown as T;

/** The records that carry a 冲突 badge in the lists (台账, 单位, 公文): those with open conflicts. */
export interface ConflictedRecords {
  taskIds: string[];
  unitIds: string[];
  documentIds: string[];
}

export const conflictChannels = {
  'conflicts.list': { input: conflictQuery, output: returns<ConflictView[]>() },
  'conflicts.openRecords': { input: empty, output: returns<ConflictedRecords>() },
  'conflicts.resolve': { input: conflictResolution, output: returns<ConflictView>() },
} as const;
