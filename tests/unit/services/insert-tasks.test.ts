/**
 * insertTasks (the batched save of the Excel import) against insertTask one task at a time: the same tasks, links
 * and milestones, and every row logged in change_log as the repository logs an insert, under its own stamp.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { literalDefault } from '../../../db/repository';
import { taskInput, type ChannelInput } from '../../../electron/contract/channels';
import { calendarOf } from '../../../electron/services/holidays';
import { insertTask, insertTasks, type TaskInput } from '../../../electron/services/tasks';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

let t: TempLedger;
let unitIds: string[];

beforeEach(async () => {
  t = await openTempLedger('2016-09-20');
  unitIds = [];
  for (const [name, kind] of [
    ['区发改局', 'department'],
    ['百官街道', 'subdistrict'],
    ['道墟镇', 'township'],
  ] as const) {
    unitIds.push((await t.ok('units.create', { name, kind })).id);
  }
});
afterEach(async () => t.close());

/** Inputs as the import makes them: units, quarterly milestones, one with a working-day limit, one with a parent. */
function inputs(year: number, parentId: string | null): TaskInput[] {
  const raw: ChannelInput<'tasks.create'>[] = Array.from({ length: 7 }, (_, i) => ({
    year,
    source: 'work_report',
    code: String(i + 1),
    title: `第${i + 1}项重点工作`,
    content: i % 2 === 0 ? '' : '推进项目建设',
    sourceRef: `${year}年政府工作报告`,
    leader: '金立明',
    assignedDate: `${year}-03-01`,
    ...(i === 2 ? { timeLimitValue: 30, timeLimitUnit: 'workday' as const } : { dueDate: `${year}-12-31` }),
    rhythm: i === 4 ? 'monthly' : undefined,
    parentId: i === 6 ? parentId : null,
    note: i === 5 ? '长期事项' : '',
    units: [
      { unitId: unitIds[i % 3]!, role: 'lead' },
      ...(i % 2 === 0 ? [{ unitId: unitIds[(i + 1) % 3]!, role: 'assist' as const, contactPerson: '李明', contactPhone: '0575-82123456' }] : []),
    ],
    milestones:
      i === 3
        ? []
        : [
            { label: '二季度', dueDate: `${year}-06-30`, plannedPercent: 50, description: '完成50%' },
            { label: '四季度', dueDate: `${year}-12-31`, plannedPercent: 100, description: '全面完成' },
          ],
  }));
  return raw.map((r) => taskInput.parse(r));
}

const SYNC = new Set(['id', 'created_at', 'updated_at', 'updated_hlc', 'updated_by', 'deleted_hlc']);

/**
 * The rows of the tasks with the given ids, their links and milestones, with ids as positions and without sync
 * columns and year; and a check that each row's change_log is exactly its columns under the row's own stamp.
 */
/** The columns of `table` with a literal (or NULL) default, and that default: what an insert does not log. */
async function defaultsOf(table: string): Promise<Map<string, unknown>> {
  const info = await sql<{ name: string; dflt_value: string | null; notnull: number }>`SELECT name, dflt_value, "notnull" FROM pragma_table_info(${table})`.execute(t.ctx.ledger.db);
  const defaults = new Map<string, unknown>();
  for (const column of info.rows) {
    const fallback = literalDefault(column.dflt_value, column.notnull === 1);
    if (fallback) defaults.set(column.name, fallback.value);
  }
  return defaults;
}

async function saved(taskIds: readonly string[]) {
  const db = t.ctx.ledger.db;
  const tasks = await db.selectFrom('tasks').selectAll().where('id', 'in', taskIds).execute();
  const links = await db.selectFrom('task_units').selectAll().where('task_id', 'in', taskIds).orderBy('id').execute();
  const milestones = await db.selectFrom('milestones').selectAll().where('task_id', 'in', taskIds).orderBy('id').execute();
  const position = (id: string) => taskIds.indexOf(id);
  const stamps = new Set<string>();
  for (const [table, rows] of [
    ['tasks', tasks],
    ['task_units', links],
    ['milestones', milestones],
  ] as const) {
    for (const row of rows as readonly Record<string, unknown>[]) {
      const log = await db.selectFrom('change_log').selectAll().where('table_name', '=', table).where('row_id', '=', row.id as string).execute();
      const logged = Object.fromEntries(log.map((entry) => [entry.column_name, JSON.parse(entry.value) as unknown]));
      const defaults = await defaultsOf(table);
      const atDefault = (column: string, value: unknown) => defaults.has(column) && defaults.get(column) === value;
      const expected = Object.fromEntries(
        Object.entries(row).filter(([column, value]) => !['id', 'updated_at', 'updated_hlc', 'updated_by'].includes(column) && !atDefault(column, value)),
      );
      expect(logged).toEqual(expected);
      expect(new Set(log.map((entry) => entry.hlc))).toEqual(new Set([row.updated_hlc]));
      stamps.add(row.updated_hlc as string);
    }
  }
  expect(stamps.size).toBe(tasks.length + links.length + milestones.length);
  const plain = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([column]) => !SYNC.has(column) && column !== 'year'));
  const noYear = (text: unknown) => String(text).replace(/\d{4}/g, 'YYYY');
  return {
    tasks: tasks
      .map((r) => ({ ...plain(r), position: position(r.id), assigned_date: noYear(r.assigned_date), due_date: noYear(r.due_date), source_ref: noYear(r.source_ref) }))
      .sort((a, b) => a.position - b.position),
    links: links.map((r) => ({ ...plain(r), unit_id: r.unit_id, task_id: position(r.task_id) })).sort((a, b) => a.task_id - b.task_id || a.unit_id.localeCompare(b.unit_id)),
    milestones: milestones.map((r) => ({ ...plain(r), task_id: position(r.task_id), due_date: noYear(r.due_date) })).sort((a, b) => a.task_id - b.task_id || a.due_date.localeCompare(b.due_date)),
  };
}

describe('insertTasks', () => {
  it('saves the same tasks, links, milestones and change_log as insertTask for each input, every row under its own stamp', async () => {
    const calendar = await calendarOf(t.ctx);
    const parent = (await t.ok('tasks.create', { ...inputs(2015, null)[0]!, code: '上级' })).task.id;
    const one = await t.ctx.ledger.db.transaction().execute(async (trx) => {
      const ids: string[] = [];
      for (const input of inputs(2016, parent)) ids.push(await insertTask(trx, t.ctx, input, calendar));
      return ids;
    });
    const batch = await t.ctx.ledger.db.transaction().execute((trx) => insertTasks(trx, t.ctx, inputs(2017, parent), calendar));

    expect(batch).toHaveLength(7);
    const a = await saved(one);
    const b = await saved(batch);
    expect(b).toEqual(a);
    expect(b.tasks).toHaveLength(7);
    expect(b.links).toHaveLength(11);
    expect(b.milestones).toHaveLength(12);
    // The working-day limit was counted (2017-03-01 + 30 working days) and the source's default rhythm applied.
    expect((await t.ok('tasks.get', { id: batch[2]! })).task.dueDate).toBe('2017-04-13');
    expect((await t.ok('tasks.get', { id: batch[0]! })).task.rhythm).toBe((await t.ok('tasks.get', { id: one[0]! })).task.rhythm);
    expect((await t.ok('tasks.get', { id: batch[6]! })).task.parentId).toBe(parent);
  });

  it('checks every input before writing: an unknown unit or parent anywhere in the batch saves nothing', async () => {
    const calendar = await calendarOf(t.ctx);
    const countOf = async (table: 'tasks' | 'change_log') =>
      Number((await t.ctx.ledger.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const logBefore = await countOf('change_log');
    const badUnit = inputs(2016, null);
    badUnit[5] = { ...badUnit[5]!, units: [{ unitId: 'no-such-unit', role: 'lead', contactPerson: '', contactPhone: '' }] };
    await expect(t.ctx.ledger.db.transaction().execute((trx) => insertTasks(trx, t.ctx, badUnit, calendar))).rejects.toThrow(/不存在的单位/);
    const badParent = inputs(2016, '01890a5d-ac96-774b-bcce-b302099a8057');
    await expect(t.ctx.ledger.db.transaction().execute((trx) => insertTasks(trx, t.ctx, badParent, calendar))).rejects.toThrow();
    expect(await countOf('tasks')).toBe(0);
    expect(await countOf('change_log')).toBe(logBefore);
    expect(await t.ctx.ledger.db.transaction().execute((trx) => insertTasks(trx, t.ctx, [], calendar))).toEqual([]);
  });
});
