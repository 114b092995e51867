/**
 * The merge rule as properties over random histories: three PCs edit three tables (insert, update, delete) and
 * exchange their ledgers in random pairs, directions and orders, with wall clocks that disagree.
 * - convergence: after a final round through one hub, all three ledgers are identical (ledgerDigest);
 * - idempotence: merging the same source again changes nothing;
 * - order independence: A←B then A←C gives the same ledger as A←C then A←B;
 * - nothing lost: every change id made anywhere is in every ledger at the end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertRow, tombstoneRow, updateRow } from '../../../db/repository';
import { ledgerDigest, mergeInto } from '../../../db/sync/merge';
import { ManualTime } from '../db/helpers';
import { changeIds, cloneDatabase, memoryMachine, rows, syncInto, type Machine } from './machines';

const DEVICES = ['0190a000-0000-7000-8000-0000000000a1', '0190a000-0000-7000-8000-0000000000b2', '0190a000-0000-7000-8000-0000000000c3'];
const OPERATORS = ['张三', '李四', '王五'];
const START = Date.UTC(2016, 6, 5, 2, 0, 0);
const TABLES = ['units', 'holiday_overrides', 'documents'] as const;
type Table = (typeof TABLES)[number];

/** Few distinct values, so that equal and differing concurrent edits both happen often. */
const NAMES = ['区水利局', '区财政局', '丰惠镇'];
const NUMBERS = [null, '虞政办督〔2016〕1号', '虞政办督〔2016〕2号'];

type Op =
  | { kind: 'insert'; machine: number; table: Table; value: number }
  | { kind: 'update'; machine: number; table: Table; pick: number; value: number; columns: number }
  | { kind: 'delete'; machine: number; table: Table; pick: number }
  | { kind: 'merge'; into: number; from: number; bothWays: boolean }
  | { kind: 'wait'; machine: number; ms: number };

const machineIndex = fc.integer({ min: 0, max: 2 });
const table = fc.constantFrom(...TABLES);
const value = fc.integer({ min: 0, max: 2 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), machine: machineIndex, table, value }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('update' as const), machine: machineIndex, table, pick: fc.nat(1), value, columns: fc.integer({ min: 1, max: 3 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), machine: machineIndex, table, pick: fc.nat(1) }) },
  {
    weight: 3,
    arbitrary: fc
      .record({ kind: fc.constant('merge' as const), into: machineIndex, from: machineIndex, bothWays: fc.boolean() })
      .filter((m) => m.into !== m.from),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), machine: machineIndex, ms: fc.integer({ min: 0, max: 120_000 }) }) },
);

function newRow(t: Table, v: number, n: number) {
  switch (t) {
    case 'units':
      return { ...rows.unit(NAMES[v]!), sort_order: v };
    case 'holiday_overrides':
      return rows.holiday(`2016-10-0${v + 1}`, v === 2 ? 'workday' : 'holiday', `第${n}条`);
    case 'documents':
      return rows.document(`催办通知${n}`, NUMBERS[v]!);
  }
}

/** Bit 1: the first column, bit 2: the second — so one write may change one field or two. */
function patch(t: Table, v: number, columns: number, n: number): Record<string, string | number | null> {
  const both: [string, string | number | null][] =
    t === 'units'
      ? [
          ['name', NAMES[v]!],
          ['sort_order', v],
        ]
      : t === 'holiday_overrides'
        ? [
            ['note', `改${v}`],
            ['kind', v === 1 ? 'workday' : 'holiday'],
          ]
        : [
            ['number', NUMBERS[v]!],
            ['title', `催办通知${n % 3}`],
          ];
  return Object.fromEntries(both.filter((_, i) => (columns & (1 << i)) !== 0));
}

function liveIds(m: Machine, t: Table): string[] {
  return m.sqlite.prepare(`SELECT id FROM ${t} WHERE deleted_hlc IS NULL ORDER BY id`).pluck().all() as string[];
}

async function apply(machines: Machine[], o: Op, n: number): Promise<void> {
  if (o.kind === 'merge') {
    syncInto(machines[o.into]!, machines[o.from]!);
    if (o.bothWays) syncInto(machines[o.from]!, machines[o.into]!);
    return;
  }
  const m = machines[o.machine]!;
  if (o.kind === 'wait') {
    m.time.advance(o.ms);
    return;
  }
  m.time.advance(250);
  if (o.kind === 'insert') {
    await insertRow(m.db, m.ctx, o.table, newRow(o.table, o.value, n));
    return;
  }
  const ids = liveIds(m, o.table);
  if (ids.length === 0) return;
  const id = ids[o.pick % ids.length]!;
  if (o.kind === 'delete') await tombstoneRow(m.db, m.ctx, o.table, id);
  else await updateRow(m.db, m.ctx, o.table, id, patch(o.table, o.value, o.columns, n));
}

const merge = (target: Machine['sqlite'], source: Machine['sqlite']) => mergeInto(target, source, { sourcePeerId: 'peer', now: new Date(START) });

describe('merge properties (fast-check)', () => {
  it('converges, is idempotent and does not depend on the order of merges', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 4, maxLength: 16 }),
        // Wall clocks up to 20 minutes apart: sometimes past the warning, never a refusal.
        fc.tuple(fc.integer({ min: 0, max: 1_200_000 }), fc.integer({ min: 0, max: 1_200_000 })),
        async (ops, [skewB, skewC]) => {
          const offsets = [0, skewB, skewC];
          const machines = DEVICES.map((d, i) => memoryMachine(`PC${i}`, d, OPERATORS[i]!, new ManualTime(START + offsets[i]!)));
          try {
            const [a, b, c] = machines as [Machine, Machine, Machine];
            // A common origin — one record per table on every PC — so that concurrent edits of one record are common.
            for (const t of TABLES) await insertRow(a.db, a.ctx, t, newRow(t, 0, 0));
            syncInto(b, a);
            syncInto(c, a);
            let n = 0;
            for (const o of ops) await apply(machines, o, (n += 1));
            const everyChange = new Set(machines.flatMap((m) => changeIds(m.sqlite)));

            // Order independence: a copy of A merges B then C; A itself merges C then B (the start of the final round).
            const bThenC = cloneDatabase(a.sqlite);
            try {
              merge(bThenC, b.sqlite);
              merge(bThenC, c.sqlite);
              syncInto(a, c);
              syncInto(a, b);
              expect(ledgerDigest(a.sqlite)).toEqual(ledgerDigest(bThenC));
            } finally {
              bThenC.close();
            }
            // Idempotence: merging the same sources again receives nothing and changes nothing.
            const merged = ledgerDigest(a.sqlite);
            expect(syncInto(a, b).received).toBe(0);
            expect(syncInto(a, c).received).toBe(0);
            expect(ledgerDigest(a.sqlite)).toEqual(merged);

            // Convergence: the rest of the final round through A, as PCs do through a shared file.
            syncInto(b, a);
            syncInto(c, a);
            expect(ledgerDigest(b.sqlite)).toEqual(merged);
            expect(ledgerDigest(c.sqlite)).toEqual(merged);
            // Nothing lost.
            const finalIds = new Set(changeIds(a.sqlite));
            for (const id of everyChange) expect(finalIds.has(id)).toBe(true);
            // Every conflict is between two different values, or two documents sharing a 文号.
            const conflicts = a.sqlite.prepare(`SELECT kind, earlier_value, later_value FROM conflicts`).all() as { kind: string; earlier_value: string; later_value: string }[];
            for (const k of conflicts) if (k.kind !== 'duplicate_number') expect(k.earlier_value).not.toBe(k.later_value);
          } finally {
            for (const m of machines) await m.db.destroy();
          }
        },
      ),
      { numRuns: 1000 },
    );
  }, 300_000);
});
