/**
 * Why writing a file into a folder the user chose failed, in words the officer can act on. Shared by every
 * export (documents, Excel, chart images, PDFs); each adds what was not saved.
 */
const REASONS: Record<string, string> = {
  ENOENT: '所选文件夹已不存在（可能被移动、删除或网络断开）',
  ENOTDIR: '所选路径不是文件夹',
  EACCES: '没有写入该文件夹的权限',
  EPERM: '操作系统不允许写入该文件夹',
  ENOSPC: '磁盘空间不足',
  EROFS: '该磁盘是只读的',
  EBUSY: '文件正被其他程序占用',
  EIO: '读写磁盘出错',
};

/** The reason for a file-system error code (ENOSPC …); null for anything else (a program error). */
export function fileWriteReason(err: unknown): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return (code && REASONS[code]) || null;
}
