/**
 * Two real ledger files from one origin diverge through the services and the repository, then sync through a
 * third file the way the app does (local ← shared, shared ← local), in both orders and twice.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../../db/connection';
import { highestKnownHlc, resetDeviceId, writeLocalMeta } from '../../../db/local-meta';
import { tombstoneRow, updateRow } from '../../../db/repository';
import { ledgerDigest, mergeInto, type MergeReport } from '../../../db/sync/merge';
import type { Channel, ChannelInput, ChannelOutput } from '../../../electron/contract/channels';
import { closeAppContext, createServiceContext, type ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { handlers } from '../../../electron/services/handlers';
import { ManualTime, tempDir } from '../db/helpers';
import { changeIds } from './machines';

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

/** One sync of a PC with the shared file: both ways, then the PC's running clock takes in what arrived. */
function sync(pc: ServiceContext, shared: ServiceContext, time: ManualTime): MergeReport {
  const incoming = mergeInto(pc.ledger.sqlite, shared.ledger.sqlite, { sourcePeerId: shared.write.deviceId, now: time.date() });
  mergeInto(shared.ledger.sqlite, pc.ledger.sqlite, { sourcePeerId: pc.write.deviceId, now: time.date() });
  for (const ctx of [pc, shared]) ctx.write.clock.observe(highestKnownHlc(ctx.ledger.sqlite)!);
  return incoming;
}

interface Diverged {
  dir: string;
  taskId: string;
  unitId: string;
  milestoneId: string;
  deviceA: string;
  deviceB: string;
}

/** The origin (made on A), copied to B; then A and B edit apart; both files closed. */
async function divergedLedgers(): Promise<Diverged> {
  const dir = tempDir();
  const timeA = new ManualTime(Date.UTC(2016, 6, 5, 1, 0, 0));
  const a = open(join(dir, 'a.db'), timeA, '张三');
  const unit = await call(a, 'units.create', { name: '区水利局', kind: 'department' });
  const detail = await call(a, 'tasks.create', {
    year: 2016, source: 'livelihood', code: '3', title: '完成农村饮用水提标改造工程12处', assignedDate: '2016-02-01', dueDate: '2016-12-31',
    units: [{ unitId: unit.id, role: 'lead' }],
    milestones: [
      { label: '一季度', dueDate: '2016-03-31', plannedPercent: 20 },
      { label: '二季度', dueDate: '2016-06-30', plannedPercent: 50 },
    ],
  });
  const taskId = detail.task.id;
  const milestoneId = a.ledger.sqlite.prepare(`SELECT id FROM milestones WHERE label = '一季度'`).pluck().get() as string;
  await closeAppContext(a);
  copyFileSync(join(dir, 'a.db'), join(dir, 'b.db'));

  const timeB = new ManualTime(timeA.ms + 3_600_000);
  const reopenedA = open(join(dir, 'a.db'), timeA, '张三');
  const b = open(join(dir, 'b.db'), timeB, '李四', true);
  timeA.advance(600_000);
  // A: the title (also changed on B), the unit's leader, the leader (same value as B), deletes a milestone.
  await updateRow(reopenedA.ledger.db, reopenedA.write, 'tasks', taskId, { title: '完成农村饮用水提标改造工程12处（甲）', leader: '王副区长' });
  await call(reopenedA, 'units.update', { id: unit.id, unit: { name: '区水利局', kind: 'department', leaderName: '陈局长' } });
  await tombstoneRow(reopenedA.ledger.db, reopenedA.write, 'milestones', milestoneId);
  // B, an hour later on the clock: the title, the note, the same leader, a progress report.
  await updateRow(b.ledger.db, b.write, 'tasks', taskId, { title: '完成农村饮用水提标改造工程12处（乙）', note: '乙的备注', leader: '王副区长' });
  await call(b, 'progress.add', { taskId, unitId: unit.id, reportDate: '2016-07-04', percent: 60, doneText: '已完成7处' });
  const deviceA = reopenedA.write.deviceId;
  const deviceB = b.write.deviceId;
  await closeAppContext(reopenedA);
  await closeAppContext(b);
  return { dir, taskId, unitId: unit.id, milestoneId, deviceA, deviceB };
}

interface Round {
  digests: Record<string, string>[];
  reports: MergeReport[];
}

/** Opens copies of a.db and b.db and an empty shared file in `folder`, syncs the PCs in `order`, twice. */
async function syncInOrder(d: Diverged, folder: string, order: ('a' | 'b')[]) {
  const times = { a: new ManualTime(Date.UTC(2016, 6, 5, 3)), b: new ManualTime(Date.UTC(2016, 6, 5, 4)), s: new ManualTime(Date.UTC(2016, 6, 5, 3)) };
  copyFileSync(join(d.dir, 'a.db'), join(folder, 'a.db'));
  copyFileSync(join(d.dir, 'b.db'), join(folder, 'b.db'));
  const pcs = { a: open(join(folder, 'a.db'), times.a, '张三'), b: open(join(folder, 'b.db'), times.b, '李四') };
  const shared = open(join(folder, 'shared.db'), times.s, '');
  const before = new Set([...changeIds(pcs.a.ledger.sqlite), ...changeIds(pcs.b.ledger.sqlite)]);
  const rounds: Round[] = [];
  for (let round = 0; round < 2; round += 1) {
    const reports = order.map((pc) => sync(pcs[pc], shared, times[pc]));
    rounds.push({ digests: [pcs.a, pcs.b, shared].map((ctx) => ledgerDigest(ctx.ledger.sqlite)), reports });
  }
  return { pcs, shared, before, rounds, close: () => Promise.all([closeAppContext(pcs.a), closeAppContext(pcs.b), closeAppContext(shared)]) };
}

describe('two diverged ledgers synced through a shared file', () => {
  it('end identical in either order and after a second round, with exactly the concurrent differing edit as a conflict', async () => {
    const d = await divergedLedgers();
    const first = await syncInOrder(d, tempDir(), ['a', 'b', 'a']);
    const second = await syncInOrder(d, tempDir(), ['b', 'a', 'b']);
    try {
      for (const run of [first, second]) {
        const [a, b, shared] = run.rounds[0]!.digests;
        expect(b).toEqual(a);
        expect(shared).toEqual(a);
        // Twice: the second round receives nothing and changes nothing.
        expect(run.rounds[1]!.digests).toEqual(run.rounds[0]!.digests);
        expect(run.rounds[1]!.reports.map((r) => r.received)).toEqual([0, 0, 0]);
        // Nothing lost.
        const after = new Set(changeIds(run.pcs.a.ledger.sqlite));
        for (const id of run.before) expect(after.has(id)).toBe(true);
      }
      expect(second.rounds[0]!.digests[0]).toEqual(first.rounds[0]!.digests[0]);

      const a = first.pcs.a.ledger.sqlite;
      const conflicts = a.prepare('SELECT kind, table_name, row_id, column_name, earlier_value, earlier_by, later_value, later_by, winner, status FROM conflicts').all();
      expect(conflicts).toEqual([
        {
          kind: 'field', table_name: 'tasks', row_id: d.taskId, column_name: 'title',
          earlier_value: JSON.stringify('完成农村饮用水提标改造工程12处（甲）'), earlier_by: `${d.deviceA}:张三`,
          later_value: JSON.stringify('完成农村饮用水提标改造工程12处（乙）'), later_by: `${d.deviceB}:李四`,
          winner: 'later', status: 'open',
        },
      ]);
      expect(a.prepare('SELECT title, note, leader FROM tasks WHERE id = ?').get(d.taskId)).toEqual({
        title: '完成农村饮用水提标改造工程12处（乙）', note: '乙的备注', leader: '王副区长',
      });
      expect(a.prepare('SELECT leader_name FROM units WHERE id = ?').pluck().get(d.unitId)).toBe('陈局长');
      expect(a.prepare('SELECT deleted_hlc FROM milestones WHERE id = ?').pluck().get(d.milestoneId)).not.toBeNull();
      expect(a.prepare('SELECT latest_percent, latest_report_date FROM task_latest_progress WHERE task_id = ?').get(d.taskId)).toEqual({
        latest_percent: 60, latest_report_date: '2016-07-04',
      });
      // The search index follows the merged title (its triggers fired on the merge's writes).
      expect(a.prepare(`SELECT task_id FROM task_search WHERE task_search MATCH '"工程12处（乙）"'`).pluck().all()).toEqual([d.taskId]);

      // What A is told when it syncs after B (order a, b, a: the third sync).
      const told = first.rounds[0]!.reports[2]!;
      expect(told.fromDevices).toEqual([d.deviceB]);
      expect(told.fromOperators).toEqual(['李四']);
      expect(told.conflicts).toBe(1);
      expect(told.byTable).toEqual({ tasks: { added: 0, changed: 1, deleted: 0 }, progress_reports: { added: 1, changed: 0, deleted: 0 } });
      expect(told.clockWarning).toBeNull();
      const toldB = first.rounds[0]!.reports[1]!;
      // A's task edits lose to B's later ones field by field, so B's task does not change.
      expect(toldB.byTable).toEqual({ units: { added: 0, changed: 1, deleted: 0 }, milestones: { added: 0, changed: 0, deleted: 1 } });
      expect(toldB.conflicts).toBe(1);
      // sync_state on the PC names the shared file's device with its highest stamp.
      const state = a.prepare('SELECT peer_id, last_hlc FROM sync_state').get() as { peer_id: string; last_hlc: string };
      expect(state.peer_id).toBe(first.shared.write.deviceId);
      expect(state.last_hlc).toBe(first.shared.ledger.sqlite.prepare('SELECT max(hlc) FROM change_log').pluck().get());
    } finally {
      await first.close();
      await second.close();
    }
  });
});
