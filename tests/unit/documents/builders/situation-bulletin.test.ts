import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftDocuments } from '../../../../electron/services/documents/builders/index';
import { allText, attachmentRows, bodyLines, official } from './model-text';
import { TITLES, openSmallLedger, settingsFor, type SmallLedger } from './small-ledger';

let s: SmallLedger;
beforeAll(async () => {
  s = await openSmallLedger();
});
afterAll(async () => s.t.close());

const bulletin = async (periodFrom: string, periodTo: string) => {
  const [doc, ...rest] = await draftDocuments(s.t.ctx, { type: 'situation_bulletin', source: 'work_report', year: 2016, periodFrom, periodTo }, settingsFor());
  expect(rest).toEqual([]);
  return doc!;
};

describe('情况通报 from a ledger with known answers', () => {
  it('states the counts and rates of the source as of today', async () => {
    const doc = await bulletin('2016-01-01', '2016-09-20');
    expect(doc.title).toBe('关于2016年以来区政府工作报告目标任务推进情况的通报');
    const text = bodyLines(doc.model).join('\n');
    expect(text).toContain('截至2016年9月20日，区政府工作报告目标任务共5项。其中，已办结1项，办结率20%；');
    expect(text).toContain('正常推进1项，临期0项，滞后于计划1项，逾期未办结2项。');
    // A (08-31) and B (09-09) are overdue, D (08-31) was closed on 08-15: 1 of 3 due on time.
    expect(text).toContain('已到期的3项中，按期办结1项，按期办结率33.3%。');
    // open: A 60, B none (0), C 30, E 50 → 35
    expect(text).toContain('未办结事项平均完成进度为35%。');
    expect(text).not.toContain(TITLES.F); // a 会议决定事项, not this source
  });

  it('names the lagging units, most overdue first, and the unit that finished early', async () => {
    const doc = await bulletin('2016-01-01', '2016-09-20');
    const lines = bodyLines(doc.model);
    const lagging = lines.find((l) => l.includes('牵头的事项存在逾期或滞后情况'))!;
    expect(lagging).toContain('区发改局（逾期2项）、区财政局（滞后1项）等2个单位');
    expect(lagging).not.toContain('百官街道');
    expect(lines.find((l) => l.includes('逾期未办结的事项有'))).toContain(`“${TITLES.A}”（区发改局，已逾期13个工作日）`);
    expect(lines.find((l) => l.includes('高度重视、措施有力'))).toMatch(/^百官街道/u);
    expect(lines.find((l) => l.includes('部分事项推进不够有力'))).toContain('2项事项逾期未办结');
    expect(lines).toContain('五、下步要求');
    expect(doc.unitIds).toEqual(expect.arrayContaining([s.unit.百官, s.unit.发改, s.unit.财政]));
  });

  it('attaches one row per task: 承办单位 / 任务目标 / 分管领导 / 协办单位 / 落实情况', async () => {
    const doc = await bulletin('2016-01-01', '2016-09-20');
    const model = official(doc.model);
    expect(model.attachments?.[0]).toMatchObject({ title: '2016年以来区政府工作报告目标任务推进情况表', landscape: true });
    const rows = attachmentRows(doc.model);
    expect(rows).toHaveLength(5);
    const b = rows.find((r) => r.includes(TITLES.B))!;
    expect(b).toEqual(['2', '区发改局', TITLES.B, '金立明', '区财政局', expect.stringContaining('未报送进展情况')]);
    expect(rows.find((r) => r.includes(TITLES.D))![5]).toContain('已办结（2016年8月15日）');
    expect(rows.find((r) => r.includes(TITLES.A))![5]).toContain('累计完成有效投资288亿元。（进度60%）');
    expect(doc.taskIds).toHaveLength(5);
  });

  it('reports a past period as it stood at its end, counting the reports sent just after it', async () => {
    const doc = await bulletin('2016-01-01', '2016-06-30');
    expect(doc.title).toBe('关于2016年上半年区政府工作报告目标任务推进情况的通报');
    const text = allText(doc.model);
    // D was closed in August, A and B fell due later: at 6-30 nothing was closed or overdue.
    expect(text).toContain('截至2016年6月30日，区政府工作报告目标任务共5项。其中，已办结0项，办结率0%；');
    // C's 7-04 report (30% against 50% planned for 6-30) describes the half year.
    expect(text).toContain('滞后于计划1项，逾期未办结0项');
    expect(text).toContain('区财政局（滞后1项）');
    expect(text).not.toContain('已办结（2016年8月15日）');
  });
});
