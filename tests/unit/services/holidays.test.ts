import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

let t: TempLedger;
let unitId: string;
beforeEach(async () => {
  t = await openTempLedger('2027-01-20');
  unitId = (await t.ok('units.create', { name: '区信访局', kind: 'department' })).id;
});
afterEach(async () => t.close());

describe('holiday overrides', () => {
  it('warns that a year after the built-in calendar has no holidays yet', async () => {
    const year = await t.ok('holidays.get', { year: 2027 });
    expect(year).toMatchObject({ year: 2027, builtIn: false, overrides: [] });
    expect((await t.ok('holidays.get', { year: 2016 })).builtIn).toBe(true);
    const preview = await t.ok('tasks.previewDueDate', { assignedDate: '2027-02-01', timeLimitValue: 5, timeLimitUnit: 'workday' });
    expect(preview.note).toContain('2027年的法定节假日安排尚未内置');
  });

  it('recomputes the due date of open tasks when the user enters a holiday', async () => {
    const task = await t.ok('tasks.create', {
      year: 2027,
      source: 'instruction',
      title: '区长信箱反映的小区停车难问题',
      assignedDate: '2027-02-03',
      timeLimitValue: 5,
      timeLimitUnit: 'workday',
      units: [{ unitId, role: 'lead' }],
    });
    // Weekends only: Thu 2/4, Fri 2/5, Mon 2/8, Tue 2/9, Wed 2/10.
    expect(task.task.dueDate).toBe('2027-02-10');
    for (const date of ['2027-02-08', '2027-02-09']) await t.ok('holidays.set', { date, kind: 'holiday', note: '春节' });
    const year = await t.ok('holidays.set', { date: '2027-02-06', kind: 'workday', note: '春节调休' });
    expect(year.overrides.map((o) => [o.date, o.kind])).toEqual([
      ['2027-02-06', 'workday'],
      ['2027-02-08', 'holiday'],
      ['2027-02-09', 'holiday'],
    ]);
    // Thu 2/4, Fri 2/5, Sat 2/6 (调休), Wed 2/10, Thu 2/11.
    expect((await t.ok('tasks.get', { id: task.task.id })).task.dueDate).toBe('2027-02-11');

    const removed = await t.ok('holidays.remove', { id: year.overrides[0]!.id });
    expect(removed.overrides).toHaveLength(2);
    expect((await t.ok('tasks.get', { id: task.task.id })).task.dueDate).toBe('2027-02-12');
  });
});
