/**
 * 导出图片 (statistics.savePng): a chart the page rendered, as PNG, into a folder the officer picks in the host's dialog.
 * The renderer cannot write files and never names a path: it sends the image and a proposed name; the name is made
 * safe here, the bytes are checked to be a PNG, and an existing file is never replaced (`统计图-2.png` … instead).
 */
import { MAX_PNG_BYTES, PNG_DATA_URL_PREFIX } from '../../contract/statistics';
import type { ParsedInput } from '../../contract/channels';
import type { ServiceContext } from '../context';
import { fileStemOf } from '../documents/builders/file-stem';
import { writeNewFile } from '../documents/new-file';
import { ServiceError } from '../errors';
import { fileWriteReason } from '../write-failure';

/** The eight bytes every PNG file starts with. */
export const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A file name (without extension) the officer's systems accept; 统计图 when nothing usable is left of the name. */
export function pngStem(name: string): string {
  const stem = fileStemOf([name]);
  return stem === '公文' && !name.includes('公文') ? '统计图' : stem;
}

/** A failure while writing, in words the officer can act on. */
function writeFailure(err: unknown, folder: string): unknown {
  const reason = fileWriteReason(err);
  return reason ? new ServiceError('db_io', `图片未保存：${reason}。请检查后重试。（${folder}）`) : err;
}

export async function saveChartPng(ctx: ServiceContext, input: ParsedInput<'statistics.savePng'>): Promise<string | null> {
  const bytes = Buffer.from(input.dataUrl.slice(PNG_DATA_URL_PREFIX.length), 'base64');
  if (bytes.length > MAX_PNG_BYTES) throw new ServiceError('invalid_input', '图片太大（超过 20 MB），未保存。');
  if (bytes.length <= PNG_SIGNATURE.length || !bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
    throw new ServiceError('invalid_input', '图片数据不是有效的 PNG 图片，未保存。');
  }
  const choose = ctx.ports.chooseExportFolder;
  if (!choose) throw new ServiceError('forbidden', '当前环境无法选择保存位置，图片未保存。');
  const stem = pngStem(input.name);
  const folder = await choose(`${stem}.png`);
  if (folder === null) return null;
  try {
    return await writeNewFile(folder, stem, '.png', bytes);
  } catch (err) {
    throw writeFailure(err, folder);
  }
}
