/**
 * The 年度考核评分表: drafted through the registry from the hand-made ledger (same figures as score.test.ts), exported
 * to .docx and read back; unnumbered unless the office gives it a 文号 prefix; refused when there is nothing to score.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as FeedbackModule from '../../../electron/services/workflow/feedback';
import type { FeedbackCell } from '../../../electron/contract/workflow';
import { settledJob } from '../../../electron/services/documents/jobs';
import { findAll, readDocx, textOf, type DocxPackage } from '../../support/docx-reader';
import { tempDir } from '../../support/temp-ledger';
import { allText, attachmentRows, bodyLines, official } from '../documents/builders/model-text';
import { openHandMade, type HandMade } from './hand-made';

const fake = vi.hoisted(() => ({ cells: [] as FeedbackCell[] }));
vi.mock('../../../electron/services/workflow/feedback', async (importOriginal) => ({
  ...(await importOriginal<typeof FeedbackModule>()),
  feedbackCells: vi.fn(async (_ctx: unknown, options: { year: number }) => (options.year === 2016 ? fake.cells : [])),
}));

let h: HandMade;
beforeAll(async () => {
  h = await openHandMade();
  const missing = (task: 'T1' | 'T2' | 'T3', unit: '百官' | '发改', dueDate: string, state: 'missing' | 'late' = 'missing'): FeedbackCell => ({
    taskId: h.task[task],
    taskCode: task,
    taskTitle: task,
    source: 'meeting',
    unitId: h.unit[unit],
    unitName: unit,
    role: 'lead',
    period: { key: `due:${dueDate}`, label: `办理期限${dueDate}`, start: '2016-03-01', end: dueDate, dueDate },
    state,
    reportId: null,
    reportDate: state === 'late' ? '2016-07-20' : null,
    extensionId: null,
  });
  fake.cells = [missing('T1', '百官', '2016-06-30'), missing('T2', '百官', '2016-08-31'), missing('T2', '百官', '2016-07-10', 'late'), missing('T3', '发改', '2016-10-31')];
}, 30_000);
afterAll(async () => h.t.close());

/** The rows of the first table (the score table; the 版记 is a later one). */
const tableRows = (docx: DocxPackage): string[][] =>
  findAll(findAll(docx.body, 'w:tbl')[0], 'w:tr').map((tr) => findAll(tr, 'w:tc').map((tc) => textOf(tc)));

describe('年度考核评分表', () => {
  it('drafts one report with the rules, the summary and the score table, and exports it', async () => {
    const [summary] = await h.t.ok('documents.draft', { type: 'assessment_sheet', year: 2016 });
    expect(summary).toMatchObject({ type: 'assessment_sheet', status: 'draft', title: '关于2016年度政务督查考核评分情况的报告', number: null });
    expect(summary!.recipients).toEqual(['区目标责任制考核工作领导小组办公室']);
    const record = await h.t.ok('documents.get', { id: summary!.id });
    const model = official(record.model);
    expect(model.mainRecipients).toBe('区目标责任制考核工作领导小组办公室');
    expect(model.attachmentNames).toEqual(['2016年度政务督查考核评分表']);
    expect(record.unitIds.sort()).toEqual([h.unit.百官, h.unit.发改, h.unit.财政, h.unit.曹娥].sort());

    const lines = bodyLines(model);
    expect(lines[0]).toMatch(/^按照2016年度区政府重点目标任务督查工作安排和加强督查结果运用的要求，.*区政府办公室对各乡镇（街道）、部门单位2016年度督查事项落实情况进行了考核评分。现将有关情况报告如下：$/u);
    expect(lines).toEqual(expect.arrayContaining(['一、评分办法', '二、评分结果', '三、有关建议', '特此报告。']));
    expect(lines).toContain(
      '考核满分100分，由基础分和任务完成分组成。基础分30分；任务完成分70分，按各单位承担事项的加权完成率计算（牵头事项权重为1、配合事项权重为0.5；按期办结计全分，逾期办结按50%计分，到期未办结不计分；尚未到期的事项不计入；没有到期事项的单位按满分计）。',
    );
    expect(lines).toContain(
      '扣分项目：未按期报送进展每次扣1分，逾期报送进展每次扣0.5分，被催办每次扣1分，被批评通报每次扣3分，整改情况逾期报送每次扣2分，督查通知书逾期回复每次扣1分，移送纪检监察每次扣5分，扣分合计不超过30分。',
    );
    expect(lines).toContain('加分项目：受表扬通报每次加2分，加分合计不超过5分。');
    // (102 + 83 + 40.33 + 0) / 4 = 56.3325 → 56.33
    expect(lines).toContain('共对4个单位进行了评分，平均得分56.33分。最高分102分（曹娥街道），最低分0分（区财政局）。');
    // Due task–units: 百官 T1, T2; 发改 T1, T3; 财政 T5 (T4 not yet due) = 5: on time 2, late 1, open 2
    expect(lines).toContain('各单位承担的已到期事项（按责任单位计）共5项次，其中按期办结2项次、逾期办结1项次、到期未办结2项次。');
    expect(lines).toContain(
      '被扣分的单位3个。扣分事由为：未按期报送进展3次（2个单位），逾期报送进展1次（1个单位），被催办3次（2个单位），被批评通报2次（2个单位），整改情况逾期报送1次（1个单位），督查通知书逾期回复1次（1个单位），移送纪检监察8次（2个单位）。其中区财政局扣分超过上限，按30分计。',
    );
    expect(lines).toContain('获得加分的单位2个：受表扬通报4次（2个单位）。');
    expect(allText(model)).toContain('区发改局、区财政局被政务督查批评通报，已在评分中按规定扣分。');

    expect(attachmentRows(model)).toEqual([
      ['1', '曹娥街道', '—', '70', '0', '2', '102', '1', '无到期事项，完成分按满分计；受表扬通报1次加2分'],
      ['2', '百官街道', '75%', '52.5', '4.5', '5', '83', '2', '逾期办结1项；未按期报送进展2次扣2分；逾期报送进展1次扣0.5分；被催办1次扣1分；督查通知书逾期回复1次扣1分；受表扬通报3次加6分；加分超过上限，按5分计'],
      ['3', '区发改局', '33.3%', '23.33', '13', '0', '40.33', '3', '到期未办结1项；未按期报送进展1次扣1分；被催办2次扣2分；被批评通报1次扣3分；整改情况逾期报送1次扣2分；移送纪检监察1次扣5分'],
      ['4', '区财政局', '0%', '0', '30', '0', '0', '4', '到期未办结1项；被批评通报1次扣3分；移送纪检监察7次扣35分；扣分超过上限，按30分计'],
    ]);

    // Exported and read back: the same words in the .docx, the table on its own landscape page.
    const folder = tempDir('assessment-export-');
    h.t.ctx.ports.chooseExportFolder = async () => folder;
    const { jobId } = await h.t.ok('documents.export', { ids: [summary!.id] });
    const job = await settledJob(h.t.ctx, jobId!);
    expect(job).toMatchObject({ state: 'done', done: 1 });
    const docx = await readDocx(readFileSync(job.files[0]!));
    expect(docx.paragraphs.map((p) => p.text.replace(/\n/gu, '')).join('')).toContain('关于2016年度政务督查考核评分情况的报告');
    docx.paragraph('区目标责任制考核工作领导小组办公室：');
    docx.paragraph('附件：2016年度政务督查考核评分表');
    const rows = tableRows(docx);
    expect(rows[0]).toEqual(['序号', '单位', '完成率', '完成分', '扣分', '加分', '总分', '排名', '扣分加分事由']);
    expect(rows.slice(1).map((r) => r.slice(0, 8))).toEqual(attachmentRows(model).map((r) => r.slice(0, 8)));
    const orientations = docx.sections.map((s) => findAll(s, 'w:pgSz')[0]?.attrs['w:orient'] ?? 'portrait');
    expect(orientations).toContain('landscape');
  });

  it('lists only the chosen units, with their rank among all', async () => {
    const [summary] = await h.t.ok('documents.draft', { type: 'assessment_sheet', year: 2016, unitIds: [h.unit.发改], basis: '《关于做好2016年区政府重点目标任务督查工作的通知》（虞政办发〔2016〕36号）' });
    const model = official((await h.t.ok('documents.get', { id: summary!.id })).model);
    expect(attachmentRows(model).map((r) => [r[1], r[7]])).toEqual([['区发改局', '3']]);
    expect(bodyLines(model)[0]).toMatch(/^根据《关于做好2016年区政府重点目标任务督查工作的通知》（虞政办发〔2016〕36号）关于加强督查结果运用的要求，/u);
    expect(bodyLines(model)).toContain('附表列出其中区发改局的评分情况，排名为在全部4个单位中的名次。');
  });

  it('is unnumbered unless the office gives it a 文号 prefix', async () => {
    const [first] = await h.t.ok('documents.draft', { type: 'assessment_sheet', year: 2016 });
    const unnumbered = await h.t.ok('documents.sign', { id: first!.id, signer: '王建国', signedOn: '2017-01-15' });
    expect(unnumbered.number).toBeNull();
    const settings = await h.t.ok('documents.settings.get', {});
    await h.t.ok('documents.settings.update', { ...settings, numberPrefixes: { ...settings.numberPrefixes, assessment_sheet: '虞政办考' } });
    const [second] = await h.t.ok('documents.draft', { type: 'assessment_sheet', year: 2016 });
    const numbered = await h.t.ok('documents.sign', { id: second!.id, signer: '王建国', signedOn: '2017-01-15' });
    expect(numbered.number).toBe('虞政办考〔2017〕1号');
  });

  it('refuses a year with no unit to score, and a chosen unit with no record', async () => {
    const empty = await h.t.call('documents.draft', { type: 'assessment_sheet', year: 2015 });
    expect(empty).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: '台账中没有2015年度可考核的单位（既没有督查事项，也没有扣分、加分记录），无法生成考核评分表。请检查年度。' },
    });
    const idle = (await h.t.ok('units.create', { name: '区统计局', kind: 'department' })).id;
    const unscored = await h.t.call('documents.draft', { type: 'assessment_sheet', year: 2016, unitIds: [h.unit.百官, idle] });
    expect(unscored).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '区统计局在2016年度没有督查事项和扣分、加分记录，不在考核评分表中。请取消选择。' } });
  });
});
