/** 文号: per series and year, no gaps, no duplicates; a cancelled number stays taken and shows as 作废. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatDocumentNumber } from '../../../../electron/services/documents/numbering';
import type { TempLedger } from '../../../support/temp-ledger';
import { draftMany, openOfficeLedger } from './fixtures';

vi.mock('../../../../electron/services/documents/builders/index', async () => ({
  draftDocuments: (await import('./stub-builder')).stubDraftDocuments,
}));

let t: TempLedger;
beforeEach(async () => {
  t = await openOfficeLedger('2016-09-20');
});
afterEach(async () => t.close());

async function sign(id: string, signedOn = '2016-09-20') {
  return t.ok('documents.sign', { id, signer: '王区长', signedOn });
}

describe('document numbers', () => {
  it('writes 文号 as prefix〔year〕seq号 with hexagonal brackets, no padding and no 第', () => {
    expect(formatDocumentNumber('虞政办督', 2016, 3)).toBe('虞政办督\u30142016\u30153号');
    expect(formatDocumentNumber('督查通报', 2017, 12)).toBe('督查通报〔2017〕12号');
  });

  it('numbers three signed notices 1, 2, 3 and puts the number, the date and no 草稿 mark into the stored model', async () => {
    const drafts = await draftMany(t, 'supervision_notice', 3);
    const signed = [];
    for (const d of drafts) signed.push(await sign(d.id));
    expect(signed.map((d) => [d.seq, d.number, d.status])).toEqual([
      [1, '虞政办督〔2016〕1号', 'signed'],
      [2, '虞政办督〔2016〕2号', 'signed'],
      [3, '虞政办督〔2016〕3号', 'signed'],
    ]);
    const model = signed[0]!.model;
    expect(model.kind).toBe('official');
    if (model.kind === 'official') {
      expect(model.number).toBe('虞政办督〔2016〕1号');
      expect(model.draft).toBe(false);
      expect(model.signature.date).toBe('2016-09-20');
    }
    expect(signed[0]).toMatchObject({ signer: '王区长', signedOn: '2016-09-20', year: 2016 });
  });

  it('keeps a cancelled number taken: cancel #2, the next one is #4, and #2 shows as 作废', async () => {
    const drafts = await draftMany(t, 'supervision_notice', 4);
    for (const d of drafts.slice(0, 3)) await sign(d.id);
    const cancelled = await t.ok('documents.cancel', { id: drafts[1]!.id, reason: '主送单位有误' });
    expect(cancelled).toMatchObject({ status: 'cancelled', number: '虞政办督〔2016〕2号', seq: 2, cancelledReason: '主送单位有误' });
    expect((await sign(drafts[3]!.id)).number).toBe('虞政办督〔2016〕4号');

    const page = await t.ok('documents.list', { type: 'supervision_notice', status: 'cancelled' });
    expect(page.rows.map((r) => r.number)).toEqual(['虞政办督〔2016〕2号']);
    const all = await t.ok('documents.list', { type: 'supervision_notice' });
    expect(all.rows.map((r) => r.seq).sort()).toEqual([1, 2, 3, 4]);
  });

  it('keeps a separate sequence per type and per year of the 签发 date', async () => {
    const notices = await draftMany(t, 'supervision_notice', 2);
    const urges = await draftMany(t, 'urge_notice', 2);
    expect((await sign(notices[0]!.id)).number).toBe('虞政办督〔2016〕1号');
    expect((await sign(urges[0]!.id)).number).toBe('虞政办催〔2016〕1号');
    expect((await sign(notices[1]!.id)).number).toBe('虞政办督〔2016〕2号');
    t.setToday('2017-01-05');
    const signed2017 = await sign(urges[1]!.id, '2017-01-04');
    expect(signed2017).toMatchObject({ number: '虞政办催〔2017〕1号', year: 2017 });
  });

  it('lets types that share a prefix share one series, so a 文号 is never issued twice', async () => {
    const situation = await draftMany(t, 'situation_bulletin', 1);
    const praise = await draftMany(t, 'praise_bulletin', 1);
    const criticism = await draftMany(t, 'criticism_bulletin', 1);
    const numbers = [];
    for (const d of [situation[0]!, praise[0]!, criticism[0]!]) numbers.push((await sign(d.id)).number);
    expect(numbers).toEqual(['督查通报〔2016〕1号', '督查通报〔2016〕2号', '督查通报〔2016〕3号']);
  });

  it('signs a type without a prefix (a newspaper table) without giving it a number', async () => {
    const [table] = await draftMany(t, 'livelihood_publication', 1);
    expect(await sign(table!.id)).toMatchObject({ status: 'signed', number: null, seq: null });
  });

  it('takes the prefix in force at signing; a new prefix starts its own series at 1', async () => {
    const drafts = await draftMany(t, 'urge_notice', 2);
    await sign(drafts[0]!.id);
    const settings = await t.ok('documents.settings.get', {});
    await t.ok('documents.settings.update', { ...settings, numberPrefixes: { ...settings.numberPrefixes, urge_notice: '虞政办催办' } });
    expect((await sign(drafts[1]!.id)).number).toBe('虞政办催办〔2016〕1号');
  });

  it('never hands out the same number to signings started together', async () => {
    const drafts = await draftMany(t, 'urge_notice', 5);
    const more = await draftMany(t, 'urge_notice', 5);
    const results = await Promise.all([...drafts, ...more].map((d) => t.call('documents.sign', { id: d.id, signer: '王区长', signedOn: '2016-09-20' })));
    const seqs = results.map((r) => (r.ok ? r.value.seq : null));
    expect(seqs.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('refuses to sign twice, to sign a cancelled document, or to sign with a date after today', async () => {
    const [d] = await draftMany(t, 'urge_notice', 1);
    const future = await t.call('documents.sign', { id: d!.id, signer: '王区长', signedOn: '2016-09-21' });
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error).toMatchObject({ code: 'invalid_input', message: '签发日期不能晚于今天。' });
    await sign(d!.id);
    const again = await t.call('documents.sign', { id: d!.id, signer: '李副区长', signedOn: '2016-09-20' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('conflict');
    await t.ok('documents.cancel', { id: d!.id, reason: '重复发文' });
    const revived = await t.call('documents.sign', { id: d!.id, signer: '王区长', signedOn: '2016-09-20' });
    expect(revived.ok).toBe(false);
    if (!revived.ok) expect(revived.error.message).toContain('作废');
    expect((await t.ok('documents.get', { id: d!.id })).signer).toBe('王区长');
  });

  it('previews the number signing would take, and signs with it when nobody took it meanwhile', async () => {
    const [first, second] = await draftMany(t, 'supervision_notice', 2);
    expect(await t.ok('documents.nextNumber', { id: first!.id, signedOn: '2016-09-20' })).toEqual({ number: '虞政办督〔2016〕1号' });
    const signed = await t.ok('documents.sign', { id: first!.id, signer: '王区长', signedOn: '2016-09-20', expectedNumber: '虞政办督〔2016〕1号' });
    expect(signed.number).toBe('虞政办督〔2016〕1号');
    // a signed document previews its own number; the next draft the following one
    expect(await t.ok('documents.nextNumber', { id: first!.id, signedOn: '2016-09-20' })).toEqual({ number: '虞政办督〔2016〕1号' });
    expect(await t.ok('documents.nextNumber', { id: second!.id, signedOn: '2016-09-20' })).toEqual({ number: '虞政办督〔2016〕2号' });
    // a type without a prefix has no number to show
    const [table] = await draftMany(t, 'livelihood_publication', 1);
    expect(await t.ok('documents.nextNumber', { id: table!.id, signedOn: '2016-09-20' })).toEqual({ number: null });
  });

  it('refuses a number collision: the number shown was taken by another signing, and nothing is saved', async () => {
    const [mine, theirs] = await draftMany(t, 'supervision_notice', 2);
    const shown = (await t.ok('documents.nextNumber', { id: mine!.id, signedOn: '2016-09-20' })).number;
    expect(shown).toBe('虞政办督〔2016〕1号');
    // meanwhile another officer (another PC on the same file) signs first and takes 1号
    await sign(theirs!.id);
    const collided = await t.call('documents.sign', { id: mine!.id, signer: '王区长', signedOn: '2016-09-20', expectedNumber: shown });
    expect(collided.ok).toBe(false);
    if (!collided.ok) {
      expect(collided.error.code).toBe('conflict');
      expect(collided.error.message).toBe('文号虞政办督〔2016〕1号已被占用（可能另一台电脑刚刚签发了公文），本次签发未保存。请重新签发，新的文号将是虞政办督〔2016〕2号。');
    }
    const untouched = await t.ok('documents.get', { id: mine!.id });
    expect(untouched).toMatchObject({ status: 'draft', number: null, seq: null, signer: null });
    // signing again with the number now shown works, and the series has no gap and no duplicate
    expect((await t.ok('documents.sign', { id: mine!.id, signer: '王区长', signedOn: '2016-09-20', expectedNumber: '虞政办督〔2016〕2号' })).number).toBe(
      '虞政办督〔2016〕2号',
    );
    const all = await t.ok('documents.list', { type: 'supervision_notice' });
    expect(all.rows.map((r) => r.number).sort()).toEqual(['虞政办督〔2016〕1号', '虞政办督〔2016〕2号']);
  });

  it('refuses to sign when the next number is already carried by a document merged from another copy', async () => {
    const [merged, mine] = await draftMany(t, 'supervision_notice', 2);
    // a copy from another PC arrives holding 虞政办督〔2016〕1号 under another prefix series row (simulated merge:
    // the number text matches, its seq bookkeeping does not)
    t.ctx.ledger.sqlite
      .prepare(`UPDATE documents SET status = 'signed', number = '虞政办督〔2016〕1号', number_prefix = '旧代字', seq = 1 WHERE id = ?`)
      .run(merged!.id);
    const refused = await t.call('documents.sign', { id: mine!.id, signer: '王区长', signedOn: '2016-09-20' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('文号虞政办督〔2016〕1号已被《');
    expect((await t.ok('documents.get', { id: mine!.id })).status).toBe('draft');
  });
});
