/**
 * Export batches: one whole file per document, never over an existing file, all or nothing, recorded in
 * document_exports. The layout engine is replaced by a stand-in whose bytes are the model's JSON, so a test
 * can make the third render fail or hold a render until it has cancelled the job.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServiceError } from '../../../../electron/services/errors';
import { exportDocuments, ExportCancelledError } from '../../../../electron/services/documents/export';
import { settledJob } from '../../../../electron/services/documents/jobs';
import { DocumentLayoutError } from '../../../../electron/services/documents/layout/errors';
import { renderCombinedDocx, renderDocx } from '../../../../electron/services/documents/layout/index';
import type { DocumentModel } from '../../../../electron/services/documents/model';
import { tempDir, type TempLedger } from '../../../support/temp-ledger';
import { draftMany, OPERATOR, openOfficeLedger } from '../registry/fixtures';

vi.mock('../../../../electron/services/documents/builders/index', async () => ({
  draftDocuments: (await import('../registry/stub-builder')).stubDraftDocuments,
}));
vi.mock('../../../../electron/services/documents/layout/index', () => ({
  renderDocx: vi.fn(async (model: DocumentModel) => Buffer.from(JSON.stringify(model), 'utf8')),
  renderCombinedDocx: vi.fn(async (models: DocumentModel[]) => Buffer.from(JSON.stringify(models), 'utf8')),
}));

let t: TempLedger;
let folder: string;
beforeEach(async () => {
  t = await openOfficeLedger('2016-09-20');
  folder = tempDir('ledger-export-');
});
afterEach(async () => {
  vi.mocked(renderDocx).mockClear();
  vi.mocked(renderCombinedDocx).mockClear();
  rmSync(folder, { recursive: true, force: true });
  await t.close();
});

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

async function exportRows() {
  return t.ctx.ledger.db.selectFrom('document_exports').selectAll().orderBy('file_name').execute();
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('exportDocuments', () => {
  it('writes one file per document, marks unsigned ones 草稿 in the name, and records each export with its SHA-256', async () => {
    const drafts = await draftMany(t, 'urge_notice', 3);
    await t.ok('documents.sign', { id: drafts[0]!.id, signer: '王区长', signedOn: '2016-09-20' });
    const result = await exportDocuments(t.ctx, drafts.map((d) => d.id), { folder, combined: false });
    expect(result.files.map((f) => path.basename(f))).toEqual([
      '催办通知-百官街道-2016-09-20.docx',
      '催办通知-曹娥街道-2016-09-20-草稿.docx',
      '催办通知-东关街道-2016-09-20-草稿.docx',
    ]);
    expect(readdirSync(folder).sort()).toEqual(result.files.map((f) => path.basename(f)).sort());

    const rows = await exportRows();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({ kind: 'document', operator: OPERATOR, exported_at: t.ctx.now().toISOString() });
      expect(row.sha256).toBe(sha256(path.join(folder, row.file_name)));
    }
    const record = await t.ok('documents.get', { id: drafts[0]!.id });
    expect(record.exportCount).toBe(1);
    expect(record.exports).toEqual([expect.objectContaining({ fileName: '催办通知-百官街道-2016-09-20.docx', kind: 'document' })]);
    // The file holds exactly the stored model.
    expect(JSON.parse(readFileSync(result.files[0]!, 'utf8'))).toEqual(record.model);
  });

  it('never overwrites a file: an existing name gets -2, -3 …', async () => {
    const [d] = await draftMany(t, 'urge_notice', 1);
    const mine = path.join(folder, '催办通知-百官街道-2016-09-20-草稿.docx');
    writeFileSync(mine, '科里自己改过的版本');
    const first = await exportDocuments(t.ctx, [d!.id], { folder, combined: false });
    const second = await exportDocuments(t.ctx, [d!.id], { folder, combined: false });
    expect(path.basename(first.files[0]!)).toBe('催办通知-百官街道-2016-09-20-草稿-2.docx');
    expect(path.basename(second.files[0]!)).toBe('催办通知-百官街道-2016-09-20-草稿-3.docx');
    expect(readFileSync(mine, 'utf8')).toBe('科里自己改过的版本');
    expect(sha256(first.files[0]!)).toBe(sha256(second.files[0]!));
  });

  it('leaves none of its files when the third render fails, and records nothing', async () => {
    const drafts = await draftMany(t, 'urge_notice', 4);
    writeFileSync(path.join(folder, '别人的文件.docx'), 'x');
    vi.mocked(renderDocx)
      .mockImplementationOnce(async () => Buffer.from('1'))
      .mockImplementationOnce(async () => Buffer.from('2'))
      .mockImplementationOnce(async () => {
        throw new DocumentLayoutError('标题太长，无法排版。', 'title');
      });
    const failure = exportDocuments(t.ctx, drafts.map((d) => d.id), { folder, combined: false });
    await expect(failure).rejects.toThrow(ServiceError);
    await expect(failure).rejects.toMatchObject({ code: 'invalid_input', message: '标题太长，无法排版。' });
    expect(readdirSync(folder)).toEqual(['别人的文件.docx']);
    expect(await exportRows()).toEqual([]);
  });

  it('leaves none of its files when cancelled mid-batch', async () => {
    const drafts = await draftMany(t, 'urge_notice', 5);
    const controller = new AbortController();
    const cancelled = exportDocuments(t.ctx, drafts.map((d) => d.id), {
      folder,
      combined: false,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 2) controller.abort();
      },
    });
    await expect(cancelled).rejects.toBeInstanceOf(ExportCancelledError);
    expect(readdirSync(folder)).toEqual([]);
    expect(await exportRows()).toEqual([]);
    // the third was rendered while the second was being written; nothing after it
    expect(renderDocx).toHaveBeenCalledTimes(3);
  });

  it('fails clearly when the folder disappears mid-way, recording nothing', async () => {
    const drafts = await draftMany(t, 'urge_notice', 3);
    const failure = exportDocuments(t.ctx, drafts.map((d) => d.id), {
      folder,
      combined: false,
      onProgress: (done) => {
        if (done === 1) rmSync(folder, { recursive: true });
      },
    });
    await expect(failure).rejects.toMatchObject({ code: 'db_io', message: expect.stringContaining('所选文件夹已不存在') });
    expect(existsSync(folder)).toBe(false);
    expect(await exportRows()).toEqual([]);
  });

  it('checks the folder before writing anything', async () => {
    const [d] = await draftMany(t, 'urge_notice', 1);
    const file = path.join(folder, 'a.txt');
    writeFileSync(file, '');
    for (const [target, message] of [
      ['公文', '导出文件夹应为完整路径'],
      [path.join(folder, '不存在'), '导出文件夹不存在或无法访问'],
      [file, '所选路径不是文件夹'],
    ] as const) {
      const result = await exportVia(target, () => t.call('documents.export', { ids: [d!.id] }));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(message) });
    }
    const combined = await exportVia(path.join(folder, '不存在'), () => t.call('documents.export', { ids: [d!.id], combined: true }));
    expect(combined.ok).toBe(false);
    if (!combined.ok) expect(combined.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('导出文件夹不存在') });
    expect(renderDocx).not.toHaveBeenCalled();
    expect(renderCombinedDocx).not.toHaveBeenCalled();
  });

  it('refuses to export a cancelled document', async () => {
    const [d] = await draftMany(t, 'urge_notice', 1);
    await t.ok('documents.sign', { id: d!.id, signer: '王区长', signedOn: '2016-09-20' });
    await t.ok('documents.cancel', { id: d!.id, reason: '发错了' });
    const result = await exportVia(folder, () => t.call('documents.export', { ids: [d!.id] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('已作废');
  });

  it('writes a combined export as one file holding every document, recorded once per document', async () => {
    const drafts = await draftMany(t, 'urge_notice', 3);
    for (const d of drafts) await t.ok('documents.sign', { id: d.id, signer: '王区长', signedOn: '2016-09-20' });
    const onProgress = vi.fn();
    const result = await exportDocuments(t.ctx, drafts.map((d) => d.id), { folder, combined: true, onProgress });
    expect(result.files.map((f) => path.basename(f))).toEqual(['催办通知-合订-3份-2016-09-20.docx']);
    expect(readdirSync(folder)).toEqual(['催办通知-合订-3份-2016-09-20.docx']);
    expect(renderDocx).not.toHaveBeenCalled();
    expect(onProgress).toHaveBeenLastCalledWith(1, 1);

    const inFile = JSON.parse(readFileSync(result.files[0]!, 'utf8')) as DocumentModel[];
    const records = await Promise.all(drafts.map((d) => t.ok('documents.get', { id: d.id })));
    expect(inFile).toEqual(records.map((r) => r.model));

    const rows = await exportRows();
    expect(rows.map((r) => r.document_id).sort()).toEqual(drafts.map((d) => d.id).sort());
    for (const row of rows) {
      expect(row).toMatchObject({ kind: 'document', file_name: '催办通知-合订-3份-2016-09-20.docx', sha256: sha256(result.files[0]!) });
    }
    for (const r of await Promise.all(drafts.map((d) => t.ok('documents.get', { id: d.id })))) expect(r.exportCount).toBe(1);
  });

  it('names a combined file of mixed types 公文, marks it 草稿 when one is unsigned, and puts each 发文稿纸 after its document', async () => {
    const [notice] = await draftMany(t, 'supervision_notice', 1);
    const [urge] = await draftMany(t, 'urge_notice', 1);
    await t.ok('documents.sign', { id: notice!.id, signer: '王区长', signedOn: '2016-09-20' });
    const result = await exportDocuments(t.ctx, [notice!.id, urge!.id], { folder, combined: true, withSlip: true });
    expect(result.files.map((f) => path.basename(f))).toEqual(['公文-合订-2份-2016-09-20-草稿.docx']);
    const inFile = JSON.parse(readFileSync(result.files[0]!, 'utf8')) as DocumentModel[];
    expect(inFile.map((m) => m.title === '发文稿纸')).toEqual([false, true, false, true]);
    expect((await exportRows()).map((r) => r.kind).sort()).toEqual(['document', 'document', 'slip', 'slip']);
  });

  it('refuses a combined export that includes a cancelled document, writing nothing', async () => {
    const drafts = await draftMany(t, 'urge_notice', 2);
    await t.ok('documents.sign', { id: drafts[1]!.id, signer: '王区长', signedOn: '2016-09-20' });
    await t.ok('documents.cancel', { id: drafts[1]!.id, reason: '发错了' });
    const result = await exportVia(folder, () => t.call('documents.export', { ids: drafts.map((d) => d.id), combined: true }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('已作废');
    expect(readdirSync(folder)).toEqual([]);
    expect(renderCombinedDocx).not.toHaveBeenCalled();
    expect(await exportRows()).toEqual([]);
  });

  it('leaves no combined file and records nothing when cancelled', async () => {
    const drafts = await draftMany(t, 'urge_notice', 2);
    const controller = new AbortController();
    vi.mocked(renderCombinedDocx).mockImplementationOnce(async () => {
      controller.abort();
      return Buffer.from('合订');
    });
    const cancelled = exportDocuments(t.ctx, drafts.map((d) => d.id), { folder, combined: true, signal: controller.signal });
    await expect(cancelled).rejects.toBeInstanceOf(ExportCancelledError);
    expect(readdirSync(folder)).toEqual([]);
    expect(await exportRows()).toEqual([]);
  });

  it('writes the 发文稿纸 from the registry record when asked', async () => {
    const [d] = await draftMany(t, 'supervision_notice', 1);
    const signed = await t.ok('documents.sign', { id: d!.id, signer: '王区长', signedOn: '2016-09-20' });
    const result = await exportDocuments(t.ctx, [d!.id], { folder, combined: false, withSlip: true });
    expect(result.files.map((f) => path.basename(f))).toEqual(['督查通知书-百官街道-2016-09-20.docx', '督查通知书-百官街道-2016-09-20-发文稿纸.docx']);
    const slip = JSON.parse(readFileSync(result.files[1]!, 'utf8')) as DocumentModel;
    expect(slip.kind).toBe('form');
    if (slip.kind !== 'form') return;
    expect(slip.title).toBe('发文稿纸');
    const field = (label: string) => slip.fields.find((f) => f.label === label);
    expect(field('标题')?.value).toBe(signed.title);
    expect(field('文号')?.value).toBe('虞政办督〔2016〕1号');
    expect(field('主送')?.value).toBe('百官街道');
    expect(field('拟稿单位')?.value).toBe('督查科');
    expect(field('拟稿人')?.value).toBe(OPERATOR);
    expect(field('签发')?.value).toContain('王区长');
    expect(field('签发')?.value).toContain('2016年9月20日');
    expect(field('会签')).toMatchObject({ minLines: 3, value: expect.stringContaining('年　　月　　日') });
    expect(field('印数')).toBeDefined();
    const kinds = (await exportRows()).map((r) => r.kind).sort();
    expect(kinds).toEqual(['document', 'slip']);
  });
});

/** Calls a channel with the host's folder dialog answering `target`, as main's dialog would. */
function exportVia<T>(target: string, run: () => Promise<T>): Promise<T> {
  t.ctx.ports.chooseExportFolder = async () => target;
  return run();
}

describe('export jobs', () => {
  it('runs an export as a job the UI can poll', async () => {
    const drafts = await draftMany(t, 'urge_notice', 3);
    const jobId = (await exportVia(folder, () => t.ok('documents.export', { ids: drafts.map((d) => d.id) }))).jobId!;
    const job = await settledJob(t.ctx, jobId);
    expect(job).toMatchObject({ id: jobId, state: 'done', done: 3, total: 3, error: null });
    expect(job.files).toHaveLength(3);
    expect(await t.ok('jobs.get', { jobId })).toEqual(job);
  });

  it('cancels a running job: it ends cancelled and leaves no files', async () => {
    const drafts = await draftMany(t, 'urge_notice', 3);
    const secondRenderStarted = deferred();
    const releaseSecondRender = deferred();
    vi.mocked(renderDocx)
      .mockImplementationOnce(async () => Buffer.from('1'))
      .mockImplementationOnce(async () => {
        secondRenderStarted.resolve();
        await releaseSecondRender.promise;
        return Buffer.from('2');
      });
    const jobId = (await exportVia(folder, () => t.ok('documents.export', { ids: drafts.map((d) => d.id) }))).jobId!;
    await secondRenderStarted.promise;
    // the first file is written while the second renders
    await vi.waitFor(async () => expect(await t.ok('jobs.get', { jobId })).toMatchObject({ state: 'running', done: 1, total: 3 }));
    expect(readdirSync(folder)).toHaveLength(1);
    await t.ok('jobs.cancel', { jobId });
    releaseSecondRender.resolve();
    expect(await settledJob(t.ctx, jobId)).toMatchObject({ state: 'cancelled', files: [] });
    expect(readdirSync(folder)).toEqual([]);
    expect(await exportRows()).toEqual([]);
  });

  it('reports a failed job with a Chinese message, and an unknown job as not found', async () => {
    const [d] = await draftMany(t, 'urge_notice', 1);
    vi.mocked(renderDocx).mockImplementationOnce(async () => {
      throw new DocumentLayoutError('表格列数太多，无法排版。');
    });
    const jobId = (await exportVia(folder, () => t.ok('documents.export', { ids: [d!.id] }))).jobId!;
    expect(await settledJob(t.ctx, jobId)).toMatchObject({ state: 'failed', error: '表格列数太多，无法排版。' });
    const unknown = await t.call('jobs.get', { jobId: '01890a5d-ac96-774b-bcce-b30209999999' });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('not_found');
  });
});
