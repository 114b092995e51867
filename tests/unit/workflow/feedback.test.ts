import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackCell } from '../../../electron/contract/workflow';
import { feedbackCells } from '../../../electron/services/workflow/feedback';
import { DEFAULT_WORKFLOW_SETTINGS } from '../../../electron/services/workflow/settings';
import type { TempLedger } from '../../support/temp-ledger';
import { extend, report, task, unit, workflowLedger } from './fixture';

let t: TempLedger;
let civil: string;
let finance: string;
const ids: Record<string, string> = {};

/** today 2016-07-20 (see each task's comment for what it owes). */
beforeEach(async () => {
  t = await workflowLedger('2016-07-20');
  civil = await unit(t, '区民政局');
  finance = await unit(t, '区财政局');
  // 民生实事, monthly (due the 5th of the next month), from 03-15: March on time, April nothing, May late
  // (its report came 06-08, which is on time for June), June on time, July still expected.
  ids.monthly = await task(t, '新增养老床位500张', civil, { source: 'livelihood', assignedDate: '2016-03-15', dueDate: '2016-12-31', assist: finance });
  await report(t, ids.monthly, civil, '2016-04-03');
  await report(t, ids.monthly, civil, '2016-06-08');
  // 会议决定事项 due 06-30, nothing reported, extended to 09-30: covered.
  ids.extended = await task(t, '研究解决养老机构用地', civil);
  ids.extension = await extend(t, ids.extended, civil, '2016-09-30');
  // 会议决定事项 due 07-10, reported 07-15: late.
  ids.late = await task(t, '拟定专项资金整合方案', finance, { dueDate: '2016-07-10' });
  await report(t, ids.late, finance, '2016-07-15');
  // 会议决定事项 due 07-12, nothing: missing.
  ids.silent = await task(t, '清理财政存量资金', finance, { dueDate: '2016-07-12' });
  // 重点项目, quarterly (due 10 days after), from 03-01: Q1 missing, Q2 late by its key, Q3 expected.
  ids.project = await task(t, '区人民医院迁建工程', finance, { source: 'project', assignedDate: '2016-03-01', dueDate: '2016-12-31' });
  await report(t, ids.project, finance, '2016-07-12', { period: '2016-Q2' });
  // 政府工作报告, half-yearly with a 6月底 milestone: both answered by the 07-08 report, H2 expected.
  ids.workReport = await task(t, '新建居家养老服务照料中心40家', civil, {
    source: 'work_report',
    assignedDate: '2016-03-02',
    dueDate: '2016-12-31',
    milestones: [{ label: '6月底', dueDate: '2016-06-30', plannedPercent: 50 }],
  });
  await report(t, ids.workReport, civil, '2016-07-08', { percent: 55 });
  // 民生实事 closed 05-10 without a report: March missing, April late (办结 came after its due date), May
  // received (办结 within it), nothing after.
  ids.closed = await task(t, '完成20个社区卫生服务站标准化建设', civil, { source: 'livelihood', assignedDate: '2016-03-15', dueDate: '2016-12-31' });
  await t.ok('tasks.setCompleted', { id: ids.closed, completedOn: '2016-05-10' });
});
afterEach(async () => t.close());

const states = (cells: FeedbackCell[], taskId: string, unitId?: string) =>
  cells.filter((c) => c.taskId === taskId && (unitId === undefined || c.unitId === unitId)).map((c) => [c.period.key, c.state]);

describe('feedback cells', () => {
  it('derive every state for the year, per task–unit and period', async () => {
    const cells = await feedbackCells(t.ctx, { year: 2016, scope: 'year' });
    expect(states(cells, ids.monthly!)).toEqual([
      ['2016-03', 'received'],
      ['2016-04', 'missing'],
      ['2016-05', 'late'],
      ['2016-06', 'received'],
      ['2016-07', 'expected'],
    ]);
    const may = cells.find((c) => c.taskId === ids.monthly && c.period.key === '2016-05')!;
    expect(may).toMatchObject({ reportDate: '2016-06-08', unitName: '区民政局', role: 'lead', source: 'livelihood', taskTitle: '新增养老床位500张' });
    // due 5 days after the month, 2016-06-05, a Sunday: moved to Monday 06-06
    expect(may.period).toEqual({ key: '2016-05', label: '2016年5月', start: '2016-05-01', end: '2016-05-31', dueDate: '2016-06-06' });

    expect(states(cells, ids.extended!)).toEqual([['due:2016-06-30', 'covered']]);
    expect(cells.find((c) => c.taskId === ids.extended)).toMatchObject({ extensionId: ids.extension, period: { label: '办理期限 2016年6月30日', start: '2016-06-01' } });
    expect(states(cells, ids.late!)).toEqual([['due:2016-07-10', 'late']]);
    expect(states(cells, ids.silent!)).toEqual([['due:2016-07-12', 'missing']]);
    expect(states(cells, ids.project!)).toEqual([
      ['2016-Q1', 'missing'],
      ['2016-Q2', 'late'],
      ['2016-Q3', 'expected'],
    ]);
    const workReport = states(cells, ids.workReport!);
    expect(workReport).toEqual([
      ['2016-H1', 'received'],
      ['2016-H2', 'expected'],
      [expect.stringMatching(/^ms:/), 'received'],
    ]);
    expect(cells.find((c) => c.taskId === ids.workReport && c.period.key.startsWith('ms:'))!.period).toMatchObject({ label: '6月底', dueDate: '2016-07-11' /* 07-10 is a Sunday */ });
    expect(states(cells, ids.closed!)).toEqual([
      ['2016-03', 'missing'],
      ['2016-04', 'late'],
      ['2016-05', 'received'],
    ]);
    // 配合 units do not owe reports by default.
    expect(cells.some((c) => c.unitId === finance && c.taskId === ids.monthly)).toBe(false);
  });

  it('scope current keeps each task–unit’s latest period already due', async () => {
    const cells = await feedbackCells(t.ctx, { year: 2016, scope: 'current' });
    expect(cells.map((c) => [c.taskTitle, c.period.key, c.state]).sort()).toEqual(
      [
        ['新增养老床位500张', '2016-06', 'received'],
        ['研究解决养老机构用地', 'due:2016-06-30', 'covered'],
        ['拟定专项资金整合方案', 'due:2016-07-10', 'late'],
        ['清理财政存量资金', 'due:2016-07-12', 'missing'],
        ['区人民医院迁建工程', '2016-Q2', 'late'],
        // H1 and the milestone fall due the same day: the rhythm's own period is the one checked.
        ['新建居家养老服务照料中心40家', '2016-H1', 'received'],
        ['完成20个社区卫生服务站标准化建设', '2016-05', 'received'],
      ].sort(),
    );
  });

  it('filter by source and unit; 配合 units report when the setting says so', async () => {
    const finances = await feedbackCells(t.ctx, { year: 2016, scope: 'year', unitId: finance, source: 'meeting' });
    expect(new Set(finances.map((c) => c.taskId))).toEqual(new Set([ids.late, ids.silent]));
    expect(await feedbackCells(t.ctx, { year: 2015, scope: 'year' })).toEqual([]);

    await t.ok('workflow.settings.update', { ...DEFAULT_WORKFLOW_SETTINGS, assistUnitsReport: true });
    const assist = await feedbackCells(t.ctx, { year: 2016, scope: 'year', unitId: finance, source: 'livelihood' });
    expect(states(assist, ids.monthly!)).toEqual([
      ['2016-03', 'missing'],
      ['2016-04', 'missing'],
      ['2016-05', 'missing'],
      ['2016-06', 'missing'],
      ['2016-07', 'expected'],
    ]);
    expect(assist[0]!.role).toBe('assist');
  });

  it('a unit whose part is done owes nothing for later periods', async () => {
    t.ctx.ledger.sqlite.prepare(`UPDATE task_units SET completed_on = '2016-04-20' WHERE task_id = ? AND unit_id = ?`).run(ids.monthly, civil);
    const cells = await feedbackCells(t.ctx, { year: 2016, scope: 'year', unitId: civil, source: 'livelihood' });
    expect(states(cells, ids.monthly!)).toEqual([
      ['2016-03', 'received'],
      ['2016-04', 'received'],
    ]);
  });

  it('feedback.overview counts per unit with the current periods; feedback.ofUnit sorts by due date', async () => {
    const overview = await t.ok('feedback.overview', { year: 2016, scope: 'year' });
    expect(overview).toMatchObject({ today: '2016-07-20', year: 2016, source: null, scope: 'year' });
    expect(overview.units.map((u) => u.unitName)).toEqual(['区财政局', '区民政局']);
    expect(overview.units[0]).toMatchObject({ unitKind: 'department', expected: 1, received: 0, late: 2, missing: 2, covered: 0 });
    expect(overview.units[1]).toMatchObject({ expected: 2, received: 5, late: 2, missing: 2, covered: 1 });
    expect(overview.totals).toEqual({ expected: 3, received: 5, late: 4, missing: 4, covered: 1 });
    const periods = Object.fromEntries(overview.currentPeriods.map((p) => [p.source, p.period?.label ?? null]));
    expect(periods).toEqual({
      work_report: '2016年上半年',
      livelihood: '2016年6月',
      meeting: null,
      project: '2016年第二季度',
      special: null,
      instruction: null,
    });
    const livelihood = await t.ok('feedback.overview', { year: 2016, source: 'livelihood' });
    expect(livelihood.scope).toBe('current');
    expect(livelihood.currentPeriods).toHaveLength(1);
    expect(livelihood.totals).toEqual({ expected: 0, received: 2, late: 0, missing: 0, covered: 0 });

    const mine = await t.ok('feedback.ofUnit', { year: 2016, unitId: finance, scope: 'year' });
    expect(mine.map((c) => c.period.dueDate)).toEqual([...mine.map((c) => c.period.dueDate)].sort());
    expect(mine.every((c) => c.unitId === finance)).toBe(true);
  });
});

describe('feedback at scale', () => {
  it('derives every cell of 10,000 tasks with 40,000 reports in one set-based pass', async () => {
    const today = '2016-11-20';
    t.setToday(today);
    const sqlite = t.ctx.ledger.sqlite;
    const stamp = { created_at: '2016-01-01T00:00:00.000Z', updated_at: '2016-01-01T00:00:00.000Z', updated_hlc: '001451606400000-000000-x', updated_by: 'x:' };
    const statements = new Map<string, Database.Statement>();
    const insert = (table: string, row: Record<string, unknown>) => {
      const columns = Object.keys(row);
      let statement = statements.get(table);
      if (!statement) {
        statement = sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        statements.set(table, statement);
      }
      statement.run(...Object.values(row));
    };
    const hex = (n: number) => n.toString(16).padStart(12, '0');
    sqlite.transaction(() => {
      for (let i = 0; i < 10_000; i += 1) {
        const id = `00000000-0000-7000-8000-${hex(i)}`;
        const sources = ['livelihood', 'work_report', 'project', 'meeting'] as const;
        const source = sources[i % 4]!;
        const rhythm = { livelihood: 'monthly', work_report: 'half_yearly', project: 'quarterly', meeting: 'deadline' }[source];
        insert('tasks', {
          id, ...stamp, year: 2016, source, code: String(i), title: `事项${i}`, content: '', source_ref: '', source_date: '', leader: '',
          assigned_date: '2016-02-01', time_limit_value: null, time_limit_unit: null, due_date: '2016-10-31', rhythm, parent_id: null, completed_on: null, note: '',
        });
        insert('task_units', { id: `10000000-0000-7000-8000-${hex(i)}`, ...stamp, task_id: id, unit_id: i % 2 ? civil : finance, role: 'lead', contact_person: '', contact_phone: '', completed_on: null });
        for (const m of [4, 7, 9, 11]) {
          insert('progress_reports', {
            id: `${String(m).padStart(8, '2')}-0000-7000-8000-${hex(i)}`, ...stamp, task_id: id, unit_id: i % 2 ? civil : finance, period: '', report_date: `2016-${String(m).padStart(2, '0')}-03`,
            percent: null, stage: '', done_text: '', problems: '', next_steps: '', no_change: 0, reporter: '',
          });
        }
      }
    })();
    // Speed is measured by `npm run bench:workflow`, not here; this checks the set-based derivation is complete at scale.
    const all: FeedbackCell[] = await feedbackCells(t.ctx, { year: 2016, scope: 'year' });
    const cells = all.filter((c) => /^事项\d+$/.test(c.taskTitle));
    // Per group of four tasks (assigned 2016-02-01, today 2016-11-20): 民生实事 monthly Feb–Nov = 10 periods,
    // 工作报告 H1 + H2 = 2, 重点项目 Q1–Q4 = 4, 会议决定 its deadline = 1 → 17 cells; 2,500 groups.
    expect(cells.length).toBe(2_500 * 17);
    const states = new Map<string, number>();
    for (const c of cells) states.set(c.state, (states.get(c.state) ?? 0) + 1);
    // Reports on 04-03, 07-03, 09-03 and 11-03 of every task. Monthly (grace 5): Feb late (04-03), Mar received,
    // Apr missing (04-03 belongs to March's grace days), May late (07-03), Jun received, Jul late (09-03), Aug received,
    // Sep late (11-03), Oct received, Nov expected (due 12-05) → 4 late, 4 received, 1 missing, 1 expected.
    // Half-yearly 2, quarterly 4 and the deadline 1 are all received → received = 2,500 × (4 + 7).
    expect(Object.fromEntries(states)).toEqual({ late: 10_000, received: 27_500, missing: 2_500, expected: 2_500 });
  });
});
