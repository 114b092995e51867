/**
 * The files the user picked in main's open dialog, by token. The renderer only ever holds a token (and the file's
 * name to show); main turns it back into the path it remembered. Only the last few picks are kept: a token from
 * long ago (or from before a restart) is refused with a sentence that says to pick the file again.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ServiceError } from '../errors';

/** How many picks are remembered (the wizard and the feedback dialog need one each at a time). */
export const MAX_REMEMBERED_FILES = 20;

const picked = new Map<string, string>();

/** Remembers a path from the open dialog; returns the token the renderer uses for it. */
export function rememberXlsxFile(file: string): string {
  const token = randomBytes(16).toString('hex');
  picked.set(token, file);
  while (picked.size > MAX_REMEMBERED_FILES) {
    const oldest = picked.keys().next().value;
    if (oldest === undefined) break;
    picked.delete(oldest);
  }
  return token;
}

/** The path a token stands for; refused when the token is unknown (too old, or never given). */
export function xlsxFileOf(token: string): string {
  const file = picked.get(token);
  if (file === undefined) throw new ServiceError('not_found', '请重新选择 Excel 文件。');
  return file;
}

/** Forgets every pick (tests). */
export function forgetXlsxFiles(): void {
  picked.clear();
}

/** Windows and macOS forbid these in file names; a unit's or a period's name may contain them. */
function safeStem(stem: string): string {
  const cleaned = stem
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  return cleaned.slice(0, 120) || '导出';
}

/** `<folder>/<stem>.xlsx`, or `<stem>-2.xlsx` … when the name is taken: an export never replaces a file. */
export function freeXlsxPath(folder: string, stem: string): string {
  const base = safeStem(stem);
  for (let n = 1; n < 1000; n += 1) {
    const file = path.join(folder, `${n === 1 ? base : `${base}-${n}`}.xlsx`);
    if (!existsSync(file)) return file;
  }
  throw new ServiceError('conflict', `文件夹中“${base}”开头的文件太多，请换一个文件夹导出。`);
}
