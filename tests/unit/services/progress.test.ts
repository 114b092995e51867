import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

let t: TempLedger;
let leadId: string;
let otherId: string;
let taskId: string;

beforeEach(async () => {
  t = await openTempLedger('2016-07-05');
  leadId = (await t.ok('units.create', { name: '区水利局', kind: 'department' })).id;
  otherId = (await t.ok('units.create', { name: '丰惠镇', kind: 'township' })).id;
  const detail = await t.ok('tasks.create', {
    year: 2016,
    source: 'livelihood',
    code: '3',
    title: '完成农村饮用水提标改造工程12处',
    assignedDate: '2016-02-01',
    dueDate: '2016-12-31',
    units: [{ unitId: leadId, role: 'lead' }],
    milestones: [
      { label: '一季度', dueDate: '2016-03-31', plannedPercent: 20 },
      { label: '二季度', dueDate: '2016-06-30', plannedPercent: 50 },
      { label: '三季度', dueDate: '2016-09-30', plannedPercent: 80 },
    ],
  });
  taskId = detail.task.id;
});
afterEach(async () => t.close());

describe('progress reports', () => {
  it('turns a task behind its milestone back to on track when the unit reports enough', async () => {
    const before = await t.ok('tasks.get', { id: taskId });
    expect(before.status).toBe('behind');
    expect(before.plannedPercent).toBe(50);

    const after = await t.ok('progress.add', {
      taskId,
      unitId: leadId,
      period: '2016-06',
      reportDate: '2016-07-04',
      percent: 55,
      doneText: '已完成7处改造，2处进入扫尾',
      problems: '个别村管网用地协调慢',
      nextSteps: '9月底前完成其余5处',
    });
    expect(after.status).toBe('on_track');
    expect(after.latestPercent).toBe(55);
    expect(after.reports[0]!.doneText).toBe('已完成7处改造，2处进入扫尾');

    const page = await t.ok('tasks.list', { statuses: ['behind'] });
    expect(page.total).toBe(0);
  });

  it('accepts a “no change” report without text and keeps the previous percentage', async () => {
    await t.ok('progress.add', { taskId, unitId: leadId, reportDate: '2016-06-01', percent: 60, doneText: '完成过半' });
    const detail = await t.ok('progress.add', { taskId, unitId: leadId, reportDate: '2016-07-01', noChange: true });
    expect(detail.reports[0]!.noChange).toBe(true);
    expect(detail.latestPercent).toBe(60);
  });

  it('refuses an empty report, a unit outside the task and a date in the future', async () => {
    const empty = await t.call('progress.add', { taskId, unitId: leadId, reportDate: '2016-07-01' });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.fields?.doneText).toMatch(/请填写工作进展/);

    const stranger = await t.call('progress.add', { taskId, unitId: otherId, reportDate: '2016-07-01', percent: 10 });
    expect(stranger.ok).toBe(false);
    if (!stranger.ok) expect(stranger.error.message).toMatch(/不是本事项的责任单位/);

    const future = await t.call('progress.add', { taskId, unitId: leadId, reportDate: '2016-08-01', percent: 10 });
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error.fields?.reportDate).toBe('报送日期不能晚于今天');

    const percent = await t.call('progress.add', { taskId, unitId: leadId, reportDate: '2016-07-01', percent: 120 });
    expect(percent.ok).toBe(false);
    expect((await t.ok('tasks.get', { id: taskId })).reports).toHaveLength(0);
  });

  it('records a supervision action with the operator', async () => {
    await t.ok('settings.update', { operator: '周敏' });
    const detail = await t.ok('actions.add', { taskId, unitId: leadId, method: 'phone', actionDate: '2016-07-05', note: '电话催报二季度进度' });
    expect(detail.actions[0]).toMatchObject({ method: 'phone', operator: '周敏', unitName: '区水利局' });
  });
});
