import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_ID } from '../db/helpers';
import type { TempLedger } from '../../support/temp-ledger';
import { report, rowCounts, task, unit, workflowLedger } from './fixture';

let t: TempLedger;
let water: string;
let town: string;
let stranger: string;
let taskId: string;

beforeEach(async () => {
  t = await workflowLedger('2016-07-05');
  water = await unit(t, '区水利局');
  town = await unit(t, '丰惠镇', { kind: 'township' });
  stranger = await unit(t, '百官街道', { kind: 'subdistrict' });
  taskId = await task(t, '完成曹娥江沿岸河道清淤', water, { code: '会2016-05-3', assignedDate: '2016-06-01', dueDate: '2016-06-30', assist: town });
});
afterEach(async () => t.close());

describe('referrals (移送纪检监察)', () => {
  it('records a referral with or without a task, lists it by year, unit and task', async () => {
    const referral = await t.ok('referrals.add', { unitId: water, taskId, referredOn: '2016-07-05', referredTo: '区纪委区监委', reason: '逾期未办结且拒不说明原因', note: '附督查记录' });
    expect(referral).toMatchObject({ taskId, taskTitle: '完成曹娥江沿岸河道清淤', unitName: '区水利局', referredOn: '2016-07-05', referredTo: '区纪委区监委', operator: '周敏' });
    const general = await t.ok('referrals.add', { unitId: stranger, referredOn: '2016-07-01', referredTo: '区纪委区监委', reason: '虚报整改情况' });
    expect(general).toMatchObject({ taskId: null, taskTitle: null, note: '' });
    expect((await t.ok('referrals.list', {})).map((r) => r.id)).toEqual([referral.id, general.id]);
    expect((await t.ok('referrals.list', { unitId: stranger })).map((r) => r.id)).toEqual([general.id]);
    expect((await t.ok('referrals.list', { taskId })).map((r) => r.id)).toEqual([referral.id]);
    expect(await t.ok('referrals.list', { year: 2015 })).toEqual([]);
  });

  it('refuses a future date, a unit not on the task, an unknown unit, an empty reason — saving nothing', async () => {
    const before = await rowCounts(t);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ unitId: water, taskId, referredOn: '2016-07-06', referredTo: '区纪委', reason: '失职' }, /移送日期不能晚于今天/],
      [{ unitId: stranger, taskId, referredOn: '2016-07-05', referredTo: '区纪委', reason: '失职' }, /不是本事项的责任单位，不能为其登记移送/],
      [{ unitId: '01890a5d-ac96-774b-bcce-b30209999999', referredOn: '2016-07-05', referredTo: '区纪委', reason: '失职' }, /找不到该单位/],
      [{ unitId: water, referredOn: '2016-07-05', referredTo: '区纪委', reason: '  ' }, /请填写移送事由/],
    ];
    for (const [input, message] of cases) {
      const result = await t.call('referrals.add', input as never);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
    expect(await rowCounts(t)).toEqual(before);
  });
});

describe('task timeline', () => {
  it('tells the whole story in date order with who recorded each step on which machine', async () => {
    await report(t, taskId, water, '2016-06-15', { percent: 40 });
    await t.ok('actions.add', { taskId, unitId: water, method: 'phone', actionDate: '2016-07-01', note: '电话督办' });
    await t.ok('actions.add', { taskId, unitId: water, method: 'written', actionDate: '2016-07-04', purpose: 'chase' });
    const requested = await t.ok('extensions.request', { taskId, unitId: water, reason: '汛期无法施工', requestedDate: '2016-09-30' });
    await t.ok('settings.update', { operator: '王敏' });
    await t.ok('extensions.decide', { id: requested.extensions[0]!.id, approve: true, note: '同意' });
    const [notice] = await t.ok('documents.draft', { type: 'supervision_notice', unitIds: [water], taskIds: [taskId], deadline: '2016-07-15' });
    await t.ok('documents.sign', { id: notice!.id, signer: '王建国', signedOn: '2016-07-05' });
    await t.ok('referrals.add', { unitId: water, taskId, referredOn: '2016-07-05', referredTo: '区纪委区监委', reason: '屡催不办' });
    await t.ok('tasks.setCompleted', { id: taskId, completedOn: '2016-07-05' });

    const timeline = await t.ok('tasks.timeline', { id: taskId });
    expect(timeline.map((e) => [e.date, e.kind, e.title])).toEqual([
      ['2016-06-01', 'assigned', '交办（牵头：区水利局；配合：丰惠镇）'],
      ['2016-06-15', 'report', '区水利局报送进展（完成40%）'],
      ['2016-07-01', 'supervise', '督办区水利局（电话催办）'],
      ['2016-07-04', 'chase', '催办区水利局（书面督办）'],
      ['2016-07-05', 'extension_requested', '区水利局申请延期至2016年9月30日'],
      ['2016-07-05', 'extension_decided', '批准区水利局延期至2016年9月30日'],
      ['2016-07-05', 'edited', '办理期限由2016年6月30日调整为2016年9月30日'],
      ['2016-07-05', 'document', expect.stringMatching(/^起草督查通知书《.+》$/)],
      ['2016-07-05', 'document', expect.stringMatching(/^签发督查通知书《.+》（虞政办督〔2016〕1号）$/)],
      ['2016-07-05', 'obligation', '区水利局应于2016年7月15日前报送督查通知书回复'],
      ['2016-07-05', 'referral', '将区水利局移送区纪委区监委'],
      ['2016-07-05', 'completed', '办结'],
    ]);
    expect(timeline[0]).toMatchObject({ detail: '办理期限2016年6月30日', operator: '周敏' });
    expect(timeline.find((e) => e.kind === 'extension_decided')).toMatchObject({ operator: '王敏', detail: '同意', unitName: '区水利局' });
    expect(timeline.find((e) => e.kind === 'extension_requested')!.operator).toBe('周敏');
    expect(timeline.find((e) => e.kind === 'obligation')!.documentId).toBe(notice!.id);
    const deviceId = t.ctx.write.deviceId;
    expect(deviceId).not.toBe(DEVICE_ID);
    for (const entry of timeline) {
      expect(entry.deviceId, entry.title).toBe(deviceId);
      expect(entry.recordedAt, entry.title).toMatch(/^2016-07-0[45]T/);
    }
    const recorded = timeline.map((e) => `${e.date}|${e.recordedAt}`);
    expect(recorded).toEqual([...recorded].sort());
  });

  it('refuses an unknown task', async () => {
    const result = await t.call('tasks.timeline', { id: '01890a5d-ac96-774b-bcce-b30209999999' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'not_found', message: '找不到该督查事项，可能已被删除。请刷新后重试。' });
  });
});
