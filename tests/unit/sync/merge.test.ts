import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_WARNING_MS } from '../../../db/hlc';
import { isUuidV7 } from '../../../db/ids';
import { restoreClock } from '../../../db/local-meta';
import { insertRow, tombstoneRow, updateRow } from '../../../db/repository';
import type { ConflictTable } from '../../../db/schema';
import { ledgerDigest, mergeInto } from '../../../db/sync/merge';
import { ManualTime } from '../db/helpers';
import { changeIds, cloneDatabase, exchange, memoryMachine, rows, syncInto, type Machine } from './machines';

const DEVICE_A = '0190a000-0000-7000-8000-00000000000a';
const DEVICE_B = '0190a000-0000-7000-8000-00000000000b';
const START = Date.UTC(2016, 6, 5, 2, 0, 0);

const UNIT = rows.unit();
const TASK = rows.task();

function twoMachines(): [Machine, Machine] {
  return [memoryMachine('A', DEVICE_A, '张三', new ManualTime(START)), memoryMachine('B', DEVICE_B, '李四', new ManualTime(START + 1000))];
}

function openConflicts(m: Machine): ConflictTable[] {
  return m.sqlite.prepare(`SELECT * FROM conflicts ORDER BY id`).all() as ConflictTable[];
}

/** A task with a lead unit, made on A and copied to B: the common origin. */
async function sharedTask(a: Machine, b: Machine): Promise<{ unitId: string; taskId: string }> {
  const unitId = await insertRow(a.db, a.ctx, 'units', UNIT);
  const taskId = await insertRow(a.db, a.ctx, 'tasks', TASK);
  await insertRow(a.db, a.ctx, 'task_units', rows.taskUnit(taskId, unitId));
  exchange(b, a);
  a.time.advance(60_000);
  b.time.advance(60_000);
  return { unitId, taskId };
}

describe('mergeInto', () => {
  it('copies a new ledger over, reports who made the changes, and a second merge does nothing', async () => {
    const [a, b] = twoMachines();
    await insertRow(a.db, a.ctx, 'units', UNIT);
    await insertRow(a.db, a.ctx, 'tasks', TASK);
    const first = syncInto(b, a);
    expect(first.received).toBe(changeIds(a.sqlite).length);
    expect(first.byTable).toEqual({ units: { added: 1, changed: 0, deleted: 0 }, tasks: { added: 1, changed: 0, deleted: 0 } });
    expect(first.fromDevices).toEqual([DEVICE_A]);
    expect(first.fromOperators).toEqual(['张三']);
    expect(first.conflicts).toBe(0);
    expect(first.clockWarning).toBeNull();
    expect(ledgerDigest(b.sqlite)).toEqual(ledgerDigest(a.sqlite));

    const again = syncInto(b, a);
    expect(again).toEqual({ received: 0, byTable: {}, fromDevices: [], fromOperators: [], conflicts: 0, clockWarning: null });
    expect(ledgerDigest(b.sqlite)).toEqual(ledgerDigest(a.sqlite));
  });

  it('recreates a new row column for column although its insert logged only the columns not at their default', async () => {
    const [a, b] = twoMachines();
    // Left to the schema: short_name, the contacts, sort_order 0, active 1; a task with empty texts and NULLs.
    const unitId = await insertRow(a.db, a.ctx, 'units', { name: '区水利局', kind: 'department' } as never);
    const taskId = await insertRow(a.db, a.ctx, 'tasks', { ...TASK, content: '', note: '', parent_id: null, completed_on: null });
    const linkId = await insertRow(a.db, a.ctx, 'task_units', rows.taskUnit(taskId, unitId));
    const logged = a.sqlite.prepare(`SELECT column_name FROM change_log WHERE row_id = ?`).pluck().all(unitId);
    expect(logged).not.toContain('active');
    expect(logged).not.toContain('short_name');
    const report = syncInto(b, a);
    expect(report.byTable).toEqual({ units: { added: 1, changed: 0, deleted: 0 }, tasks: { added: 1, changed: 0, deleted: 0 }, task_units: { added: 1, changed: 0, deleted: 0 } });
    for (const [table, id] of [['units', unitId], ['tasks', taskId], ['task_units', linkId]] as const) {
      const row = (m: Machine) => m.sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id);
      expect(row(b)).toEqual(row(a));
    }
    expect(b.sqlite.prepare(`SELECT active, short_name, sort_order, deleted_hlc FROM units WHERE id = ?`).get(unitId)).toEqual({ active: 1, short_name: '', sort_order: 0, deleted_hlc: null });
    expect(ledgerDigest(b.sqlite)).toEqual(ledgerDigest(a.sqlite));
  });

  it('keeps per field the value with the higher clock and records the concurrent differing edit as a conflict', async () => {
    const [a, b] = twoMachines();
    const { taskId } = await sharedTask(a, b);
    await updateRow(a.db, a.ctx, 'tasks', taskId, { title: '河道清淤（甲）', note: '甲的备注' });
    await updateRow(b.db, b.ctx, 'tasks', taskId, { title: '河道清淤（乙）', leader: '王副区长' });
    const report = syncInto(a, b);
    expect(report.conflicts).toBe(1);
    expect(report.byTable).toEqual({ tasks: { added: 0, changed: 1, deleted: 0 } });
    syncInto(b, a);
    expect(ledgerDigest(a.sqlite)).toEqual(ledgerDigest(b.sqlite));
    const task = a.sqlite.prepare('SELECT title, note, leader, updated_by FROM tasks WHERE id = ?').get(taskId);
    // B's edit is one second later on the clock.
    expect(task).toEqual({ title: '河道清淤（乙）', note: '甲的备注', leader: '王副区长', updated_by: `${DEVICE_B}:李四` });
    const [conflict, ...rest] = openConflicts(b);
    expect(rest).toEqual([]);
    expect(conflict).toMatchObject({
      kind: 'field',
      table_name: 'tasks',
      row_id: taskId,
      column_name: 'title',
      other_row_id: null,
      earlier_value: JSON.stringify('河道清淤（甲）'),
      earlier_by: `${DEVICE_A}:张三`,
      later_value: JSON.stringify('河道清淤（乙）'),
      later_by: `${DEVICE_B}:李四`,
      winner: 'later',
      status: 'open',
      resolution: null,
      deleted_hlc: null,
    });
    expect(isUuidV7(conflict!.id)).toBe(true);
  });

  it('records one conflict per pair of concurrent differing edits, so the order of merges does not matter', async () => {
    const [a, b] = twoMachines();
    const c = memoryMachine('C', '0190a000-0000-7000-8000-00000000000c', '王五', new ManualTime(START + 2000));
    const { taskId } = await sharedTask(a, b);
    exchange(c, a);
    c.time.advance(60_000); // C edits last on the clock
    await updateRow(a.db, a.ctx, 'tasks', taskId, { title: '甲' });
    await updateRow(b.db, b.ctx, 'tasks', taskId, { title: '乙' });
    await updateRow(c.db, c.ctx, 'tasks', taskId, { title: '丙' });
    const bThenC = cloneDatabase(a.sqlite);
    const cThenB = cloneDatabase(a.sqlite);
    const now = { sourcePeerId: 'x', now: new Date(START) };
    mergeInto(bThenC, b.sqlite, now);
    mergeInto(bThenC, c.sqlite, now);
    mergeInto(cThenB, c.sqlite, now);
    mergeInto(cThenB, b.sqlite, now);
    expect(ledgerDigest(bThenC)).toEqual(ledgerDigest(cThenB));
    const pairs = bThenC.prepare('SELECT earlier_value, later_value FROM conflicts ORDER BY earlier_hlc, later_hlc').all();
    const q = (s: string) => JSON.stringify(s);
    expect(pairs).toEqual([
      { earlier_value: q('甲'), later_value: q('乙') },
      { earlier_value: q('甲'), later_value: q('丙') },
      { earlier_value: q('乙'), later_value: q('丙') },
    ]);
    expect(bThenC.prepare('SELECT title FROM tasks').pluck().get()).toBe('丙');
  });

  it('records the same conflict under the same id when both PCs find it, and a resolution travels', async () => {
    const [a, b] = twoMachines();
    const { taskId } = await sharedTask(a, b);
    await updateRow(a.db, a.ctx, 'tasks', taskId, { due_date: '2016-10-31' });
    await updateRow(b.db, b.ctx, 'tasks', taskId, { due_date: '2016-11-30' });
    // Each PC finds it on its own (merging directly from the other's copy as it was).
    const bBefore = cloneDatabase(b.sqlite);
    const aBefore = cloneDatabase(a.sqlite);
    mergeInto(a.sqlite, bBefore, { sourcePeerId: 'b', now: a.time.date() });
    mergeInto(b.sqlite, aBefore, { sourcePeerId: 'a', now: b.time.date() });
    expect(ledgerDigest(a.sqlite)).toEqual(ledgerDigest(b.sqlite));
    const [conflict] = openConflicts(a);
    expect(openConflicts(b)).toEqual(openConflicts(a));

    a.ctx.clock.observe(conflict!.updated_hlc);
    a.time.advance(60_000);
    await updateRow(a.db, a.ctx, 'conflicts', conflict!.id, { status: 'resolved', resolution: 'later' });
    const report = syncInto(b, a);
    expect(report.conflicts).toBe(0);
    expect(b.sqlite.prepare('SELECT status, resolution FROM conflicts').get()).toEqual({ status: 'resolved', resolution: 'later' });
    // Finding it again later (merging B's old copy into A) cannot reopen it: its stamp is below the resolution.
    expect(mergeInto(a.sqlite, bBefore, { sourcePeerId: 'b', now: a.time.date() }).conflicts).toBe(0);
    expect(a.sqlite.prepare('SELECT status FROM conflicts').pluck().get()).toBe('resolved');
  });

  it('does not call equal edits or two deletions a conflict', async () => {
    const [a, b] = twoMachines();
    const { taskId, unitId } = await sharedTask(a, b);
    await updateRow(a.db, a.ctx, 'tasks', taskId, { leader: '王副区长' });
    await updateRow(b.db, b.ctx, 'tasks', taskId, { leader: '王副区长' });
    await tombstoneRow(a.db, a.ctx, 'units', unitId);
    await tombstoneRow(b.db, b.ctx, 'units', unitId);
    expect(syncInto(a, b).conflicts).toBe(0);
    syncInto(b, a);
    expect(openConflicts(a)).toEqual([]);
    expect(ledgerDigest(a.sqlite)).toEqual(ledgerDigest(b.sqlite));
    expect(a.sqlite.prepare('SELECT deleted_hlc FROM units').pluck().get()).toMatch(new RegExp(`-${DEVICE_B}$`));
  });

  it('records an edit of a record the other PC deleted as edit_delete; the record stays deleted with the edit kept', async () => {
    const [a, b] = twoMachines();
    const { taskId } = await sharedTask(a, b);
    const milestoneId = await insertRow(a.db, a.ctx, 'milestones', rows.milestone(taskId));
    exchange(a, b);
    a.time.advance(1000);
    b.time.advance(1000);
    await tombstoneRow(a.db, a.ctx, 'milestones', milestoneId);
    await updateRow(b.db, b.ctx, 'milestones', milestoneId, { label: '第一季度', planned_percent: 25 });
    const report = syncInto(b, a);
    expect(report.byTable).toEqual({ milestones: { added: 0, changed: 0, deleted: 1 } });
    expect(report.conflicts).toBe(1);
    syncInto(a, b);
    expect(ledgerDigest(a.sqlite)).toEqual(ledgerDigest(b.sqlite));
    const [conflict, ...rest] = openConflicts(a);
    expect(rest).toEqual([]);
    expect(conflict).toMatchObject({
      kind: 'edit_delete',
      table_name: 'milestones',
      row_id: milestoneId,
      column_name: 'deleted_hlc',
      earlier_by: `${DEVICE_A}:张三`,
      later_value: JSON.stringify({ label: '第一季度', planned_percent: 25 }),
      later_by: `${DEVICE_B}:李四`,
      winner: 'earlier',
    });
    expect(JSON.parse(conflict!.earlier_value)).toBe(conflict!.earlier_hlc);
    const row = a.sqlite.prepare('SELECT label, planned_percent, deleted_hlc FROM milestones WHERE id = ?').get(milestoneId) as Record<string, unknown>;
    expect(row).toMatchObject({ label: '第一季度', planned_percent: 25 });
    expect(row.deleted_hlc).not.toBeNull();
  });

  it('records two documents given the same 文号 on two PCs as duplicate_number', async () => {
    const [a, b] = twoMachines();
    const document = (title: string, number = '虞政办督〔2016〕3号') => rows.document(title, number);
    const first = await insertRow(a.db, a.ctx, 'documents', document('关于加快河道清淤的催办通知'));
    const second = await insertRow(b.db, b.ctx, 'documents', document('关于民生实事进度的督查通知'));
    await insertRow(b.db, b.ctx, 'documents', document('另一个文号', '虞政办督〔2016〕4号'));
    expect(syncInto(a, b).conflicts).toBe(1);
    syncInto(b, a);
    expect(ledgerDigest(a.sqlite)).toEqual(ledgerDigest(b.sqlite));
    expect(openConflicts(b)).toEqual([
      expect.objectContaining({
        kind: 'duplicate_number',
        table_name: 'documents',
        column_name: 'number',
        row_id: second,
        other_row_id: first,
        earlier_value: JSON.stringify('虞政办督〔2016〕3号'),
        later_value: JSON.stringify('虞政办督〔2016〕3号'),
        winner: 'earlier',
      }),
    ]);
  });

  it('warns in Chinese, naming the device, when an incoming stamp is far ahead of this PC’s clock — and merges anyway', async () => {
    const a = memoryMachine('A', DEVICE_A, '张三', new ManualTime(START));
    const fast = memoryMachine('B', DEVICE_B, '李四', new ManualTime(START + 30 * 60_000));
    await insertRow(fast.db, fast.ctx, 'units', UNIT);
    const report = syncInto(a, fast);
    expect(report.received).toBeGreaterThan(0);
    expect(report.clockWarning).toContain(`对方电脑（设备 ${DEVICE_B}）的时钟比本机快约 30 分钟`);
    expect(report.clockWarning).toContain('请核对系统时间');

    const near = memoryMachine('C', '0190a000-0000-7000-8000-00000000000c', '王五', new ManualTime(START + CLOCK_SKEW_WARNING_MS - 60_000));
    await insertRow(near.db, near.ctx, 'units', UNIT);
    expect(syncInto(a, near).clockWarning).toBeNull();
  });

  it('records the source peer’s highest stamp in sync_state', async () => {
    const [a, b] = twoMachines();
    await insertRow(b.db, b.ctx, 'units', UNIT);
    const highest = b.sqlite.prepare('SELECT max(hlc) FROM change_log').pluck().get();
    const now = new Date(START + 5000);
    mergeInto(a.sqlite, b.sqlite, { sourcePeerId: 'shared:\\\\server\\督查\\台账.db', now });
    expect(a.sqlite.prepare('SELECT * FROM sync_state').all()).toEqual([
      { peer_id: 'shared:\\\\server\\督查\\台账.db', last_hlc: highest, synced_at: now.toISOString() },
    ]);
    expect(b.sqlite.prepare('SELECT count(*) FROM sync_state').pluck().get()).toBe(0);
  });

  it('keeps the derived task_latest_progress right: the triggers fire on the merge’s own writes', async () => {
    const [a, b] = twoMachines();
    const { taskId, unitId } = await sharedTask(a, b);
    const latest = (m: Machine) => m.sqlite.prepare('SELECT latest_percent, latest_report_date FROM task_latest_progress WHERE task_id = ?').get(taskId);
    const report = await insertRow(a.db, a.ctx, 'progress_reports', rows.report(taskId, unitId, 40));
    syncInto(b, a);
    expect(latest(b)).toEqual({ latest_percent: 40, latest_report_date: '2016-07-04' });
    expect(latest(b)).toEqual(latest(a));
    await updateRow(a.db, a.ctx, 'progress_reports', report, { percent: 55 });
    syncInto(b, a);
    expect(latest(b)).toEqual({ latest_percent: 55, latest_report_date: '2016-07-04' });
    await tombstoneRow(a.db, a.ctx, 'progress_reports', report);
    syncInto(b, a);
    expect(latest(b)).toEqual({ latest_percent: null, latest_report_date: null });
    expect(latest(b)).toEqual(latest(a));
  });

  it('leaves a restored clock — and a running clock that observes the target — above every merged stamp', async () => {
    const a = memoryMachine('A', DEVICE_A, '张三', new ManualTime(START));
    const fast = memoryMachine('B', DEVICE_B, '李四', new ManualTime(START + 3_600_000));
    await insertRow(fast.db, fast.ctx, 'units', UNIT);
    const highestIncoming = fast.sqlite.prepare('SELECT max(hlc) FROM change_log').pluck().get() as string;
    mergeInto(a.sqlite, fast.sqlite, { sourcePeerId: 'b', now: a.time.date() });
    expect(restoreClock(a.sqlite, DEVICE_A, a.time.wall).now() > highestIncoming).toBe(true);
    // The running clock without observe would stamp below the incoming change (A's wall clock is an hour behind)…
    expect(a.ctx.clock.now() < highestIncoming).toBe(true);
    // …which is why the caller does what syncInto does.
    syncInto(a, fast);
    expect(a.ctx.clock.now() > highestIncoming).toBe(true);
  });

  // A merge can only derive updated_at from the change ids, so the repository stamps both from one reading of the
  // wall clock; with two readings a clock that ticks between them left the copies 1 ms apart.
  it('ends identical even when the wall clock moves between the repository’s readings', async () => {
    const [a, b] = twoMachines();
    let ms = START;
    a.ctx.now = () => new Date(ms++);
    await insertRow(a.db, a.ctx, 'units', UNIT);
    syncInto(b, a);
    expect(ledgerDigest(b.sqlite)).toEqual(ledgerDigest(a.sqlite));
  });

  it('refuses a source written by a newer schema, changing nothing', () => {
    const [a, b] = twoMachines();
    b.sqlite.pragma('user_version = 99');
    const before = ledgerDigest(a.sqlite);
    expect(() => mergeInto(a.sqlite, b.sqlite, { sourcePeerId: 'b', now: new Date(START) })).toThrow(/数据版本/);
    expect(ledgerDigest(a.sqlite)).toEqual(before);
  });
  it('reads only what is new per device, and gives the same ledger and report as comparing every change id', async () => {
    const [a, b] = twoMachines();
    const c = memoryMachine('C', '0190a000-0000-7000-8000-00000000000c', '王五', new ManualTime(START + 2000));
    const { unitId, taskId } = await sharedTask(a, b);
    exchange(c, a);
    // Three PCs edit apart (one field on all three: conflicts, also between the conflict rows of B and C).
    for (const [m, title] of [[a, '甲'], [b, '乙'], [c, '丙']] as const) {
      m.time.advance(30_000);
      await updateRow(m.db, m.ctx, 'tasks', taskId, { title });
      await insertRow(m.db, m.ctx, 'tasks', { ...TASK, code: `${m.name}-1` });
    }
    await tombstoneRow(c.db, c.ctx, 'units', unitId);
    exchange(b, c); // B now holds C's changes and the B–C conflicts
    const now = { sourcePeerId: 'x', now: new Date(START) };
    for (const [target, source] of [[a, b], [b, a], [c, a]] as const) {
      const quick = cloneDatabase(target.sqlite);
      const complete = cloneDatabase(target.sqlite);
      const quickReport = mergeInto(quick, source.sqlite, now);
      const completeReport = mergeInto(complete, source.sqlite, { ...now, complete: true });
      expect(quickReport).toEqual(completeReport);
      expect(ledgerDigest(quick)).toEqual(ledgerDigest(complete));
      // Nothing of the source is missing.
      const have = new Set(changeIds(quick));
      expect(changeIds(source.sqlite).filter((id) => !have.has(id))).toEqual([]);
    }
  });

  it('copies a log of hundreds of changes in batches, each change once, whether read per device or by every id', async () => {
    const [a, b] = twoMachines();
    await sharedTask(a, b);
    // 300 tasks on A after the common origin: thousands of log rows (7 per task: the columns not at their default),
    // more than one batch and a remainder of odd size.
    for (let i = 0; i < 300; i += 1) await insertRow(a.db, a.ctx, 'tasks', { ...TASK, code: `批-${i}` });
    await insertRow(b.db, b.ctx, 'units', rows.unit('区财政局'));
    const missing = changeIds(a.sqlite).filter((id) => !new Set(changeIds(b.sqlite)).has(id));
    expect(missing.length).toBeGreaterThan(2000);
    for (const complete of [false, true]) {
      const target = cloneDatabase(b.sqlite);
      const report = mergeInto(target, a.sqlite, { sourcePeerId: 'a', now: new Date(START), complete });
      expect(report.received).toBe(missing.length);
      expect(report.byTable).toEqual({ tasks: { added: 300, changed: 0, deleted: 0 } });
      const ids = changeIds(target);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(changeIds(b.sqlite).length + missing.length);
      const copied = target.prepare(`SELECT id, table_name, row_id, column_name, value, hlc, device_id, operator FROM change_log WHERE device_id = ? ORDER BY id`).all(DEVICE_A);
      expect(copied).toEqual(a.sqlite.prepare('SELECT id, table_name, row_id, column_name, value, hlc, device_id, operator FROM change_log WHERE device_id = ? ORDER BY id').all(DEVICE_A));
      expect(mergeInto(target, a.sqlite, { sourcePeerId: 'a', now: new Date(START), complete }).received).toBe(0);
    }
  });

  it('leaves out of the read every change of a device below the target’s newest one of that device', async () => {
    const [a, b] = twoMachines();
    await sharedTask(a, b);
    // A's next edit is all B lacks: B reads A's changes from its newest A change on, not A's whole log.
    await insertRow(a.db, a.ctx, 'units', rows.unit('区财政局'));
    const reads: string[] = [];
    const traced = cloneDatabase(a.sqlite);
    const target = cloneDatabase(b.sqlite);
    const report = mergeInto(target, new Proxy(traced, {
      get(object, key) {
        if (key === 'prepare') {
          return (sql: string) => {
            reads.push(sql);
            return object.prepare(sql);
          };
        }
        const value = Reflect.get(object, key, object) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
      },
    }), { sourcePeerId: 'a', now: new Date(START) });
    expect(report.received).toBe(changeIds(a.sqlite).length - changeIds(b.sqlite).length);
    expect(reads.some((sql) => /WHERE device_id = \? AND hlc >= \?/.test(sql))).toBe(true);
    expect(reads.some((sql) => /WHERE id > \? ORDER BY id/.test(sql))).toBe(false);
  });
});
