import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftDocuments } from '../../../../electron/services/documents/builders/index';
import { allText, attachmentRows, bodyLines, official } from './model-text';
import { TITLES, openSmallLedger, settingsFor, type SmallLedger } from './small-ledger';

let s: SmallLedger;
beforeAll(async () => {
  s = await openSmallLedger();
});
afterAll(async () => s.t.close());

describe('表扬通报', () => {
  it('states what each unit achieved and grades the units', async () => {
    const [doc] = await draftDocuments(
      s.t.ctx,
      { type: 'praise_bulletin', unitIds: [s.unit.财政, s.unit.百官], year: 2016, reason: '区财政局在财政专项资金清理整合中主动作为' },
      settingsFor(),
    );
    expect(doc!.title).toBe('关于表扬2016年度督查事项落实成效突出单位的通报');
    expect(official(doc!.model).mainRecipients).toBe('各乡镇人民政府、街道办事处，区直各部门和单位');
    const lines = bodyLines(doc!.model);
    // D was due 8-31 and closed 8-15: 12 working days early (8-16 … 8-31).
    expect(lines).toContain(`百官街道牵头的2016年度督查事项2项，截至2016年9月20日已办结1项，办结率50%，其中提前办结1项，“${TITLES.D}”比规定期限提前12个工作日完成。`);
    expect(lines).toContain('区财政局在财政专项资金清理整合中主动作为。');
    // 百官街道 closed work early and has nothing lagging; 区财政局 has C behind plan.
    expect(lines).toEqual(expect.arrayContaining(['一、完成情况突出的单位（1个）', '百官街道。', '二、完成情况较好的单位（1个）', '区财政局。']));
    expect(lines.at(-1)).toMatch(/^希望受到表扬的单位/u);
    expect(doc!.unitIds).toEqual([s.unit.百官, s.unit.财政]);
    expect(doc!.taskIds).toEqual([s.task.D]);
  });
});

describe('批评通报', () => {
  it('finds the unit’s overdue tasks itself, criticises, sets the deadline and the consequences', async () => {
    const [doc] = await draftDocuments(
      s.t.ctx,
      { type: 'criticism_bulletin', unitIds: [s.unit.发改], taskIds: [], explanationDeadline: '2016-09-30', facts: '' },
      settingsFor(),
    );
    expect(doc!.title).toBe('关于对区发改局予以通报批评的通报');
    expect(doc!.taskIds).toEqual([s.task.A, s.task.B]);
    const text = allText(doc!.model);
    expect(text).toContain(`区发改局承担的“${TITLES.A}”办理期限为2016年8月31日，已逾期13个工作日未办结`);
    expect(text).toContain('决定对区发改局予以通报批评');
    expect(text).toContain('于2016年9月30日前将书面情况说明和整改报告报区政府办公室（督查科）');
    expect(text).toContain('在年度考核中按规定扣分');
    expect(text).toContain('移送纪检监察部门调查处理');
    expect(attachmentRows(doc!.model).map((r) => r[1])).toEqual([TITLES.A, TITLES.B]);
  });

  it('prints the officer’s facts instead of the computed ones', async () => {
    const [doc] = await draftDocuments(
      s.t.ctx,
      { type: 'criticism_bulletin', unitIds: [s.unit.百官], taskIds: [], explanationDeadline: '2016-09-30', facts: '百官街道在“三改一拆”工作中虚报进度\n经核查，实际拆除面积不足上报数的一半' },
      settingsFor(),
    );
    const lines = bodyLines(doc!.model);
    expect(lines).toContain('百官街道在“三改一拆”工作中虚报进度。');
    expect(lines).toContain('经核查，实际拆除面积不足上报数的一半。');
    expect(official(doc!.model).attachments).toBeUndefined();
  });
});
