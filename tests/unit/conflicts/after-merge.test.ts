/**
 * A conflict from a real merge, resolved on one PC: the resolution travels with the next sync and both PCs end
 * identical, showing the chosen value and the conflict 已处理.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../../db/connection';
import { highestKnownHlc, resetDeviceId, writeLocalMeta } from '../../../db/local-meta';
import { ledgerDigest, mergeInto } from '../../../db/sync/merge';
import type { Channel, ChannelInput, ChannelOutput } from '../../../electron/contract/channels';
import { closeAppContext, createServiceContext, type ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { handlers } from '../../../electron/services/handlers';
import { ManualTime, tempDir } from '../db/helpers';

async function call<C extends Channel>(ctx: ServiceContext, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await dispatch(handlers, ctx, channel, input, (err) => {
    throw err;
  });
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as ChannelOutput<C>;
}

function open(file: string, time: ManualTime, operator: string, newDevice = false): ServiceContext {
  // As 打开共享台账 does: the copy gets its own device id before it is opened (the open reads it once).
  if (newDevice) {
    const raw = new BetterSqlite3(file);
    resetDeviceId(raw);
    raw.close();
  }
  const ledger = openLedger(file, { now: time.date });
  writeLocalMeta(ledger.sqlite, 'operator', operator);
  return createServiceContext(ledger, time.date);
}

/** Both ways, then each running clock takes in what arrived (as the app's sync does). */
function sync(a: ServiceContext, b: ServiceContext, time: ManualTime): void {
  mergeInto(a.ledger.sqlite, b.ledger.sqlite, { sourcePeerId: b.write.deviceId, now: time.date() });
  mergeInto(b.ledger.sqlite, a.ledger.sqlite, { sourcePeerId: a.write.deviceId, now: time.date() });
  for (const ctx of [a, b]) ctx.write.clock.observe(highestKnownHlc(ctx.ledger.sqlite)!);
}

describe('a conflict found by a merge and resolved', () => {
  it('shows who changed the due date on which PC, and the choice made on one PC wins on both after the next sync', async () => {
    const dir = tempDir();
    const time = new ManualTime(Date.UTC(2016, 6, 5, 1, 0, 0));
    const origin = open(join(dir, 'a.db'), time, '张三');
    const unit = await call(origin, 'units.create', { name: '区水利局', kind: 'department' });
    const task = (
      await call(origin, 'tasks.create', {
        year: 2016, source: 'meeting', title: '完成曹娥江沿岸河道清淤', assignedDate: '2016-06-01', dueDate: '2016-07-29',
        units: [{ unitId: unit.id, role: 'lead' }],
      })
    ).task;
    await closeAppContext(origin);
    copyFileSync(join(dir, 'a.db'), join(dir, 'b.db'));
    const a = open(join(dir, 'a.db'), time, '张三');
    const b = open(join(dir, 'b.db'), time, '李四', true);

    // offline, each PC moves the deadline differently; B's edit is the later one
    const input = (dueDate: string) => ({
      year: 2016, source: 'meeting' as const, title: task.title, assignedDate: task.assignedDate, dueDate,
      units: [{ unitId: unit.id, role: 'lead' as const }],
    });
    time.advance(60_000);
    await call(a, 'tasks.update', { id: task.id, task: input('2016-08-31') });
    time.advance(60_000);
    await call(b, 'tasks.update', { id: task.id, task: input('2016-09-30') });
    sync(a, b, time);

    const [onA] = await call(a, 'conflicts.list', {});
    expect(onA).toMatchObject({
      kind: 'field',
      columnLabel: '办理期限',
      rowLabel: '完成曹娥江沿岸河道清淤',
      winner: 'later',
      earlier: { display: '2016-08-31', operator: '张三', isThisDevice: true },
      later: { display: '2016-09-30', operator: '李四', isThisDevice: false },
    });
    const [onB] = await call(b, 'conflicts.list', {});
    expect(onB!.id).toBe(onA!.id);
    expect(onB!.later.isThisDevice).toBe(true);
    expect((await call(a, 'tasks.get', { id: task.id })).task.dueDate).toBe('2016-09-30');
    // the task carries the 冲突 badge in the lists until the conflict is dealt with
    expect(await call(a, 'conflicts.openRecords', {})).toEqual({ taskIds: [task.id], unitIds: [], documentIds: [] });

    // 张三 keeps his own date (保留本机 = the earlier side here); after the next sync B shows it too
    time.advance(60_000);
    await call(a, 'conflicts.resolve', { id: onA!.id, choice: 'earlier' });
    sync(a, b, time);
    for (const pc of [a, b]) {
      expect((await call(pc, 'tasks.get', { id: task.id })).task.dueDate).toBe('2016-08-31');
      expect(await call(pc, 'conflicts.list', {})).toEqual([]);
      expect(await call(pc, 'conflicts.openRecords', {})).toEqual({ taskIds: [], unitIds: [], documentIds: [] });
      expect((await call(pc, 'conflicts.list', { status: 'resolved' }))[0]).toMatchObject({ status: 'resolved', resolution: '采用较早的修改' });
    }
    expect(ledgerDigest(b.ledger.sqlite)).toEqual(ledgerDigest(a.ledger.sqlite));
    await closeAppContext(a);
    await closeAppContext(b);
  });
});
