/**
 * One year of the office, driven through the real handlers (dispatch, zod parsing, the registry, the workflow),
 * with the clock moved day by day, then checked against figures worked out by hand: the 催办 list on 12-06, the
 * 文号 of every signed document, and each unit's 考核 score with its reasons. Default rules throughout
 * (workflow: 政府工作报告 half-yearly +10 days, 民生实事 monthly +5, 会议/专项/批示 by their deadline, 项目 quarterly
 * +10, only 牵头 units report; 考核: base 30, completion 70, lead 1 / assist 0.5, late completion 0.5, missing report
 * 1, late report 0.5, chased 1, criticism 3, late rectification 2, notice answered late 1, referral 5, praise +2).
 *
 * Tasks (2016, one per source):
 *   W 政府工作报告 区发改局 lead, 区财政局 assist  03-02 → 12-31   report 07-08; 办结 12-28
 *   L 民生实事     百官街道 lead                  10-01 → 11-30   report 10-28; 办结 12-10 (late)
 *   M 会议决定     区住建局 lead                  04-01 → 06-30   extension approved to 08-31; 办结 08-25
 *   P 重点项目     曹娥街道 lead                  03-02 → 12-31   reports 03-30, 09-28; still open at year end
 *   S 专项督查     百官街道 lead, 曹娥街道 assist  03-02 → 09-30   report 09-25; 办结 09-28
 *   I 领导批示     区财政局 lead                  05-10 → 06-10   no report; 办结 07-15 (late)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../electron/contract/channels';
import type { AssessmentSheet, ChaseList, ScoreRule, UnitScore } from '../../../electron/contract/workflow';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

const OFFICE = '绍兴市上虞区人民政府办公室';

type UnitKey = '百官' | '曹娥' | '发改' | '住建' | '财政';
type TaskKey = 'W' | 'L' | 'M' | 'P' | 'S' | 'I';

let t: TempLedger;
const unit = {} as Record<UnitKey, string>;
const task = {} as Record<TaskKey, string>;
const signed: Array<{ what: string; number: string | null; status: string }> = [];
let chaseListOn1206: ChaseList;
let chaseListAfterRecord: ChaseList;
let secondUrgeId = '';
let sheet: AssessmentSheet;
let h2ChasedLine: string | undefined;

async function sign(what: string, id: string, signedOn: string): Promise<string | null> {
  const record = await t.ok('documents.sign', { id, signer: '王建国', signedOn });
  signed.push({ what, number: record.number, status: record.status });
  return record.number;
}

async function draftAndSign(what: string, request: ChannelInput<'documents.draft'>, on: string): Promise<string> {
  const [draft] = await t.ok('documents.draft', request);
  await sign(what, draft!.id, on);
  return draft!.id;
}

const on = (date: string) => t.setToday(date);

beforeAll(async () => {
  t = await openTempLedger('2016-03-02');
  await t.ok('app.setup', { operator: '周敏', officeName: OFFICE, loadDemo: false });
  const settings = await t.ok('documents.settings.get', {});
  await t.ok('documents.settings.update', { ...settings, contactName: '王敏', contactPhone: '0575-82123456' });
  const mk = async (name: string, kind: 'subdistrict' | 'department', liaisonName: string, liaisonPhone: string) =>
    (await t.ok('units.create', { name, kind, liaisonName, liaisonPhone })).id;
  unit.百官 = await mk('百官街道', 'subdistrict', '魏少华', '15809214972');
  unit.曹娥 = await mk('曹娥街道', 'subdistrict', '陈晓', '15809210001');
  unit.发改 = await mk('区发改局', 'department', '钱立新', '0575-82110001');
  unit.住建 = await mk('区住建局', 'department', '孙伟', '0575-82110002');
  unit.财政 = await mk('区财政局', 'department', '杜佳琪', '0575-82110003');

  const create = async (source: ChannelInput<'tasks.create'>['source'], title: string, assignedDate: string, dueDate: string, units: ChannelInput<'tasks.create'>['units']) => {
    on(assignedDate);
    return (await t.ok('tasks.create', { year: 2016, source, title, assignedDate, dueDate, units, sourceRef: '2016年督查事项' })).task.id;
  };
  const report = async (taskKey: TaskKey, unitKey: UnitKey, reportDate: string, percent: number) => {
    on(reportDate);
    await t.ok('progress.add', { taskId: task[taskKey], unitId: unit[unitKey], reportDate, percent, doneText: `已完成${percent}%。` });
  };
  const complete = async (taskKey: TaskKey, completedOn: string) => {
    on(completedOn);
    await t.ok('tasks.setCompleted', { id: task[taskKey], completedOn });
  };

  task.W = await create('work_report', '完成有效投资480亿元', '2016-03-02', '2016-12-31', [
    { unitId: unit.发改, role: 'lead' },
    { unitId: unit.财政, role: 'assist' },
  ]);
  task.P = await create('project', '曹娥江综合整治工程', '2016-03-02', '2016-12-31', [{ unitId: unit.曹娥, role: 'lead' }]);
  task.S = await create('special', '“三改一拆”违法建筑拆除', '2016-03-02', '2016-09-30', [
    { unitId: unit.百官, role: 'lead' },
    { unitId: unit.曹娥, role: 'assist' },
  ]);
  await report('P', '曹娥', '2016-03-30', 10);
  task.M = await create('meeting', '建成人民大道停车场', '2016-04-01', '2016-06-30', [{ unitId: unit.住建, role: 'lead' }]);
  task.I = await create('instruction', '清理拖欠中小企业账款', '2016-05-10', '2016-06-10', [{ unitId: unit.财政, role: 'lead' }]);

  // 住建 asks for more time before the deadline, with its reason; the office approves.
  on('2016-06-20');
  await t.ok('extensions.request', { taskId: task.M, unitId: unit.住建, reason: '征地手续未完成', stageProgress: '已完成设计', requestedDate: '2016-08-31' });
  const extensionId = (await t.ok('tasks.get', { id: task.M })).extensions[0]!.id;
  on('2016-06-22');
  await t.ok('extensions.decide', { id: extensionId, approve: true });

  await report('W', '发改', '2016-07-08', 50);
  on('2016-07-15');
  await draftAndSign('上半年情况通报', { type: 'situation_bulletin', source: null, year: 2016, periodFrom: '2016-01-01', periodTo: '2016-06-30' }, '2016-07-15');
  await complete('I', '2016-07-15');

  on('2016-08-01');
  await draftAndSign('督查通知书（住建）', { type: 'supervision_notice', unitIds: [unit.住建], taskIds: [task.M], deadline: '2016-08-19', basis: '' }, '2016-08-01');
  await t.ok('referrals.add', { unitId: unit.财政, taskId: task.I, referredOn: '2016-08-01', referredTo: '区纪委区监委', reason: '批示件逾期办理，造成不良影响' });
  await complete('M', '2016-08-25');

  await report('S', '百官', '2016-09-25', 90);
  await report('P', '曹娥', '2016-09-28', 60);
  await complete('S', '2016-09-28');

  task.L = await create('livelihood', '新建城乡公交候车亭50个', '2016-10-01', '2016-11-30', [{ unitId: unit.百官, role: 'lead' }]);
  on('2016-10-10');
  await draftAndSign('表扬通报（百官）', { type: 'praise_bulletin', unitIds: [unit.百官], year: 2016, reason: '' }, '2016-10-10');
  await report('L', '百官', '2016-10-28', 40);

  on('2016-11-01');
  await draftAndSign(
    '批评通报（曹娥）',
    { type: 'criticism_bulletin', unitIds: [unit.曹娥], taskIds: [task.P], explanationDeadline: '2016-11-15', facts: '曹娥街道对曹娥江综合整治工程推进不力，第二季度进展逾期未报' },
    '2016-11-01',
  );
  on('2016-11-20');
  const rectification = (await t.ok('obligations.list', { unitId: unit.曹娥 }))[0]!;
  await t.ok('obligations.receive', { id: rectification.id, receivedOn: '2016-11-20', note: '已报送整改报告' });

  // 12-06: the 催办 list, a 催办通知 (the first one withdrawn and issued again), and the chase recorded.
  on('2016-12-06');
  chaseListOn1206 = await t.ok('chase.list', { year: 2016 });
  const [firstUrge] = await t.ok('chase.draftNotices', { year: 2016, unitIds: [unit.百官], newDeadline: '2016-12-12' });
  await sign('催办通知（作废）', firstUrge!.id, '2016-12-06');
  await t.ok('documents.cancel', { id: firstUrge!.id, reason: '反馈期限写错' });
  const [secondUrge] = await t.ok('chase.draftNotices', { year: 2016, unitIds: [unit.百官], newDeadline: '2016-12-13' });
  secondUrgeId = secondUrge!.id;
  await sign('催办通知', secondUrgeId, '2016-12-06');
  chaseListAfterRecord = await t.ok('chase.record', { year: 2016, unitIds: [unit.百官], method: 'phone', actionDate: '2016-12-06', documentIds: [secondUrgeId] });

  on('2016-12-08');
  const answer = (await t.ok('obligations.list', { unitId: unit.住建 }))[0]!;
  await t.ok('obligations.receive', { id: answer.id, receivedOn: '2016-12-08', note: '已书面回复' });
  await complete('L', '2016-12-10');
  await complete('W', '2016-12-28');

  // 2017-01-20: the second half's 情况通报 (naming units chased at least once since the first), then the 考核.
  on('2017-01-20');
  const workflow = await t.ok('workflow.settings.get', {});
  await t.ok('workflow.settings.update', { ...workflow, chaseFlagCount: 1 });
  const h2 = await draftAndSign('下半年情况通报', { type: 'situation_bulletin', source: null, year: 2016, periodFrom: '2016-07-01', periodTo: '2016-12-31' }, '2017-01-20');
  const h2Model = (await t.ok('documents.get', { id: h2 })).model;
  h2ChasedLine = h2Model.kind === 'official' ? h2Model.body.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : [])).find((p) => p.includes('催办的单位')) : undefined;
  sheet = await t.ok('assessment.sheet', { year: 2016 });
  await draftAndSign('考核评分表', { type: 'assessment_sheet', year: 2016, unitIds: [], basis: '' }, '2017-01-20');
}, 120_000);
afterAll(async () => t.close());

const scoreOf = (key: UnitKey): UnitScore => sheet.units.find((u) => u.unitId === unit[key])!;
/** rule → [count, signed points, the records' labels] for the rules that apply. */
const reasons = (key: UnitKey) =>
  Object.fromEntries(
    scoreOf(key)
      .lines.filter((l) => l.count > 0)
      .map((l) => [l.rule, [l.count, l.points, l.records.map((r) => r.label)]]),
  ) as Partial<Record<ScoreRule, [number, number, string[]]>>;

describe('a scripted year', () => {
  it('lists on 12-06 who to chase and why', () => {
    // 百官: L was due 11-30, is open and nothing was reported since (its November period is missing too, but the
    //       overdue item already covers that task). 住建: the 督查通知书's 限期 08-19 passed unanswered.
    // 曹娥 (P not yet due, Q3 reported), 发改 (H1 reported), 财政 (I closed) owe nothing today.
    const groups = chaseListOn1206.groups.map((g) => [g.unitName, g.items.map((i) => [i.reason, i.taskTitle, i.dueDate, i.daysOverdue])]);
    expect(groups.sort()).toEqual([
      ['区住建局', [['notice_unanswered', '关于加快推进建成人民大道停车场的督查通知', '2016-08-19', 109]]],
      ['百官街道', [['overdue_no_report', '新建城乡公交候车亭50个', '2016-11-30', 6]]],
    ]);
    expect(chaseListOn1206.groups.every((g) => g.chasesThisYear === 0 && !g.flaggedForBulletin)).toBe(true);
    // After the chase is recorded, 百官's item shows it, linked to the 催办通知 sent.
    const 百官 = chaseListAfterRecord.groups.find((g) => g.unitId === unit.百官)!;
    expect(百官).toMatchObject({ chasesThisYear: 1, chasesSinceLastBulletin: 1, lastChasedOn: '2016-12-06' });
    expect(百官.items[0]).toMatchObject({ chasedTimes: 1, lastChasedOn: '2016-12-06' });
  });

  it('numbers the signed documents per series and year, without gaps, never reusing a cancelled number', async () => {
    expect(signed.map((s) => [s.what, s.number])).toEqual([
      ['上半年情况通报', '督查通报〔2016〕1号'],
      ['督查通知书（住建）', '虞政办督〔2016〕1号'],
      ['表扬通报（百官）', '督查通报〔2016〕2号'],
      ['批评通报（曹娥）', '督查通报〔2016〕3号'],
      ['催办通知（作废）', '虞政办催〔2016〕1号'],
      ['催办通知', '虞政办催〔2016〕2号'],
      ['下半年情况通报', '督查通报〔2017〕1号'],
      // The 考核评分表 has no 文号 series unless the office sets one.
      ['考核评分表', null],
    ]);
    const page = await t.ok('documents.list', { limit: 500 });
    const cancelled = page.rows.filter((r) => r.status === 'cancelled').map((r) => r.number);
    expect(cancelled).toEqual(['虞政办催〔2016〕1号']);
  });

  it('names in the second half’s 情况通报 the unit chased since the first', () => {
    expect(h2ChasedLine).toContain('自上期情况通报（2016年7月15日签发）以来，被催办的单位有：百官街道（1次）。');
  });

  it('scores each unit as worked out by hand, with its reasons', () => {
    expect(sheet.asOf).toBe('2016-12-31');
    // 发改: W on time → 70; no deduction → 100
    // 住建: M closed 08-25 within the extended deadline 08-31 → 70; notice answered 12-08, 限期 08-19 → −1 → 99
    // 百官: S on time (1) + L closed 12-10 after 11-30 (0.5) = 1.5 / 2 → 52.5; −0.5 − 1 + 2 → 83
    // 财政: W assist on time (0.5 × 1) + I closed late (1 × 0.5) = 1 / 1.5 → 0.6667 → 46.67; −0.5 − 5 → 71.17
    // 曹娥: P open (1 × 0) + S assist on time (0.5 × 1) = 0.5 / 1.5 → 0.3333 → 23.33; −1 − 0.5 − 3 − 2 → 46.83
    expect(sheet.units.map((u) => [u.unitName, u.completion.rate, u.completion.points, u.deduction, u.bonus, u.total, u.rank])).toEqual([
      ['区发改局', 1, 70, 0, 0, 100, 1],
      ['区住建局', 1, 70, -1, 0, 99, 2],
      ['百官街道', 0.75, 52.5, -1.5, 2, 83, 3],
      ['区财政局', 0.6667, 46.67, -5.5, 0, 71.17, 4],
      ['曹娥街道', 0.3333, 23.33, -6.5, 0, 46.83, 5],
    ]);
  });

  it('gives every point a traceable reason', () => {
    expect(reasons('发改')).toEqual({});
    // M's report was due 06-30; the extension approved before it excuses it (covered), so nothing is deducted.
    expect(reasons('住建')).toEqual({
      overdue_notice_answer: [1, -1, ['《关于加快推进建成人民大道停车场的督查通知》虞政办督〔2016〕1号要求的督查通知书回复：限期2016年8月19日，2016年12月8日报送']],
    });
    // L: October reported 10-28; November (due 12-05) answered only by the 办结 on 12-10 → late; December on time.
    expect(reasons('百官')).toEqual({
      late_report: [1, -0.5, ['“新建城乡公交候车亭50个”（2016年11月）：应于2016年12月5日前报送进展，2016年12月10日报送']],
      chased: [1, -1, ['2016年12月6日电话催办：“新建城乡公交候车亭50个”']],
      praise: [1, 2, [expect.stringMatching(/^《关于对百官街道予以通报表扬的通报》督查通报〔2016〕2号，2016年10月10日签发$/u)]],
    });
    // I: nothing by 06-10 (端午, so due on the 调休 working day 06-12); the 办结 on 07-15 is its (late) report.
    expect(reasons('财政')).toEqual({
      late_report: [1, -0.5, ['“清理拖欠中小企业账款”（办理期限 2016年6月10日）：应于2016年6月12日前报送进展，2016年7月15日报送']],
      referral: [1, -5, ['2016年8月1日移送区纪委区监委（“清理拖欠中小企业账款”）：批示件逾期办理，造成不良影响']],
    });
    // P: Q1 reported 03-30; Q2 (due 07-10, a Sunday → 07-11) answered by the 09-28 report → late; Q3 on time; Q4 (due 2017-01-10) missing.
    expect(reasons('曹娥')).toEqual({
      missing_report: [1, -1, ['“曹娥江综合整治工程”（2016年第四季度）：应于2017年1月10日前报送进展，未报送']],
      late_report: [1, -0.5, ['“曹娥江综合整治工程”（2016年第二季度）：应于2016年7月11日前报送进展，2016年9月28日报送']],
      criticism: [1, -3, ['《关于对曹娥街道予以通报批评的通报》督查通报〔2016〕3号，2016年11月1日签发']],
      late_rectification: [1, -2, ['《关于对曹娥街道予以通报批评的通报》督查通报〔2016〕3号要求的情况说明及整改报告：限期2016年11月15日，2016年11月20日报送']],
    });
    const chase = scoreOf('百官').lines.find((l) => l.rule === 'chased')!.records[0]!;
    expect(chase).toMatchObject({ kind: 'action', taskId: task.L, documentId: secondUrgeId, date: '2016-12-06' });
    expect(scoreOf('曹娥').completion.records.map((r) => r.label)).toEqual([
      '“‘三改一拆’违法建筑拆除”（配合）办理期限2016年9月30日，2016年9月28日按期办结',
      '“曹娥江综合整治工程”（牵头）办理期限2016年12月31日，逾期未办结',
    ]);
  });
});
