/**
 * insertRows (the batched insert of imports) against insertRow: the same rows and the same change_log, written in
 * multi-row statements instead of one statement per row.
 */
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { isUuidV7 } from '../../../db/ids';
import { insertRow, insertRows, type NewRow, type WriteContext } from '../../../db/repository';
import type { Database, SyncedTableName } from '../../../db/schema';
import { TASK, UNIT } from './fixtures';
import { ManualTime, openTestLedger, tempDir, writeContext } from './helpers';

const T0 = Date.UTC(2016, 2, 2, 1, 0, 0);

/** A ledger and a write context whose `now()` moves 1 ms per reading, so that every row has its own instant. */
function ledgerWithTicking(name: string) {
  const ledger = openTestLedger(join(tempDir(), name));
  const time = new ManualTime(T0);
  const base = writeContext(time, '张三');
  const ctx: WriteContext = {
    ...base,
    now: () => {
      time.advance(1);
      return time.date();
    },
  };
  return { db: ledger.db, ctx };
}

/** One batch of a table: 300 units (more than one statement holds), some with all columns, some left to defaults, some with given ids. */
function unitBatch(): NewRow<'units'>[] {
  return Array.from({ length: 300 }, (_, i): NewRow<'units'> => {
    if (i % 7 === 3) return { name: `单位${i}`, kind: 'department' } as NewRow<'units'>; // defaults for the rest
    if (i % 5 === 0) return { ...UNIT, name: `单位${i}`, sort_order: i, id: `unit-given-${i}` };
    return { ...UNIT, name: `单位${i}`, short_name: i % 2 === 0 ? '' : `简${i}`, sort_order: i };
  });
}

/** Tasks of which some name an earlier task of the same batch as parent (a row may refer to an earlier one). */
function taskBatch(): NewRow<'tasks'>[] {
  return Array.from({ length: 140 }, (_, i): NewRow<'tasks'> => ({
    ...TASK,
    id: `task-${String(i).padStart(3, '0')}`,
    code: String(i + 1),
    title: `第${i + 1}项“重点”工作`,
    parent_id: i > 0 && i % 10 === 0 ? `task-${String(i - 1).padStart(3, '0')}` : null,
    time_limit_value: i % 3 === 0 ? 30 : null,
    time_limit_unit: i % 3 === 0 ? 'workday' : null,
    completed_on: i % 4 === 0 ? '2016-06-30' : null,
  }));
}

/** The table's rows with generated ids replaced by their position in `ids`, in that order. */
async function rowsOf(db: Kysely<Database>, table: SyncedTableName, ids: readonly string[]) {
  const rows = await (db as unknown as Kysely<Record<string, Record<string, unknown>>>).selectFrom(table).selectAll().execute();
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  expect(rows).toHaveLength(ids.length);
  return ids.map((id, index) => ({ ...byId.get(id)!, id: index }));
}

/** The change log in id order, ids reduced to their millisecond part and row ids to their position in `ids`. */
async function logOf(db: Kysely<Database>, ids: readonly string[]) {
  const position = new Map(ids.map((id, index) => [id, index]));
  const log = await db.selectFrom('change_log').selectAll().orderBy('id').execute();
  for (const entry of log) expect(isUuidV7(entry.id)).toBe(true);
  return log.map((entry) => ({ ...entry, id: entry.id.slice(0, 13), row_id: position.get(entry.row_id) }));
}

describe('insertRows', () => {
  it('writes exactly the rows and change_log that one insertRow per row would', async () => {
    const one = ledgerWithTicking('one.db');
    const batch = ledgerWithTicking('batch.db');

    const oneIds = await one.db.transaction().execute(async (trx) => {
      const ids: string[] = [];
      for (const unit of unitBatch()) ids.push(await insertRow(trx, one.ctx, 'units', unit));
      for (const task of taskBatch()) ids.push(await insertRow(trx, one.ctx, 'tasks', task));
      return ids;
    });
    const batchIds = await batch.db.transaction().execute(async (trx) => [
      ...(await insertRows(trx, batch.ctx, 'units', unitBatch())),
      ...(await insertRows(trx, batch.ctx, 'tasks', taskBatch())),
    ]);

    expect(batchIds).toHaveLength(440);
    expect(batchIds.filter((id) => id.startsWith('unit-given-') || id.startsWith('task-'))).toEqual(
      oneIds.filter((id) => id.startsWith('unit-given-') || id.startsWith('task-')),
    );
    expect(new Set(batchIds).size).toBe(440);
    const unitIds = (ids: string[]) => ids.slice(0, 300);
    const taskIds = (ids: string[]) => ids.slice(300);
    expect(await rowsOf(batch.db, 'units', unitIds(batchIds))).toEqual(await rowsOf(one.db, 'units', unitIds(oneIds)));
    expect(await rowsOf(batch.db, 'tasks', taskIds(batchIds))).toEqual(await rowsOf(one.db, 'tasks', taskIds(oneIds)));
    const log = await logOf(batch.db, batchIds);
    expect(log).toEqual(await logOf(one.db, oneIds));
    // Of every row, created_at and each column the row does not hold at its schema default; each row under its own stamp.
    const unitDefaults: Record<string, unknown> = { short_name: '', leader_name: '', leader_phone: '', director_name: '', director_phone: '', liaison_name: '', liaison_phone: '', sort_order: 0, active: 1 };
    const unitLogSize = unitBatch().reduce((n, unit) => n + 1 + Object.entries(unit).filter(([column, value]) => column !== 'id' && unitDefaults[column] !== value).length, 0);
    expect(unitLogSize).toBeGreaterThan(300 * 3);
    expect(log.filter((entry) => entry.table_name === 'units')).toHaveLength(unitLogSize);
    expect(log.filter((entry) => entry.column_name === 'deleted_hlc' || entry.value === '""')).toEqual([]);
    expect(new Set(log.map((entry) => entry.hlc)).size).toBe(440);
    // The search index of the tasks (a trigger) was filled for the batch as for single rows.
    const searchRows = async (db: Kysely<Database>) => (await sql<{ body: string }>`select body from task_search_docs order by body`.execute(db)).rows;
    expect(await searchRows(batch.db)).toEqual(await searchRows(one.db));
  });

  it('returns nothing and writes nothing for an empty batch', async () => {
    const { db, ctx } = ledgerWithTicking('empty.db');
    expect(await db.transaction().execute((trx) => insertRows(trx, ctx, 'units', []))).toEqual([]);
    expect(await db.selectFrom('change_log').selectAll().execute()).toEqual([]);
  });

  it('refuses the whole batch before writing when one row sets a sync column or a value SQLite cannot hold', async () => {
    const { db, ctx } = ledgerWithTicking('refused.db');
    const forged = [...unitBatch().slice(0, 3), { ...UNIT, updated_hlc: 'forged' } as never];
    await expect(db.transaction().execute((trx) => insertRows(trx, ctx, 'units', forged))).rejects.toThrow(TypeError);
    const withBoolean = [{ ...UNIT, active: true } as never];
    await expect(db.transaction().execute((trx) => insertRows(trx, ctx, 'units', withBoolean))).rejects.toThrow(TypeError);
    const emptyId = [{ ...UNIT, id: '' }];
    await expect(db.transaction().execute((trx) => insertRows(trx, ctx, 'units', emptyId))).rejects.toThrow(/non-empty/);
    expect(await db.selectFrom('units').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('change_log').selectAll().execute()).toEqual([]);
  });

  it('leaves nothing behind when a row breaks a constraint (the transaction rolls back)', async () => {
    const { db, ctx } = ledgerWithTicking('constraint.db');
    const links = Array.from({ length: 5 }, () => ({ task_id: 'no-such-task', unit_id: 'no-such-unit', role: 'lead', contact_person: '', contact_phone: '', completed_on: null }));
    await expect(
      db.transaction().execute(async (trx) => {
        await insertRows(trx, ctx, 'units', unitBatch());
        await insertRows(trx, ctx, 'task_units', links);
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    expect(await db.selectFrom('units').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('change_log').selectAll().execute()).toEqual([]);
  });
});
