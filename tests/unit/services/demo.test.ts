import { afterEach, describe, expect, it } from 'vitest';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';
import { TASK_SOURCES, TASK_STATUSES } from '../../../electron/contract/vocabulary';
import { calendarOf, dueSoonWorkdaysOf } from '../../../electron/services/holidays';
import { taskStatus } from '../../../electron/services/status';

let t: TempLedger;
afterEach(async () => t.close());

describe.each(['2016-09-20', '2026-11-26'])('demo ledger loaded on %s', (today) => {
  it('loads units and tasks of every source in every status, and the SQL status agrees with the rules', async () => {
    t = await openTempLedger(today);
    const info = await t.ok('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: true });
    expect(info.firstRun).toBe(false);
    const units = await t.ok('units.list', {});
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(['百官街道', '丁宅乡', '区发改局']));

    const all = await t.ok('tasks.list', { limit: 500 });
    expect(all.total).toBeGreaterThanOrEqual(80);
    expect(new Set(all.rows.map((r) => r.source))).toEqual(new Set(TASK_SOURCES));
    expect(new Set(all.rows.map((r) => r.status))).toEqual(new Set(TASK_STATUSES));

    // The ledger computes status in SQL; the detail view with status.ts. They must agree on every task.
    const calendar = await calendarOf(t.ctx);
    const dueSoonWorkdays = await dueSoonWorkdaysOf(t.ctx);
    for (const row of all.rows) {
      const fromRules = taskStatus(
        { today, dueDate: row.dueDate, completedOn: row.completedOn, latestPercent: row.latestPercent, plannedPercent: row.plannedPercent, dueSoonWorkdays },
        calendar,
      );
      expect(row.status, `${row.code} ${row.title}`).toBe(fromRules);
    }
    const sample = all.rows.find((r) => r.status === 'behind')!;
    expect((await t.ok('tasks.get', { id: sample.id })).status).toBe('behind');

    const again = await t.call('demo.load', {});
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toContain('未载入演示数据');
  });
});
