import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TempLedger } from '../../support/temp-ledger';
import { rowCounts, task, unit, workflowLedger } from './fixture';

let t: TempLedger;
const u: Record<'water' | 'town' | 'street', string> = { water: '', town: '', street: '' };
const ids: Record<string, string> = {};

async function signed(request: Parameters<TempLedger['ok']>[1] & object, signedOn = '2016-09-20'): Promise<string[]> {
  const drafts = await t.ok('documents.draft', request as never);
  for (const d of drafts) await t.ok('documents.sign', { id: d.id, signer: '王建国', signedOn });
  return drafts.map((d) => d.id);
}

beforeEach(async () => {
  t = await workflowLedger('2016-09-20');
  u.water = await unit(t, '区水利局', { sortOrder: 1 });
  u.town = await unit(t, '丰惠镇', { kind: 'township', sortOrder: 2 });
  u.street = await unit(t, '百官街道', { kind: 'subdistrict', sortOrder: 3 });
  ids.overdue = await task(t, '完成曹娥江沿岸河道清淤', u.water, { dueDate: '2016-08-31', assist: u.town });
  ids.onTrack = await task(t, '新建城区排涝泵站', u.street, { dueDate: '2016-12-31' });
});
afterEach(async () => t.close());

describe('obligations', () => {
  it('a signed 督查通知书 opens one answer per unit with the document’s 限期 and the unit’s tasks; drafts open nothing', async () => {
    const drafts = await t.ok('documents.draft', { type: 'supervision_notice', unitIds: [u.water, u.town], taskIds: [ids.overdue!], deadline: '2016-09-30' });
    expect(await t.ok('obligations.list', {})).toEqual([]);
    for (const d of drafts) await t.ok('documents.sign', { id: d.id, signer: '王建国', signedOn: '2016-09-20' });
    const list = await t.ok('obligations.list', {});
    expect(list.map((o) => [o.kind, o.unitName, o.state, o.issuedOn, o.dueDate, o.taskIds, o.daysLate])).toEqual([
      ['notice_answer', '区水利局', 'open', '2016-09-20', '2016-09-30', [ids.overdue], 0],
      ['notice_answer', '丰惠镇', 'open', '2016-09-20', '2016-09-30', [ids.overdue], 0],
    ]);
    expect(list[0]!.documentNumber).toMatch(/^虞政办督〔2016〕\d+号$/);
    expect(list[0]!.documentTitle).toContain('督查通知');
    const logged = await t.ctx.ledger.db.selectFrom('change_log').select('operator').where('table_name', '=', 'obligations').execute();
    expect(logged.length).toBeGreaterThan(0);
    expect(new Set(logged.map((l) => l.operator))).toEqual(new Set(['周敏']));
  });

  it('a signed 批评通报 opens a 整改 report per criticised unit; cancelling it voids them', async () => {
    const [bulletin] = await signed({ type: 'criticism_bulletin', unitIds: [u.water, u.street], taskIds: [], explanationDeadline: '2016-09-27', facts: '未按要求报送办理情况。' });
    const opened = await t.ok('obligations.list', { kind: 'rectification' });
    expect(opened.map((o) => [o.unitName, o.dueDate, o.taskIds, o.state])).toEqual([
      ['区水利局', '2016-09-27', [ids.overdue], 'open'],
      ['百官街道', '2016-09-27', [], 'open'],
    ]);
    await t.ok('documents.cancel', { id: bulletin!, reason: '事实有误' });
    const voided = await t.ok('obligations.list', { documentId: bulletin! });
    expect(voided.map((o) => o.state)).toEqual(['void', 'void']);
    expect(await t.ok('obligations.list', { states: ['open', 'overdue'] })).toEqual([]);
    const refused = await t.call('obligations.receive', { id: voided[0]!.id, receivedOn: '2016-09-20' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('该公文已作废');
  });

  it('receipts: on time, late, overdue while open; bad receipts are refused and save nothing', async () => {
    await signed({ type: 'supervision_notice', unitIds: [u.water, u.town], taskIds: [ids.overdue!], deadline: '2016-09-30' });
    const [water, town] = await t.ok('obligations.list', {});
    t.setToday('2016-10-05');
    expect((await t.ok('obligations.list', { states: ['overdue'] })).map((o) => [o.unitName, o.daysLate])).toEqual([
      ['区水利局', 5],
      ['丰惠镇', 5],
    ]);

    const before = await rowCounts(t);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ id: water!.id, receivedOn: '2016-10-06' }, '收到日期不能晚于今天。'],
      [{ id: water!.id, receivedOn: '2016-09-19' }, '收到日期不能早于公文签发日期（2016年9月20日）。'],
      [{ id: '01890a5d-ac96-774b-bcce-b30209999999', receivedOn: '2016-10-01' }, '找不到该回复事项，可能已被删除。请刷新后重试。'],
    ];
    for (const [input, message] of cases) {
      const result = await t.call('obligations.receive', input as never);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toBe(message);
    }
    expect(await rowCounts(t)).toEqual(before);

    const onTime = await t.ok('obligations.receive', { id: water!.id, receivedOn: '2016-09-29', note: '已完成清淤80%，书面报告已收' });
    expect(onTime).toMatchObject({ state: 'on_time', receivedOn: '2016-09-29', receivedNote: '已完成清淤80%，书面报告已收', receivedBy: '周敏', daysLate: 0 });
    const late = await t.ok('obligations.receive', { id: town!.id, receivedOn: '2016-10-03' });
    expect(late).toMatchObject({ state: 'late', daysLate: 3 });
    const twice = await t.call('obligations.receive', { id: town!.id, receivedOn: '2016-10-04' });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('已于2016年10月3日登记过') });
    expect((await t.ok('obligations.list', { states: ['late'] })).map((o) => o.unitName)).toEqual(['丰惠镇']);
    expect((await t.ok('obligations.list', { unitId: u.water })).map((o) => o.state)).toEqual(['on_time']);
    expect(await t.ok('obligations.list', { year: 2015 })).toEqual([]);
  });

  it('a correction carries the answers over instead of asking twice', async () => {
    const [original] = await signed({ type: 'supervision_notice', unitIds: [u.water], taskIds: [ids.overdue!], deadline: '2016-09-30' });
    const [opened] = await t.ok('obligations.list', {});
    const correction = await t.ok('documents.correct', { id: original! });
    await t.ok('documents.sign', { id: correction.id, signer: '王建国', signedOn: '2016-09-20' });
    const after = await t.ok('obligations.list', {});
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: opened!.id, documentId: correction.id, issuedOn: '2016-09-20', dueDate: '2016-09-30', state: 'open' });
    // The corrected document withdrawn: the answer now belongs to the correction and stays.
    await t.ok('documents.cancel', { id: original!, reason: '已更正' });
    expect((await t.ok('obligations.list', {}))[0]!.state).toBe('open');
    await t.ok('documents.cancel', { id: correction.id, reason: '撤回' });
    expect((await t.ok('obligations.list', {}))[0]!.state).toBe('void');
  });

  it('an unanswered notice is on the 催办 list and in the 催办通知 with its 文号 and 限期', async () => {
    await signed({ type: 'supervision_notice', unitIds: [u.street], taskIds: [ids.onTrack!], deadline: '2016-09-22' });
    const [notice] = await t.ok('obligations.list', {});
    t.setToday('2016-09-26');
    const list = await t.ok('chase.list', { year: 2016 });
    const street = list.groups.find((g) => g.unitId === u.street)!;
    expect(street.items).toEqual([
      expect.objectContaining({
        reason: 'notice_unanswered',
        obligationId: notice!.id,
        documentId: notice!.documentId,
        documentNumber: notice!.documentNumber,
        taskId: ids.onTrack,
        dueDate: '2016-09-22',
        daysOverdue: 4,
        source: null,
      }),
    ]);
    const [draft] = await t.ok('chase.draftNotices', { year: 2016, unitIds: [u.street], newDeadline: '2016-09-30' });
    const record = await t.ok('documents.get', { id: draft!.id });
    expect(record.title).toBe('关于催办督查事项有关情况的通知');
    expect(JSON.stringify(record.model)).toContain(
      `区政府办公室于2016年9月20日印发《${notice!.documentTitle}》（${notice!.documentNumber}），要求你单位于2016年9月22日前落实整改，并将整改情况书面报告。截至2016年9月26日，已逾期4天，你单位仍未报送。`,
    );
    // Chases of the unit on the notice's task after its 限期 count for the item.
    await t.ok('chase.record', { year: 2016, unitIds: [u.street], method: 'phone', actionDate: '2016-09-26', documentIds: [draft!.id] });
    const chased = (await t.ok('chase.list', { year: 2016 })).groups.find((g) => g.unitId === u.street)!;
    expect(chased.items[0]).toMatchObject({ chasedTimes: 1, lastChasedOn: '2016-09-26' });
    const summary = await t.ok('workflow.summary', { year: 2016 });
    expect(summary.overdueObligations.map((o) => o.id)).toEqual([notice!.id]);
  });
});
