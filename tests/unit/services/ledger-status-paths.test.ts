/**
 * The 台账's status filters and status sort are SQL predicates on tasks, read status by status in index order
 * (electron/services/ledger-query.ts), not every task's status computed and ranked. This checks that they give
 * exactly what the straightforward way gives — every live task's status computed in JS by status.ts, filtered,
 * sorted and paged — on a ledger with every status, two years, three units, milestones (a tombstoned one too),
 * reports and tombstoned tasks, for every subset of statuses, every sort field and both directions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tombstoneRow } from '../../../db/repository';
import type { ChannelInput } from '../../../electron/contract/channels';
import { LEDGER_SORT_FIELDS, TASK_STATUSES, type LedgerSortField, type TaskStatus } from '../../../electron/contract/vocabulary';
import { statusParamsOf } from '../../../electron/services/holidays';
import { plannedPercentAt, taskStatusByCutoff } from '../../../electron/services/status';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

const TODAY = '2016-09-20';

interface Expected {
  id: string;
  year: number;
  code: string;
  title: string;
  source: string;
  dueDate: string;
  updatedAt: string;
  latestPercent: number | null;
  status: TaskStatus;
  units: Map<string, string>;
}

let t: TempLedger;
const unitIds: string[] = [];
let expected: Expected[] = [];

/** mulberry32, so the ledger is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

beforeAll(async () => {
  t = await openTempLedger(TODAY);
  for (const name of ['区发改局', '区财政局', '百官街道']) unitIds.push((await t.ok('units.create', { name, kind: 'department' })).id);
  const rand = prng(20160920);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const taskIds: string[] = [];
  for (let i = 0; i < 90; i += 1) {
    const year = pick([2015, 2016, 2016]);
    // Due dates cluster around today and the 临期 cutoff (2016-09-22 with the default 3 working days).
    const dueDate = addDays(TODAY, pick([-400, -30, -1, 0, 1, 2, 3, 5, 8, 40, 100]));
    const lead = pick(unitIds);
    const assist = unitIds.find((u) => u !== lead && rand() < 0.5);
    const milestones: ChannelInput<'tasks.create'>['milestones'] = [];
    const milestoneCount = pick([0, 0, 1, 2, 3]);
    for (let m = 0; m < milestoneCount; m += 1) {
      milestones.push({ label: `节点${m}`, dueDate: addDays(TODAY, pick([-60, -10, -10, 0, 15])), plannedPercent: pick([20, 50, 50, 80]) });
    }
    const task = await t.ok('tasks.create', {
      year,
      source: pick(['work_report', 'special', 'livelihood'] as const),
      code: String(pick([1, 2, 10, 11, 100, i])),
      title: pick(['完成有效投资', '推进特色小镇建设', '新建改建农村公路', '城中村改造']),
      assignedDate: '2015-01-05',
      dueDate,
      units: [{ unitId: lead, role: 'lead' }, ...(assist ? [{ unitId: assist, role: 'assist' as const }] : [])],
      milestones,
    });
    const id = task.task.id;
    taskIds.push(id);
    const reports = pick([0, 1, 2]);
    for (let r = 0; r < reports; r += 1) {
      await t.ok('progress.add', { taskId: id, unitId: pick([lead, assist ?? lead]), reportDate: addDays(TODAY, -r - 1), percent: pick([10, 50, 60, 90]), doneText: '推进中' });
    }
    if (rand() < 0.25) await t.ok('tasks.setCompleted', { id, completedOn: addDays(TODAY, -2) });
  }
  // Tombstones: a few tasks and one milestone.
  const db = t.ctx.ledger.db;
  for (const id of taskIds.filter((_, i) => i % 17 === 5)) await db.transaction().execute((trx) => tombstoneRow(trx, t.ctx.write, 'tasks', id));
  const someMilestone = await db.selectFrom('milestones').select('id').where('deleted_hlc', 'is', null).orderBy('id').executeTakeFirstOrThrow();
  await db.transaction().execute((trx) => tombstoneRow(trx, t.ctx.write, 'milestones', someMilestone.id));

  // The straightforward computation: every live task, its status by status.ts.
  const params = await statusParamsOf(t.ctx);
  const tasks = await db.selectFrom('tasks').selectAll().where('deleted_hlc', 'is', null).execute();
  const latest = new Map((await db.selectFrom('task_latest_progress').selectAll().execute()).map((r) => [r.task_id, r.latest_percent]));
  const milestonesOf = new Map<string, { dueDate: string; plannedPercent: number }[]>();
  for (const m of await db.selectFrom('milestones').selectAll().where('deleted_hlc', 'is', null).execute()) {
    milestonesOf.set(m.task_id, [...(milestonesOf.get(m.task_id) ?? []), { dueDate: m.due_date, plannedPercent: m.planned_percent }]);
  }
  const links = await db.selectFrom('task_units').selectAll().where('deleted_hlc', 'is', null).execute();
  expected = tasks.map((task) => {
    const latestPercent = latest.get(task.id) ?? null;
    const plannedPercent = plannedPercentAt(milestonesOf.get(task.id) ?? [], params.today);
    return {
      id: task.id,
      year: task.year,
      code: task.code,
      title: task.title,
      source: task.source,
      dueDate: task.due_date,
      updatedAt: task.updated_at,
      latestPercent,
      status: taskStatusByCutoff({ today: params.today, dueDate: task.due_date, completedOn: task.completed_on, latestPercent, plannedPercent }, params.dueSoonCutoff),
      units: new Map(links.filter((l) => l.task_id === task.id).map((l) => [l.unit_id, l.role])),
    };
  });
}, 60_000);
afterAll(async () => t.close());

const RANK: Record<TaskStatus, number> = { overdue: 0, behind: 1, due_soon: 2, on_track: 3, done: 4 };

function sortKey(e: Expected, field: LedgerSortField): (string | number)[] {
  switch (field) {
    case 'code':
      return [e.code.length, e.code];
    case 'title':
      return [e.title];
    case 'due_date':
      return [e.dueDate];
    case 'status':
      return [RANK[e.status]];
    case 'latest_percent':
      return [e.latestPercent ?? -1];
    case 'updated_at':
      return [e.updatedAt];
    case 'source':
      return [e.source];
  }
}

function compare(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i]! < b[i]!) return -1;
    if (a[i]! > b[i]!) return 1;
  }
  return 0;
}

/** The page the straightforward way: filter, sort by the field (then 期限 and id, always ascending), slice. */
function expectedIds(statuses: readonly TaskStatus[], field: LedgerSortField, order: 'asc' | 'desc', where: (e: Expected) => boolean = () => true): string[] {
  const sign = order === 'desc' ? -1 : 1;
  return expected
    .filter((e) => where(e) && (statuses.length === 0 || statuses.includes(e.status)))
    .sort((a, b) => sign * compare(sortKey(a, field), sortKey(b, field)) || compare([a.dueDate, a.id], [b.dueDate, b.id]))
    .map((e) => e.id);
}

const SUBSETS: TaskStatus[][] = Array.from({ length: 1 << TASK_STATUSES.length }, (_, mask) => TASK_STATUSES.filter((_, i) => mask & (1 << i)));

describe('status filters and sorts as predicates', () => {
  it('has every status in the ledger', () => {
    for (const status of TASK_STATUSES) expect(expected.filter((e) => e.status === status).length, status).toBeGreaterThan(2);
  });

  it('gives the same rows, statuses and totals as computing every status, for every subset, sort and direction', async () => {
    for (const statuses of SUBSETS) {
      for (const sortField of LEDGER_SORT_FIELDS) {
        for (const sortOrder of ['asc', 'desc'] as const) {
          const want = expectedIds(statuses, sortField, sortOrder);
          const page = await t.ok('tasks.list', { statuses, sortField, sortOrder, limit: 500 });
          const label = `${statuses.join('+') || '全部'} / ${sortField} ${sortOrder}`;
          expect(page.rows.map((r) => r.id), label).toEqual(want);
          expect(page.total, label).toBe(want.length);
          const statusOf = new Map(expected.map((e) => [e.id, e.status]));
          for (const row of page.rows) expect(row.status, label).toBe(statusOf.get(row.id));
        }
      }
    }
  });

  it('pages through the statuses without gaps or overlaps, within a year and a unit too', async () => {
    const filters: { input: Partial<ChannelInput<'tasks.list'>>; where: (e: Expected) => boolean }[] = [
      { input: {}, where: () => true },
      { input: { year: 2016 }, where: (e) => e.year === 2016 },
      { input: { unitId: unitIds[0]!, role: 'lead' }, where: (e) => e.units.get(unitIds[0]!) === 'lead' },
    ];
    for (const { input, where } of filters) {
      for (const statuses of [[], ['overdue', 'behind'], ['due_soon', 'on_track', 'done'], ['done']] as TaskStatus[][]) {
        for (const sortOrder of ['asc', 'desc'] as const) {
          const want = expectedIds(statuses, 'status', sortOrder, where);
          const got: string[] = [];
          for (let offset = 0; offset < want.length + 7; offset += 7) {
            const page = await t.ok('tasks.list', { ...input, statuses, sortField: 'status', sortOrder, offset, limit: 7 });
            expect(page.total).toBe(want.length);
            got.push(...page.rows.map((r) => r.id));
          }
          expect(got, `${JSON.stringify(input)} ${statuses.join('+')} ${sortOrder}`).toEqual(want);
        }
      }
    }
  });
});

describe('a search page counting its hits in the same pass', () => {
  it('gives the same rows and total as filtering by title, for every sort, page by page, past the end, with a unit', async () => {
    const filters: { input: Partial<ChannelInput<'tasks.list'>>; where: (e: Expected) => boolean }[] = [
      { input: { search: '特色小镇' }, where: (e) => e.title.includes('特色小镇') },
      { input: { search: '特色小镇', unitId: unitIds[0]! }, where: (e) => e.title.includes('特色小镇') && e.units.has(unitIds[0]!) },
      { input: { search: '特色小镇', statuses: ['overdue', 'done'] }, where: (e) => e.title.includes('特色小镇') && ['overdue', 'done'].includes(e.status) },
    ];
    for (const { input, where } of filters) {
      for (const sortField of LEDGER_SORT_FIELDS.filter((f) => f !== 'status')) {
        const want = expectedIds([], sortField, 'asc', where);
        expect(want.length).toBeGreaterThan(7);
        const got: string[] = [];
        for (let offset = 0; offset <= want.length + 7; offset += 7) {
          const page = await t.ok('tasks.list', { ...input, sortField, offset, limit: 7 });
          expect(page.total, `${JSON.stringify(input)} ${sortField} @${offset}`).toBe(want.length);
          got.push(...page.rows.map((r) => r.id));
        }
        expect(got, `${JSON.stringify(input)} ${sortField}`).toEqual(want);
      }
    }
  });
});

describe('a unit\'s page counted and paged from task_unit_facts', () => {
  it('gives the same rows and total as filtering the links, by 编号 and 期限 both ways, page by page, with a role and a year', async () => {
    const filters: { input: Partial<ChannelInput<'tasks.list'>>; where: (e: Expected) => boolean }[] = [
      { input: { unitId: unitIds[0]! }, where: (e) => e.units.has(unitIds[0]!) },
      { input: { unitId: unitIds[1]!, role: 'lead' }, where: (e) => e.units.get(unitIds[1]!) === 'lead' },
      { input: { unitId: unitIds[2]!, role: 'assist', year: 2016 }, where: (e) => e.units.get(unitIds[2]!) === 'assist' && e.year === 2016 },
      { input: { unitId: unitIds[0]!, year: 2015 }, where: (e) => e.units.has(unitIds[0]!) && e.year === 2015 },
    ];
    for (const { input, where } of filters) {
      for (const sortField of ['code', 'due_date'] as const) {
        for (const sortOrder of ['asc', 'desc'] as const) {
          const want = expectedIds([], sortField, sortOrder, where);
          expect(want.length, JSON.stringify(input)).toBeGreaterThan(7);
          const got: string[] = [];
          for (let offset = 0; offset <= want.length + 7; offset += 7) {
            const page = await t.ok('tasks.list', { ...input, sortField, sortOrder, offset, limit: 7 });
            expect(page.total, `${JSON.stringify(input)} ${sortField} ${sortOrder} @${offset}`).toBe(want.length);
            got.push(...page.rows.map((r) => r.id));
          }
          expect(got, `${JSON.stringify(input)} ${sortField} ${sortOrder}`).toEqual(want);
        }
      }
    }
  });
});

describe('工作台 counted in SQL', () => {
  it('gives the same counts and lists as every status computed in JS', async () => {
    for (const year of [2015, 2016]) {
      const board = await t.ok('dashboard.get', { year });
      const ofYear = expected.filter((e) => e.year === year);
      const counts = (items: readonly Expected[]) => {
        const c = { total: items.length, done: 0, overdue: 0, behind: 0, due_soon: 0, on_track: 0 };
        for (const e of items) c[e.status] += 1;
        return c;
      };
      expect(board.totals).toEqual(counts(ofYear));
      for (const s of board.bySource) expect(s, s.source).toEqual({ source: s.source, ...counts(ofYear.filter((e) => e.source === s.source)) });
      const units = unitIds
        .map((unitId) => {
          const linked = ofYear.filter((e) => e.units.has(unitId));
          const lead = linked.filter((e) => e.units.get(unitId) === 'lead').length;
          return { unitId, lead, assist: linked.length - lead, ...counts(linked) };
        })
        .filter((u) => u.total > u.done);
      expect(board.byUnit.map(({ unitName: _name, ...u }) => u).sort((a, b) => a.unitId.localeCompare(b.unitId))).toEqual(
        units.sort((a, b) => a.unitId.localeCompare(b.unitId)),
      );
      const firstOf = (status: TaskStatus) => expectedIds([status], 'due_date', 'asc', (e) => e.year === year).slice(0, 50);
      expect(board.overdue.map((r) => r.id)).toEqual(firstOf('overdue'));
      expect(board.dueSoon.map((r) => r.id)).toEqual(firstOf('due_soon'));
      expect(board.behind.map((r) => r.id)).toEqual(firstOf('behind'));
    }
  });
});
