import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../../db/connection';
import { taskSearchKeysMigration } from '../../../../db/migrations/014_task_search_keys';
import { MIGRATIONS } from '../../../../db/migrations/index';
import { insertRow, restoreRow, tombstoneRow, updateRow } from '../../../../db/repository';
import { rebuildTaskSearch } from '../../../../db/search';
import { mergeInto } from '../../../../db/sync/merge';
import { ledgerQuery } from '../../../../electron/contract/schemas';
import { ledgerPage } from '../../../../electron/services/ledger-query';
import { ManualTime, openTestLedger, tempDir, writeContext } from '../helpers';
import { addTask, addUnit, link } from './ledger-rows';

/** What task_search_keys must hold: one row per search document, with its task's year, source, due date and 编号. */
function expectedKeys(sqlite: BetterSqlite3.Database): unknown[] {
  return sqlite
    .prepare('SELECT d.doc_id, d.task_id, t.year, t.source, t.due_date, t.code FROM task_search_docs d JOIN tasks t ON t.id = d.task_id ORDER BY d.doc_id')
    .all();
}

function keys(sqlite: BetterSqlite3.Database): unknown[] {
  return sqlite.prepare('SELECT doc_id, task_id, year, source, due_date, code FROM task_search_keys ORDER BY doc_id').all();
}

describe('migration 014_task_search_keys', () => {
  it('is the fourteenth step of the list', () => {
    expect(MIGRATIONS[13]).toBe(taskSearchKeysMigration);
    expect(taskSearchKeysMigration.version).toBe(14);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(14);
  });

  it('upgrades a version-13 file with data, backing it up first: each search document gets its task\'s keys', async () => {
    const file = join(tempDir(), 'ledger.db');
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    const v13 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 13) });
    const first = await addTask(v13.db, ctx, { code: '12', year: 2016, dueDate: '2016-12-31' });
    const second = await addTask(v13.db, ctx, { code: '3（1）', year: 2015, dueDate: '2015-06-30' });
    const gone = await addTask(v13.db, ctx, { code: '4', year: 2016, dueDate: '2016-09-30' });
    await tombstoneRow(v13.db, ctx, 'tasks', gone);
    await v13.close();

    const v14 = openTestLedger(file, { migrations: MIGRATIONS.slice(0, 14) });
    expect(v14.schemaVersion).toBe(14);
    expect(v14.backupMade).not.toBeNull();
    expect(keys(v14.sqlite)).toEqual(expectedKeys(v14.sqlite));
    expect(keys(v14.sqlite)).toEqual([
      expect.objectContaining({ task_id: first, year: 2016, source: 'work_report', due_date: '2016-12-31', code: '12' }),
      expect.objectContaining({ task_id: second, year: 2015, source: 'work_report', due_date: '2015-06-30', code: '3（1）' }),
    ]);
    expect(v14.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await v14.close();
  });

  it('follows every write through the repository, and the repair of the search index rebuilds it', async () => {
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    const db = ledger.db;
    const check = () => expect(keys(ledger.sqlite)).toEqual(expectedKeys(ledger.sqlite));
    const water = await addUnit(db, ctx, '区水利局');
    const task = await addTask(db, ctx, { code: '1', year: 2016, dueDate: '2016-12-31' });
    await link(db, ctx, task, water, 'lead');
    await addTask(db, ctx, { code: '2', year: 2016, dueDate: '2016-11-30' });
    check();
    expect(keys(ledger.sqlite)).toHaveLength(2);
    await updateRow(db, ctx, 'tasks', task, { code: '1（2）', due_date: '2017-01-31' });
    check();
    expect(keys(ledger.sqlite)).toContainEqual(expect.objectContaining({ task_id: task, due_date: '2017-01-31', code: '1（2）' }));
    await updateRow(db, ctx, 'tasks', task, { year: 2017, source: 'livelihood' });
    check();
    expect(keys(ledger.sqlite)).toContainEqual(expect.objectContaining({ task_id: task, year: 2017, source: 'livelihood' }));
    // A new text (title, a progress report) keeps the document and its keys.
    await updateRow(db, ctx, 'tasks', task, { title: '城南片区雨污分流改造' });
    await insertRow(db, ctx, 'progress_reports', {
      task_id: task, unit_id: water, period: '2016-07', report_date: '2016-07-01', percent: 30, stage: '施工', done_text: '完成管网铺设',
      problems: '', next_steps: '', no_change: 0, reporter: '',
    });
    check();
    await tombstoneRow(db, ctx, 'tasks', task);
    check();
    expect(keys(ledger.sqlite)).toHaveLength(1);
    await restoreRow(db, ctx, 'tasks', task);
    check();
    expect(keys(ledger.sqlite)).toHaveLength(2);

    ledger.sqlite.exec('DELETE FROM task_search_keys; INSERT INTO task_search_keys VALUES (99999, \'stale\', 2000, \'meeting\', \'2000-01-01\', \'\')');
    rebuildTaskSearch(ledger.sqlite);
    check();
    expect(keys(ledger.sqlite)).toHaveLength(2);
    await ledger.close();
  });

  it('follows a merge, a change of due date and 编号 included', async () => {
    const time = new ManualTime(Date.UTC(2016, 6, 1));
    const a = openTestLedger(join(tempDir(), 'a.db'));
    const b = openTestLedger(join(tempDir(), 'b.db'));
    const onA = writeContext(time, '张三', '01890a5d-ac96-774b-bcce-b302099a8057');
    const task = await addTask(a.db, onA, { code: '7', year: 2016, dueDate: '2016-12-31' });
    mergeInto(b.sqlite, a.sqlite, { sourcePeerId: 'a', now: new Date(Date.UTC(2016, 6, 2)) });
    expect(keys(b.sqlite)).toEqual([expect.objectContaining({ task_id: task, due_date: '2016-12-31', code: '7' })]);
    await updateRow(a.db, onA, 'tasks', task, { code: '8', due_date: '2016-10-31' });
    mergeInto(b.sqlite, a.sqlite, { sourcePeerId: 'a', now: new Date(Date.UTC(2016, 6, 3)) });
    expect(keys(b.sqlite)).toEqual([expect.objectContaining({ task_id: task, due_date: '2016-10-31', code: '8' })]);
    expect(keys(b.sqlite)).toEqual(expectedKeys(b.sqlite));
    await a.close();
    await b.close();
  });

  it('gives a search\'s page from the keys exactly as the page through the tasks: filtered, in either direction, past page one', async () => {
    const ctx = writeContext(new ManualTime(Date.UTC(2016, 6, 1)));
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    const db = ledger.db;
    const codes = ['12', '2', '3（1）', '3', '10', '1', '2', '11'];
    const dues = ['2016-12-31', '2016-09-30', '2016-09-30', '2016-12-31', '2016-06-30', '2016-09-30', '2017-03-31', '2016-06-30'];
    const hits: string[] = [];
    for (let i = 0; i < codes.length; i += 1) {
      const id = await addTask(db, ctx, { code: codes[i]!, year: i % 3 === 0 ? 2015 : 2016, dueDate: dues[i]! });
      // One leader for all: a filter the keys do not carry, that sends the same page through the tasks.
      await updateRow(db, ctx, 'tasks', id, { leader: '王副区长', ...(i % 4 === 1 ? { source: 'meeting' as const } : {}) });
      hits.push(id);
    }
    const other = await addTask(db, ctx, { code: '5', year: 2016, dueDate: '2016-08-31' });
    await updateRow(db, ctx, 'tasks', other, { title: '河道清淤', leader: '王副区长' }); // not a hit
    const gone = await addTask(db, ctx, { code: '6', year: 2016, dueDate: '2016-08-31' });
    await tombstoneRow(db, ctx, 'tasks', gone);
    const params = { today: '2016-07-01', dueSoonCutoff: '2016-07-08' };
    const filters = [{}, { year: 2016 }, { year: 2015 }, { source: 'meeting' }, { year: 2016, source: 'work_report' }, { dueFrom: '2016-07-01', dueTo: '2016-12-31' }, { year: 2030 }];
    for (const filter of filters) {
      for (const sortField of ['due_date', 'code'] as const) {
        for (const sortOrder of ['asc', 'desc'] as const) {
          for (const [offset, limit] of [[0, 100], [0, 3], [3, 3], [6, 3], [9, 3]] as const) {
            const query = { search: '老旧小区改造', ...filter, sortField, sortOrder, offset, limit };
            const fromKeys = await ledgerPage(db, ledgerQuery.parse(query), params);
            const throughTasks = await ledgerPage(db, ledgerQuery.parse({ ...query, leader: '王副区长' }), params);
            const label = `${JSON.stringify(filter)} ${sortField} ${sortOrder} ${offset}+${limit}`;
            expect(fromKeys.rows.map((r) => r.id), label).toEqual(throughTasks.rows.map((r) => r.id));
            expect(fromKeys.total, label).toBe(throughTasks.total);
          }
        }
      }
    }
    const all = await ledgerPage(db, ledgerQuery.parse({ search: '老旧小区改造', sortField: 'code' }), params);
    expect(all.total).toBe(hits.length);
    expect(all.rows.map((r) => r.code)).toEqual(['1', '2', '2', '3', '10', '11', '12', '3（1）']);
    const of2016 = await ledgerPage(db, ledgerQuery.parse({ search: '老旧小区改造', year: 2016, sortField: 'code', offset: 4 }), params);
    expect(of2016.total).toBe(5);
    expect(of2016.rows.map((r) => r.code)).toEqual(['3（1）']);
    await ledger.close();
  });
});
