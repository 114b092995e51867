import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../electron/contract/channels';
import type { workflowChannels } from '../../../electron/contract/workflow';
import { dispatch } from '../../../electron/services/dispatch';
import { handlers } from '../../../electron/services/handlers';
import { DEFAULT_WORKFLOW_SETTINGS } from '../../../electron/services/workflow/settings';
import type { TempLedger } from '../../support/temp-ledger';
import { report, task, unit, workflowLedger } from './fixture';

let t: TempLedger;
beforeEach(async () => {
  t = await workflowLedger('2016-09-20');
});
afterEach(async () => t.close());

describe('workflow.summary', () => {
  it('gives the 工作台 this period’s missing reports, whom to chase, overdue answers and pending extensions', async () => {
    const water = await unit(t, '区水利局', { sortOrder: 1 });
    const finance = await unit(t, '区财政局', { sortOrder: 2 });
    const street = await unit(t, '百官街道', { kind: 'subdistrict', sortOrder: 3 });
    const overdue = await task(t, '完成曹娥江沿岸河道清淤', water, { dueDate: '2016-09-09' });
    for (const title of ['新增城区公共停车泊位1000个', '新建公共厕所30座']) {
      await task(t, title, finance, { source: 'livelihood', assignedDate: '2016-03-15', dueDate: '2016-12-31' });
    }
    const pending = await task(t, '制定城区夜市整治方案', street, { dueDate: '2016-09-09' });
    await t.ok('extensions.request', { taskId: pending, unitId: street, reason: '需征求商户意见', requestedDate: '2016-10-31' });
    const monthly = await task(t, '新建农村文化礼堂20家', street, { source: 'livelihood', assignedDate: '2016-03-15', dueDate: '2016-12-31' });
    await report(t, monthly, street, '2016-09-02');
    const [notice] = await t.ok('documents.draft', { type: 'supervision_notice', unitIds: [water], taskIds: [overdue], deadline: '2016-09-20' });
    await t.ok('documents.sign', { id: notice!.id, signer: '王建国', signedOn: '2016-09-20' });
    await t.ok('chase.record', { year: 2016, unitIds: [water], method: 'phone', actionDate: '2016-09-19' });
    await t.ok('chase.record', { year: 2016, unitIds: [water], method: 'phone', actionDate: '2016-09-20' });
    t.setToday('2016-09-21');

    const summary = await t.ok('workflow.summary', { year: 2016 });
    expect(summary).toMatchObject({ today: '2016-09-21', year: 2016, unitsToChase: 2, flaggedUnits: 1, pendingExtensions: 1 });
    expect(summary.currentPeriods.find((p) => p.source === 'livelihood')!.period!.label).toBe('2016年8月');
    expect(summary.missingByUnit).toEqual([
      { unitId: finance, unitName: '区财政局', missing: 2 },
      { unitId: water, unitName: '区水利局', missing: 1 },
      // A pending request explains the overdue item (not on the 催办 list) but the report is still missing.
      { unitId: street, unitName: '百官街道', missing: 1 },
    ]);
    expect(summary.overdueObligations.map((o) => [o.unitName, o.kind, o.daysLate])).toEqual([['区水利局', 'notice_answer', 1]]);
  });
});

/** One call per workflow channel that the contract or the service refuses, with its Chinese message. */
const REFUSALS: Record<Exclude<keyof typeof workflowChannels, `assessment.${string}`>, [unknown, string, string]> = {
  'workflow.settings.get': [{ extra: 1 }, 'invalid_input', '输入有误'],
  'workflow.settings.update': [
    { ...DEFAULT_WORKFLOW_SETTINGS, rhythms: { ...DEFAULT_WORKFLOW_SETTINGS.rhythms, livelihood: { rhythm: 'monthly', graceDays: 61 } } },
    'invalid_input',
    '报送宽限天数在 0–60 之间',
  ],
  'workflow.summary': [{ year: 1999 }, 'invalid_input', '年度应在 2000–2100 之间'],
  'feedback.overview': [{ year: 2016, scope: 'month' }, 'invalid_input', '输入有误'],
  'feedback.ofUnit': [{ year: 2016, unitId: 'x' }, 'invalid_input', '编号格式不正确'],
  'chase.list': [{ year: 2016, unitId: '42' }, 'invalid_input', '编号格式不正确'],
  'chase.record': [{ year: 2016, unitIds: [], method: 'phone', actionDate: '2016-09-20' }, 'invalid_input', '请至少选择一个单位'],
  'chase.draftNotices': [{ year: 2016, unitIds: ['01890a5d-ac96-774b-bcce-b30209999999'], newDeadline: '2016-02-30' }, 'invalid_input', '这一天不存在，请检查日期'],
  'obligations.list': [{ states: ['lost'] }, 'invalid_input', '输入有误'],
  'obligations.receive': [{ id: '01890a5d-ac96-774b-bcce-b30209999999', receivedOn: '2016-09-20' }, 'not_found', '找不到该回复事项'],
  'referrals.add': [{ unitId: '01890a5d-ac96-774b-bcce-b30209999999', referredOn: '2016-09-20', referredTo: ' ', reason: '失职' }, 'invalid_input', '请填写移送机关'],
  'referrals.list': [{ year: 1999 }, 'invalid_input', '年度应在 2000–2100 之间'],
  'tasks.timeline': [{ id: '01890a5d-ac96-774b-bcce-b30209999999' }, 'not_found', '找不到该督查事项'],
};

describe('workflow channels through dispatch', () => {
  it.each(Object.entries(REFUSALS))('%s refuses with a typed Chinese error', async (channel, [input, code, message]) => {
    const result = await dispatch(handlers, t.ctx, channel as Channel, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toContain(message);
    expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('no workflow channel is left a stub', async () => {
    for (const channel of Object.keys(REFUSALS)) {
      const result = await dispatch(handlers, t.ctx, channel, channel === 'tasks.timeline' || channel === 'obligations.receive' ? null : { year: 2016 });
      if (!result.ok) expect(result.error.message, channel).not.toContain('尚未完成');
    }
  });
});
