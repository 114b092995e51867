/**
 * The 情况通报 names the units chased at least `chaseFlagCount` times (distinct dates, setting `workflow`, default 2)
 * since the last signed 情况通报 (seed 二(一): 发出催办通知，并在一定范围内予以通报).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertRow, setSetting } from '../../../db/repository';
import { draftDocuments } from '../../../electron/services/documents/builders/index';
import { bodyLines } from '../documents/builders/model-text';
import { openSmallLedger, settingsFor, type SmallLedger } from '../documents/builders/small-ledger';

let s: SmallLedger;
beforeEach(async () => {
  s = await openSmallLedger(); // today 2016-09-20
  const { ctx } = s.t;
  await ctx.ledger.db.transaction().execute(async (trx) => {
    const chase = (taskId: string, unitId: string, date: string) =>
      insertRow(trx, ctx.write, 'supervision_actions', {
        task_id: taskId,
        unit_id: unitId,
        method: 'phone',
        action_date: date,
        note: '',
        operator: '周敏',
        purpose: 'chase',
        document_id: null,
      });
    await chase(s.task.A, s.unit.发改, '2016-07-01');
    await chase(s.task.A, s.unit.发改, '2016-08-01');
    await chase(s.task.B, s.unit.发改, '2016-09-01');
    // Two items on one day are one chase.
    await chase(s.task.C, s.unit.财政, '2016-09-05');
    await chase(s.task.F, s.unit.财政, '2016-09-05');
    await chase(s.task.E, s.unit.百官, '2016-06-01');
    await chase(s.task.E, s.unit.百官, '2016-06-02');
  });
});
afterEach(async () => s.t.close());

const bulletinRequest = { type: 'situation_bulletin', source: null, year: 2016, periodFrom: '2016-01-01', periodTo: '2016-09-20' } as const;
const chasedLine = async () => {
  const [doc] = await draftDocuments(s.t.ctx, bulletinRequest, settingsFor());
  return bodyLines(doc!.model).find((l) => l.includes('催办')) ?? null;
};

async function signBulletinOn(signedOn: string): Promise<void> {
  const [draft] = await s.t.ok('documents.draft', bulletinRequest);
  await s.t.ok('documents.sign', { id: draft!.id, signer: '王建国', signedOn });
}

describe('情况通报: units chased repeatedly', () => {
  it('counts the whole year when no 情况通报 was signed yet', async () => {
    // 发改 7-01, 8-01, 9-01 = 3; 百官 6-01, 6-02 = 2; 财政 one day = 1 (below 2)
    expect(await chasedLine()).toBe('（三）部分单位需多次催办。本年度，经两次以上催办的单位有：区发改局（3次）、百官街道（2次）。');
  });

  it('counts from the last signed 情况通报, and names the units in the document’s units', async () => {
    await signBulletinOn('2016-07-15');
    // Since 7-15: 发改 8-01, 9-01 = 2; 百官 none; 财政 1
    expect(await chasedLine()).toBe('（三）部分单位需多次催办。自上期情况通报（2016年7月15日签发）以来，经两次以上催办的单位有：区发改局（2次）。');
    const [doc] = await draftDocuments(s.t.ctx, bulletinRequest, settingsFor());
    expect(doc!.unitIds).toContain(s.unit.发改);
  });

  it('follows the workflow setting, and says nothing when no unit reaches it', async () => {
    await s.t.ctx.ledger.db.transaction().execute((trx) => setSetting(trx, s.t.ctx.write, 'workflow', { chaseFlagCount: 1 }));
    await signBulletinOn('2016-08-15');
    // Since 8-15: 发改 9-01 = 1, 财政 9-05 = 1; equal counts in the units' order, then by name
    expect(await chasedLine()).toBe('（三）部分单位需要催办。自上期情况通报（2016年8月15日签发）以来，被催办的单位有：区财政局（1次）、区发改局（1次）。');
    await s.t.ctx.ledger.db.transaction().execute((trx) => setSetting(trx, s.t.ctx.write, 'workflow', { chaseFlagCount: 3 }));
    expect(await chasedLine()).toBeNull();
  });
});
