/**
 * Sync conflicts shown side by side and resolved: each resolution is a fresh write (so it wins on every PC once
 * synced) made in the same transaction that marks the conflict 已处理. The conflict rows here are written as a merge
 * writes them (db/sync), through the repository; the merge itself is tested in tests/unit/sync.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertRow, tombstoneRow } from '../../../db/repository';
import type { ConflictTable } from '../../../db/schema';
import { formatHlc } from '../../../db/hlc';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

let t: TempLedger;
let taskId: string;
const OTHER_PC = 'pc-07-device';
const at = (iso: string, device: string) => formatHlc(Date.parse(iso), 0, device);

beforeEach(async () => {
  t = await openTempLedger('2016-07-05');
  await t.ok('settings.update', { operator: '周敏' });
  const unitId = (await t.ok('units.create', { name: '区水利局', kind: 'department' })).id;
  taskId = (
    await t.ok('tasks.create', {
      year: 2016,
      source: 'meeting',
      title: '完成曹娥江沿岸河道清淤',
      assignedDate: '2016-06-01',
      dueDate: '2016-07-15',
      units: [{ unitId, role: 'lead' }],
    })
  ).task.id;
});
afterEach(async () => t.close());

type ConflictContent = Omit<ConflictTable, 'id' | 'created_at' | 'updated_at' | 'updated_hlc' | 'updated_by' | 'deleted_hlc'>;

async function conflict(content: Partial<ConflictContent>): Promise<string> {
  const me = t.ctx.write.deviceId;
  return t.ctx.ledger.db.transaction().execute((trx) =>
    insertRow(trx, t.ctx.write, 'conflicts', {
      kind: 'field',
      table_name: 'tasks',
      row_id: taskId,
      column_name: 'due_date',
      other_row_id: null,
      // 张三 on PC-07 set 06-30 first; 周敏 here set 07-15 later, which the ledger shows
      earlier_value: JSON.stringify('2016-06-30'),
      earlier_hlc: at('2016-07-01T02:00:00Z', OTHER_PC),
      earlier_by: `${OTHER_PC}:张三`,
      later_value: JSON.stringify('2016-07-15'),
      later_hlc: at('2016-07-02T02:00:00Z', me),
      later_by: `${me}:周敏`,
      winner: 'later',
      status: 'open',
      resolution: null,
      ...content,
    }),
  );
}

function logRows(table: string, rowId: string, column: string): number {
  return Number(
    t.ctx.ledger.sqlite.prepare('SELECT count(*) FROM change_log WHERE table_name = ? AND row_id = ? AND column_name = ?').pluck().get(table, rowId, column),
  );
}

describe('sync conflicts', () => {
  it('shows a field conflict side by side in Chinese, with who wrote what on which PC', async () => {
    await conflict({});
    const [view] = await t.ok('conflicts.list', {});
    expect(view).toMatchObject({
      kind: 'field',
      status: 'open',
      tableLabel: '督查事项',
      columnLabel: '办理期限',
      rowLabel: '完成曹娥江沿岸河道清淤',
      taskId,
      winner: 'later',
      earlier: { display: '2016-06-30', operator: '张三', deviceId: OTHER_PC, isThisDevice: false, at: '2016-07-01T02:00:00.000Z' },
      later: { display: '2016-07-15', operator: '周敏', isThisDevice: true },
      choices: ['earlier', 'later', 'manual'],
      resolution: null,
    });
  });

  it('采用 the other side writes its value again with a fresh clock and closes the conflict; keeping the shown one writes nothing', async () => {
    const first = await conflict({});
    const before = logRows('tasks', taskId, 'due_date');
    const resolved = await t.ok('conflicts.resolve', { id: first, choice: 'earlier' });
    expect(resolved).toMatchObject({ status: 'resolved', resolution: '采用较早的修改' });
    expect((await t.ok('tasks.get', { id: taskId })).task.dueDate).toBe('2016-06-30');
    expect(logRows('tasks', taskId, 'due_date')).toBe(before + 1);
    expect(await t.ok('conflicts.list', {})).toEqual([]);
    expect(await t.ok('conflicts.list', { status: 'resolved' })).toHaveLength(1);

    const again = await t.call('conflicts.resolve', { id: first, choice: 'later' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toBe('这处冲突已经处理过了。请刷新后查看。');

    const second = await conflict({ earlier_hlc: at('2016-07-03T02:00:00Z', OTHER_PC), later_value: JSON.stringify('2016-06-30'), later_hlc: at('2016-07-04T02:00:00Z', t.ctx.write.deviceId) });
    const kept = logRows('tasks', taskId, 'due_date');
    await t.ok('conflicts.resolve', { id: second, choice: 'later' });
    expect(logRows('tasks', taskId, 'due_date')).toBe(kept);
  });

  it('手动编辑 writes the typed value; a choice that does not fit, or no value, is refused and nothing changes', async () => {
    const id = await conflict({ column_name: 'title', earlier_value: JSON.stringify('河道清淤'), later_value: JSON.stringify('完成曹娥江沿岸河道清淤') });
    const noValue = await t.call('conflicts.resolve', { id, choice: 'manual' });
    expect(noValue.ok).toBe(false);
    if (!noValue.ok) expect(noValue.error.fields?.manualValue).toBe('请填写手动编辑后的内容');
    const wrongKind = await t.call('conflicts.resolve', { id, choice: 'restore' });
    expect(wrongKind.ok).toBe(false);
    if (!wrongKind.ok) expect(wrongKind.error.message).toBe('“恢复记录”不适用于这类冲突。');
    expect((await t.ok('conflicts.list', {}))[0]!.status).toBe('open');

    await t.ok('conflicts.resolve', { id, choice: 'manual', manualValue: '完成曹娥江沿岸河道清淤（一期）' });
    expect((await t.ok('tasks.get', { id: taskId })).task.title).toBe('完成曹娥江沿岸河道清淤（一期）');
  });

  it('an edit against a deletion: 恢复记录 brings the record back, 确认删除 leaves it deleted', async () => {
    await t.ctx.ledger.db.transaction().execute((trx) => tombstoneRow(trx, t.ctx.write, 'tasks', taskId));
    const deletedHlc = t.ctx.ledger.sqlite.prepare('SELECT deleted_hlc FROM tasks WHERE id = ?').pluck().get(taskId) as string;
    const id = await conflict({
      kind: 'edit_delete',
      column_name: 'deleted_hlc',
      earlier_value: JSON.stringify({ due_date: '2016-08-31', note: '延至8月底' }),
      later_value: JSON.stringify(deletedHlc),
      later_hlc: deletedHlc,
    });
    const [view] = await t.ok('conflicts.list', {});
    expect(view).toMatchObject({ columnLabel: '整条记录', earlier: { display: '修改了 办理期限：2016-08-31；备注：延至8月底' }, later: { display: '删除了这条记录' }, choices: ['restore', 'keep_deleted'] });
    const onDeleted = await t.call('conflicts.resolve', { id, choice: 'restore' });
    expect(onDeleted.ok).toBe(true);
    expect(t.ctx.ledger.sqlite.prepare('SELECT deleted_hlc FROM tasks WHERE id = ?').pluck().get(taskId)).toBeNull();
  });
});
