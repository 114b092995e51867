/**
 * The 考核 score sheet from the hand-made ledger (hand-made.ts), every figure worked out by hand with the default
 * rules: base 30, completion 70, lead 1 / assist 0.5, late completion 0.5; missing report 1, late report 0.5,
 * chased 1, criticism 3, late rectification 2, notice answered late 1, referral 5, praise +2; caps 30 and 5.
 * The reporting periods are given by a fake `feedbackCells` (the real one is exercised in scripted-year.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as FeedbackModule from '../../../electron/services/workflow/feedback';
import type { AssessmentSheet, FeedbackCell, ReportState, ScoreRecord, ScoreRule, UnitScore } from '../../../electron/contract/workflow';
import type { Database } from '../../../db/schema';
import { DEFAULT_ASSESSMENT_RULES } from '../../../electron/services/assessment/rules';
import { TODAY, openHandMade, type HandMade, type TaskKey, type UnitKey } from './hand-made';

const fake = vi.hoisted(() => ({ cells: [] as FeedbackCell[] }));
vi.mock('../../../electron/services/workflow/feedback', async (importOriginal) => ({
  ...(await importOriginal<typeof FeedbackModule>()),
  feedbackCells: vi.fn(async (_ctx: unknown, options: { year: number }) => (options.year === 2016 ? fake.cells : [])),
}));

let h: HandMade;
let sheet: AssessmentSheet;

function cell(task: TaskKey, unit: UnitKey, state: ReportState, dueDate: string, reportDate: string | null = null): FeedbackCell {
  return {
    taskId: h.task[task],
    taskCode: task,
    taskTitle: `事项${task}`,
    source: 'meeting',
    unitId: h.unit[unit],
    unitName: unit,
    role: 'lead',
    period: { key: `due:${dueDate}`, label: `办理期限${dueDate}`, start: '2016-03-01', end: dueDate, dueDate },
    state,
    reportId: null,
    reportDate,
    extensionId: null,
  };
}

const unitOf = (unit: UnitKey): UnitScore => {
  const found = sheet.units.find((u) => u.unitId === h.unit[unit]);
  if (!found) throw new Error(`${unit} is not on the sheet`);
  return found;
};
const lineOf = (unit: UnitKey, rule: ScoreRule) => unitOf(unit).lines.find((l) => l.rule === rule)!;
const counts = (unit: UnitKey) => Object.fromEntries(unitOf(unit).lines.filter((l) => l.count > 0).map((l) => [l.rule, [l.count, l.points]]));

beforeAll(async () => {
  h = await openHandMade();
  fake.cells = [
    cell('T1', '百官', 'missing', '2016-06-30'),
    cell('T2', '百官', 'missing', '2016-08-31'),
    cell('T2', '百官', 'late', '2016-07-10', '2016-07-20'),
    cell('T3', '发改', 'missing', '2016-10-31'),
    // Neither received, expected nor covered periods cost anything; an inactive unit is not assessed.
    cell('T1', '百官', 'received', '2016-04-10', '2016-04-08'),
    cell('T3', '发改', 'covered', '2016-09-30'),
    cell('T4', '财政', 'expected', '2017-01-20'),
    cell('T6', '旧', 'missing', '2016-06-30'),
  ];
  sheet = await h.t.ok('assessment.sheet', { year: 2016 });
}, 30_000);
afterAll(async () => h.t.close());

describe('the 2016 sheet, computed on 2017-01-15', () => {
  it('is computed at the year’s end with the default rules', () => {
    expect(sheet.year).toBe(2016);
    expect(sheet.asOf).toBe('2016-12-31');
    expect(sheet.rules).toEqual(DEFAULT_ASSESSMENT_RULES);
  });

  it('ranks the active units with any task or record, best first; a deactivated unit is left out', () => {
    expect(sheet.units.map((u) => [u.unitName, u.total, u.rank])).toEqual([
      ['曹娥街道', 102, 1],
      ['百官街道', 83, 2],
      ['区发改局', 40.33, 3],
      ['区财政局', 0, 4],
    ]);
  });

  it('百官街道: weighted completion 75 %, deductions 4.5, bonus capped at 5', () => {
    const u = unitOf('百官');
    // T1 lead on time (1 × 1) + T2 lead closed 9-10 after its 8-31 deadline (1 × 0.5) = 1.5 of 2 → 0.75 × 70 = 52.5
    expect(u.completion).toMatchObject({ rate: 0.75, points: 52.5, leadTasks: 2, assistTasks: 0, doneOnTime: 1, doneLate: 1, open: 0 });
    expect(counts('百官')).toEqual({
      missing_report: [2, -2], // 2 × 1
      late_report: [1, -0.5], // 1 × 0.5
      chased: [1, -1], // 9-01; the 8-20 督办 is not a 催办
      overdue_notice_answer: [1, -1], // 限期 11-30, still open; the void one does not count
      praise: [3, 6], // 6-25, 10-10, 12-20
    });
    // The cancelled and the draft criticism do not count.
    expect(lineOf('百官', 'criticism').count).toBe(0);
    // 30 + 52.5 − (2 + 0.5 + 1 + 1) + min(6, 5) = 83
    expect([u.base, u.deduction, u.bonus, u.total]).toEqual([30, -4.5, 5, 83]);
  });

  it('区发改局: an assisted task weighs half, an open one nothing', () => {
    const u = unitOf('发改');
    // T1 assist on time (0.5 × 1) + T3 lead open past 10-31 (1 × 0) = 0.5 of 1.5 → 0.3333 × 70 = 23.33
    expect(u.completion).toMatchObject({ rate: 0.3333, points: 23.33, leadTasks: 1, assistTasks: 1, doneOnTime: 1, doneLate: 0, open: 1 });
    expect(counts('发改')).toEqual({
      missing_report: [1, -1],
      chased: [2, -2], // 7-05 (two items, one event) and 8-01
      criticism: [1, -3],
      late_rectification: [1, -2], // 限期 10-15, received 10-20; the 2017 notice answer belongs to 2017
      referral: [1, -5],
    });
    // 30 + 23.33 − 13 = 40.33
    expect([u.deduction, u.bonus, u.total]).toEqual([-13, 0, 40.33]);
  });

  it('区财政局: a task closed after the year is open; one not yet due is left out; deductions capped at 30', () => {
    const u = unitOf('财政');
    // T4 (due 2017-03-31) is not judged; T5 closed 2017-01-05 was open at 12-31 → 0 of 1
    expect(u.completion).toMatchObject({ rate: 0, points: 0, leadTasks: 2, doneOnTime: 0, doneLate: 0, open: 1 });
    expect(u.completion.records.map((r) => r.label)).toEqual([
      '“清理整合财政专项资金”（牵头）办理期限2016年11月30日，逾期未办结',
      '“完成政府性债务置换”（牵头）办理期限2017年3月31日，尚未到期，不计入完成率',
    ]);
    // The criticism and its correction count once; the rectification came on time.
    expect(counts('财政')).toEqual({ criticism: [1, -3], referral: [7, -35] });
    // 3 + 35 = 38 > 30 → −30; 30 + 0 − 30 = 0
    expect([u.deduction, u.total]).toEqual([-30, 0]);
  });

  it('曹娥街道: no task due, so the completion part is full', () => {
    const u = unitOf('曹娥');
    expect(u.completion).toMatchObject({ rate: 1, points: 70, leadTasks: 0, assistTasks: 0, records: [] });
    expect(counts('曹娥')).toEqual({ praise: [1, 2] });
    expect(u.total).toBe(102);
  });

  it('lists every rule for every unit, deductions negative and praise positive', () => {
    for (const u of sheet.units) {
      expect(u.lines.map((l) => l.rule)).toEqual([
        'missing_report',
        'late_report',
        'chased',
        'criticism',
        'late_rectification',
        'overdue_notice_answer',
        'referral',
        'praise',
      ]);
      for (const l of u.lines) {
        expect(l.count).toBe(l.records.length);
        if (l.rule === 'praise') expect(l.points).toBeGreaterThanOrEqual(0);
        else expect(l.points).toBeLessThanOrEqual(0);
      }
    }
  });

  it('words each record so the officer sees what caused it', () => {
    expect(lineOf('发改', 'chased').records.map((r) => [r.kind, r.id, r.date, r.label])).toEqual([
      ['action', h.action.发改0705a, '2016-07-05', '2016年7月5日电话催办：“出台服务业发展扶持政策”、“编制城区停车专项规划”'],
      ['action', h.action.发改0801, '2016-08-01', '2016年8月1日书面催办：“出台服务业发展扶持政策”'],
    ]);
    expect(lineOf('发改', 'late_rectification').records).toEqual([
      {
        kind: 'obligation',
        id: h.obligation.发改整改逾期,
        taskId: null,
        documentId: h.doc.批评发改,
        date: '2016-10-20',
        label: '《关于对区发改局予以通报批评的通报》督查通报〔2016〕5号要求的情况说明及整改报告：限期2016年10月15日，2016年10月20日报送',
      },
    ]);
    expect(lineOf('百官', 'overdue_notice_answer').records[0]!.label).toBe(
      '《关于百官老街立面整治工作的督查通知》虞政办督〔2016〕3号要求的督查通知书回复：限期2016年11月30日，逾期未报送',
    );
    expect(lineOf('发改', 'criticism').records[0]).toEqual({
      kind: 'document',
      id: h.doc.批评发改,
      taskId: h.task.T3,
      documentId: h.doc.批评发改,
      date: '2016-09-01',
      label: '《关于对区发改局予以通报批评的通报》督查通报〔2016〕5号，2016年9月1日签发',
    });
    expect(lineOf('财政', 'criticism').records.map((r) => r.id)).toEqual([h.doc.批评财政更正]);
    expect(lineOf('发改', 'referral').records[0]!.label).toBe('2016年11月1日移送区纪委区监委（“出台服务业发展扶持政策”）：整改不力，造成不良影响');
    expect(lineOf('百官', 'missing_report').records[0]).toMatchObject({
      kind: 'report_period',
      id: h.task.T1,
      taskId: h.task.T1,
      label: '“事项T1”（办理期限2016-06-30）：应于2016年6月30日前报送进展，未报送',
    });
    expect(lineOf('百官', 'late_report').records[0]).toMatchObject({ date: '2016-07-20', label: '“事项T2”（办理期限2016-07-10）：应于2016年7月10日前报送进展，2016年7月20日报送' });
    expect(unitOf('百官').completion.records.map((r) => r.label)).toEqual([
      '“编制城区停车专项规划”（牵头）办理期限2016年6月30日，2016年6月20日按期办结',
      '“完成百官老街立面整治”（牵头）办理期限2016年8月31日，2016年9月10日逾期办结',
    ]);
  });

  it('points every record at a row that exists', async () => {
    const db = h.t.ctx.ledger.db;
    const table: Record<ScoreRecord['kind'], keyof Database> = {
      task: 'tasks',
      report_period: 'tasks',
      action: 'supervision_actions',
      document: 'documents',
      obligation: 'obligations',
      referral: 'referrals',
    };
    const exists = async (name: keyof Database, id: string) =>
      (await db
        .selectFrom(name as 'tasks')
        .select('id')
        .where('id', '=', id)
        .where('deleted_hlc', 'is', null)
        .executeTakeFirst()) !== undefined;
    const records = sheet.units.flatMap((u) => [...u.completion.records, ...u.lines.flatMap((l) => l.records)]);
    // 百官 2 tasks + 8 records, 发改 2 + 6, 财政 2 + 8, 曹娥 1
    expect(records.length).toBe(29);
    for (const r of records) {
      expect(await exists(table[r.kind], r.id), `${r.kind} ${r.label}`).toBe(true);
      if (r.taskId !== null) expect(await exists('tasks', r.taskId), r.label).toBe(true);
      if (r.documentId !== null) expect(await exists('documents', r.documentId), r.label).toBe(true);
      expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});

describe('rules and dates', () => {
  it('gives equal totals one rank and the next rank skips (1, 1, 3, 3); equal totals in name order', async () => {
    try {
      const zero = Object.fromEntries(Object.keys(DEFAULT_ASSESSMENT_RULES.rulePoints).map((r) => [r, 0]));
      await h.t.ok('assessment.rules.update', { ...DEFAULT_ASSESSMENT_RULES, completionPoints: 0, rulePoints: { ...zero, praise: 2 } as never, maxBonus: 2 });
      const tied = await h.t.ok('assessment.sheet', { year: 2016 });
      // 百官 30 + min(6, 2), 曹娥 30 + 2; 发改 and 财政 30 with every deduction at 0.
      expect(tied.units.map((u) => [u.unitName, u.total, u.rank])).toEqual([
        ['百官街道', 32, 1],
        ['曹娥街道', 32, 1],
        ['区财政局', 30, 3],
        ['区发改局', 30, 3],
      ]);
      expect(tied.units.every((u) => u.deduction === 0 && !Object.is(u.deduction, -0))).toBe(true);
    } finally {
      await h.t.ok('assessment.rules.update', DEFAULT_ASSESSMENT_RULES);
    }
  });

  it('applies the office’s own weights and late-completion credit', async () => {
    try {
      await h.t.ok('assessment.rules.update', { ...DEFAULT_ASSESSMENT_RULES, assistWeight: 1, lateCompletionCredit: 0 });
      const mine = await h.t.ok('assessment.sheet', { year: 2016 });
      const rate = (key: UnitKey) => mine.units.find((u) => u.unitId === h.unit[key])!.completion;
      // 百官: T1 on time (1) + T2 late (now 0) = 1 of 2; 发改: T1 assist (now weight 1) + T3 open = 1 of 2
      expect(rate('百官')).toMatchObject({ rate: 0.5, points: 35 });
      expect(rate('发改')).toMatchObject({ rate: 0.5, points: 35 });
    } finally {
      await h.t.ok('assessment.rules.update', DEFAULT_ASSESSMENT_RULES);
    }
  });

  it('during the year counts up to today, and a task not yet due is not held against the unit', async () => {
    h.t.setToday('2016-09-20');
    try {
      const midYear = await h.t.ok('assessment.sheet', { year: 2016 });
      expect(midYear.asOf).toBe('2016-09-20');
      const 发改 = midYear.units.find((u) => u.unitId === h.unit.发改)!;
      // T1 assist on time; T3 (due 10-31) not yet judged → 0.5 of 0.5
      expect(发改.completion).toMatchObject({ rate: 1, points: 70, open: 0 });
      expect(发改.lines.find((l) => l.rule === 'referral')!.count).toBe(0); // referred 11-01
      const 百官 = midYear.units.find((u) => u.unitId === h.unit.百官)!;
      expect(百官.lines.find((l) => l.rule === 'praise')!.count).toBe(1); // only the 6-25 praise is signed by 9-20
      const 财政 = midYear.units.find((u) => u.unitId === h.unit.财政)!;
      expect(财政.completion).toMatchObject({ rate: 1, open: 0 }); // T5 (due 11-30) and T4 not yet due
    } finally {
      h.t.setToday(TODAY);
    }
  });

  it('has no units for a year without tasks or records', async () => {
    expect((await h.t.ok('assessment.sheet', { year: 2015 })).units).toEqual([]);
  });
});
