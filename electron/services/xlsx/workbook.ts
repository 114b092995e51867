/**
 * Reading and writing .xlsx files with exceljs, and the small helpers every Excel use case needs: a Chinese
 * message for a file that is not a workbook (or an encrypted / old .xls one), cell values as text or dates,
 * display widths that count CJK characters as two.
 */
import { readFile, stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { XlsxSheetInfo } from '../../contract/xlsx';
import { ServiceError } from '../errors';

export { ExcelJS };

/** Larger files are refused before reading (a ledger sheet of 10,000 rows is a few MB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** An OLE compound file: an encrypted .xlsx (Excel wraps it in one) or a legacy .xls workbook. */
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** .xlsx is a zip archive. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export const ENCRYPTED_OR_XLS_MESSAGE = '文件已加密或为旧版 .xls 格式，请在 Excel 中取消密码保护并另存为 .xlsx 后再导入。';
export const NOT_XLSX_MESSAGE = '该文件不是 Excel 工作簿（.xlsx），请选择用 Excel 或 WPS 保存的 .xlsx 文件。';

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** Checks the bytes and loads the workbook, with one Chinese sentence for every way it can fail. */
export async function loadWorkbookBytes(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  if (bytes.length === 0) throw new ServiceError('invalid_input', '文件是空的（0 字节），请检查后重新选择。');
  if (startsWith(bytes, CFB_SIGNATURE)) throw new ServiceError('invalid_input', ENCRYPTED_OR_XLS_MESSAGE);
  if (!startsWith(bytes, ZIP_SIGNATURE)) throw new ServiceError('invalid_input', NOT_XLSX_MESSAGE);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new ServiceError('invalid_input', '无法读取该 Excel 文件：文件可能已损坏，或不是 .xlsx 工作簿。请在 Excel 中打开后另存为 .xlsx 再试。');
  }
  if (workbook.worksheets.length === 0) throw new ServiceError('invalid_input', '该工作簿中没有工作表。');
  return workbook;
}

/** The file's bytes, refused (in Chinese) when missing or too large to be a ledger sheet. */
export async function readWorkbookFileBytes(file: string): Promise<Buffer> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new ServiceError('not_found', `找不到文件“${file}”，请检查路径后重新选择。`);
  }
  if (size > MAX_FILE_BYTES) throw new ServiceError('invalid_input', '文件太大（超过 64 MB），请拆分后分别导入。');
  return readFile(file);
}

export async function loadWorkbookFile(file: string): Promise<ExcelJS.Workbook> {
  return loadWorkbookBytes(await readWorkbookFileBytes(file));
}

export async function writeWorkbookFile(workbook: ExcelJS.Workbook, file: string): Promise<void> {
  try {
    await workbook.xlsx.writeFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EBUSY' || code === 'EPERM' || code === 'EACCES' ? '文件可能正在 Excel 中打开，或没有写入权限' : '请检查文件夹是否存在、磁盘是否已满';
    throw new ServiceError('invalid_input', `无法写入“${file}”：${why}。`);
  }
}

/** The sheets a user can pick from (hidden ones, such as the feedback sheet's own data, are left out). */
export function sheetInfos(workbook: ExcelJS.Workbook): XlsxSheetInfo[] {
  return workbook.worksheets
    .filter((ws) => ws.state === 'visible' || ws.state === undefined)
    .map((ws) => ({ index: workbook.worksheets.indexOf(ws) + 1, name: ws.name, rowCount: ws.actualRowCount, columnCount: ws.actualColumnCount }));
}

/** A cell's value as trimmed text, whatever kind of value it holds. */
export function valueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return utcIsoDate(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('').trim();
    if ('error' in value) return '';
    if ('result' in value) return valueText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return valueText((value as { text: ExcelJS.CellValue }).text);
  }
  return String(value as unknown).trim();
}

/** Formulas count by their cached result. */
export function plainValue(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && 'result' in value) {
    return (value as { result?: ExcelJS.CellValue }).result ?? null;
  }
  return value;
}

/** exceljs reads Excel dates as UTC midnights. */
export function utcIsoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** yyyy-mm-dd → the Date exceljs writes as that day (a whole Excel serial). */
export function excelDate(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** Excel serial day (1900 system) → yyyy-mm-dd. */
export function serialToIsoDate(serial: number): string {
  return utcIsoDate(new Date(Math.round((serial - 25569) * 86_400_000)));
}

/** Display width: CJK and full-width characters count as two (for column widths). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    width +=
      (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x20000 && code <= 0x3fffd)
        ? 2
        : 1;
  }
  return width;
}

/** 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Lets the event loop run (IPC, timers) between chunks of a long parse. Never inside a transaction. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export const CHUNK_ROWS = 500;

/** Parses a request with its contract schema; a refusal is a ServiceError with the schema's Chinese messages. */
export function parseRequest<S extends z.ZodType>(schema: S, request: unknown): z.output<S> {
  const parsed = schema.safeParse(request);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || '_';
    if (!(key in fields)) fields[key] = issue.message;
  }
  throw new ServiceError('invalid_input', Object.values(fields).join('；'), fields);
}
