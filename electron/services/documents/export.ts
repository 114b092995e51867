/**
 * Exporting registry documents as .docx files: one file per document (and its 发文稿纸 when asked), or all
 * of them in one combined file (`<类型>-合订-<N>份-<date>.docx`, each document — and its 发文稿纸 — on new
 * pages of its own), always rendered from the models stored in the registry — so exporting the same
 * documents again gives the same bytes.
 *
 * A batch is all or nothing: every file is written whole under a new name (new-file.ts), and if anything
 * fails or the officer cancels, every file this batch already wrote is removed and nothing is recorded.
 * Only when all files are on disk is each one recorded in document_exports (with the SHA-256 of its bytes),
 * in one transaction. A combined file is recorded once for every document (and 发文稿纸) it holds, each row
 * with the combined file's name and SHA-256.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { insertRow } from '../../../db/repository';
import { DOCUMENT_TYPE_LABELS, type DocumentSettings, type DocumentType } from '../../contract/documents';
import { todayOf, type ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { DocumentLayoutError } from './layout/errors';
import { renderCombinedDocx, renderDocx } from './layout/index';
import { fileStemOf } from './builders/file-stem';
import type { DocumentModel } from './model';
import { removeFileQuietly, syncFolder, writeNewFile } from './new-file';
import { modelOf, requireDocumentRow, type DocumentRow } from './records';
import { startJob } from './jobs';
import { getDocumentSettings } from './settings';
import { processingSlip } from './slip';
import { fileWriteReason } from '../write-failure';

export interface ExportOptions {
  /** absolute path of an existing folder */
  folder: string;
  /** all documents (and their 发文稿纸) in one file, in the order asked */
  combined: boolean;
  /** also write each document's 发文稿纸 */
  withSlip?: boolean;
  signal?: AbortSignal;
  /** after each file written: files done so far, files in the batch */
  onProgress?: (done: number, total: number) => void;
}

export interface ExportResult {
  /** absolute paths, in the order written */
  files: string[];
}

/** One document or 发文稿纸 to write: which document it belongs to, what it is, from which model. */
interface PlannedPart {
  documentId: string;
  kind: 'document' | 'slip';
  model: DocumentModel;
}

/** One file to write under `stem`: a single part, or (combined) several parts in one file. */
interface PlannedFile {
  stem: string;
  combined: boolean;
  parts: PlannedPart[];
}

export interface ExportPlan {
  folder: string;
  settings: DocumentSettings;
  files: PlannedFile[];
}

/** The officer cancelled: the batch's files are removed, nothing is recorded. */
export class ExportCancelledError extends ServiceError {
  constructor() {
    super('conflict', '导出已取消，本批已写出的文件均已删除。');
    this.name = 'ExportCancelledError';
  }
}

async function requireFolder(folder: string): Promise<void> {
  if (!path.isAbsolute(folder)) {
    throw new ServiceError('invalid_input', `导出文件夹应为完整路径（例如 D:\\公文），而不是“${folder}”。`, { folder: '请选择导出文件夹' });
  }
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(folder)).isDirectory();
  } catch {
    throw new ServiceError('invalid_input', `导出文件夹不存在或无法访问：${folder}。请重新选择文件夹。`, { folder: '文件夹不存在' });
  }
  if (!isDirectory) {
    throw new ServiceError('invalid_input', `所选路径不是文件夹：${folder}。请选择一个文件夹。`, { folder: '请选择文件夹' });
  }
}

/** An unsigned document is marked as such in its file name too: nobody should send it out by mistake. */
function documentStem(row: DocumentRow): string {
  const stem = row.file_stem || '公文';
  return row.status === 'signed' ? stem : `${stem}-草稿`;
}

/**
 * The combined file's name: `催办通知-合订-3份-2016-09-20` (公文 when the types differ; today's date), marked
 * 草稿 when any document in it is unsigned.
 */
function combinedStem(ctx: ServiceContext, rows: readonly DocumentRow[]): string {
  const types = new Set(rows.map((row) => row.type));
  const [only] = types;
  const label = types.size === 1 && only ? (DOCUMENT_TYPE_LABELS[only as DocumentType] ?? '公文') : '公文';
  const stem = fileStemOf([label, '合订', `${rows.length}份`, todayOf(ctx)]);
  return rows.every((row) => row.status === 'signed') ? stem : `${stem}-草稿`;
}

/** Checks the request and reads everything the batch needs, before any file is written. */
export async function planExport(ctx: ServiceContext, ids: readonly string[], opts: Pick<ExportOptions, 'folder' | 'combined' | 'withSlip'>): Promise<ExportPlan> {
  await requireFolder(opts.folder);
  const settings = await getDocumentSettings(ctx);
  const files: PlannedFile[] = [];
  const rows: DocumentRow[] = [];
  for (const id of new Set(ids)) {
    const row = await requireDocumentRow(ctx.ledger.db, id);
    if (row.status === 'cancelled') {
      throw new ServiceError('conflict', `《${row.title}》${row.number ? `（${row.number}）` : ''}已作废，不能导出。`);
    }
    rows.push(row);
    const model = modelOf(row);
    files.push({ stem: documentStem(row), combined: false, parts: [{ documentId: id, kind: 'document', model }] });
    if (opts.withSlip) {
      const slip = processingSlip({ row, model, recipients: JSON.parse(row.recipients) as string[] }, settings);
      files.push({ stem: `${row.file_stem || '公文'}-发文稿纸`, combined: false, parts: [{ documentId: id, kind: 'slip', model: slip }] });
    }
  }
  if (opts.combined && rows.length > 0) {
    return { folder: opts.folder, settings, files: [{ stem: combinedStem(ctx, rows), combined: true, parts: files.flatMap((f) => f.parts) }] };
  }
  return { folder: opts.folder, settings, files };
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportCancelledError();
}

/** A failure while writing, in words the officer can act on. */
function writeFailure(err: unknown, folder: string): unknown {
  if (err instanceof ServiceError) return err;
  if (err instanceof DocumentLayoutError) return new ServiceError('invalid_input', err.message);
  const reason = fileWriteReason(err);
  if (!reason) return err;
  return new ServiceError('db_io', `导出失败：${reason}。本批已写出的文件均已删除，请检查后重试。（${folder}）`);
}

function renderPlanned(planned: PlannedFile, render: { fontMode: DocumentSettings['fontMode'] }): Promise<Buffer> {
  return planned.combined ? renderCombinedDocx(planned.parts.map((part) => part.model), render) : renderDocx(planned.parts[0]!.model, render);
}

/**
 * Writes the planned files; all or nothing (see the module comment).
 *
 * Each file is rendered while the file before it is being written and flushed (the flush waits on the disk,
 * the rendering on the processor), and files are written one after another so that they take their names in
 * the batch's order. The folder is flushed once, after the last file and before anything is recorded.
 */
export async function runExport(ctx: ServiceContext, plan: ExportPlan, opts: Pick<ExportOptions, 'signal' | 'onProgress'> = {}): Promise<ExportResult> {
  const { signal, onProgress } = opts;
  const written: Array<{ planned: PlannedFile; file: string; sha256: string }> = [];
  const total = plan.files.length;
  const render = { fontMode: plan.settings.fontMode };
  let writing: Promise<void> = Promise.resolve();
  const write = async (planned: PlannedFile, bytes: Buffer): Promise<void> => {
    const file = await writeNewFile(plan.folder, planned.stem, '.docx', bytes, { syncFolder: false });
    written.push({ planned, file, sha256: createHash('sha256').update(bytes).digest('hex') });
    onProgress?.(written.length, total);
  };
  try {
    for (const planned of plan.files) {
      throwIfCancelled(signal);
      const bytes = await renderPlanned(planned, render);
      await writing;
      throwIfCancelled(signal);
      writing = write(planned, bytes);
      // a failed write is rethrown by the next `await writing` (or below); until then it is not unhandled
      writing.catch(() => undefined);
    }
    await writing;
    await syncFolder(plan.folder);
    throwIfCancelled(signal);
    const exportedAt = ctx.now().toISOString();
    await ctx.ledger.db.transaction().execute(async (trx) => {
      for (const { planned, file, sha256 } of written) {
        for (const part of planned.parts) {
          await insertRow(trx, ctx.write, 'document_exports', {
            document_id: part.documentId,
            kind: part.kind,
            exported_at: exportedAt,
            file_name: path.basename(file),
            operator: ctx.write.operator,
            sha256,
          });
        }
      }
    });
    return { files: written.map((w) => w.file) };
  } catch (err) {
    // a file still being written is finished (or has failed) before the batch's files are removed
    await writing.catch(() => undefined);
    for (const { file } of written) await removeFileQuietly(file);
    throw writeFailure(err, plan.folder);
  }
}

export async function exportDocuments(ctx: ServiceContext, ids: readonly string[], opts: ExportOptions): Promise<ExportResult> {
  const plan = await planExport(ctx, ids, opts);
  return runExport(ctx, plan, opts);
}

/**
 * For the UI: checks the request at once (a wrong folder is an immediate error, not a failed job), then runs
 * the batch as a job that reports progress and can be cancelled.
 */
export async function startExportJob(
  ctx: ServiceContext,
  ids: readonly string[],
  opts: Pick<ExportOptions, 'folder' | 'combined' | 'withSlip'>,
): Promise<{ jobId: string }> {
  const plan = await planExport(ctx, ids, opts);
  const jobId = startJob(ctx, plan.files.length, async ({ signal, progress }) => {
    const result = await runExport(ctx, plan, { signal, onProgress: progress });
    return result.files;
  });
  return { jobId };
}
