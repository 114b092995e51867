/**
 * 打印 and 导出 PDF (print.* channels): the renderer has mounted a print view of the 督查台账 or the 工作台; the host
 * prints the window (system print dialog) or renders it as PDF. Page size, margins, header and page numbers come from
 * the view's print stylesheet, the same in both paths. The PDF goes into a folder the officer picks in the host's
 * dialog, under a safe name, never over an existing file (`督查台账-2.pdf` … instead).
 */
import type { ParsedInput } from '../../contract/channels';
import type { PrintResult, SavedPdf } from '../../contract/print';
import type { ServiceContext } from '../context';
import { fileStemOf } from '../documents/builders/file-stem';
import { writeNewFile } from '../documents/new-file';
import { ServiceError } from '../errors';
import { fileWriteReason } from '../write-failure';

/** Every PDF file starts with these five bytes. */
const PDF_SIGNATURE = Buffer.from('%PDF-', 'latin1');

/** A file name (without extension) the officer's systems accept; 打印 when nothing usable is left of the name. */
export function pdfStem(name: string): string {
  const stem = fileStemOf([name]);
  return stem === '公文' && !name.includes('公文') ? '打印' : stem;
}

function reasonOf(err: unknown): string {
  return err instanceof Error && err.message ? err.message : String(err);
}

/** A failure while writing, in words the officer can act on. */
function writeFailure(err: unknown, folder: string): unknown {
  const reason = fileWriteReason(err);
  return reason ? new ServiceError('db_io', `PDF 未保存：${reason}。请检查后重试。（${folder}）`) : err;
}

export async function printPage(ctx: ServiceContext, input: ParsedInput<'print.print'>): Promise<PrintResult> {
  const print = ctx.ports.printPage;
  if (!print) throw new ServiceError('unavailable', '此处不能打印，请在督查台账程序中操作。');
  let printed: boolean;
  try {
    printed = await print({ landscape: input.landscape, title: input.title });
  } catch (err) {
    throw new ServiceError('unavailable', `打印未完成（${reasonOf(err)}）。请检查打印机是否已连接、已开机，然后重试；也可以先导出 PDF 再打印。`);
  }
  return { printed };
}

export async function savePagePdf(ctx: ServiceContext, input: ParsedInput<'print.savePdf'>): Promise<SavedPdf | null> {
  const { pageToPdf, chooseExportFolder } = ctx.ports;
  if (!pageToPdf || !chooseExportFolder) throw new ServiceError('unavailable', '此处不能导出 PDF，请在督查台账程序中操作。');
  const stem = pdfStem(input.suggestedName);
  const folder = await chooseExportFolder(`${stem}.pdf`);
  if (folder === null) return null;
  let bytes: Uint8Array;
  try {
    bytes = await pageToPdf({ landscape: input.landscape, title: input.title });
  } catch (err) {
    throw new ServiceError('internal', `PDF 未能生成（${reasonOf(err)}）。请重试；如仍出现，请先缩小筛选范围。`);
  }
  if (bytes.length <= PDF_SIGNATURE.length || !Buffer.from(bytes.buffer, bytes.byteOffset, PDF_SIGNATURE.length).equals(PDF_SIGNATURE)) {
    throw new ServiceError('internal', 'PDF 未能生成（生成的内容不是 PDF 文件）。请重试。');
  }
  try {
    return { file: await writeNewFile(folder, stem, '.pdf', bytes) };
  } catch (err) {
    throw writeFailure(err, folder);
  }
}
