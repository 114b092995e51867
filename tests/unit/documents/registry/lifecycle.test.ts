/** 草稿 → 送签 → 已签发 (→ 作废), editing drafts only, corrections, and the change log as the audit trail. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentModelData } from '../../../../electron/contract/documents';
import { draftDocuments } from '../../../../electron/services/documents/builders/index';
import { openTempLedger, type TempLedger } from '../../../support/temp-ledger';
import { draftMany, OPERATOR, openOfficeLedger, requestFor } from './fixtures';

vi.mock('../../../../electron/services/documents/builders/index', async () => ({
  draftDocuments: vi.fn((await import('./stub-builder')).stubDraftDocuments),
}));

const CJK = /[\u4e00-\u9fff]/;

let t: TempLedger;
beforeEach(async () => {
  t = await openOfficeLedger('2016-09-20');
});
afterEach(async () => t.close());

function edited(model: DocumentModelData, title: string, text: string): DocumentModelData {
  if (model.kind !== 'official') throw new Error('expected an official document');
  return { ...model, title, number: '虞政办督〔2016〕99号', body: [{ kind: 'paragraph', text }] };
}

async function statusLog(id: string): Promise<string[]> {
  const rows = await t.ctx.ledger.db
    .selectFrom('change_log')
    .select('value')
    .where('table_name', '=', 'documents')
    .where('row_id', '=', id)
    .where('column_name', '=', 'status')
    .orderBy('hlc')
    .execute();
  return rows.map((r) => JSON.parse(r.value) as string);
}

describe('the document registry', () => {
  it('stores each drafted document as 草稿 with its request, its model, its drafter and the concerned units', async () => {
    const drafts = await draftMany(t, 'urge_notice', 2);
    expect(drafts).toHaveLength(2);
    const record = await t.ok('documents.get', { id: drafts[0]!.id });
    expect(record).toMatchObject({
      type: 'urge_notice',
      status: 'draft',
      year: 2016,
      number: null,
      seq: null,
      drafter: OPERATOR,
      recipients: ['百官街道'],
      request: requestFor('urge_notice', 2),
      exportCount: 0,
      supersedes: null,
      supersededBy: [],
    });
    expect(record.model).toMatchObject({ kind: 'official', draft: true, number: null, title: record.title });
    expect(record.unitIds).toHaveLength(1);
    expect(record.fileStem).toBe('催办通知-百官街道-2016-09-20');
  });

  it('replaces a draft\'s text with the officer\'s edit, but never takes a 文号 from it', async () => {
    const [d] = await draftMany(t, 'supervision_notice', 1);
    const before = await t.ok('documents.get', { id: d!.id });
    const after = await t.ok('documents.update', { id: d!.id, model: edited(before.model, '关于加快推进农村饮用水提标工程的督查通知', '请抓紧推进。') });
    expect(after.title).toBe('关于加快推进农村饮用水提标工程的督查通知');
    expect(after.model).toMatchObject({ number: null, draft: true, body: [{ kind: 'paragraph', text: '请抓紧推进。' }] });
  });

  it('refuses an edited model that breaks the limits, in Chinese, field by field', async () => {
    const [d] = await draftMany(t, 'supervision_notice', 1);
    const record = await t.ok('documents.get', { id: d!.id });
    const tooLong = await t.call('documents.update', { id: d!.id, model: edited(record.model, '长'.repeat(101), '正文') });
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) {
      expect(tooLong.error.code).toBe('invalid_input');
      expect(tooLong.error.message).toContain('公文标题不能超过 100 个字');
      expect(tooLong.error.fields?.['model.title']).toMatch(CJK);
    }
    const table = { kind: 'table', columns: [{ title: '单位', width: 1 }], rows: [['百官街道', '多出的一格']] };
    const ragged = await t.call('documents.update', { id: d!.id, model: { ...record.model, body: [table] } as DocumentModelData });
    expect(ragged.ok).toBe(false);
    if (!ragged.ok) expect(ragged.error.message).toContain('单元格多于列数');
    const formInstead = await t.call('documents.update', {
      id: d!.id,
      model: { kind: 'form', title: '督办单', fields: [{ label: '事项', value: '饮用水' }] },
    });
    expect(formInstead.ok).toBe(false);
    if (!formInstead.ok) expect(formInstead.error.message).toContain('不能改变公文的版式');
  });

  it('moves 草稿 → 送签 → 已签发, and a signed document cannot be edited, submitted or signed again', async () => {
    const [d] = await draftMany(t, 'supervision_notice', 1);
    const submitted = await t.ok('documents.submit', { id: d!.id });
    expect(submitted.status).toBe('submitted');
    expect(submitted.submittedAt).toBe(t.ctx.now().toISOString());
    const editWhileSubmitted = await t.call('documents.update', { id: d!.id, model: submitted.model });
    expect(editWhileSubmitted.ok).toBe(false);

    const signed = await t.ok('documents.sign', { id: d!.id, signer: '王区长', signedOn: '2016-09-19' });
    const edit = await t.call('documents.update', { id: d!.id, model: edited(signed.model, '改过的标题', '改过的正文') });
    expect(edit.ok).toBe(false);
    if (!edit.ok) {
      expect(edit.error.code).toBe('conflict');
      expect(edit.error.message).toBe('该公文当前为“已签发（虞政办督〔2016〕1号）”，不能修改。已签发的公文不能修改；如有错误，请用“更正”另发一份公文。');
    }
    expect((await t.call('documents.submit', { id: d!.id })).ok).toBe(false);
    const unchanged = await t.ok('documents.get', { id: d!.id });
    expect(unchanged.model).toEqual(signed.model);
    // 'draft' is the column's default, which an insert does not log (db/repository.ts); each step after it is logged.
    expect(await statusLog(d!.id)).toEqual(['submitted', 'signed']);
  });

  it('corrects a signed document with a new draft that refers to it; the old one stays as issued', async () => {
    const [d] = await draftMany(t, 'supervision_notice', 1);
    const original = await t.ok('documents.sign', { id: d!.id, signer: '王区长', signedOn: '2016-09-20' });
    const correction = await t.ok('documents.correct', { id: d!.id });
    expect(correction).toMatchObject({
      status: 'draft',
      number: null,
      supersedesId: original.id,
      supersedes: { id: original.id, number: '虞政办督〔2016〕1号', status: 'signed', title: original.title },
      title: original.title,
    });
    expect(correction.model).toMatchObject({ draft: true, number: null, note: `本文更正《${original.title}》（虞政办督〔2016〕1号）` });
    const old = await t.ok('documents.get', { id: d!.id });
    expect(old.model).toEqual(original.model);
    expect(old.supersededBy).toEqual([{ id: correction.id, title: original.title, number: null, status: 'draft' }]);

    const twice = await t.call('documents.correct', { id: d!.id });
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.message).toContain('已有一份未签发的更正稿');

    const issued = await t.ok('documents.sign', { id: correction.id, signer: '王区长', signedOn: '2016-09-20' });
    expect(issued.number).toBe('虞政办督〔2016〕2号');
    const notADraft = await t.call('documents.correct', { id: correction.id });
    expect(notADraft.ok).toBe(true);
    if (notADraft.ok && notADraft.value.model.kind === 'official') {
      expect(notADraft.value.model.note).toBe(`本文更正《${original.title}》（虞政办督〔2016〕2号）`);
    }
  });

  it('refuses to correct a draft', async () => {
    const [d] = await draftMany(t, 'supervision_notice', 1);
    const result = await t.call('documents.correct', { id: d!.id });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'conflict' });
  });

  it('deletes an unsigned document on cancel (a tombstone), and asks for a reason to cancel a signed one', async () => {
    const [draft, signedDraft] = await draftMany(t, 'urge_notice', 2);
    expect(await t.ok('documents.cancel', { id: draft!.id })).toBeNull();
    const gone = await t.call('documents.get', { id: draft!.id });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error.code).toBe('not_found');
    const row = await t.ctx.ledger.db.selectFrom('documents').select('deleted_hlc').where('id', '=', draft!.id).executeTakeFirstOrThrow();
    expect(row.deleted_hlc).not.toBeNull();

    await t.ok('documents.sign', { id: signedDraft!.id, signer: '王区长', signedOn: '2016-09-20' });
    const noReason = await t.call('documents.cancel', { id: signedDraft!.id, reason: '  ' });
    expect(noReason.ok).toBe(false);
    if (!noReason.ok) expect(noReason.error).toMatchObject({ code: 'invalid_input', fields: { reason: '请填写作废原因' } });
    const cancelled = await t.ok('documents.cancel', { id: signedDraft!.id, reason: '内容有误' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: t.ctx.now().toISOString() });
    const twice = await t.call('documents.cancel', { id: signedDraft!.id, reason: '再次作废' });
    expect(twice.ok).toBe(false);
    expect(await statusLog(signedDraft!.id)).toEqual(['signed', 'cancelled']);
  });

  it('says so when there is nothing to draft, and when the office settings are incomplete', async () => {
    vi.mocked(draftDocuments).mockResolvedValueOnce([]);
    const empty = await t.call('documents.draft', requestFor('urge_notice'));
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.message).toContain('没有可生成的公文');

    const bare = await openTempLedger('2016-09-20');
    try {
      const noOffice = await bare.call('documents.draft', requestFor('urge_notice'));
      expect(noOffice.ok).toBe(false);
      if (!noOffice.ok) expect(noOffice.error.message).toBe('公文设置不完整：请填写发文机关名称。请先在“设置 → 公文”中补充。');
    } finally {
      await bare.close();
    }
  });
});
