/**
 * 统计分析 from a hand-made 2016 ledger, every figure worked out by hand; today is 2016-09-20 (a Tuesday, 临期 = 3
 * working days, so 09-21 is 临期).
 *
 *   task source       办理期限      办结        → outcome           units
 *   T1   meeting      03-31        03-20       按期办结             百官 lead, 发改 assist
 *   T2   meeting      05-31        06-10       逾期办结             百官 lead
 *   T3   livelihood   06-30        —           逾期未办结           发改 lead, 百官 assist
 *   T4   livelihood   12-31        —           滞后 (plan 50% by 06-30, nothing reported)   发改 lead, 曹娥 assist
 *   T5   project      09-21        —           临期                 财政 lead
 *   T6   project      11-30        —           正常推进             财政 lead, 发改 assist
 *   T7   project      2017-03-31   08-01       按期办结 (due outside the year)   财政 lead
 *   T8   instruction  06-30        06-30       按期办结 (on the day)             旧机构 lead (deactivated)
 *   T9   special      07-31 → 延期 08-31  08-15   按期办结 (by the extended date)   百官 lead
 *   T10  2015 meeting 2015-12-31   —           another year: never counted      百官 lead
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../../electron/contract/channels';
import { RANKING_RULE, type StatCounts, type Statistics } from '../../../electron/contract/statistics';
import { rankUnits } from '../../../electron/services/statistics/statistics';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

type UnitKey = '百官' | '发改' | '财政' | '旧' | '曹娥';
type TaskKey = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7' | 'T8' | 'T9' | 'T10';

let t: TempLedger;
const unit = {} as Record<UnitKey, string>;
const task = {} as Record<TaskKey, string>;
let all: Statistics;

/** The counts with the derived fields, from the six outcomes. */
function counts(c: Partial<Pick<StatCounts, 'doneOnTime' | 'doneLate' | 'overdue' | 'behind' | 'dueSoon' | 'onTrack'>>): StatCounts {
  const o = { doneOnTime: 0, doneLate: 0, overdue: 0, behind: 0, dueSoon: 0, onTrack: 0, ...c };
  const done = o.doneOnTime + o.doneLate;
  const total = done + o.overdue + o.behind + o.dueSoon + o.onTrack;
  const judged = done + o.overdue;
  const r = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
  return { total, done, ...o, judged, completionRate: r(done, total), onTimeRate: r(o.doneOnTime, judged) };
}
const NONE = counts({});
const pick = (s: StatCounts): StatCounts => ({
  total: s.total,
  done: s.done,
  doneOnTime: s.doneOnTime,
  doneLate: s.doneLate,
  overdue: s.overdue,
  behind: s.behind,
  dueSoon: s.dueSoon,
  onTrack: s.onTrack,
  judged: s.judged,
  completionRate: s.completionRate,
  onTimeRate: s.onTimeRate,
});
const nameOf = (id: string) => (Object.entries(unit).find(([, v]) => v === id) ?? ['?'])[0];

beforeAll(async () => {
  t = await openTempLedger('2016-09-20');
  await t.ok('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: false });
  const mk = async (key: UnitKey, name: string, kind: 'subdistrict' | 'department', sortOrder: number) => {
    unit[key] = (await t.ok('units.create', { name, kind, sortOrder })).id;
  };
  await mk('百官', '百官街道', 'subdistrict', 1);
  await mk('曹娥', '曹娥街道', 'subdistrict', 2);
  await mk('发改', '区发改局', 'department', 1);
  await mk('财政', '区财政局', 'department', 2);
  await mk('旧', '区旧机构办', 'department', 3);

  type Input = ChannelInput<'tasks.create'>;
  const create = async (key: TaskKey, source: Input['source'], dueDate: string, units: Array<[UnitKey, 'lead' | 'assist']>, over: Partial<Input> = {}) => {
    task[key] = (
      await t.ok('tasks.create', {
        year: 2016,
        source,
        title: `统计测试事项${key}`,
        assignedDate: '2016-02-01',
        dueDate,
        units: units.map(([u, role]) => ({ unitId: unit[u], role })),
        ...over,
      })
    ).task.id;
  };
  await create('T1', 'meeting', '2016-03-31', [['百官', 'lead'], ['发改', 'assist']]);
  await create('T2', 'meeting', '2016-05-31', [['百官', 'lead']]);
  await create('T3', 'livelihood', '2016-06-30', [['发改', 'lead'], ['百官', 'assist']]);
  await create('T4', 'livelihood', '2016-12-31', [['发改', 'lead'], ['曹娥', 'assist']], {
    milestones: [{ label: '上半年', dueDate: '2016-06-30', plannedPercent: 50 }],
  });
  await create('T5', 'project', '2016-09-21', [['财政', 'lead']]);
  await create('T6', 'project', '2016-11-30', [['财政', 'lead'], ['发改', 'assist']]);
  await create('T7', 'project', '2017-03-31', [['财政', 'lead']]);
  await create('T8', 'instruction', '2016-06-30', [['旧', 'lead']]);
  await create('T9', 'special', '2016-07-31', [['百官', 'lead']]);
  await create('T10', 'meeting', '2015-12-31', [['百官', 'lead']], { year: 2015, assignedDate: '2015-03-01' });

  // T9's 延期, asked and approved in July.
  t.setToday('2016-07-20');
  const asked = await t.ok('extensions.request', { taskId: task.T9, unitId: unit.百官, reason: '征迁未完成', requestedDate: '2016-08-31' });
  await t.ok('extensions.decide', { id: asked.extensions[0]!.id, approve: true, note: '同意' });
  t.setToday('2016-09-20');

  for (const [key, on] of [['T1', '2016-03-20'], ['T2', '2016-06-10'], ['T7', '2016-08-01'], ['T8', '2016-06-30'], ['T9', '2016-08-15']] as const) {
    await t.ok('tasks.setCompleted', { id: task[key], completedOn: on });
  }
  await t.ok('units.setActive', { id: unit.旧, active: false });
  all = await t.ok('statistics.get', { year: 2016 });
}, 60_000);

afterAll(async () => t.close());

describe('statistics.get for 2016, all sources', () => {
  it('counts the year’s tasks with the ledger’s statuses: KPIs and rates', () => {
    expect(all.year).toBe(2016);
    expect(all.source).toBeNull();
    expect(all.today).toBe('2016-09-20');
    expect(all.generatedAt).toBe(new Date(2016, 8, 20, 10, 0, 0).toISOString());
    // 9 tasks (T10 is 2015); done 5 of which 4 on time; judged = done 5 + overdue 1.
    expect(all.totals).toEqual(counts({ doneOnTime: 4, doneLate: 1, overdue: 1, behind: 1, dueSoon: 1, onTrack: 1 }));
    expect(all.totals).toMatchObject({ total: 9, done: 5, judged: 6, completionRate: 0.5556, onTimeRate: 0.6667 });
  });

  it('agrees with the 台账 (the same status for every task)', async () => {
    const ledger = await t.ok('tasks.list', { year: 2016, limit: 500 });
    const byStatus = (s: string) => ledger.rows.filter((r) => r.status === s).length;
    expect(ledger.total).toBe(all.totals.total);
    expect([byStatus('done'), byStatus('overdue'), byStatus('behind'), byStatus('due_soon'), byStatus('on_track')]).toEqual([
      all.totals.done,
      all.totals.overdue,
      all.totals.behind,
      all.totals.dueSoon,
      all.totals.onTrack,
    ]);
  });

  it('splits by source, every source listed', () => {
    expect(all.bySource.map((s) => [s.source, pick(s)])).toEqual([
      ['work_report', NONE],
      ['livelihood', counts({ overdue: 1, behind: 1 })],
      ['meeting', counts({ doneOnTime: 1, doneLate: 1 })],
      ['project', counts({ doneOnTime: 1, dueSoon: 1, onTrack: 1 })],
      ['special', counts({ doneOnTime: 1 })],
      ['instruction', counts({ doneOnTime: 1 })],
    ]);
    expect(all.bySource.find((s) => s.source === 'livelihood')).toMatchObject({ completionRate: 0, onTimeRate: 0, judged: 1 });
    expect(all.bySource.find((s) => s.source === 'meeting')).toMatchObject({ completionRate: 1, onTimeRate: 0.5 });
    expect(all.bySource.find((s) => s.source === 'project')).toMatchObject({ completionRate: 0.3333, onTimeRate: 1 });
    expect(all.bySource.find((s) => s.source === 'work_report')).toMatchObject({ completionRate: null, onTimeRate: null });
  });

  it('splits by unit and role: most tasks first, then most overdue, then the office’s unit order', () => {
    expect(all.byUnit.lead.map((u) => [nameOf(u.unitId), u.role, u.active, pick(u)])).toEqual([
      ['百官', 'lead', true, counts({ doneOnTime: 2, doneLate: 1 })],
      ['财政', 'lead', true, counts({ doneOnTime: 1, dueSoon: 1, onTrack: 1 })],
      ['发改', 'lead', true, counts({ overdue: 1, behind: 1 })],
      ['旧', 'lead', false, counts({ doneOnTime: 1 })],
    ]);
    expect(all.byUnit.lead[0]).toMatchObject({ unitName: '百官街道', unitKind: 'subdistrict', onTimeRate: 0.6667, completionRate: 1 });
    expect(all.byUnit.assist.map((u) => [nameOf(u.unitId), pick(u)])).toEqual([
      ['发改', counts({ doneOnTime: 1, onTrack: 1 })],
      ['百官', counts({ overdue: 1 })],
      ['曹娥', counts({ behind: 1 })],
    ]);
    expect(all.byUnit.assist[2]).toMatchObject({ judged: 0, onTimeRate: null, completionRate: 0 });
  });

  it('buckets by the month and quarter of the 办理期限 (the extended one for T9); T7, due in 2017, apart', () => {
    expect(all.byMonth.map((m) => m.key)).toEqual(Array.from({ length: 12 }, (_, i) => `2016-${String(i + 1).padStart(2, '0')}`));
    expect(all.byMonth[1]).toMatchObject({ label: '2月', from: '2016-02-01', to: '2016-02-29' });
    const month = (n: number) => pick(all.byMonth[n - 1]!);
    expect([1, 2, 4, 7, 10].map(month)).toEqual([NONE, NONE, NONE, NONE, NONE]);
    expect(month(3)).toEqual(counts({ doneOnTime: 1 }));
    expect(month(5)).toEqual(counts({ doneLate: 1 }));
    expect(month(6)).toEqual(counts({ doneOnTime: 1, overdue: 1 }));
    expect(month(6)).toMatchObject({ judged: 2, onTimeRate: 0.5, completionRate: 0.5 });
    expect(month(8)).toEqual(counts({ doneOnTime: 1 }));
    expect(month(9)).toEqual(counts({ dueSoon: 1 }));
    expect(month(11)).toEqual(counts({ onTrack: 1 }));
    expect(month(12)).toEqual(counts({ behind: 1 }));

    expect(all.byQuarter.map((q) => [q.key, q.label, q.from, q.to])).toEqual([
      ['2016-Q1', '一季度', '2016-01-01', '2016-03-31'],
      ['2016-Q2', '二季度', '2016-04-01', '2016-06-30'],
      ['2016-Q3', '三季度', '2016-07-01', '2016-09-30'],
      ['2016-Q4', '四季度', '2016-10-01', '2016-12-31'],
    ]);
    expect(all.byQuarter.map(pick)).toEqual([
      counts({ doneOnTime: 1 }),
      counts({ doneOnTime: 1, doneLate: 1, overdue: 1 }),
      counts({ doneOnTime: 1, dueSoon: 1 }),
      counts({ onTrack: 1, behind: 1 }),
    ]);
    expect(all.byQuarter[1]).toMatchObject({ onTimeRate: 0.3333, completionRate: 0.6667 });
    expect(all.byQuarter[3]).toMatchObject({ onTimeRate: null, completionRate: 0 });
    expect(all.dueOutsideYear).toEqual(counts({ doneOnTime: 1 }));
    const bucketed = all.byMonth.reduce((n, m) => n + m.total, 0) + all.dueOutsideYear.total;
    expect(bucketed).toBe(all.totals.total);
  });

  it('ranks the active units by the named rule: rate, then fewer overdue, then more done on time', () => {
    expect(all.rankingRule).toBe(RANKING_RULE);
    // 财政 1/1; 百官 2/4 and 发改 1/2 tie at 50% with one overdue each, 百官 has more done on time; 曹娥 has nothing
    // judged yet; 旧机构 is deactivated.
    expect(all.ranking.map((u) => [u.rank, nameOf(u.unitId), u.lead, u.assist, u.doneOnTime, u.judged, u.onTimeRate])).toEqual([
      [1, '财政', 3, 0, 1, 1, 1],
      [2, '百官', 3, 1, 2, 4, 0.5],
      [3, '发改', 2, 2, 1, 2, 0.5],
      [null, '曹娥', 0, 1, 0, 0, null],
    ]);
    expect(pick(all.ranking[1]!)).toEqual(counts({ doneOnTime: 2, doneLate: 1, overdue: 1 }));
  });
});

describe('statistics.get narrowed', () => {
  it('by source: totals, units, months and ranking follow it; by-source still compares every source', async () => {
    const s = await t.ok('statistics.get', { year: 2016, source: 'livelihood' });
    expect(s.source).toBe('livelihood');
    expect(pick(s.totals)).toEqual(counts({ overdue: 1, behind: 1 }));
    expect(s.bySource).toEqual(all.bySource);
    expect(s.byUnit.lead.map((u) => [nameOf(u.unitId), pick(u)])).toEqual([['发改', counts({ overdue: 1, behind: 1 })]]);
    expect(s.byUnit.assist.map((u) => [nameOf(u.unitId), pick(u)])).toEqual([
      ['百官', counts({ overdue: 1 })],
      ['曹娥', counts({ behind: 1 })],
    ]);
    expect(s.byMonth.filter((m) => m.total > 0).map((m) => [m.key, m.overdue, m.behind])).toEqual([
      ['2016-06', 1, 0],
      ['2016-12', 0, 1],
    ]);
    // 百官 and 发改 tie on all three keys (0 of 1, one overdue, none on time): one rank, listed in the office's order.
    expect(s.ranking.map((u) => [u.rank, nameOf(u.unitId)])).toEqual([
      [1, '百官'],
      [1, '发改'],
      [null, '曹娥'],
    ]);
  });

  it('by year: another year counts only its own tasks', async () => {
    const s = await t.ok('statistics.get', { year: 2015 });
    expect(pick(s.totals)).toEqual(counts({ overdue: 1 }));
    expect(s.byMonth[11]).toMatchObject({ key: '2015-12', overdue: 1 });
    expect(s.ranking.map((u) => [u.rank, nameOf(u.unitId), u.onTimeRate])).toEqual([[1, '百官', 0]]);
  });

  it('refuses a year out of range with a Chinese message', async () => {
    const res = await t.call('statistics.get', { year: 1999 });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toContain('年度应在 2000–2100 之间');
  });
});

describe('the figures move with the ledger', () => {
  it('a new task and a late 办结 change the counts', async () => {
    await t.ok('tasks.create', {
      year: 2016,
      source: 'work_report',
      title: '统计测试新增事项',
      assignedDate: '2016-09-01',
      dueDate: '2016-10-31',
      units: [{ unitId: unit.曹娥, role: 'lead' }],
    });
    await t.ok('tasks.setCompleted', { id: task.T3, completedOn: '2016-09-20' });
    const s = await t.ok('statistics.get', { year: 2016 });
    expect(pick(s.totals)).toEqual(counts({ doneOnTime: 4, doneLate: 2, behind: 1, dueSoon: 1, onTrack: 2 }));
    expect(s.totals).toMatchObject({ total: 10, overdue: 0, onTimeRate: 0.6667, completionRate: 0.6 });
    expect(pick(s.bySource[0]!)).toEqual(counts({ onTrack: 1 }));
    expect(pick(s.byMonth[9]!)).toEqual(counts({ onTrack: 1 }));
    await t.ok('tasks.setCompleted', { id: task.T3, completedOn: null });
  });
});

describe('rankUnits', () => {
  const u = (name: string, doneOnTime: number, judged: number, overdue = judged - doneOnTime) => ({
    unitId: name,
    unitName: name,
    unitKind: 'department' as const,
    active: true,
    sortOrder: 0,
    lead: 1,
    assist: 0,
    counts: { ...counts({ doneOnTime, doneLate: judged - doneOnTime - overdue, overdue }) },
  });

  it('compares rates exactly, not as rounded, and gives equal units one rank (1, 1, 3)', () => {
    const ranked = rankUnits([u('乙', 2, 3), u('甲', 6667, 10000, 0), u('丙', 1, 2), u('丁', 1, 2), u('戊', 0, 0)]);
    expect(ranked.map((r) => [r.rank, r.unitName, r.onTimeRate])).toEqual([
      [1, '甲', 0.6667],
      [2, '乙', 0.6667],
      [3, '丙', 0.5],
      [3, '丁', 0.5],
      [null, '戊', null],
    ]);
  });
});

describe('statistics.savePng', () => {
  // A real 1×1 PNG.
  const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  const dataUrl = `data:image/png;base64,${PNG_BASE64}`;
  const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

  it('writes the PNG into the folder the host picks, under a safe name, never over an existing file', async () => {
    const folder = path.join(t.dir, '导出');
    mkdirSync(folder);
    const asked: string[] = [];
    t.ctx.ports.chooseExportFolder = async (suggested) => {
      asked.push(suggested);
      return folder;
    };
    const first = await t.ok('statistics.savePng', { name: '2016年/按来源:统计', dataUrl });
    expect(first).toBe(path.join(folder, '2016年按来源统计.png'));
    expect(asked).toEqual(['2016年按来源统计.png']);
    const bytes = readFileSync(first!);
    expect([...bytes.subarray(0, 8)]).toEqual(SIGNATURE);
    expect(bytes.equals(Buffer.from(PNG_BASE64, 'base64'))).toBe(true);

    writeFileSync(path.join(folder, '按单位.png'), 'existing');
    const second = await t.ok('statistics.savePng', { name: '按单位', dataUrl });
    expect(second).toBe(path.join(folder, '按单位-2.png'));
    expect(readFileSync(path.join(folder, '按单位.png'), 'utf8')).toBe('existing');
    expect(readdirSync(folder).sort()).toEqual(['2016年按来源统计.png', '按单位-2.png', '按单位.png']);
  });

  it('returns null and writes nothing when the officer cancels', async () => {
    t.ctx.ports.chooseExportFolder = async () => null;
    expect(await t.ok('statistics.savePng', { name: '按月份', dataUrl })).toBeNull();
  });

  it('refuses what is not a PNG, with a Chinese message, before asking for a folder', async () => {
    let asked = 0;
    t.ctx.ports.chooseExportFolder = async () => {
      asked += 1;
      return t.dir;
    };
    const jpeg = await t.call('statistics.savePng', { name: '图', dataUrl: `data:image/jpeg;base64,${PNG_BASE64}` });
    expect(jpeg).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!jpeg.ok) expect(jpeg.error.message).toContain('只能保存 PNG 图片');

    const text = await t.call('statistics.savePng', { name: '图', dataUrl: `data:image/png;base64,${Buffer.from('not a png at all').toString('base64')}` });
    expect(text).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '图片数据不是有效的 PNG 图片，未保存。' } });

    const broken = await t.call('statistics.savePng', { name: '图', dataUrl: 'data:image/png;base64,<script>' });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.message).toContain('图片数据已损坏');

    const huge = await t.call('statistics.savePng', { name: '图', dataUrl: `data:image/png;base64,${'A'.repeat(28 * 1024 * 1024)}` });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error.message).toContain('图片太大');

    const unnamed = await t.call('statistics.savePng', { name: '   ', dataUrl });
    expect(unnamed.ok).toBe(false);
    if (!unnamed.ok) expect(unnamed.error.message).toContain('请填写文件名');
    expect(asked).toBe(0);
    expect(existsSync(path.join(t.dir, '图.png'))).toBe(false);
  });

  it('says so when the host cannot choose a folder', async () => {
    t.ctx.ports.chooseExportFolder = undefined;
    const res = await t.call('statistics.savePng', { name: '图', dataUrl });
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
