/** The registry list: filters by year, type and status, searches title/recipients/文号, pages. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TempLedger } from '../../../support/temp-ledger';
import { draftMany, openOfficeLedger } from './fixtures';

vi.mock('../../../../electron/services/documents/builders/index', async () => ({
  draftDocuments: (await import('./stub-builder')).stubDraftDocuments,
}));

let t: TempLedger;
beforeAll(async () => {
  t = await openOfficeLedger('2016-09-20');
  const notices = await draftMany(t, 'supervision_notice', 3);
  await draftMany(t, 'urge_notice', 2);
  await t.ok('documents.sign', { id: notices[0]!.id, signer: '王区长', signedOn: '2016-09-20' });
  await t.ok('documents.submit', { id: notices[1]!.id });
  t.setToday('2017-02-01');
  await draftMany(t, 'praise_bulletin', 1);
});
afterAll(async () => t.close());

describe('documents.list', () => {
  it('lists live documents newest first with a total', async () => {
    const page = await t.ok('documents.list', {});
    expect(page.total).toBe(6);
    expect(page.rows[0]!.type).toBe('praise_bulletin');
  });

  it('filters by year, type and status', async () => {
    expect((await t.ok('documents.list', { year: 2017 })).total).toBe(1);
    expect((await t.ok('documents.list', { year: 2016, type: 'supervision_notice' })).total).toBe(3);
    expect((await t.ok('documents.list', { status: 'signed' })).rows.map((r) => r.number)).toEqual(['虞政办督〔2016〕1号']);
    expect((await t.ok('documents.list', { status: 'submitted' })).total).toBe(1);
  });

  it('searches the title, the recipients and the 文号, literally', async () => {
    expect((await t.ok('documents.list', { search: '〔2016〕1号' })).total).toBe(1);
    expect((await t.ok('documents.list', { search: '曹娥' })).total).toBe(2);
    expect((await t.ok('documents.list', { search: '催办通知事项' })).total).toBe(2);
    expect((await t.ok('documents.list', { search: '%' })).total).toBe(0);
    expect((await t.ok('documents.list', { search: '_' })).total).toBe(0);
  });

  it('pages', async () => {
    const first = await t.ok('documents.list', { limit: 4 });
    const second = await t.ok('documents.list', { limit: 4, offset: 4 });
    expect(first.rows).toHaveLength(4);
    expect(second.rows).toHaveLength(2);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(6);
  });
});
