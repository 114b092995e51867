/**
 * A ledger view (the ledger query's filters, every page) as a formatted .xlsx: a title row with the office's name
 * and the date, a bold filled header with borders, panes frozen below it, column widths that fit Chinese text,
 * dates as real dates (yyyy-mm-dd), percentages as numbers, the status light as a coloured cell with its label,
 * and one sheet per source when no source is chosen (全部).
 */
import type ExcelJS from 'exceljs';
import { xlsxLedgerExportInput, type XlsxExportResult, type XlsxLedgerExportRequest } from '../../contract/xlsx';
import type { TaskRow } from '../../contract/types';
import {
  ROLE_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
  STATUS_LIGHTS,
  TASK_SOURCES,
  type TaskSource,
} from '../../contract/vocabulary';
import { todayOf, type ServiceContext } from '../context';
import { statusParamsOf } from '../holidays';
import { ledgerPage } from '../ledger-query';
import { officeNameOf } from '../settings';
import type { ProgressCallback } from './import-tasks';
import { displayWidth, excelDate, ExcelJS as Excel, parseRequest, writeWorkbookFile } from './workbook';

/** Cell fills of the traffic light (ARGB), as Excel's own good / neutral / bad styles. */
export const LIGHT_FILLS: Record<'green' | 'yellow' | 'red' | 'grey', string> = {
  green: 'FFC6EFCE',
  yellow: 'FFFFEB9C',
  red: 'FFFFC7CE',
  grey: 'FFD9D9D9',
};
const LIGHT_FONTS: Record<'green' | 'yellow' | 'red' | 'grey', string> = {
  green: 'FF006100',
  yellow: 'FF9C5700',
  red: 'FF9C0006',
  grey: 'FF404040',
};
export const HEADER_FILL = 'FFDDEBF7';
export const DATE_FORMAT = 'yyyy-mm-dd';
const PERCENT_FORMAT = '0"%"';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

type ColumnKind = 'text' | 'wrap' | 'date' | 'percent' | 'status';
interface ExportColumn {
  header: string;
  kind: ColumnKind;
  value: (r: TaskRow) => string | number | null;
}

function columnsFor(withSource: boolean): ExportColumn[] {
  return [
    { header: '序号', kind: 'text', value: (r) => r.code },
    { header: '事项名称', kind: 'wrap', value: (r) => r.title },
    ...(withSource ? [{ header: '来源', kind: 'text' as const, value: (r: TaskRow) => SOURCE_LABELS[r.source] }] : []),
    { header: '责任领导', kind: 'text', value: (r) => r.leader },
    { header: '牵头单位', kind: 'wrap', value: (r) => r.leadUnits },
    { header: '配合单位', kind: 'wrap', value: (r) => r.assistUnits },
    { header: '办理期限', kind: 'date', value: (r) => r.dueDate },
    { header: '计划进度', kind: 'percent', value: (r) => r.plannedPercent },
    { header: '最新进度', kind: 'percent', value: (r) => r.latestPercent },
    { header: '最近报送', kind: 'date', value: (r) => r.latestReportDate },
    { header: '状态', kind: 'status', value: (r) => STATUS_LABELS[r.status] },
    { header: '办结日期', kind: 'date', value: (r) => r.completedOn },
  ];
}

export const LEDGER_TITLE_ROWS = 2;
export const LEDGER_HEADER_ROW = LEDGER_TITLE_ROWS + 1;

/** Every row of the view (the service caps a page at 500). */
async function allRows(ctx: ServiceContext, request: ReturnType<typeof xlsxLedgerExportInput.parse>, onProgress?: ProgressCallback): Promise<TaskRow[]> {
  const params = await statusParamsOf(ctx);
  const rows: TaskRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await ledgerPage(ctx.ledger.db, { ...request, offset, limit: 500 }, params);
    rows.push(...page.rows);
    onProgress?.({ phase: 'read', done: rows.length, total: page.total });
    if (rows.length >= page.total || page.rows.length === 0) return rows;
  }
}

async function filterDescription(ctx: ServiceContext, q: ReturnType<typeof xlsxLedgerExportInput.parse>): Promise<string> {
  const parts: string[] = [];
  parts.push(q.source ? SOURCE_LABELS[q.source] : '全部来源');
  if (q.year !== null) parts.push(`${q.year}年`);
  if (q.unitId) {
    const unit = await ctx.ledger.db.selectFrom('units').select('name').where('id', '=', q.unitId).executeTakeFirst();
    parts.push(`${unit?.name ?? '（单位）'}${q.role ? ROLE_LABELS[q.role] : ''}`);
  }
  if (q.statuses.length > 0) parts.push(q.statuses.map((s) => STATUS_LABELS[s]).join('、'));
  if (q.leader) parts.push(`责任领导 ${q.leader}`);
  if (q.dueFrom || q.dueTo) parts.push(`期限 ${q.dueFrom ?? '…'} 至 ${q.dueTo ?? '…'}`);
  if (q.search) parts.push(`含“${q.search}”`);
  return parts.join('，');
}

function addLedgerSheet(workbook: ExcelJS.Workbook, name: string, title: string, subtitle: string, rows: readonly TaskRow[], withSource: boolean): void {
  const columns = columnsFor(withSource);
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: LEDGER_HEADER_ROW, topLeftCell: `A${LEDGER_HEADER_ROW + 1}`, activeCell: `A${LEDGER_HEADER_ROW + 1}` }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${LEDGER_HEADER_ROW}:${LEDGER_HEADER_ROW}` },
  });
  const lastLetter = ws.getColumn(columns.length).letter;
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(`A1:${lastLetter}1`);
  ws.getRow(1).height = 28;
  ws.getCell('A2').value = subtitle;
  ws.getCell('A2').alignment = { horizontal: 'left', vertical: 'middle' };
  ws.mergeCells(`A2:${lastLetter}2`);

  const header = ws.getRow(LEDGER_HEADER_ROW);
  columns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.height = 22;

  const widths = columns.map((c) => displayWidth(c.header));
  rows.forEach((r, index) => {
    const row = ws.getRow(LEDGER_HEADER_ROW + 1 + index);
    columns.forEach((col, i) => {
      const cell = row.getCell(i + 1);
      const value = col.value(r);
      cell.border = THIN;
      cell.alignment = { vertical: 'middle', wrapText: col.kind === 'wrap' };
      if (value === null || value === '') {
        cell.value = null;
      } else if (col.kind === 'date') {
        cell.value = excelDate(String(value));
        cell.numFmt = DATE_FORMAT;
        widths[i] = Math.max(widths[i]!, 10);
      } else if (col.kind === 'percent') {
        cell.value = Number(value);
        cell.numFmt = PERCENT_FORMAT;
        widths[i] = Math.max(widths[i]!, 5);
      } else {
        cell.value = value;
        widths[i] = Math.max(widths[i]!, displayWidth(String(value)));
      }
      if (col.kind === 'status') {
        const light = STATUS_LIGHTS[r.status];
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILLS[light] } };
        cell.font = { color: { argb: LIGHT_FONTS[light] }, bold: light === 'red' };
        cell.alignment = { horizontal: 'center', vertical: 'middle' };
      }
    });
  });
  if (rows.length === 0) {
    ws.getCell(`A${LEDGER_HEADER_ROW + 1}`).value = '（没有符合条件的事项）';
    ws.mergeCells(`A${LEDGER_HEADER_ROW + 1}:${lastLetter}${LEDGER_HEADER_ROW + 1}`);
  }
  columns.forEach((col, i) => {
    const max = col.kind === 'wrap' ? 50 : 30;
    ws.getColumn(i + 1).width = Math.min(max, Math.max(6, widths[i]! + 2));
  });
  if (rows.length > 0) ws.autoFilter = { from: { row: LEDGER_HEADER_ROW, column: 1 }, to: { row: LEDGER_HEADER_ROW, column: columns.length } };
}

export interface LedgerWorkbook {
  workbook: ExcelJS.Workbook;
  sheets: string[];
  rows: number;
}

/** Builds the workbook of a ledger view. */
export async function buildLedgerWorkbook(ctx: ServiceContext, request: XlsxLedgerExportRequest, onProgress?: ProgressCallback): Promise<LedgerWorkbook> {
  const query = parseRequest(xlsxLedgerExportInput, request);
  const rows = await allRows(ctx, query, onProgress);
  const office = await officeNameOf(ctx);
  const today = todayOf(ctx);
  const description = await filterDescription(ctx, query);
  const workbook = new Excel.Workbook();
  workbook.creator = '督查台账';
  workbook.created = ctx.now();
  const sheets: string[] = [];
  const subtitle = (n: number) => `导出日期：${today}　　筛选：${description}　　共 ${n} 项`;

  if (query.source === null && query.sheetPerSource) {
    const bySource = new Map<TaskSource, TaskRow[]>();
    for (const r of rows) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r]);
    for (const source of TASK_SOURCES) {
      const list = bySource.get(source);
      if (!list) continue;
      addLedgerSheet(workbook, SOURCE_LABELS[source], `${office}督查台账（${SOURCE_LABELS[source]}）`, subtitle(list.length), list, false);
      sheets.push(SOURCE_LABELS[source]);
    }
  }
  if (sheets.length === 0) {
    const name = query.source ? SOURCE_LABELS[query.source] : '督查台账';
    addLedgerSheet(workbook, name, `${office}督查台账${query.source ? `（${SOURCE_LABELS[query.source]}）` : ''}`, subtitle(rows.length), rows, query.source === null);
    sheets.push(name);
  }
  return { workbook, sheets, rows: rows.length };
}

/** Writes a ledger view to `file` (.xlsx). The shell chooses the file; the renderer never names one. */
export async function exportLedgerXlsx(ctx: ServiceContext, request: XlsxLedgerExportRequest, file: string, onProgress?: ProgressCallback): Promise<XlsxExportResult> {
  const built = await buildLedgerWorkbook(ctx, request, onProgress);
  onProgress?.({ phase: 'write', done: 0, total: 1 });
  await writeWorkbookFile(built.workbook, file);
  onProgress?.({ phase: 'write', done: 1, total: 1 });
  return { file, sheets: built.sheets, rows: built.rows };
}
