import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../../db/connection';
import { taskUnitFactsMigration } from '../../../../db/migrations/011_task_unit_facts';
import { MIGRATIONS } from '../../../../db/migrations/index';
import { tombstoneRow, updateRow } from '../../../../db/repository';
import { mergeInto } from '../../../../db/sync/merge';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';
import { addTask, addUnit, expectedFacts, facts, link } from './ledger-rows';

describe('migration 011_task_unit_facts', () => {
  it('is the eleventh step of the list', () => {
    expect(MIGRATIONS[10]).toBe(taskUnitFactsMigration);
    expect(taskUnitFactsMigration.version).toBe(11);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(11);
  });

  it('upgrades a version-10 file with data, backing it up first: live links of live tasks only', async () => {
    const file = join(tempDir(), 'ledger.db');
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    const v10 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 10) });
    const water = await addUnit(v10.db, ctx, '区水利局');
    const money = await addUnit(v10.db, ctx, '区财政局');
    const kept = await addTask(v10.db, ctx, { code: '1', year: 2016, dueDate: '2016-12-31' });
    await link(v10.db, ctx, kept, water, 'lead');
    const unlinked = await link(v10.db, ctx, kept, money, 'assist');
    await tombstoneRow(v10.db, ctx, 'task_units', unlinked);
    const done = await addTask(v10.db, ctx, { code: '2', year: 2015, dueDate: '2015-06-30' });
    await link(v10.db, ctx, done, money, 'lead');
    await updateRow(v10.db, ctx, 'tasks', done, { completed_on: '2015-06-20' });
    const gone = await addTask(v10.db, ctx, { code: '3', year: 2016, dueDate: '2016-09-30' });
    await link(v10.db, ctx, gone, water, 'lead');
    await tombstoneRow(v10.db, ctx, 'tasks', gone);
    await v10.close();

    const v11 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 11) });
    expect(v11.schemaVersion).toBe(11);
    expect(v11.backupMade).not.toBeNull();
    expect(facts(v11.sqlite, 11)).toEqual([
      expect.objectContaining({ task_id: kept, unit_id: water, role: 'lead', year: 2016, done: 0, due_date: '2016-12-31' }),
      expect.objectContaining({ task_id: done, unit_id: money, role: 'lead', year: 2015, done: 1, due_date: '2015-06-30' }),
    ]);
    expect(facts(v11.sqlite, 11)).toEqual(expectedFacts(v11.sqlite, 11));
    expect(v11.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await v11.close();
  });

  it('follows every write of tasks and links through the repository', async () => {
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    const db = ledger.db;
    const check = () => expect(facts(ledger.sqlite, 11)).toEqual(expectedFacts(ledger.sqlite, 11));
    const water = await addUnit(db, ctx, '区水利局');
    const money = await addUnit(db, ctx, '区财政局');
    const town = await addUnit(db, ctx, '百官街道');
    const task = await addTask(db, ctx, { code: '1', year: 2016, dueDate: '2016-12-31' });
    check();
    const lead = await link(db, ctx, task, water, 'lead');
    const assist = await link(db, ctx, task, money, 'assist');
    check();
    await updateRow(db, ctx, 'tasks', task, { year: 2017, due_date: '2017-03-31' });
    check();
    await updateRow(db, ctx, 'tasks', task, { completed_on: '2017-03-01' });
    check();
    await updateRow(db, ctx, 'tasks', task, { completed_on: null, title: '改名不影响' });
    check();
    await updateRow(db, ctx, 'task_units', assist, { role: 'lead' });
    await updateRow(db, ctx, 'task_units', lead, { unit_id: town, role: 'assist' });
    check();
    await tombstoneRow(db, ctx, 'task_units', assist);
    check();
    const other = await addTask(db, ctx, { code: '2', year: 2016, dueDate: '2016-10-31' });
    await updateRow(db, ctx, 'task_units', lead, { task_id: other });
    check();
    await tombstoneRow(db, ctx, 'tasks', other);
    check();
    expect(facts(ledger.sqlite, 11)).toEqual([]);
    await ledger.close();
  });

  it('follows a merge that writes a task\'s links before the task itself', async () => {
    const time = new ManualTime(Date.UTC(2016, 6, 1));
    const a = openTestLedger(join(tempDir(), 'a.db'));
    const b = openTestLedger(join(tempDir(), 'b.db'));
    const onA = writeContext(time, '张三', '01890a5d-ac96-774b-bcce-b302099a8057');
    const water = await addUnit(a.db, onA, '区水利局');
    const task = await addTask(a.db, onA, { code: '1', year: 2016, dueDate: '2016-12-31' });
    await link(a.db, onA, task, water, 'lead');
    const gone = await addTask(a.db, onA, { code: '2', year: 2016, dueDate: '2016-11-30' });
    await link(a.db, onA, gone, water, 'assist');
    await tombstoneRow(a.db, onA, 'tasks', gone);

    // The merge rebuilds records in table-name order: task_units before tasks.
    mergeInto(b.sqlite, a.sqlite, { sourcePeerId: 'a', now: new Date(Date.UTC(2016, 6, 2)) });
    expect(facts(b.sqlite, 11)).toEqual(expectedFacts(b.sqlite, 11));
    expect(facts(b.sqlite, 11)).toEqual([expect.objectContaining({ task_id: task, unit_id: water, year: 2016, done: 0 })]);

    await updateRow(a.db, onA, 'tasks', task, { completed_on: '2016-07-01' });
    mergeInto(b.sqlite, a.sqlite, { sourcePeerId: 'a', now: new Date(Date.UTC(2016, 6, 3)) });
    expect(facts(b.sqlite, 11)).toEqual([expect.objectContaining({ task_id: task, done: 1 })]);
    expect(facts(b.sqlite, 11)).toEqual(facts(a.sqlite, 11));
    await a.close();
    await b.close();
  });
});
