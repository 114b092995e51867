/**
 * The handler map: one use case per contract channel. `satisfies Handlers<…>` makes the compiler
 * refuse a channel without a handler or a handler with the wrong input or result type.
 */
import type { Handlers } from '../contract/channels';
import { checkLedger, getAppInfo, reportRendererError, setUpLedger } from './app';
import type { ServiceContext } from './context';
import { getDashboard } from './dashboard';
import { loadDemoLedger } from './demo';
import { documentHandlers } from './documents/handlers';
import { decideExtension, requestExtension } from './extensions';
import { getHolidayYear, removeHoliday, setHoliday, statusParamsOf } from './holidays';
import { ledgerPage } from './ledger-query';
import { addProgressReport, addSupervisionAction } from './progress';
import { getSettings, updateSettings } from './settings';
import { createTask, getTaskDetail, listLeaders, previewDueDate, setTaskCompleted, updateTask } from './tasks';
import { createUnit, listUnits, setUnitActive, updateUnit } from './units';
import { workflowHandlers } from './workflow/handlers';
import { assessmentHandlers } from './assessment/handlers';
import { conflictHandlers } from './conflicts/handlers';
import { statisticsHandlers } from './statistics/handlers';
import { xlsxHandlers } from './xlsx/handlers';
import { workspaceHandlers } from './workspace/handlers';
import { printHandlers } from './print/handlers';

export const handlers = {
  'app.info': (_input, ctx) => getAppInfo(ctx),
  'app.setup': (input, ctx) => setUpLedger(ctx, input),
  'app.check': (_input, ctx) => checkLedger(ctx),
  'app.reportError': (input, ctx) => reportRendererError(ctx, input),
  'settings.get': (_input, ctx) => getSettings(ctx),
  'settings.update': (input, ctx) => updateSettings(ctx, input),
  'dashboard.get': (input, ctx) => getDashboard(ctx, input.year),
  'tasks.list': async (input, ctx) => {
    const page = await ledgerPage(ctx.ledger.db, input, await statusParamsOf(ctx));
    return { total: page.total, offset: input.offset, rows: page.rows };
  },
  'tasks.get': (input, ctx) => getTaskDetail(ctx, input.id),
  'tasks.create': (input, ctx) => createTask(ctx, input),
  'tasks.update': (input, ctx) => updateTask(ctx, input.id, input.task),
  'tasks.setCompleted': (input, ctx) => setTaskCompleted(ctx, input.id, input.completedOn),
  'tasks.leaders': (_input, ctx) => listLeaders(ctx),
  'tasks.previewDueDate': (input, ctx) => previewDueDate(ctx, input),
  'progress.add': (input, ctx) => addProgressReport(ctx, input),
  'actions.add': (input, ctx) => addSupervisionAction(ctx, input),
  'extensions.request': (input, ctx) => requestExtension(ctx, input),
  'extensions.decide': (input, ctx) => decideExtension(ctx, input),
  'units.list': (input, ctx) => listUnits(ctx, input.includeInactive),
  'units.create': (input, ctx) => createUnit(ctx, input),
  'units.update': (input, ctx) => updateUnit(ctx, input.id, input.unit),
  'units.setActive': (input, ctx) => setUnitActive(ctx, input.id, input.active),
  'holidays.get': (input, ctx) => getHolidayYear(ctx, input.year),
  'holidays.set': (input, ctx) => setHoliday(ctx, input),
  'holidays.remove': (input, ctx) => removeHoliday(ctx, input.id),
  'demo.load': (_input, ctx) => loadDemoLedger(ctx),
  ...documentHandlers,
  ...workflowHandlers,
  ...assessmentHandlers,
  ...conflictHandlers,
  ...statisticsHandlers,
  ...xlsxHandlers,
  ...workspaceHandlers,
  ...printHandlers,
} satisfies Handlers<ServiceContext>;
