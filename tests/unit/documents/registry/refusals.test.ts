/** Bad requests to the registry are refused through the real IPC wrapper, in Chinese, with nothing saved. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TempLedger } from '../../../support/temp-ledger';
import { openOfficeLedger } from './fixtures';

let t: TempLedger;
beforeEach(async () => {
  t = await openOfficeLedger('2016-09-20');
});
afterEach(async () => t.close());

function documentRows(): number {
  return Number(t.ctx.ledger.sqlite.prepare('SELECT count(*) FROM documents').pluck().get());
}

describe('registry refusals', () => {
  it('refuses a 表扬通报 or 批评通报 with no units, naming the field, and saves nothing', async () => {
    const praise = await t.call('documents.draft', { type: 'praise_bulletin', unitIds: [], year: 2016, reason: '提前完成' });
    expect(praise.ok).toBe(false);
    if (!praise.ok) {
      expect(praise.error.code).toBe('invalid_input');
      expect(praise.error.fields?.unitIds).toBe('请至少选择一个单位');
    }
    const criticism = await t.call('documents.draft', {
      type: 'criticism_bulletin',
      unitIds: [],
      taskIds: [],
      explanationDeadline: '2016-10-15',
      facts: '推进不力',
    });
    expect(criticism.ok).toBe(false);
    if (!criticism.ok) expect(criticism.error.fields?.unitIds).toBe('请至少选择一个单位');
    expect(documentRows()).toBe(0);
  });

});
