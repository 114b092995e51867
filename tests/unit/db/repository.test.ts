import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { RowNotFoundError } from '../../../db/errors';
import { formatHlc, HybridClock } from '../../../db/hlc';
import { isUuidV7 } from '../../../db/ids';
import {
  getSetting,
  literalDefault,
  insertRow,
  restoreRow,
  setSetting,
  tombstoneRow,
  updateRow,
  type WriteContext,
} from '../../../db/repository';
import { TASK, UNIT } from './fixtures';
import { DEVICE_ID, ManualTime, openTestLedger, tempDir, writeContext } from './helpers';

const T0 = Date.UTC(2016, 2, 2, 1, 0, 0);

function setUp() {
  const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
  const time = new ManualTime(T0);
  const ctx = writeContext(time, '张三');
  const { db } = ledger;
  const changeLog = (rowId: string) =>
    db.selectFrom('change_log').selectAll().where('row_id', '=', rowId).orderBy('id').execute();
  return { ledger, db, time, ctx, changeLog };
}

describe('insertRow', () => {
  it('fills the sync columns and returns a UUID v7', async () => {
    const { db, ctx } = setUp();
    const id = await db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { ...UNIT }));
    expect(isUuidV7(id)).toBe(true);
    const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      ...UNIT,
      id,
      created_at: '2016-03-02T01:00:00.000Z',
      updated_at: '2016-03-02T01:00:00.000Z',
      updated_hlc: formatHlc(T0, 0, DEVICE_ID),
      updated_by: `${DEVICE_ID}:张三`,
      deleted_hlc: null,
    });
  });

  it('logs the columns of the new row that are not at their schema default, in the same transaction, under one stamp', async () => {
    const { db, ctx, changeLog } = setUp();
    // short_name, leader_* … are left to their database defaults; sort_order is given, but as its default.
    const id = await db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { name: '发改局', kind: 'department', sort_order: 0, leader_name: '王明' } as never));
    const log = await changeLog(id);
    const byColumn = Object.fromEntries(log.map((entry) => [entry.column_name, JSON.parse(entry.value) as unknown]));
    expect(byColumn).toEqual({
      created_at: '2016-03-02T01:00:00.000Z',
      name: '发改局',
      kind: 'department',
      leader_name: '王明',
    });
    const hlc = formatHlc(T0, 0, DEVICE_ID);
    for (const entry of log) {
      expect(entry).toMatchObject({ table_name: 'units', row_id: id, hlc, device_id: DEVICE_ID, operator: '张三' });
      expect(isUuidV7(entry.id)).toBe(true);
    }
    // What was left out is what the schema gives a row that does not name those columns.
    const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ short_name: '', director_phone: '', sort_order: 0, active: 1, deleted_hlc: null });
  });

  it('logs a column whose value differs from its default even when that value is empty or zero', async () => {
    const { db, ctx, changeLog } = setUp();
    // units.active defaults to 1: an inactive unit's 0 is news; a task's NOT NULL due_date has no default at all.
    const id = await db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { ...UNIT, active: 0 }));
    expect((await changeLog(id)).find((entry) => entry.column_name === 'active')?.value).toBe('0');
  });

  it('uses a given id', async () => {
    const { db, ctx } = setUp();
    const id = await db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { ...UNIT, id: 'unit-fixed-id' }));
    expect(id).toBe('unit-fixed-id');
  });

  it('writes nothing when the transaction fails later', async () => {
    const { db, ctx } = setUp();
    await expect(
      db.transaction().execute(async (trx) => {
        await insertRow(trx, ctx, 'units', { ...UNIT });
        await insertRow(trx, ctx, 'task_units', {
          task_id: 'no-such-task',
          unit_id: 'no-such-unit',
          role: 'lead',
          contact_person: '',
          contact_phone: '',
          completed_on: null,
        });
      }),
    ).rejects.toThrow(/FOREIGN KEY/);
    expect(await db.selectFrom('units').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('change_log').selectAll().execute()).toEqual([]);
  });

  it('refuses sync columns and values SQLite cannot hold', async () => {
    const { db, ctx } = setUp();
    const withStamp = { ...UNIT, updated_hlc: 'forged' } as never;
    await expect(db.transaction().execute((trx) => insertRow(trx, ctx, 'units', withStamp))).rejects.toThrow(TypeError);
    const withBoolean = { ...UNIT, active: true } as never;
    await expect(db.transaction().execute((trx) => insertRow(trx, ctx, 'units', withBoolean))).rejects.toThrow(TypeError);
    expect(await db.selectFrom('change_log').selectAll().execute()).toEqual([]);
  });

  it('refuses a context whose clock belongs to another device', async () => {
    const { db, time } = setUp();
    const ctx: WriteContext = { clock: new HybridClock('other-device', time.wall), deviceId: DEVICE_ID, operator: '', now: time.date };
    await expect(db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { ...UNIT }))).rejects.toThrow(/mismatch/);
  });

  it('checks column names and types at compile time', () => {
    // Never called: these lines only have to type-check (or fail to, where marked).
    const typeChecks = (trx: Parameters<typeof insertRow>[0], ctx: WriteContext) => {
      void insertRow(trx, ctx, 'units', { ...UNIT, id: 'x' });
      // @ts-expect-error unknown column
      void insertRow(trx, ctx, 'units', { ...UNIT, colour: 'red' });
      // @ts-expect-error a required column is missing
      void insertRow(trx, ctx, 'tasks', { title: '缺少年份' });
      // @ts-expect-error sync columns belong to the repository
      void insertRow(trx, ctx, 'units', { ...UNIT, updated_hlc: 'x' });
      // @ts-expect-error wrong type
      void updateRow(trx, ctx, 'tasks', 'id', { year: '2016' });
      // @ts-expect-error column of another table
      void updateRow(trx, ctx, 'units', 'id', { due_date: '2016-01-01' });
      void updateRow(trx, ctx, 'tasks', 'id', { parent_id: null, completed_on: '2016-05-01' });
    };
    expect(typeof typeChecks).toBe('function');
  });
});

describe('updateRow', () => {
  it('writes and logs only the columns that differ, under a new, higher stamp', async () => {
    const { db, ctx, time, changeLog } = setUp();
    const id = await db.transaction().execute((trx) => insertRow(trx, ctx, 'tasks', { ...TASK }));
    const inserted = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const logBefore = await changeLog(id);
    time.advance(60_000);

    const changed = await db
      .transaction()
      .execute((trx) => updateRow(trx, ctx, 'tasks', id, { title: TASK.title, due_date: '2016-11-30', time_limit_value: 30, time_limit_unit: 'workday' }));

    expect(changed).toBe(true);
    const row = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ due_date: '2016-11-30', time_limit_value: 30, time_limit_unit: 'workday', title: TASK.title });
    expect(row.created_at).toBe(inserted.created_at);
    expect(row.updated_at).toBe('2016-03-02T01:01:00.000Z');
    expect(row.updated_hlc > inserted.updated_hlc).toBe(true);

    const added = (await changeLog(id)).slice(logBefore.length);
    expect(added.map((entry) => [entry.column_name, entry.value]).sort()).toEqual([
      ['due_date', '"2016-11-30"'],
      ['time_limit_unit', '"workday"'],
      ['time_limit_value', '30'],
    ]);
    expect(new Set(added.map((entry) => entry.hlc))).toEqual(new Set([row.updated_hlc]));
  });

  it('with nothing different writes nothing and does not advance the clock', async () => {
    const { db, ctx, changeLog } = setUp();
    const id = await db.transaction().execute((trx) => insertRow(trx, ctx, 'tasks', { ...TASK }));
    const before = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const logLength = (await changeLog(id)).length;
    const clockBefore = ctx.clock.last;

    const changed = await db
      .transaction()
      .execute((trx) => updateRow(trx, ctx, 'tasks', id, { title: TASK.title, parent_id: null, note: undefined }));

    expect(changed).toBe(false);
    expect(await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before);
    expect(await changeLog(id)).toHaveLength(logLength);
    expect(ctx.clock.last).toBe(clockBefore);
  });

  it('can set a column to null and logs null', async () => {
    const { db, ctx, changeLog } = setUp();
    const id = await db.transaction().execute((trx) => insertRow(trx, ctx, 'tasks', { ...TASK, completed_on: '2016-06-30' }));
    await db.transaction().execute((trx) => updateRow(trx, ctx, 'tasks', id, { completed_on: null }));
    const last = (await changeLog(id)).at(-1)!;
    expect([last.column_name, last.value]).toEqual(['completed_on', 'null']);
  });

  it('throws RowNotFoundError for a missing or tombstoned row', async () => {
    const { db, ctx } = setUp();
    await expect(db.transaction().execute((trx) => updateRow(trx, ctx, 'units', 'missing', { name: '新名' }))).rejects.toBeInstanceOf(
      RowNotFoundError,
    );
    const id = await db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { ...UNIT }));
    await db.transaction().execute((trx) => tombstoneRow(trx, ctx, 'units', id));
    const error = await db
      .transaction()
      .execute((trx) => updateRow(trx, ctx, 'units', id, { name: '新名' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RowNotFoundError);
    expect((error as RowNotFoundError).message).toMatch(/记录不存在或已被删除/);
  });

  it('refuses unknown columns and sync columns at run time too', async () => {
    const { db, ctx } = setUp();
    const id = await db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { ...UNIT }));
    await expect(db.transaction().execute((trx) => updateRow(trx, ctx, 'units', id, { colour: 'red' } as never))).rejects.toThrow(
      /no column colour/,
    );
    await expect(db.transaction().execute((trx) => updateRow(trx, ctx, 'units', id, { deleted_hlc: null } as never))).rejects.toThrow(
      /set by the repository/,
    );
  });
});

describe('tombstoneRow and restoreRow', () => {
  it('marks the row deleted with the stamp of the delete, keeps it, and logs only deleted_hlc', async () => {
    const { db, ctx, changeLog } = setUp();
    const id = await db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { ...UNIT }));
    const logLength = (await changeLog(id)).length;

    expect(await db.transaction().execute((trx) => tombstoneRow(trx, ctx, 'units', id))).toBe(true);

    const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.deleted_hlc).not.toBeNull();
    expect(row.deleted_hlc).toBe(row.updated_hlc);
    const added = (await changeLog(id)).slice(logLength);
    expect(added.map((entry) => [entry.column_name, entry.value])).toEqual([['deleted_hlc', JSON.stringify(row.deleted_hlc)]]);

    expect(await db.transaction().execute((trx) => tombstoneRow(trx, ctx, 'units', id))).toBe(false);
    expect(await changeLog(id)).toHaveLength(logLength + 1);
  });

  it('throws RowNotFoundError for a row that never existed', async () => {
    const { db, ctx } = setUp();
    await expect(db.transaction().execute((trx) => tombstoneRow(trx, ctx, 'units', 'missing'))).rejects.toBeInstanceOf(RowNotFoundError);
  });

  it('restores a tombstoned row and logs deleted_hlc = null', async () => {
    const { db, ctx, changeLog } = setUp();
    const id = await db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { ...UNIT }));
    expect(await db.transaction().execute((trx) => restoreRow(trx, ctx, 'units', id))).toBe(false);
    await db.transaction().execute((trx) => tombstoneRow(trx, ctx, 'units', id));
    expect(await db.transaction().execute((trx) => restoreRow(trx, ctx, 'units', id))).toBe(true);
    const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.deleted_hlc).toBeNull();
    const last = (await changeLog(id)).at(-1)!;
    expect([last.column_name, last.value, last.hlc]).toEqual(['deleted_hlc', 'null', row.updated_hlc]);
  });
});

describe('change_log', () => {
  it('refuses UPDATE and DELETE, through Kysely as through raw SQL', async () => {
    const { db, ctx, ledger, changeLog } = setUp();
    const id = await db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { ...UNIT }));
    const before = await changeLog(id);
    // created_at, name, short_name, kind, leader_name, leader_phone, sort_order: the columns not at their default
    expect(before).toHaveLength(7);
    await expect(db.updateTable('change_log').set({ value: '"伪造"' }).where('row_id', '=', id).execute()).rejects.toThrow(/只能追加/);
    await expect(db.deleteFrom('change_log').execute()).rejects.toThrow(/只能追加/);
    expect(() => ledger.sqlite.exec(`DELETE FROM change_log WHERE row_id = '${id}'`)).toThrow(/只能追加/);
    expect(await changeLog(id)).toEqual(before);
  });

  it('stamps strictly increase across writes, even with the PC clock frozen or set back', async () => {
    const { db, ctx, time } = setUp();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push(await db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { ...UNIT, sort_order: i })));
      if (i === 2) time.advance(-86_400_000);
    }
    for (const id of ids) await db.transaction().execute((trx) => updateRow(trx, ctx, 'units', id, { name: `改名${id}` }));
    const stamps = (await sql<{ hlc: string }>`SELECT hlc FROM change_log GROUP BY hlc ORDER BY min(rowid)`.execute(db)).rows.map(
      (row) => row.hlc,
    );
    expect(stamps).toHaveLength(10);
    expect([...stamps].sort()).toEqual(stamps);
  });
});

describe('settings', () => {
  it('stores JSON under the key as id, reads it back, and logs only real changes', async () => {
    const { db, ctx, changeLog } = setUp();
    expect(await getSetting(db, 'dueSoonWorkdays')).toBeUndefined();

    expect(await db.transaction().execute((trx) => setSetting(trx, ctx, 'dueSoonWorkdays', 3))).toBe(true);
    const row = await db.selectFrom('settings').selectAll().where('id', '=', 'dueSoonWorkdays').executeTakeFirstOrThrow();
    expect(row.value).toBe('3');
    expect(await getSetting(db, 'dueSoonWorkdays')).toBe(3);

    expect(await db.transaction().execute((trx) => setSetting(trx, ctx, 'dueSoonWorkdays', 3))).toBe(false);
    expect(await db.transaction().execute((trx) => setSetting(trx, ctx, 'dueSoonWorkdays', 5))).toBe(true);
    expect(await getSetting(db, 'dueSoonWorkdays')).toBe(5);
    const valueChanges = (await changeLog('dueSoonWorkdays')).filter((entry) => entry.column_name === 'value');
    expect(valueChanges.map((entry) => JSON.parse(entry.value) as unknown)).toEqual(['3', '5']);

    await db.transaction().execute((trx) => setSetting(trx, ctx, 'officeName', { name: '区政府办公室', seal: null }));
    expect(await getSetting(db, 'officeName')).toEqual({ name: '区政府办公室', seal: null });
  });

  it('a deleted setting reads as unset, and setting it again revives the row', async () => {
    const { db, ctx } = setUp();
    await db.transaction().execute((trx) => setSetting(trx, ctx, 'officeName', '区政府办公室'));
    await db.transaction().execute((trx) => tombstoneRow(trx, ctx, 'settings', 'officeName'));
    expect(await getSetting(db, 'officeName')).toBeUndefined();
    expect(await db.transaction().execute((trx) => setSetting(trx, ctx, 'officeName', '督查室'))).toBe(true);
    expect(await getSetting(db, 'officeName')).toBe('督查室');
    expect(await db.selectFrom('settings').select('id').execute()).toEqual([{ id: 'officeName' }]);
  });

  it('refuses values JSON cannot represent', async () => {
    const { db, ctx } = setUp();
    await expect(db.transaction().execute((trx) => setSetting(trx, ctx, 'x', undefined))).rejects.toThrow(TypeError);
  });
});

describe('literalDefault', () => {
  it('reads the literal defaults of the schema, and gives none for expressions or a NOT NULL column without one', () => {
    expect(literalDefault("''", true)).toEqual({ value: '' });
    expect(literalDefault("'it''s'", true)).toEqual({ value: "it's" });
    expect(literalDefault("'[]'", true)).toEqual({ value: '[]' });
    expect(literalDefault('0', true)).toEqual({ value: 0 });
    expect(literalDefault('-12', false)).toEqual({ value: -12 });
    expect(literalDefault('NULL', false)).toEqual({ value: null });
    expect(literalDefault(null, false)).toEqual({ value: null });
    expect(literalDefault(null, true)).toBeUndefined();
    expect(literalDefault("(datetime('now'))", true)).toBeUndefined();
    expect(literalDefault('CURRENT_TIMESTAMP', true)).toBeUndefined();
    expect(literalDefault('1.5', true)).toBeUndefined();
  });
});
