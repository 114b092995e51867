import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';
import type { ChannelInput } from '../../../electron/contract/channels';

let t: TempLedger;
const unit: Record<string, string> = {};

function task(over: Partial<ChannelInput<'tasks.create'>> & { lead: string; assist?: string }): ChannelInput<'tasks.create'> {
  const { lead, assist, ...rest } = over;
  return {
    year: 2016,
    source: 'work_report',
    title: '事项',
    assignedDate: '2016-03-01',
    dueDate: '2016-12-31',
    units: [{ unitId: unit[lead]!, role: 'lead' }, ...(assist ? [{ unitId: unit[assist]!, role: 'assist' as const }] : [])],
    ...rest,
  };
}

beforeAll(async () => {
  t = await openTempLedger('2016-09-20');
  for (const [name, kind] of [
    ['区发改局', 'department'],
    ['区财政局', 'department'],
    ['百官街道', 'subdistrict'],
  ] as const) {
    unit[name] = (await t.ok('units.create', { name, kind })).id;
  }
  // overdue
  await t.ok('tasks.create', task({ code: '1', title: '完成有效投资420亿元', lead: '区发改局', assist: '区财政局', dueDate: '2016-09-10', leader: '陈区长' }));
  // due soon: 2016-09-22 is 2 working days after 09-20
  await t.ok('tasks.create', task({ code: '2', title: '出台放假安排调整后的值班制度', lead: '区财政局', dueDate: '2016-09-22', leader: '王副区长' }));
  // behind plan
  await t.ok('tasks.create', task({
    code: '3',
    title: '新建改建农村公路50公里',
    lead: '百官街道',
    assist: '区发改局',
    milestones: [{ label: '三季度', dueDate: '2016-09-15', plannedPercent: 75 }],
    leader: '王副区长',
  }));
  // on track
  await t.ok('tasks.create', task({ code: '10', title: '推进特色小镇建设', source: 'special', lead: '区发改局', dueDate: '2016-12-31' }));
  // done
  const done = await t.ok('tasks.create', task({ code: '4', title: '完成城中村改造签约', lead: '百官街道', dueDate: '2016-08-31' }));
  await t.ok('tasks.setCompleted', { id: done.task.id, completedOn: '2016-08-30' });
  // another year
  await t.ok('tasks.create', task({ year: 2015, code: '1', title: '上年度遗留事项', lead: '区财政局', assignedDate: '2015-03-01', dueDate: '2015-12-31' }));
});
afterAll(async () => t.close());

const titles = (page: { rows: { title: string }[] }) => page.rows.map((r) => r.title);

describe('ledger query', () => {
  it('computes each row’s status and unit names', async () => {
    const page = await t.ok('tasks.list', { year: 2016, sortField: 'code' });
    expect(page.total).toBe(5);
    const byCode = new Map(page.rows.map((r) => [r.code, r]));
    expect(byCode.get('1')).toMatchObject({ status: 'overdue', leadUnits: '区发改局', assistUnits: '区财政局' });
    expect(byCode.get('2')!.status).toBe('due_soon');
    expect(byCode.get('3')).toMatchObject({ status: 'behind', plannedPercent: 75, latestPercent: null });
    expect(byCode.get('10')!.status).toBe('on_track');
    expect(byCode.get('4')!.status).toBe('done');
    expect(page.rows.map((r) => r.code)).toEqual(['1', '2', '3', '4', '10']);
  });

  it('filters by source, status, leader and due range', async () => {
    expect((await t.ok('tasks.list', { source: 'special' })).total).toBe(1);
    expect(titles(await t.ok('tasks.list', { statuses: ['overdue', 'due_soon'], sortField: 'due_date' }))).toEqual([
      '上年度遗留事项',
      '完成有效投资420亿元',
      '出台放假安排调整后的值班制度',
    ]);
    expect((await t.ok('tasks.list', { leader: '王副区长' })).total).toBe(2);
    expect((await t.ok('tasks.list', { dueFrom: '2016-09-01', dueTo: '2016-09-30' })).total).toBe(2);
  });

  it('filters by unit and by its role', async () => {
    expect((await t.ok('tasks.list', { year: 2016, unitId: unit['区发改局']! })).total).toBe(3);
    expect(titles(await t.ok('tasks.list', { year: 2016, unitId: unit['区发改局']!, role: 'assist' }))).toEqual(['新建改建农村公路50公里']);
  });

  it('sorts by status urgency and pages without overlap', async () => {
    const byStatus = await t.ok('tasks.list', { year: 2016, sortField: 'status' });
    expect(byStatus.rows.map((r) => r.status)).toEqual(['overdue', 'behind', 'due_soon', 'on_track', 'done']);
    const first = await t.ok('tasks.list', { year: 2016, sortField: 'code', limit: 2, offset: 0 });
    const second = await t.ok('tasks.list', { year: 2016, sortField: 'code', limit: 2, offset: 2 });
    expect(first.total).toBe(5);
    expect(first.rows.map((r) => r.code)).toEqual(['1', '2']);
    expect(second.rows.map((r) => r.code)).toEqual(['3', '4']);
  });

  it('searches three or more characters through the full-text index and two through the fallback', async () => {
    expect(titles(await t.ok('tasks.list', { search: '农村公路' }))).toEqual(['新建改建农村公路50公里']);
    expect(titles(await t.ok('tasks.list', { search: '放假' }))).toEqual(['出台放假安排调整后的值班制度']);
    expect((await t.ok('tasks.list', { search: '不存在的词语' })).total).toBe(0);
  });

  it('finds a task by the text of its progress reports', async () => {
    const page = await t.ok('tasks.list', { search: '特色小镇' });
    const id = page.rows[0]!.id;
    await t.ok('progress.add', { taskId: id, unitId: unit['区发改局']!, reportDate: '2016-09-19', percent: 60, doneText: '完成规划环评批复' });
    expect(titles(await t.ok('tasks.list', { search: '规划环评' }))).toEqual(['推进特色小镇建设']);
  });

  it('refuses a page larger than 500 rows with a Chinese message', async () => {
    const result = await t.call('tasks.list', { limit: 100_000 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('一次最多取 500 条');
  });
});

describe('dashboard', () => {
  it('counts by status and source and agrees with the ledger', async () => {
    const board = await t.ok('dashboard.get', { year: 2016 });
    expect(board.totals).toEqual({ total: 5, done: 1, overdue: 1, behind: 1, due_soon: 1, on_track: 1 });
    expect(board.bySource.find((s) => s.source === 'special')!.total).toBe(1);
    expect(board.bySource.find((s) => s.source === 'work_report')!.total).toBe(4);
    expect(board.overdue.map((r) => r.title)).toEqual(['完成有效投资420亿元']);
    expect(board.dueSoon.map((r) => r.title)).toEqual(['出台放假安排调整后的值班制度']);
    expect(board.behind.map((r) => r.title)).toEqual(['新建改建农村公路50公里']);
    const fagai = board.byUnit.find((u) => u.unitName === '区发改局')!;
    expect(fagai).toMatchObject({ lead: 2, assist: 1, overdue: 1, behind: 1, on_track: 1 });
    expect(board.byUnit[0]!.overdue).toBeGreaterThanOrEqual(1);
  });
});
