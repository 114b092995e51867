import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

let t: TempLedger;
let leadId: string;
let assistId: string;
let strangerId: string;
let taskId: string;

beforeEach(async () => {
  t = await openTempLedger('2016-07-05');
  await t.ok('settings.update', { operator: '周敏' });
  leadId = (await t.ok('units.create', { name: '区水利局', kind: 'department' })).id;
  assistId = (await t.ok('units.create', { name: '丰惠镇', kind: 'township' })).id;
  strangerId = (await t.ok('units.create', { name: '百官街道', kind: 'subdistrict' })).id;
  const detail = await t.ok('tasks.create', {
    year: 2016,
    source: 'meeting',
    code: '会2016-05-3',
    title: '完成曹娥江沿岸河道清淤',
    assignedDate: '2016-06-01',
    dueDate: '2016-06-30',
    units: [
      { unitId: leadId, role: 'lead' },
      { unitId: assistId, role: 'assist' },
    ],
  });
  taskId = detail.task.id;
});
afterEach(async () => t.close());

const request = (over: Record<string, unknown> = {}) => ({
  taskId,
  unitId: leadId,
  reason: '汛期水位高，无法进场施工',
  stageProgress: '已完成清淤方案设计和招标',
  requestedDate: '2016-09-30',
  ...over,
});

describe('extensions (延期)', () => {
  it('records a request, and an approval moves the due date and the light while keeping the original deadline', async () => {
    expect((await t.ok('tasks.get', { id: taskId })).status).toBe('overdue');
    const requested = await t.ok('extensions.request', request());
    expect(requested.extensions).toHaveLength(1);
    expect(requested.extensions[0]).toMatchObject({
      unitName: '区水利局',
      reason: '汛期水位高，无法进场施工',
      stageProgress: '已完成清淤方案设计和招标',
      requestedDate: '2016-09-30',
      status: 'requested',
      decidedOn: null,
      originalDueDate: null,
    });
    expect(requested.task.dueDate).toBe('2016-06-30');
    expect(requested.status).toBe('overdue');

    const approved = await t.ok('extensions.decide', { id: requested.extensions[0]!.id, approve: true, note: '同意延期' });
    expect(approved.task.dueDate).toBe('2016-09-30');
    expect(approved.status).toBe('on_track');
    expect(approved.originalDueDate).toBe('2016-06-30');
    expect(approved.extensions[0]).toMatchObject({
      status: 'approved',
      decidedOn: '2016-07-05',
      decidedBy: '周敏',
      decisionNote: '同意延期',
      originalDueDate: '2016-06-30',
      approvedDueDate: '2016-09-30',
    });
    expect((await t.ok('tasks.list', { statuses: ['overdue'] })).total).toBe(0);

    // A second extension, granted to a different date than asked: the original deadline stays the first one.
    const second = await t.ok('extensions.request', request({ unitId: assistId, requestedDate: '2016-12-31' }));
    const again = await t.ok('extensions.decide', { id: second.extensions[0]!.id, approve: true, newDueDate: '2016-11-30', note: '' });
    expect(again.task.dueDate).toBe('2016-11-30');
    expect(again.originalDueDate).toBe('2016-06-30');
    expect(again.extensions.map((e) => [e.status, e.originalDueDate, e.approvedDueDate])).toEqual([
      ['approved', '2016-09-30', '2016-11-30'],
      ['approved', '2016-06-30', '2016-09-30'],
    ]);
  });

  it('writes the change log for the request, its decision and the task’s new due date', async () => {
    const requested = await t.ok('extensions.request', request());
    const id = requested.extensions[0]!.id;
    await t.ok('extensions.decide', { id, approve: true, note: '' });
    const db = t.ctx.ledger.db;
    const logged = await db.selectFrom('change_log').select(['column_name', 'value', 'operator']).where('row_id', '=', id).execute();
    expect(logged.map((r) => r.column_name)).toEqual(expect.arrayContaining(['reason', 'requested_date', 'status', 'approved_due_date']));
    // 'requested' is the column's default: the insert does not log it (db/repository.ts), the decision does.
    expect(logged.filter((r) => r.column_name === 'status').map((r) => r.value)).toEqual(['"approved"']);
    expect((await db.selectFrom('extension_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('approved');
    const due = await db
      .selectFrom('change_log')
      .select(['value', 'operator'])
      .where('table_name', '=', 'tasks')
      .where('row_id', '=', taskId)
      .where('column_name', '=', 'due_date')
      .execute();
    expect(due.map((r) => r.value)).toEqual(['"2016-06-30"', '"2016-09-30"']);
    expect(due[1]!.operator).toBe('周敏');
  });

  it('a refusal keeps the due date and the history', async () => {
    const requested = await t.ok('extensions.request', request());
    const id = requested.extensions[0]!.id;
    const noNote = await t.call('extensions.decide', { id, approve: false, note: '' });
    expect(noNote.ok).toBe(false);
    if (!noNote.ok) expect(noNote.error.message).toMatch(/请填写不予批准的理由/);

    const refused = await t.ok('extensions.decide', { id, approve: false, note: '理由不充分，请按期完成' });
    expect(refused.task.dueDate).toBe('2016-06-30');
    expect(refused.status).toBe('overdue');
    expect(refused.originalDueDate).toBe('2016-06-30');
    expect(refused.extensions[0]).toMatchObject({ status: 'refused', decisionNote: '理由不充分，请按期完成', approvedDueDate: null });

    const twice = await t.call('extensions.decide', { id, approve: true, note: '' });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.message).toMatch(/已经审批过/);
  });

  it('refuses bad input with Chinese messages and saves nothing', async () => {
    const notLater = await t.call('extensions.request', request({ requestedDate: '2016-06-30' }));
    expect(notLater.ok).toBe(false);
    if (!notLater.ok) expect(notLater.error.message).toMatch(/应晚于现在的办理期限（2016-06-30）/);

    const stranger = await t.call('extensions.request', request({ unitId: strangerId }));
    expect(stranger.ok).toBe(false);
    if (!stranger.ok) expect(stranger.error.message).toMatch(/不是本事项的责任单位/);

    const emptyReason = await t.call('extensions.request', request({ reason: '   ' }));
    expect(emptyReason.ok).toBe(false);
    if (!emptyReason.ok) expect(emptyReason.error.fields?.reason).toBe('请填写延期理由');

    const pending = await t.ok('extensions.request', request());
    const before = await t.call('extensions.decide', { id: pending.extensions[0]!.id, approve: true, newDueDate: '2016-06-15', note: '' });
    expect(before.ok).toBe(false);
    if (!before.ok) expect(before.error.message).toMatch(/延至的日期应晚于现在的办理期限/);

    await t.ok('tasks.setCompleted', { id: taskId, completedOn: '2016-07-04' });
    const closed = await t.call('extensions.request', request());
    expect(closed.ok).toBe(false);
    if (!closed.ok) expect(closed.error.message).toMatch(/已办结/);
    const approveClosed = await t.call('extensions.decide', { id: pending.extensions[0]!.id, approve: true, note: '' });
    expect(approveClosed.ok).toBe(false);
    if (!approveClosed.ok) expect(approveClosed.error.message).toMatch(/已办结/);

    const detail = await t.ok('tasks.get', { id: taskId });
    expect(detail.task.dueDate).toBe('2016-06-30');
    expect(detail.extensions.map((e) => e.status)).toEqual(['requested']);
  });

  it('a holiday override does not move an extended deadline, but still moves the others', async () => {
    const limited = (title: string) =>
      t.ok('tasks.create', {
        year: 2016,
        source: 'instruction',
        title,
        assignedDate: '2016-07-01',
        timeLimitValue: 10,
        timeLimitUnit: 'workday',
        units: [{ unitId: leadId, role: 'lead' }],
      });
    const extended = await limited('区长信箱反映的小区积水问题');
    const plain = await limited('区长信箱反映的路灯不亮问题');
    expect(extended.task.dueDate).toBe('2016-07-15');
    const requested = await t.ok('extensions.request', request({ taskId: extended.task.id, requestedDate: '2016-07-29' }));
    await t.ok('extensions.decide', { id: requested.extensions[0]!.id, approve: true, note: '' });

    await t.ok('holidays.set', { date: '2016-07-12', kind: 'holiday', note: '测试' });
    expect((await t.ok('tasks.get', { id: extended.task.id })).task.dueDate).toBe('2016-07-29');
    expect((await t.ok('tasks.get', { id: plain.task.id })).task.dueDate).toBe('2016-07-18');
  });
});
