import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChaseList } from '../../../electron/contract/workflow';
import type { TempLedger } from '../../support/temp-ledger';
import { report, rowCounts, task, unit, workflowLedger } from './fixture';

let t: TempLedger;
const u: Record<'water' | 'town' | 'street' | 'finance', string> = { water: '', town: '', street: '', finance: '' };
const ids = { silent: '', reported: '', pending: '', early: '', monthly: '' };

/** today 2016-09-20 */
beforeEach(async () => {
  t = await workflowLedger('2016-09-20');
  u.water = await unit(t, '区水利局', { liaisonName: '钱立新', liaisonPhone: '0575-82110001', sortOrder: 3 });
  u.town = await unit(t, '丰惠镇', { kind: 'township', directorName: '杜佳琪', sortOrder: 2 });
  u.street = await unit(t, '百官街道', { kind: 'subdistrict', sortOrder: 1 });
  u.finance = await unit(t, '区财政局', { sortOrder: 4 });
  // Overdue, nothing reported, no request: listed.
  ids.silent = await task(t, '完成曹娥江沿岸河道清淤', u.water, { code: '会1', dueDate: '2016-09-09', assist: u.town });
  // Overdue, but the unit reported after the deadline: explained, not listed.
  ids.reported = await task(t, '落实丰惠古城区块改造资金', u.town, { code: '会2', dueDate: '2016-09-09' });
  await report(t, ids.reported, u.town, '2016-09-12', { percent: 80 });
  // Overdue with a pending extension request: explained, not listed.
  ids.pending = await task(t, '制定城区夜市整治方案', u.street, { code: '会3', dueDate: '2016-09-09' });
  await t.ok('extensions.request', { taskId: ids.pending, unitId: u.street, reason: '需征求商户意见', requestedDate: '2016-10-31' });
  // Overdue but only reported before the deadline: listed (a report before it explains nothing).
  ids.early = await task(t, '修订农村公路养护考核办法', u.water, { code: '会4', dueDate: '2016-09-13' });
  await report(t, ids.early, u.water, '2016-09-01', { percent: 60 });
  // 民生实事 on time overall, but the August report is missing: missing_report.
  ids.monthly = await task(t, '新增城区公共停车泊位1000个', u.finance, { code: '民7', source: 'livelihood', assignedDate: '2016-03-15', dueDate: '2016-12-31' });
  await report(t, ids.monthly, u.finance, '2016-07-03', { percent: 40 });
});
afterEach(async () => t.close());

const group = (list: ChaseList, unitId: string) => list.groups.find((g) => g.unitId === unitId);

describe('催办 list', () => {
  it('lists overdue items without explanation and missing reports, by unit, with the contact', async () => {
    const list = await t.ok('chase.list', { year: 2016 });
    expect(list).toMatchObject({ today: '2016-09-20', year: 2016, chaseFlagCount: 2 });
    expect(list.groups.map((g) => g.unitName)).toEqual(['区水利局', '区财政局']);
    const water = group(list, u.water)!;
    expect(water).toMatchObject({ contact: '联络员钱立新（0575-82110001）', chasesThisYear: 0, chasesSinceLastBulletin: 0, flaggedForBulletin: false, lastChasedOn: null });
    expect(water.items.map((i) => [i.reason, i.taskCode, i.dueDate, i.daysOverdue])).toEqual([
      ['overdue_no_report', '会1', '2016-09-09', 11],
      ['overdue_no_report', '会4', '2016-09-13', 7],
    ]);
    expect(water.items[0]).toMatchObject({ taskId: ids.silent, source: 'meeting', chasedTimes: 0, lastChasedOn: null, periodLabel: null, obligationId: null });
    const finance = group(list, u.finance)!;
    expect(finance.items).toEqual([
      expect.objectContaining({ reason: 'missing_report', taskId: ids.monthly, periodLabel: '2016年8月', dueDate: '2016-09-05', daysOverdue: 15 }),
    ]);
    // 配合 units do not owe reports (the default setting): 丰惠镇 is not chased for 会1.
    expect(group(list, u.town)).toBeUndefined();
    expect(group(list, u.street)).toBeUndefined();
    expect((await t.ok('chase.list', { year: 2016, unitId: u.finance })).groups.map((g) => g.unitName)).toEqual(['区财政局']);
    expect((await t.ok('chase.list', { year: 2015 })).groups).toEqual([]);
  });

  it('an approved extension takes the item off the list; the task done takes it off too', async () => {
    const requested = await t.ok('extensions.request', { taskId: ids.silent, unitId: u.water, reason: '汛期无法施工', requestedDate: '2016-10-31' });
    await t.ok('extensions.decide', { id: requested.extensions[0]!.id, approve: true, note: '' });
    await t.ok('tasks.setCompleted', { id: ids.early, completedOn: '2016-09-19' });
    const list = await t.ok('chase.list', { year: 2016 });
    expect(group(list, u.water)).toBeUndefined();
  });

  it('records one 催办 per task, counts chase events per date, flags after two and resets at a signed 情况通报', async () => {
    const before = await rowCounts(t);
    const future = await t.call('chase.record', { year: 2016, unitIds: [u.water], method: 'phone', actionDate: '2016-09-21' });
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error).toMatchObject({ code: 'invalid_input', message: '催办日期不能晚于今天。', fields: { actionDate: '催办日期不能晚于今天' } });
    const notListed = await t.call('chase.record', { year: 2016, unitIds: [u.water, u.town], method: 'phone', actionDate: '2016-09-20' });
    expect(notListed.ok).toBe(false);
    if (!notListed.ok) expect(notListed.error.message).toContain('该单位当前没有需要催办的事项（丰惠镇）');
    expect(await rowCounts(t)).toEqual(before);

    const first = await t.ok('chase.record', { year: 2016, unitIds: [u.water, u.finance], method: 'phone', actionDate: '2016-09-20', note: '电话催促尽快反馈' });
    const actions = await t.ctx.ledger.db.selectFrom('supervision_actions').selectAll().where('purpose', '=', 'chase').orderBy('task_id').execute();
    expect(actions.map((a) => [a.task_id, a.unit_id, a.method, a.action_date, a.note, a.operator, a.document_id])).toEqual(
      [
        [ids.silent, u.water, 'phone', '2016-09-20', '电话催促尽快反馈', '周敏', null],
        [ids.early, u.water, 'phone', '2016-09-20', '电话催促尽快反馈', '周敏', null],
        [ids.monthly, u.finance, 'phone', '2016-09-20', '电话催促尽快反馈', '周敏', null],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(group(first, u.water)).toMatchObject({ chasesThisYear: 1, chasesSinceLastBulletin: 1, lastChasedOn: '2016-09-20', flaggedForBulletin: false });
    expect(group(first, u.water)!.items[0]).toMatchObject({ chasedTimes: 1, lastChasedOn: '2016-09-20' });
    const detail = await t.ok('tasks.get', { id: ids.silent });
    expect(detail.actions[0]).toMatchObject({ purpose: 'chase', documentId: null, unitName: '区水利局' });

    // The same day again is the same chase event.
    const again = await t.ok('chase.record', { year: 2016, unitIds: [u.water], method: 'written', actionDate: '2016-09-20' });
    expect(group(again, u.water)).toMatchObject({ chasesThisYear: 1, flaggedForBulletin: false });
    expect(group(again, u.water)!.items[0]!.chasedTimes).toBe(1);

    t.setToday('2016-09-21');
    const second = await t.ok('chase.record', { year: 2016, unitIds: [u.water], method: 'onsite', actionDate: '2016-09-21' });
    expect(group(second, u.water)).toMatchObject({ chasesThisYear: 2, chasesSinceLastBulletin: 2, lastChasedOn: '2016-09-21', flaggedForBulletin: true });
    expect(group(second, u.water)!.items[0]).toMatchObject({ chasedTimes: 2, lastChasedOn: '2016-09-21' });
    // Flagged units come first, even with fewer items.
    expect(second.groups[0]!.unitId).toBe(u.water);

    const [bulletin] = await t.ok('documents.draft', { type: 'situation_bulletin', year: 2016, periodFrom: '2016-01-01', periodTo: '2016-09-21' });
    const unsigned = await t.ok('chase.list', { year: 2016 });
    expect(group(unsigned, u.water)!.flaggedForBulletin).toBe(true);
    await t.ok('documents.sign', { id: bulletin!.id, signer: '王建国', signedOn: '2016-09-21' });
    const reset = await t.ok('chase.list', { year: 2016 });
    expect(group(reset, u.water)).toMatchObject({ chasesThisYear: 2, chasesSinceLastBulletin: 0, flaggedForBulletin: false });

    // A chase through actions.add counts too, and must name the unit.
    t.setToday('2016-09-22');
    const noUnit = await t.call('actions.add', { taskId: ids.silent, method: 'phone', actionDate: '2016-09-22', purpose: 'chase' });
    expect(noUnit.ok).toBe(false);
    if (!noUnit.ok) expect(noUnit.error.message).toBe('催办须选择被催办的单位。');
    await t.ok('actions.add', { taskId: ids.silent, unitId: u.water, method: 'phone', actionDate: '2016-09-22', purpose: 'chase' });
    expect(group(await t.ok('chase.list', { year: 2016 }), u.water)).toMatchObject({ chasesThisYear: 3, chasesSinceLastBulletin: 1 });
  });

  it('drafts one 催办通知 per unit from its list, and links the chase to the notice addressed to it', async () => {
    const refused = await t.call('chase.draftNotices', { year: 2016, unitIds: [u.street], newDeadline: '2016-09-30' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('该单位当前没有需要催办的事项（百官街道）');

    const drafts = await t.ok('chase.draftNotices', { year: 2016, unitIds: [u.water, u.finance], newDeadline: '2016-09-30' });
    expect(drafts.map((d) => [d.type, d.status, d.recipients])).toEqual([
      ['urge_notice', 'draft', ['区水利局']],
      ['urge_notice', 'draft', ['区财政局']],
    ]);
    const water = await t.ok('documents.get', { id: drafts[0]!.id });
    expect(water.taskIds).toEqual([ids.silent, ids.early]);
    expect(water.title).toBe('关于催办逾期未办结督查事项的通知');
    const finance = await t.ok('documents.get', { id: drafts[1]!.id });
    expect(finance.taskIds).toEqual([ids.monthly]);
    expect(finance.title).toBe('关于催报“新增城区公共停车泊位1000个”进展情况的通知');
    const text = JSON.stringify(finance.model);
    expect(text).toContain('截至2016年9月20日，你单位未按要求报送该事项2016年8月进展情况（应于2016年9月5日前报送），已逾期15天，也未说明原因。');
    expect(text).toContain('于2016年9月30日前将上述事项的办理结果、进展情况或整改情况书面报区政府办公室（督查科）');

    await t.ok('chase.record', { year: 2016, unitIds: [u.water, u.finance], method: 'written', actionDate: '2016-09-20', documentIds: drafts.map((d) => d.id) });
    const linked = await t.ctx.ledger.db.selectFrom('supervision_actions').select(['unit_id', 'document_id']).where('purpose', '=', 'chase').execute();
    for (const a of linked) expect(a.document_id).toBe(a.unit_id === u.water ? drafts[0]!.id : drafts[1]!.id);
  });
});
