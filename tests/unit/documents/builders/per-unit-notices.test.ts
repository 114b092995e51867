import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftDocuments } from '../../../../electron/services/documents/builders/index';
import { allText, attachmentRows, bodyLines, official } from './model-text';
import { TITLES, openSmallLedger, settingsFor, type SmallLedger } from './small-ledger';

let s: SmallLedger;
beforeAll(async () => {
  s = await openSmallLedger();
});
afterAll(async () => s.t.close());

describe('催办通知', () => {
  it('makes one notice per unit with only that unit’s overdue tasks and the new deadline', async () => {
    const docs = await draftDocuments(
      s.t.ctx,
      {
        type: 'urge_notice',
        unitIds: [s.unit.百官, s.unit.财政, s.unit.发改],
        taskIds: [s.task.A, s.task.B, s.task.C, s.task.D],
        newDeadline: '2016-09-30',
      },
      settingsFor(),
    );
    // 百官街道 only has D, which is closed: no notice. Documents follow the unit directory's order.
    expect(docs.map((d) => d.recipients)).toEqual([['区发改局'], ['区财政局']]);
    const [dev, fin] = docs;
    expect(dev!.taskIds).toEqual([s.task.A, s.task.B]);
    expect(dev!.unitIds).toEqual([s.unit.发改]);
    expect(dev!.fileStem).toBe('催办通知-区发改局-2016-09-20');
    expect(dev!.title).toBe('关于催办逾期未办结督查事项的通知');
    const devText = allText(dev!.model);
    expect(devText).toContain(`“${TITLES.A}”系《2016年政府工作报告目标任务细化分解表》确定的督查事项（编号1）`);
    expect(devText).toContain('要求于2016年8月31日前办结并反馈。截至2016年9月20日，该事项已逾期13个工作日');
    expect(devText).toContain('你单位2016年7月5日报送进展后，逾期未反馈办理情况，也未说明原因。');
    expect(devText).toContain(`“${TITLES.B}”`);
    expect(devText).toContain('你单位至今未反馈办理情况，也未说明原因。');
    expect(devText).not.toContain(TITLES.C);
    expect(devText).toContain('于2016年9月30日前将办理结果书面报区政府办公室（督查科）');
    expect(devText).toContain('书面说明原因及阶段性进展');
    expect(devText).toContain('逾期仍未反馈的，区政府办公室将在一定范围内予以通报，并在年度目标责任制考核中按规定扣分。');
    expect(official(dev!.model)).toMatchObject({ mainRecipients: '区发改局', number: null, draft: true, note: '联系人：王敏，联系电话：0575-82123456' });

    // 区财政局 assists B (overdue); its own C is behind but not overdue.
    expect(fin!.taskIds).toEqual([s.task.B]);
    expect(fin!.title).toBe(`关于催办“${TITLES.B}”事项的通知`);
    expect(allText(fin!.model)).toContain('交办你单位配合办理');
  });
});

describe('督查通知书', () => {
  it('lists the unit’s lagging tasks with the ledger’s numbers, the 限期 and the problem list', async () => {
    const [doc, ...rest] = await draftDocuments(
      s.t.ctx,
      { type: 'supervision_notice', unitIds: [s.unit.发改], taskIds: [s.task.A, s.task.B, s.task.C], deadline: '2016-09-30', basis: '' },
      settingsFor(),
    );
    expect(rest).toEqual([]);
    expect(doc!.taskIds).toEqual([s.task.A, s.task.B]);
    expect(doc!.title).toBe('关于加快推进区政府工作报告目标任务有关工作的督查通知');
    const lines = bodyLines(doc!.model);
    expect(lines[0]).toBe('根据《2016年政府工作报告目标任务细化分解表》要求，区政府办公室近期对你单位牵头承担的督查事项落实情况进行了督查。');
    expect(lines.find((l) => l.startsWith('1. '))).toBe(
      `1. “${TITLES.A}”（牵头）：办理期限为2016年8月31日，已逾期13个工作日未办结；目前进度60%；2016年7月5日以来未报送进展，逾期后未说明原因。据你单位报送，主要困难是：资金到位较慢。`,
    );
    expect(lines.join('')).toContain('于2016年9月30日前落实整改，并将整改情况书面报区政府办公室（督查科）');
    expect(lines.join('')).toContain('跟踪督查');
    const model = official(doc!.model);
    expect(model.attachmentNames).toEqual(['存在问题清单']);
    expect(model.attachments?.[0]?.landscape).toBe(true);
    const rows = attachmentRows(doc!.model);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual(['2', TITLES.B, '区发改局（牵头）、区财政局（配合）', '—', '—', expect.stringContaining('至今未报送进展情况'), '2016年9月30日前办结，并书面报告办理结果']);
  });

  it('uses the officer’s basis and a single task’s title', async () => {
    const [doc] = await draftDocuments(
      s.t.ctx,
      { type: 'supervision_notice', unitIds: [s.unit.财政], taskIds: [s.task.C], deadline: '2016-09-30', basis: '根据区政府第12次常务会议精神。' },
      settingsFor(),
    );
    expect(doc!.title).toBe(`关于加快推进${TITLES.C}的督查通知`);
    expect(bodyLines(doc!.model)[0]).toBe('根据区政府第12次常务会议精神，区政府办公室近期对你单位牵头承担的督查事项落实情况进行了督查。');
    expect(bodyLines(doc!.model).join('')).toContain('计划进度50%，实际进度30%，落后20个百分点');
  });
});

describe('督查通知书 for a unit with many lagging items', () => {
  it('summarises them in the text and leaves the detail to the attached list', async () => {
    const other = await openSmallLedger();
    try {
      const behind = async (title: string) =>
        (
          await other.t.ok('tasks.create', {
            year: 2016,
            source: 'project',
            title,
            assignedDate: '2016-02-26',
            dueDate: '2016-12-31',
            units: [{ unitId: other.unit.发改, role: 'lead' }],
            milestones: [{ label: '二季度末', dueDate: '2016-06-30', plannedPercent: 45 }],
          })
        ).task.id;
      const extra = [await behind('329国道上虞段改建工程'), await behind('区人民医院迁建工程')];
      const [doc] = await draftDocuments(
        other.t.ctx,
        { type: 'supervision_notice', unitIds: [other.unit.发改], taskIds: [other.task.A, other.task.B, ...extra], deadline: '2016-09-30', basis: '' },
        settingsFor(),
      );
      expect(bodyLines(doc!.model)[1]).toBe(
        `经督查，截至2016年9月20日，你单位承担的4项工作进展滞后。其中，逾期未办结2项（“${TITLES.A}”“${TITLES.B}”），进度滞后于计划2项（“329国道上虞段改建工程”“区人民医院迁建工程”）。具体问题见附件。`,
      );
      expect(attachmentRows(doc!.model)).toHaveLength(4);
    } finally {
      await other.t.close();
    }
  });
});

describe('督办单', () => {
  it('is one form per task with source, time limit, feedback rules and both contacts', async () => {
    const docs = await draftDocuments(s.t.ctx, { type: 'assignment_sheet', taskIds: [s.task.F, s.task.A] }, settingsFor());
    expect(docs.map((d) => d.taskIds)).toEqual([[s.task.F], [s.task.A]]);
    const form = docs[0]!.model;
    if (form.kind !== 'form') throw new Error('督办单 is a form');
    expect(form).toMatchObject({ organ: '绍兴市上虞区人民政府办公室', title: '督办单', numberLine: '编号：会〔2016〕1', draft: true, footer: '绍兴市上虞区人民政府办公室　2016年9月20日' });
    const field = (label: string) => form.fields.find((f) => f.label === label)?.value;
    expect(field('督办事项')).toBe(TITLES.F);
    expect(field('事项来源')).toBe('会议决定事项：区政府第12次常务会议纪要（2016年9月1日）');
    expect(field('办理时限')).toBe('2016年10月31日前');
    expect(field('反馈要求')).toContain('请于2016年10月31日前将办理情况书面报区政府办公室（督查科）');
    expect(field('督办方式')).toBe('书面督办');
    expect(field('承办人')).toBe('杜佳琪，联系电话：13554089371');
    expect(field('督办人')).toBe('王敏（督查科），联系电话：0575-82123456');
    // 区发改局's own 联络员 stands in when the task names no contact.
    const sheetA = docs[1]!.model;
    if (sheetA.kind !== 'form') throw new Error('督办单 is a form');
    expect(sheetA.fields.find((f) => f.label === '承办人')?.value).toBe('钱立新，联系电话：0575-82110001');
    expect(sheetA.fields.find((f) => f.label === '反馈要求')?.value).toContain('按半年报送工作进展情况');
    expect(docs[1]!.fileStem).toBe('督办单-1-区发改局-2016-09-20');
  });
});
