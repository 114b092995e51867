import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../../../electron/contract/channels';
import { ledgerQuery } from '../../../../electron/contract/schemas';
import { calendarOf } from '../../../../electron/services/holidays';
import { insertTask } from '../../../../electron/services/tasks';
import { draftDocuments } from '../../../../electron/services/documents/builders/index';
import { openTempLedger, type TempLedger } from '../../../support/temp-ledger';
import { allText, attachmentRows, bodyLines, official } from './model-text';
import { OFFICE, TITLES, openSmallLedger, settingsFor } from './small-ledger';

let t: TempLedger;
afterEach(async () => t.close());

describe('台账摘录', () => {
  it('derives its title from the filter and lists the matching rows', async () => {
    const s = await openSmallLedger();
    t = s.t;
    const query = ledgerQuery.parse({ year: 2016, source: 'work_report', unitId: s.unit.发改, role: 'lead', statuses: ['overdue'] });
    const [doc] = await draftDocuments(t.ctx, { type: 'ledger_extract', query, title: '' }, settingsFor());
    expect(doc!.title).toBe('2016年督查台账（政府工作报告·区发改局牵头·逾期）');
    expect(bodyLines(doc!.model)[0]).toBe(
      '筛选条件：2016年度；来源为政府工作报告；责任单位为区发改局牵头；状态为逾期。截至2016年9月20日，共2项，均为逾期。明细见附件。',
    );
    const rows = attachmentRows(doc!.model);
    expect(rows).toEqual([
      ['1', `1 ${TITLES.A}`, '政府工作报告', '区发改局', '—', '2016年8月31日', '60%', '逾期'],
      ['2', `2 ${TITLES.B}`, '政府工作报告', '区发改局', '区财政局', '2016年9月9日', '—', '逾期'],
    ]);
    expect(official(doc!.model).attachments?.[0]?.landscape).toBe(true);
    expect(doc!.fileStem).toBe('台账摘录-2016年督查台账（政府工作报告·区发改局牵头·逾期）-2016-09-20');
  });

  it('takes every page of a view longer than one ledger page', async () => {
    t = await openTempLedger('2016-09-20');
    await t.ok('app.setup', { operator: '周敏', officeName: OFFICE, loadDemo: false });
    const unitId = (await t.ok('units.create', { name: '区住建局', kind: 'department' })).id;
    // One transaction through the service that tasks.create uses: 501 separate calls would take seconds.
    const calendar = await calendarOf(t.ctx);
    await t.ctx.ledger.db.transaction().execute(async (trx) => {
      for (let i = 1; i <= 501; i += 1) {
        const input = contract['tasks.create'].input.parse({
          year: 2016, source: 'special', code: String(i), title: `农村危旧房改造第${i}户`, assignedDate: '2016-03-01', dueDate: '2016-12-31', units: [{ unitId, role: 'lead' }],
        });
        await insertTask(trx, t.ctx, input, calendar);
      }
    });
    const [doc] = await draftDocuments(t.ctx, { type: 'ledger_extract', query: ledgerQuery.parse({ sortField: 'code' }), title: '危旧房改造台账' }, settingsFor());
    const rows = attachmentRows(doc!.model);
    expect(rows).toHaveLength(501);
    expect(rows.at(-1)![1]).toBe('501 农村危旧房改造第501户');
    expect(doc!.title).toBe('危旧房改造台账');
    expect(bodyLines(doc!.model)[0]).toContain('范围：全部督查事项。截至2016年9月20日，共501项');
  });
});

describe('民生实事公示表', () => {
  it('publishes every item of the year with its quarter’s progress', async () => {
    t = await openTempLedger('2016-10-10');
    await t.ok('app.setup', { operator: '周敏', officeName: OFFICE, loadDemo: false });
    const edu = (await t.ok('units.create', { name: '区教育体育局', kind: 'department' })).id;
    const health = (await t.ok('units.create', { name: '区卫计局', kind: 'department' })).id;
    const item = async (code: string, title: string, lead: string, area: string) =>
      (
        await t.ok('tasks.create', {
          year: 2016,
          source: 'livelihood',
          code,
          title,
          sourceRef: `《2016年度区政府十方面民生实事季度实施计划表》（${area}）`,
          assignedDate: '2016-03-15',
          dueDate: '2016-12-31',
          units: [{ unitId: lead, role: 'lead' }],
          milestones: [{ label: '三季度末', dueDate: '2016-09-30', plannedPercent: 75 }],
        })
      ).task.id;
    const kindergartens = await item('1-1', '新建改扩建幼儿园5所', edu, '教育事业');
    const checkups = await item('2-1', '为65周岁以上老年人免费健康体检5万人', health, '医疗卫生');
    await t.ok('progress.add', { taskId: kindergartens, unitId: edu, reportDate: '2016-10-08', percent: 80, doneText: '截至9月底，4所幼儿园主体工程完工。' });
    await t.ok('progress.add', { taskId: checkups, unitId: health, reportDate: '2016-10-09', percent: 50, doneText: '截至9月底，累计体检2.5万人。' });

    const [doc] = await draftDocuments(t.ctx, { type: 'livelihood_publication', year: 2016, quarter: 3 }, settingsFor());
    expect(doc!.title).toBe('2016年区政府两方面民生实事第三季度进展情况公示');
    const text = allText(doc!.model);
    expect(text).toContain('根据《2016年度区政府十方面民生实事季度实施计划表》，现将截至2016年9月30日的');
    expect(text).toContain('全年2项民生实事项目中，已完成0项，序时推进1项，滞后于序时进度1项。');
    expect(text).toContain('联系电话：0575-82123456');
    expect(attachmentRows(doc!.model)).toEqual([
      ['1', '教育事业', '区教育体育局', '新建改扩建幼儿园5所', '截至9月底，4所幼儿园主体工程完工。（完成80%）', '序时推进'],
      ['2', '医疗卫生', '区卫计局', '为65周岁以上老年人免费健康体检5万人', '截至9月底，累计体检2.5万人。（完成50%）', '滞后序时进度'],
    ]);
    expect(official(doc!.model).attachments?.[0]?.blocks[0]).toMatchObject({ kind: 'table', columns: expect.arrayContaining([{ title: '第三季度进展', width: 40 }]) });
    expect(official(doc!.model).colophon).toBeUndefined();
  });
});
