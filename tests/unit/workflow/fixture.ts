/** Shared set-up for the workflow tests: a temp ledger with a fixed today, units, and a terse task maker. */
import type { ChannelInput } from '../../../electron/contract/channels';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

export const OFFICE = '绍兴市上虞区人民政府办公室';

export async function workflowLedger(today: string): Promise<TempLedger> {
  const t = await openTempLedger(today);
  await t.ok('app.setup', { operator: '周敏', officeName: OFFICE, loadDemo: false });
  const settings = await t.ok('documents.settings.get', {});
  await t.ok('documents.settings.update', { ...settings, contactName: '王敏', contactPhone: '0575-82123456' });
  return t;
}

export async function unit(t: TempLedger, name: string, over: Partial<ChannelInput<'units.create'>> = {}): Promise<string> {
  return (await t.ok('units.create', { name, kind: 'department', ...over })).id;
}

type TaskInput = ChannelInput<'tasks.create'>;

/** A 2016 task led by `lead` (and assisted by `assist`), fixed due date. */
export async function task(t: TempLedger, title: string, lead: string, over: Partial<TaskInput> & { assist?: string } = {}): Promise<string> {
  const { assist, ...rest } = over;
  const input: TaskInput = {
    year: 2016,
    source: 'meeting',
    title,
    assignedDate: '2016-06-01',
    dueDate: '2016-06-30',
    units: [{ unitId: lead, role: 'lead' }, ...(assist ? [{ unitId: assist, role: 'assist' as const }] : [])],
    ...rest,
  };
  return (await t.ok('tasks.create', input)).task.id;
}

export async function report(t: TempLedger, taskId: string, unitId: string, reportDate: string, over: Partial<ChannelInput<'progress.add'>> = {}): Promise<void> {
  await t.ok('progress.add', { taskId, unitId, reportDate, doneText: '按计划推进。', ...over });
}

/** Requests and approves an extension for the unit; returns the request's id. */
export async function extend(t: TempLedger, taskId: string, unitId: string, to: string): Promise<string> {
  const requested = await t.ok('extensions.request', { taskId, unitId, reason: '需协调用地', requestedDate: to });
  const id = requested.extensions[0]!.id;
  await t.ok('extensions.decide', { id, approve: true, note: '同意' });
  return id;
}

/** Counts of rows in the workflow's tables (to check that a refused call saved nothing). */
export async function rowCounts(t: TempLedger): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['supervision_actions', 'obligations', 'referrals', 'documents', 'change_log'] as const) {
    counts[table] = Number(t.ctx.ledger.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
  }
  return counts;
}
