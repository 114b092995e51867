/** Two documents given one 文号 on two PCs: the officer cancels (作废) the later one; an issued document is never renumbered. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { insertRow } from '../../../db/repository';
import type { TempLedger } from '../../support/temp-ledger';
import { draftMany, openOfficeLedger } from '../documents/registry/fixtures';

vi.mock('../../../electron/services/documents/builders/index', async () => ({
  draftDocuments: (await import('../documents/registry/stub-builder')).stubDraftDocuments,
}));

let t: TempLedger;
beforeEach(async () => {
  t = await openOfficeLedger('2016-09-20');
});
afterEach(async () => t.close());

describe('duplicate 文号 after a sync', () => {
  it('作废后签发的一份: the later document is cancelled with the reason, its number stays, the earlier one is untouched', async () => {
    const [first, second] = await draftMany(t, 'urge_notice', 2);
    const signedFirst = await t.ok('documents.sign', { id: first!.id, signer: '王区长', signedOn: '2016-09-20' });
    await t.ok('documents.sign', { id: second!.id, signer: '王区长', signedOn: '2016-09-20' });
    // as a merge leaves it: the second document arrived from another PC carrying the same 文号
    t.ctx.ledger.sqlite.prepare('UPDATE documents SET number = ?, seq = 1 WHERE id = ?').run(signedFirst.number, second!.id);
    const firstRow = t.ctx.ledger.sqlite.prepare('SELECT updated_hlc, updated_by FROM documents WHERE id = ?').get(first!.id) as { updated_hlc: string; updated_by: string };
    const secondRow = t.ctx.ledger.sqlite.prepare('SELECT updated_hlc, updated_by FROM documents WHERE id = ?').get(second!.id) as { updated_hlc: string; updated_by: string };
    const id = await t.ctx.ledger.db.transaction().execute((trx) =>
      insertRow(trx, t.ctx.write, 'conflicts', {
        kind: 'duplicate_number',
        table_name: 'documents',
        row_id: second!.id,
        column_name: 'number',
        other_row_id: first!.id,
        earlier_value: JSON.stringify(signedFirst.number),
        earlier_hlc: firstRow.updated_hlc,
        earlier_by: firstRow.updated_by,
        later_value: JSON.stringify(signedFirst.number),
        later_hlc: secondRow.updated_hlc,
        later_by: secondRow.updated_by,
        winner: 'earlier',
        status: 'open',
        resolution: null,
      }),
    );
    const [view] = await t.ok('conflicts.list', { rowId: first!.id });
    expect(view).toMatchObject({ kind: 'duplicate_number', tableLabel: '公文', columnLabel: '文号', documentId: second!.id, choices: ['cancel_later', 'acknowledge'] });

    await t.ok('conflicts.resolve', { id, choice: 'cancel_later' });
    const cancelled = await t.ok('documents.get', { id: second!.id });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelledReason).toBe(`与《${signedFirst.title}》文号${signedFirst.number}重复（同步时发现）`);
    expect((await t.ok('documents.get', { id: first!.id })).status).toBe('signed');
    expect(await t.ok('conflicts.list', {})).toEqual([]);
  });
});
