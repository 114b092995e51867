import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../../db/connection';
import { taskUnitFactsCodeMigration } from '../../../../db/migrations/013_task_unit_facts_code';
import { MIGRATIONS } from '../../../../db/migrations/index';
import { tombstoneRow, updateRow } from '../../../../db/repository';
import { mergeInto } from '../../../../db/sync/merge';
import { ledgerQuery } from '../../../../electron/contract/schemas';
import { ledgerPage } from '../../../../electron/services/ledger-query';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';
import { addTask, addUnit, expectedFacts, facts, link } from './ledger-rows';

describe('migration 013_task_unit_facts_code', () => {
  it('is the thirteenth step of the list', () => {
    expect(MIGRATIONS[12]).toBe(taskUnitFactsCodeMigration);
    expect(taskUnitFactsCodeMigration.version).toBe(13);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(13);
  });

  it('upgrades a version-12 file with data, backing it up first: each fact gets its task\'s 编号', async () => {
    const file = join(tempDir(), 'ledger.db');
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    const v12 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 12) });
    const water = await addUnit(v12.db, ctx, '区水利局');
    const money = await addUnit(v12.db, ctx, '区财政局');
    const first = await addTask(v12.db, ctx, { code: '12', year: 2016, dueDate: '2016-12-31' });
    await link(v12.db, ctx, first, water, 'lead');
    await link(v12.db, ctx, first, money, 'assist');
    const second = await addTask(v12.db, ctx, { code: '3（1）', year: 2015, dueDate: '2015-06-30' });
    await link(v12.db, ctx, second, money, 'lead');
    await v12.close();

    const v13 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 13) });
    expect(v13.schemaVersion).toBe(13);
    expect(v13.backupMade).not.toBeNull();
    expect(facts(v13.sqlite, 13)).toEqual(expectedFacts(v13.sqlite, 13));
    expect(facts(v13.sqlite, 13)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ task_id: first, unit_id: water, code: '12' }),
        expect.objectContaining({ task_id: first, unit_id: money, code: '12' }),
        expect.objectContaining({ task_id: second, unit_id: money, code: '3（1）' }),
      ]),
    );
    expect(v13.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await v13.close();
  });

  it('follows every write of tasks and links through the repository, a change of 编号 included', async () => {
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    const db = ledger.db;
    const check = () => expect(facts(ledger.sqlite, 13)).toEqual(expectedFacts(ledger.sqlite, 13));
    const water = await addUnit(db, ctx, '区水利局');
    const money = await addUnit(db, ctx, '区财政局');
    const task = await addTask(db, ctx, { code: '1', year: 2016, dueDate: '2016-12-31' });
    const lead = await link(db, ctx, task, water, 'lead');
    await link(db, ctx, task, money, 'assist');
    check();
    await updateRow(db, ctx, 'tasks', task, { code: '1（2）' });
    check();
    expect(facts(ledger.sqlite, 13)).toEqual([expect.objectContaining({ code: '1（2）' }), expect.objectContaining({ code: '1（2）' })]);
    await updateRow(db, ctx, 'tasks', task, { year: 2017, due_date: '2017-03-31', completed_on: '2017-03-01' });
    check();
    await updateRow(db, ctx, 'task_units', lead, { unit_id: money });
    check();
    await tombstoneRow(db, ctx, 'tasks', task);
    check();
    expect(facts(ledger.sqlite, 13)).toEqual([]);
    await ledger.close();
  });

  it('follows a merge that writes a task\'s links before the task itself', async () => {
    const time = new ManualTime(Date.UTC(2016, 6, 1));
    const a = openTestLedger(join(tempDir(), 'a.db'));
    const b = openTestLedger(join(tempDir(), 'b.db'));
    const onA = writeContext(time, '张三', '01890a5d-ac96-774b-bcce-b302099a8057');
    const water = await addUnit(a.db, onA, '区水利局');
    const task = await addTask(a.db, onA, { code: '7', year: 2016, dueDate: '2016-12-31' });
    await link(a.db, onA, task, water, 'lead');
    mergeInto(b.sqlite, a.sqlite, { sourcePeerId: 'a', now: new Date(Date.UTC(2016, 6, 2)) });
    expect(facts(b.sqlite, 13)).toEqual([expect.objectContaining({ task_id: task, code: '7' })]);
    await updateRow(a.db, onA, 'tasks', task, { code: '8' });
    mergeInto(b.sqlite, a.sqlite, { sourcePeerId: 'a', now: new Date(Date.UTC(2016, 6, 3)) });
    expect(facts(b.sqlite, 13)).toEqual([expect.objectContaining({ task_id: task, code: '8' })]);
    expect(facts(b.sqlite, 13)).toEqual(facts(a.sqlite, 13));
    await a.close();
    await b.close();
  });

  it('lets a unit\'s page count a task that links the unit twice once', async () => {
    // The app refuses one unit twice in a task, but two PCs adding the same unit offline merge into two links.
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    const db = ledger.db;
    const water = await addUnit(db, ctx, '区水利局');
    const twice = await addTask(db, ctx, { code: '2', year: 2016, dueDate: '2016-10-31' });
    await link(db, ctx, twice, water, 'lead');
    await link(db, ctx, twice, water, 'lead');
    await link(db, ctx, twice, water, 'assist');
    const once = await addTask(db, ctx, { code: '10', year: 2016, dueDate: '2016-09-30' });
    await link(db, ctx, once, water, 'assist');
    const params = { today: '2016-07-01', dueSoonCutoff: '2016-07-08' };
    for (const role of [null, 'lead', 'assist'] as const) {
      for (const sortField of ['code', 'due_date'] as const) {
        const page = await ledgerPage(db, ledgerQuery.parse({ unitId: water, role, sortField }), params);
        const want = role === 'lead' ? [twice] : sortField === 'code' ? [twice, once] : [once, twice];
        expect(page.rows.map((r) => r.id), `${role} ${sortField}`).toEqual(want);
        expect(page.total, `${role} ${sortField}`).toBe(want.length);
      }
    }
    await ledger.close();
  });
});
