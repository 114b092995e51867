import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRequest } from '../../../../electron/contract/documents';
import { ledgerQuery } from '../../../../electron/contract/schemas';
import { draftDocuments } from '../../../../electron/services/documents/builders/index';
import { TITLES, openSmallLedger, settingsFor, type SmallLedger } from './small-ledger';

let s: SmallLedger;
beforeAll(async () => {
  s = await openSmallLedger();
});
afterAll(async () => s.t.close());

const UNKNOWN = '01890a5d-ac96-774b-bcce-b30209909999';
const draft = (request: DocumentRequest, settings = settingsFor()) => draftDocuments(s.t.ctx, request, settings);
const refused = (code: string, ...parts: string[]) => ({ name: 'ServiceError', code, message: expect.stringMatching(new RegExp(parts.join('.*'), 'u')) });

describe('requests that cannot make a sound document are refused in Chinese', () => {
  it('deadlines in the past or on a day off', async () => {
    await expect(draft({ type: 'urge_notice', unitIds: [s.unit.发改], taskIds: [s.task.A], newDeadline: '2016-09-19' })).rejects.toMatchObject(
      refused('invalid_input', '反馈期限（2016年9月19日）不能早于今天（2016年9月20日）'),
    );
    await expect(
      draft({ type: 'supervision_notice', unitIds: [s.unit.发改], taskIds: [s.task.A], deadline: '2016-09-24', basis: '' }),
    ).rejects.toMatchObject(refused('invalid_input', '整改期限2016年9月24日是周末，请改为工作日'));
    await expect(
      draft({ type: 'criticism_bulletin', unitIds: [s.unit.发改], taskIds: [], explanationDeadline: '2016-10-03', facts: '' }),
    ).rejects.toMatchObject(refused('invalid_input', '2016年10月3日是国庆节放假'));
  });

  it('units and tasks that do not exist or are deactivated', async () => {
    await expect(draft({ type: 'urge_notice', unitIds: [UNKNOWN], taskIds: [s.task.A], newDeadline: '2016-09-30' })).rejects.toMatchObject(
      refused('not_found', '已删除的单位'),
    );
    await expect(draft({ type: 'assignment_sheet', taskIds: [UNKNOWN] })).rejects.toMatchObject(refused('not_found', '找不到该督查事项'));
    const idle = await s.t.ok('units.create', { name: '区旅游局', kind: 'department' });
    await s.t.ok('units.setActive', { id: idle.id, active: false });
    await expect(draft({ type: 'praise_bulletin', unitIds: [idle.id], year: 2016, reason: '' })).rejects.toMatchObject(
      refused('invalid_input', '“区旅游局”已停用', '“单位”页启用'),
    );
  });

  it('per-unit notices where every unit is skipped, saying why for each', async () => {
    await expect(
      draft({ type: 'urge_notice', unitIds: [s.unit.百官, s.unit.财政], taskIds: [s.task.D, s.task.E, s.task.A], newDeadline: '2016-09-30' }),
    ).rejects.toMatchObject(
      refused('invalid_input', `没有可生成的催办通知：百官街道承担的“${TITLES.D}”已办结、“${TITLES.E}”尚未逾期（办理期限2016年12月31日）；区财政局不是所选事项的责任单位`),
    );
  });

  it('a unit with no contact on a 督办单, naming the unit and where to fill it in', async () => {
    await expect(draft({ type: 'assignment_sheet', taskIds: [s.task.C] })).rejects.toMatchObject(
      refused('invalid_input', '“区财政局”没有联系人和电话', '请在“单位”页填写该单位的联络员及电话'),
    );
  });

  it('documents that ask for a report back without the office’s contact in the settings', async () => {
    const noContact = settingsFor({ contactName: '', contactPhone: '' });
    for (const request of [
      { type: 'assignment_sheet', taskIds: [s.task.A] },
      { type: 'urge_notice', unitIds: [s.unit.发改], taskIds: [s.task.A], newDeadline: '2016-09-30' },
      { type: 'supervision_notice', unitIds: [s.unit.发改], taskIds: [s.task.A], deadline: '2016-09-30', basis: '' },
      { type: 'criticism_bulletin', unitIds: [s.unit.发改], taskIds: [], explanationDeadline: '2016-09-30', facts: '' },
    ] as const satisfies DocumentRequest[]) {
      await expect(draft(request, noContact), request.type).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('请先在“设置 → 公文”中填写'),
        fields: { contactName: '请填写督查科联系人', contactPhone: '请填写联系电话' },
      });
    }
    // A bulletin only informs: it goes out without a contact line.
    const [bulletin] = await draft({ type: 'situation_bulletin', source: null, year: 2016, periodFrom: '2016-01-01', periodTo: '2016-06-30' }, noContact);
    expect(bulletin!.model.kind === 'official' && bulletin!.model.note).toBeFalsy();
  });

  it('periods that are reversed or not begun, and years or filters with nothing in them', async () => {
    await expect(draft({ type: 'situation_bulletin', source: null, year: 2016, periodFrom: '2016-07-01', periodTo: '2016-06-30' })).rejects.toMatchObject(
      refused('invalid_input', '开始日期（2016年7月1日）晚于结束日期（2016年6月30日）'),
    );
    await expect(draft({ type: 'situation_bulletin', source: 'project', year: 2016, periodFrom: '2016-01-01', periodTo: '2016-06-30' })).rejects.toMatchObject(
      refused('invalid_input', '台账中没有2016年的有效投资及重点项目'),
    );
    await expect(draft({ type: 'livelihood_publication', year: 2016, quarter: 2 })).rejects.toMatchObject(
      refused('invalid_input', '没有2016年的民生实事项目，无法生成公示表'),
    );
    await expect(draft({ type: 'livelihood_publication', year: 2016, quarter: 4 })).rejects.toMatchObject(
      refused('invalid_input', '2016年第四季度从2016年10月1日开始，尚未到来'),
    );
    await expect(draft({ type: 'ledger_extract', query: ledgerQuery.parse({ year: 2015 }), title: '' })).rejects.toMatchObject(
      refused('invalid_input', '按当前筛选条件台账中没有督查事项'),
    );
  });

  it('praise or criticism with nothing in the ledger to base it on, unless the officer states it', async () => {
    await expect(draft({ type: 'praise_bulletin', unitIds: [s.unit.发改], year: 2016, reason: '' })).rejects.toMatchObject(
      refused('invalid_input', '区发改局在2016年没有已办结的牵头事项', '请填写表扬事由'),
    );
    await expect(draft({ type: 'praise_bulletin', unitIds: [s.unit.发改], year: 2016, reason: '积极争取上级专项资金' })).resolves.toHaveLength(1);
    await expect(
      draft({ type: 'criticism_bulletin', unitIds: [s.unit.百官], taskIds: [], explanationDeadline: '2016-09-30', facts: '' }),
    ).rejects.toMatchObject(refused('invalid_input', '百官街道目前没有逾期或滞后于计划的牵头事项', '请填写通报事实'));
  });
});
