/**
 * Exporting registry documents as .docx files: one file per document (and its 发文稿纸 when asked), each
 * rendered from the model stored in the registry — so exporting the same document again gives the same bytes.
 *
 * A batch is all or nothing: every file is written whole under a new name (new-file.ts), and if anything
 * fails or the officer cancels, every file this batch already wrote is removed and nothing is recorded.
 * Only when all files are on disk is each one recorded in document_exports (with the SHA-256 of its bytes),
 * in one transaction.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { insertRow } from '../../../db/repository';
import type { DocumentSettings } from '../../contract/documents';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { DocumentLayoutError } from './layout/errors';
import { renderDocx } from './layout/index';
import type { DocumentModel } from './model';
import { removeFileQuietly, writeNewFile } from './new-file';
import { modelOf, requireDocumentRow, type DocumentRow } from './records';
import { startJob } from './jobs';
import { getDocumentSettings } from './settings';
import { processingSlip } from './slip';

export interface ExportOptions {
  /** absolute path of an existing folder */
  folder: string;
  /** all documents in one file: needs the layout engine's support, refused for now */
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

/** One file to write: what it is, under which name, from which model. */
interface PlannedFile {
  documentId: string;
  kind: 'document' | 'slip';
  stem: string;
  model: DocumentModel;
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

/** Checks the request and reads everything the batch needs, before any file is written. */
export async function planExport(ctx: ServiceContext, ids: readonly string[], opts: Pick<ExportOptions, 'folder' | 'combined' | 'withSlip'>): Promise<ExportPlan> {
  if (opts.combined) {
    throw new ServiceError('invalid_input', '暂不支持把多份公文合并为一个文件导出，请按每份公文一个文件导出。', { combined: '暂不支持合并导出' });
  }
  await requireFolder(opts.folder);
  const settings = await getDocumentSettings(ctx);
  const files: PlannedFile[] = [];
  for (const id of new Set(ids)) {
    const row = await requireDocumentRow(ctx.ledger.db, id);
    if (row.status === 'cancelled') {
      throw new ServiceError('conflict', `《${row.title}》${row.number ? `（${row.number}）` : ''}已作废，不能导出。`);
    }
    const model = modelOf(row);
    files.push({ documentId: id, kind: 'document', stem: documentStem(row), model });
    if (opts.withSlip) {
      const slip = processingSlip({ row, model, recipients: JSON.parse(row.recipients) as string[] }, settings);
      files.push({ documentId: id, kind: 'slip', stem: `${row.file_stem || '公文'}-发文稿纸`, model: slip });
    }
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
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const reasons: Record<string, string> = {
    ENOENT: '导出文件夹已不存在（可能被移动、删除或网络断开）',
    EACCES: '没有写入该文件夹的权限',
    EPERM: '操作系统不允许写入该文件夹',
    ENOSPC: '磁盘空间不足',
    EROFS: '该磁盘是只读的',
    EBUSY: '文件正被其他程序占用',
    EIO: '读写磁盘出错',
  };
  const reason = code ? reasons[code] : undefined;
  if (!reason) return err;
  return new ServiceError('db_io', `导出失败：${reason}。本批已写出的文件均已删除，请检查后重试。（${folder}）`);
}

/** Writes the planned files; all or nothing (see the module comment). */
export async function runExport(ctx: ServiceContext, plan: ExportPlan, opts: Pick<ExportOptions, 'signal' | 'onProgress'> = {}): Promise<ExportResult> {
  const { signal, onProgress } = opts;
  const written: Array<{ planned: PlannedFile; file: string; sha256: string }> = [];
  const total = plan.files.length;
  try {
    for (const planned of plan.files) {
      throwIfCancelled(signal);
      const bytes = await renderDocx(planned.model, { fontMode: plan.settings.fontMode });
      throwIfCancelled(signal);
      const file = await writeNewFile(plan.folder, planned.stem, '.docx', bytes);
      written.push({ planned, file, sha256: createHash('sha256').update(bytes).digest('hex') });
      onProgress?.(written.length, total);
    }
    throwIfCancelled(signal);
    const exportedAt = ctx.now().toISOString();
    await ctx.ledger.db.transaction().execute(async (trx) => {
      for (const { planned, file, sha256 } of written) {
        await insertRow(trx, ctx.write, 'document_exports', {
          document_id: planned.documentId,
          kind: planned.kind,
          exported_at: exportedAt,
          file_name: path.basename(file),
          operator: ctx.write.operator,
          sha256,
        });
      }
    });
    return { files: written.map((w) => w.file) };
  } catch (err) {
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
