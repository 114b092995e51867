/**
 * The one IPC contract: channel → zod input schema → result type.
 *
 * Main binds every channel through one wrapper that parses the input with the schema here;
 * the preload exposes exactly these channel names; the renderer sees the typed `window.api`.
 * Messages in the schemas are what the user reads next to a form field, so they are Chinese.
 */
import { z } from 'zod';
import { documentChannels } from './documents';
import { conflictChannels } from './conflicts';
import { sharingChannels } from './sharing';
import { xlsxChannels } from './xlsx';
import { statisticsChannels } from './statistics';
import { printChannels } from './print';
import { ACTION_PURPOSES, workflowChannels } from './workflow';
import { empty, id, isoDate, ledgerQuery, percent, phone, requiredText, text, year } from './schemas';

export { id, isoDate, ledgerQuery } from './schemas';
import type {
  AppInfo,
  Dashboard,
  DemoSummary,
  ErrorReportReceipt,
  HolidayYear,
  IntegrityReport,
  LedgerPage,
  Result,
  Settings,
  TaskDetail,
  Unit,
} from './types';
import {
  ACTION_METHODS,
  HOLIDAY_KINDS,
  RHYTHMS,
  TASK_SOURCES,
  TIME_LIMIT_UNITS,
  UNIT_KINDS,
  UNIT_ROLES,
} from './vocabulary';

export const taskUnitInput = z.object({
  unitId: id,
  role: z.enum(UNIT_ROLES, { error: '请选择牵头或配合' }),
  contactPerson: text(40, '联系人').default(''),
  contactPhone: phone.default(''),
});

export const milestoneInput = z.object({
  label: requiredText(40, '节点名称'),
  dueDate: isoDate,
  plannedPercent: percent,
  description: text(500, '节点说明').default(''),
});

export const taskInput = z
  .object({
    year,
    source: z.enum(TASK_SOURCES, { error: '请选择事项来源' }),
    code: text(40, '序号').default(''),
    title: requiredText(200, '事项名称'),
    content: text(5000, '工作内容').default(''),
    sourceRef: text(200, '来源依据').default(''),
    sourceDate: z.union([isoDate, z.literal('')]).default(''),
    leader: text(40, '责任领导').default(''),
    assignedDate: isoDate,
    /** Either a time limit (value + unit, due date computed) or a fixed due date. */
    timeLimitValue: z.number().int('时限应为整数').min(1, '时限至少 1 天').max(3650, '时限不能超过 3650 天').nullable().default(null),
    timeLimitUnit: z.enum(TIME_LIMIT_UNITS).nullable().default(null),
    dueDate: isoDate.nullable().default(null),
    rhythm: z.enum(RHYTHMS).optional(),
    parentId: id.nullable().default(null),
    note: text(2000, '备注').default(''),
    units: z.array(taskUnitInput).min(1, '请至少指定一个责任单位').max(200, '责任单位太多'),
    milestones: z.array(milestoneInput).max(48, '计划节点太多').default([]),
  })
  .superRefine((t, ctx) => {
    const hasLimit = t.timeLimitValue !== null || t.timeLimitUnit !== null;
    if (hasLimit && (t.timeLimitValue === null || t.timeLimitUnit === null)) {
      ctx.addIssue({ code: 'custom', path: ['timeLimitValue'], message: '办理时限需同时填写天数和单位（日或工作日）' });
    }
    if (!hasLimit && t.dueDate === null) {
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: '请填写办理期限，或填写办理时限（日/工作日）' });
    }
    if (t.dueDate !== null && t.dueDate < t.assignedDate) {
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: '办理期限不能早于交办日期' });
    }
    if (!t.units.some((u) => u.role === 'lead')) {
      ctx.addIssue({ code: 'custom', path: ['units'], message: '请至少指定一个牵头单位' });
    }
    const seen = new Set<string>();
    for (const u of t.units) {
      if (seen.has(u.unitId)) {
        ctx.addIssue({ code: 'custom', path: ['units'], message: '同一单位不能重复列入责任单位' });
        break;
      }
      seen.add(u.unitId);
    }
  });


export const unitInput = z.object({
  name: requiredText(60, '单位名称'),
  shortName: text(20, '简称').default(''),
  kind: z.enum(UNIT_KINDS, { error: '请选择单位类别' }),
  leaderName: text(40, '分管负责同志').default(''),
  leaderPhone: phone.default(''),
  directorName: text(40, '办公室主任').default(''),
  directorPhone: phone.default(''),
  liaisonName: text(40, '联络员').default(''),
  liaisonPhone: phone.default(''),
  sortOrder: z.number().int().min(0).max(99999).default(0),
});

export const progressInput = z
  .object({
    taskId: id,
    unitId: id,
    period: text(20, '报告期').default(''),
    reportDate: isoDate,
    percent: percent.nullable().default(null),
    stage: text(100, '所处阶段').default(''),
    doneText: text(5000, '工作进展').default(''),
    problems: text(5000, '存在问题').default(''),
    nextSteps: text(5000, '下步打算').default(''),
    noChange: z.boolean().default(false),
    reporter: text(40, '报送人').default(''),
  })
  .superRefine((p, ctx) => {
    if (!p.noChange && p.doneText === '' && p.percent === null && p.stage === '') {
      ctx.addIssue({ code: 'custom', path: ['doneText'], message: '请填写工作进展、完成比例或所处阶段；若与上期相同，请勾选“与上期相比无变化”' });
    }
  });

export const actionInput = z.object({
  taskId: id,
  unitId: id.nullable().default(null),
  method: z.enum(ACTION_METHODS, { error: '请选择督办方式' }),
  actionDate: isoDate,
  note: text(2000, '督办情况').default(''),
  /** 催办 counts against the unit (通报, 考核), so it names the unit chased */
  purpose: z.enum(ACTION_PURPOSES, { error: '请选择督办或催办' }).default('supervise'),
});

export const extensionRequestInput = z.object({
  taskId: id,
  unitId: id,
  reason: requiredText(2000, '延期理由'),
  stageProgress: text(5000, '阶段性进展').default(''),
  requestedDate: isoDate,
});

export const extensionDecisionInput = z.object({
  id,
  approve: z.boolean({ error: '请选择批准或不予批准' }),
  newDueDate: isoDate.nullable().default(null),
  note: text(2000, '审批意见').default(''),
});

export const settingsInput = z.object({
  operator: requiredText(40, '经办人姓名').optional(),
  officeName: requiredText(60, '发文机关名称').optional(),
  dueSoonWorkdays: z.number().int().min(0, '临期提醒天数在 0–30 之间').max(30, '临期提醒天数在 0–30 之间').optional(),
});

/** Phantom marker: carries the result type of a channel without any runtime value. */
const returns = <T>() => undefined as unknown as T;

/** The ledger core's channels; the document registry's come from documents.ts, the workflow's from workflow.ts. */
const coreChannels = {
  'app.info': { input: empty, output: returns<AppInfo>() },
  'app.setup': {
    input: z.object({
      operator: requiredText(40, '经办人姓名'),
      officeName: requiredText(60, '发文机关名称'),
      loadDemo: z.boolean(),
    }),
    output: returns<AppInfo>(),
  },
  'app.check': { input: empty, output: returns<IntegrityReport>() },
  /** The renderer's unexpected error (a page failed to render, an uncaught error or rejection): logged by main. */
  'app.reportError': {
    input: z.object({
      where: z.enum(['render', 'error', 'rejection']),
      message: text(2000, '错误信息'),
      stack: text(12000, '错误位置').default(''),
      page: text(100, '页面').default(''),
    }),
    output: returns<ErrorReportReceipt>(),
  },
  'settings.get': { input: empty, output: returns<Settings>() },
  'settings.update': { input: settingsInput, output: returns<Settings>() },
  'dashboard.get': { input: z.object({ year: year.nullable().default(null) }), output: returns<Dashboard>() },
  'tasks.list': { input: ledgerQuery, output: returns<LedgerPage>() },
  'tasks.get': { input: z.object({ id }), output: returns<TaskDetail>() },
  'tasks.create': { input: taskInput, output: returns<TaskDetail>() },
  'tasks.update': { input: z.object({ id, task: taskInput }), output: returns<TaskDetail>() },
  'tasks.setCompleted': {
    input: z.object({ id, completedOn: isoDate.nullable() }),
    output: returns<TaskDetail>(),
  },
  'tasks.leaders': { input: empty, output: returns<string[]>() },
  'tasks.previewDueDate': {
    input: z.object({
      assignedDate: isoDate,
      timeLimitValue: z.number().int().min(1).max(3650),
      timeLimitUnit: z.enum(TIME_LIMIT_UNITS),
    }),
    output: returns<{ dueDate: string; note: string }>(),
  },
  'progress.add': { input: progressInput, output: returns<TaskDetail>() },
  'actions.add': { input: actionInput, output: returns<TaskDetail>() },
  'extensions.request': { input: extensionRequestInput, output: returns<TaskDetail>() },
  'extensions.decide': { input: extensionDecisionInput, output: returns<TaskDetail>() },
  'units.list': { input: z.object({ includeInactive: z.boolean().default(false) }), output: returns<Unit[]>() },
  'units.create': { input: unitInput, output: returns<Unit>() },
  'units.update': { input: z.object({ id, unit: unitInput }), output: returns<Unit>() },
  'units.setActive': { input: z.object({ id, active: z.boolean() }), output: returns<Unit>() },
  'holidays.get': { input: z.object({ year }), output: returns<HolidayYear>() },
  'holidays.set': {
    input: z.object({ date: isoDate, kind: z.enum(HOLIDAY_KINDS), note: text(60, '说明').default('') }),
    output: returns<HolidayYear>(),
  },
  'holidays.remove': { input: z.object({ id }), output: returns<HolidayYear>() },
  'demo.load': { input: empty, output: returns<DemoSummary>() },
} as const;

export const contract = { ...coreChannels, ...documentChannels, ...workflowChannels, ...conflictChannels, ...sharingChannels, ...xlsxChannels, ...statisticsChannels, ...printChannels } as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What a caller passes (defaults may be omitted). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** What a handler receives after parsing. */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = Contract[C]['output'];

export const CHANNELS = Object.keys(contract) as Channel[];

/** The typed API the renderer sees as `window.api`: one function per channel. */
export type Api = { [C in Channel]: (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>> };

/** The map of use cases that main binds (and the e2e bridge serves). */
export type Handlers<Ctx> = {
  [C in Channel]: (input: ParsedInput<C>, ctx: Ctx) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};
