/**
 * The unit's feedback sheet (单位反馈表): an .xlsx per unit listing its open tasks — task id in a hidden column,
 * 序号, 事项名称, 责任 (牵头/配合), 办理期限, 上期进展 — with empty (yellow) columns for this period's 完成比例,
 * 工作进展, 存在问题, 下步打算 and 报送人. The unit fills it in; the office imports it back as progress reports,
 * validated with the same schema as `progress.add` (`progressInput`).
 *
 * Import rules: a row left empty is skipped; a row already in the ledger (same task, unit, date, percent and text)
 * is skipped as a duplicate, so importing the same file twice adds nothing; a bad percent, a task that no longer
 * exists or is no longer the unit's is a row problem. Like the task import, any problem refuses the whole file
 * (nothing saved) unless `skipInvalid`; all reports are saved in one transaction.
 */
import type { Kysely } from 'kysely';
import type ExcelJS from 'exceljs';
import type { Database } from '../../../db/schema';
import { insertRow } from '../../../db/repository';
import { progressInput } from '../../contract/channels';
import {
  xlsxFeedbackExportInput,
  xlsxFeedbackImportInput,
  type XlsxExportResult,
  type XlsxFeedbackExportRequest,
  type XlsxFeedbackImportRequest,
  type XlsxFeedbackImportResult,
  type XlsxFeedbackRow,
  type XlsxProblem,
} from '../../contract/xlsx';
import { ROLE_LABELS, type TaskStatus, type UnitRole } from '../../contract/vocabulary';
import { todayOf, type ServiceContext } from '../context';
import { notFound, ServiceError } from '../errors';
import { statusParamsOf } from '../holidays';
import { ledgerPage } from '../ledger-query';
import type { ProgressCallback } from './import-tasks';
import { displayWidth, excelDate, ExcelJS as Excel, loadWorkbookFile, parseRequest, plainValue, valueText, writeWorkbookFile } from './workbook';

export const FEEDBACK_SHEET = '反馈表';
/** Very hidden: which unit and period the sheet belongs to. */
export const FEEDBACK_META_SHEET = '反馈表信息';
const FEEDBACK_FORMAT = 'ledger-feedback-1';
const FILL_IN = 'FFFFF2CC';
const HEADER_FILL = 'FFDDEBF7';
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

/** The columns in order; `fill` ones are the unit's to fill in. */
export const FEEDBACK_COLUMNS = [
  { key: 'taskId', header: '任务编号', width: 38, fill: false },
  { key: 'code', header: '序号', width: 8, fill: false },
  { key: 'title', header: '事项名称', width: 40, fill: false },
  { key: 'role', header: '责任', width: 6, fill: false },
  { key: 'dueDate', header: '办理期限', width: 12, fill: false },
  { key: 'previous', header: '上期进展', width: 36, fill: false },
  { key: 'percent', header: '完成比例(%)', width: 12, fill: true },
  { key: 'doneText', header: '工作进展', width: 40, fill: true },
  { key: 'problems', header: '存在问题', width: 30, fill: true },
  { key: 'nextSteps', header: '下步打算', width: 30, fill: true },
  { key: 'reporter', header: '报送人', width: 10, fill: true },
] as const;
type FeedbackKey = (typeof FEEDBACK_COLUMNS)[number]['key'];
const HEADER_ROW = 3;

const OPEN_STATUSES: TaskStatus[] = ['overdue', 'behind', 'due_soon', 'on_track'];

/** Builds a unit's feedback workbook. */
export async function buildFeedbackWorkbook(ctx: ServiceContext, request: XlsxFeedbackExportRequest): Promise<{ workbook: ExcelJS.Workbook; unitName: string; rows: number }> {
  const input = parseRequest(xlsxFeedbackExportInput, request);
  const db = ctx.ledger.db;
  const unit = await db.selectFrom('units').select(['id', 'name']).where('id', '=', input.unitId).where('deleted_hlc', 'is', null).executeTakeFirst();
  if (!unit) throw notFound('单位');
  const params = await statusParamsOf(ctx);
  const tasks = [];
  for (let offset = 0; ; offset += 500) {
    const page = await ledgerPage(
      db,
      {
        source: null,
        year: input.year,
        unitId: unit.id,
        role: null,
        statuses: input.includeDone ? [] : OPEN_STATUSES,
        leader: null,
        dueFrom: null,
        dueTo: null,
        search: '',
        sortField: 'code',
        sortOrder: 'asc',
        offset,
        limit: 500,
      },
      params,
    );
    tasks.push(...page.rows);
    if (tasks.length >= page.total || page.rows.length === 0) break;
  }
  const ids = tasks.map((t) => t.id);
  const roles = new Map<string, UnitRole>();
  const previous = new Map<string, string>();
  if (ids.length > 0) {
    const links = await db.selectFrom('task_units').select(['task_id', 'role']).where('unit_id', '=', unit.id).where('task_id', 'in', ids).where('deleted_hlc', 'is', null).execute();
    for (const l of links) roles.set(l.task_id, l.role as UnitRole);
    const reports = await db
      .selectFrom('progress_reports')
      .select(['task_id', 'report_date', 'percent', 'done_text', 'stage', 'no_change'])
      .where('unit_id', '=', unit.id)
      .where('task_id', 'in', ids)
      .where('deleted_hlc', 'is', null)
      .orderBy('report_date', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
    for (const r of reports) {
      if (previous.has(r.task_id)) continue;
      const what = r.done_text || r.stage || (r.no_change === 1 ? '与上期相比无变化' : '');
      previous.set(r.task_id, `${r.report_date}${r.percent !== null ? ` 完成${r.percent}%` : ''}${what ? `：${what}` : ''}`);
    }
  }

  const workbook = new Excel.Workbook();
  workbook.creator = '督查台账';
  workbook.created = ctx.now();
  const ws = workbook.addWorksheet(FEEDBACK_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `G${HEADER_ROW + 1}` }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const last = ws.getColumn(FEEDBACK_COLUMNS.length).letter;
  ws.getCell('A1').value = `${unit.name}督查事项进展情况反馈表`;
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(`A1:${last}1`);
  ws.getRow(1).height = 28;
  ws.getCell('A2').value = `报告期：${input.period || '＿＿＿＿'}　　导出日期：${todayOf(ctx)}　　请在黄色各列填写本期进展（完成比例填 0–100 的整数），无需反馈的事项请留空。`;
  ws.mergeCells(`A2:${last}2`);
  const header = ws.getRow(HEADER_ROW);
  FEEDBACK_COLUMNS.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: col.fill ? FILL_IN : HEADER_FILL } };
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    const column = ws.getColumn(i + 1);
    column.width = col.width;
    if (col.key === 'taskId') column.hidden = true;
  });
  tasks.forEach((t, index) => {
    const row = ws.getRow(HEADER_ROW + 1 + index);
    const values: Record<FeedbackKey, ExcelJS.CellValue> = {
      taskId: t.id,
      code: t.code,
      title: t.title,
      role: ROLE_LABELS[roles.get(t.id) ?? 'lead'],
      dueDate: excelDate(t.dueDate),
      previous: previous.get(t.id) ?? '（未报送）',
      percent: null,
      doneText: null,
      problems: null,
      nextSteps: null,
      reporter: null,
    };
    FEEDBACK_COLUMNS.forEach((col, i) => {
      const cell = row.getCell(i + 1);
      cell.value = values[col.key];
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: col.key !== 'taskId' };
      if (col.key === 'dueDate') cell.numFmt = 'yyyy-mm-dd';
      if (col.fill) {
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL_IN } };
        cell.protection = { locked: false };
      }
      if (col.key === 'percent') {
        cell.dataValidation = {
          type: 'whole',
          operator: 'between',
          allowBlank: true,
          formulae: [0, 100],
          showErrorMessage: true,
          errorTitle: '完成比例',
          error: '请填写 0–100 之间的整数',
        };
      }
    });
    const titleLines = Math.ceil(displayWidth(t.title) / 78);
    row.height = Math.max(20, Math.min(120, titleLines * 16));
  });

  const meta = workbook.addWorksheet(FEEDBACK_META_SHEET, { state: 'veryHidden' });
  meta.addRows([
    ['format', FEEDBACK_FORMAT],
    ['unitId', unit.id],
    ['unitName', unit.name],
    ['period', input.period],
    ['exportedOn', todayOf(ctx)],
  ]);
  return { workbook, unitName: unit.name, rows: tasks.length };
}

export async function exportFeedbackXlsx(ctx: ServiceContext, request: XlsxFeedbackExportRequest, file: string): Promise<XlsxExportResult> {
  const built = await buildFeedbackWorkbook(ctx, request);
  await writeWorkbookFile(built.workbook, file);
  return { file, sheets: [FEEDBACK_SHEET], rows: built.rows };
}

// ---------------------------------------------------------------------------------------------------------------
// Import

interface FilledRow {
  rowNumber: number;
  taskId: string;
  code: string;
  title: string;
  percentRaw: ExcelJS.CellValue;
  percentFormat: string;
  doneText: string;
  problems: string;
  nextSteps: string;
  reporter: string;
}

interface FeedbackSheet {
  unitId: string;
  unitName: string;
  period: string;
  rows: FilledRow[];
}

const NOT_FEEDBACK = '该文件不是本系统导出的单位反馈表，请用“导出单位反馈表”生成的文件填写后再导入。';

function readFeedbackSheet(workbook: ExcelJS.Workbook): FeedbackSheet {
  const meta = workbook.getWorksheet(FEEDBACK_META_SHEET);
  const ws = workbook.getWorksheet(FEEDBACK_SHEET) ?? workbook.worksheets[0];
  if (!meta || !ws) throw new ServiceError('invalid_input', NOT_FEEDBACK);
  const info = new Map<string, string>();
  meta.eachRow((row) => info.set(valueText(row.getCell(1).value), valueText(row.getCell(2).value)));
  if (info.get('format') !== FEEDBACK_FORMAT || !info.get('unitId')) throw new ServiceError('invalid_input', NOT_FEEDBACK);
  // Columns by their header, so a sheet whose columns were moved still reads.
  let headerRow = 0;
  for (let r = 1; r <= Math.min(10, ws.rowCount); r += 1) {
    let found = false;
    ws.getRow(r).eachCell((cell) => {
      if (valueText(cell.value) === '任务编号') found = true;
    });
    if (found) {
      headerRow = r;
      break;
    }
  }
  if (headerRow === 0) throw new ServiceError('invalid_input', `${NOT_FEEDBACK}（找不到“任务编号”列）`);
  const at = new Map<string, number>();
  ws.getRow(headerRow).eachCell((cell, col) => at.set(valueText(cell.value), col));
  const col = (key: FeedbackKey) => at.get(FEEDBACK_COLUMNS.find((c) => c.key === key)!.header) ?? 0;
  const rows: FilledRow[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r += 1) {
    const row = ws.getRow(r);
    const get = (key: FeedbackKey) => (col(key) > 0 ? valueText(row.getCell(col(key)).value) : '');
    const taskId = get('taskId');
    if (taskId === '') continue;
    const percentCell = col('percent') > 0 ? row.getCell(col('percent')) : null;
    rows.push({
      rowNumber: r,
      taskId,
      code: get('code'),
      title: get('title'),
      percentRaw: percentCell ? plainValue(percentCell.value) : null,
      percentFormat: percentCell?.numFmt ?? '',
      doneText: get('doneText'),
      problems: get('problems'),
      nextSteps: get('nextSteps'),
      reporter: get('reporter'),
    });
  }
  return { unitId: info.get('unitId')!, unitName: info.get('unitName') ?? '', period: info.get('period') ?? '', rows };
}

/** 60, "60", "60%", 0.6 in a percent-formatted cell → 60; text that is no number → a problem. */
function readPercent(raw: ExcelJS.CellValue, format: string): { value: number | null; problem: string | null } {
  if (raw === null || raw === undefined || raw === '') return { value: null, problem: null };
  if (typeof raw === 'number') return { value: format.includes('%') && !format.includes('"%"') && raw <= 1 ? Math.round(raw * 10000) / 100 : raw, problem: null };
  const text = valueText(raw).replace(/[%％]$/, '').trim();
  if (text === '') return { value: null, problem: null };
  const n = Number(text);
  if (!Number.isFinite(n)) return { value: null, problem: `完成比例“${valueText(raw)}”不是数字，请填写 0–100 的整数` };
  return { value: n, problem: null };
}

interface CheckedRow {
  view: XlsxFeedbackRow;
  input: ReturnType<typeof progressInput.parse> | null;
}

/** Checks every filled row against the ledger (inside or outside a transaction). */
async function checkRows(db: Kysely<Database>, sheet: FeedbackSheet, period: string, reportDate: string, today: string): Promise<CheckedRow[]> {
  const taskIds = [...new Set(sheet.rows.map((r) => r.taskId))];
  const linked = new Set<string>();
  const existing = new Set<string>();
  const alive = new Set<string>();
  if (taskIds.length > 0) {
    for (const t of await db.selectFrom('tasks').select('id').where('id', 'in', taskIds).where('deleted_hlc', 'is', null).execute()) alive.add(t.id);
    const links = await db.selectFrom('task_units').select('task_id').where('unit_id', '=', sheet.unitId).where('task_id', 'in', taskIds).where('deleted_hlc', 'is', null).execute();
    for (const l of links) linked.add(l.task_id);
    const reports = await db
      .selectFrom('progress_reports')
      .select(['task_id', 'report_date', 'percent', 'done_text'])
      .where('unit_id', '=', sheet.unitId)
      .where('task_id', 'in', taskIds)
      .where('report_date', '=', reportDate)
      .where('deleted_hlc', 'is', null)
      .execute();
    for (const r of reports) existing.add(`${r.task_id}|${r.percent ?? ''}|${r.done_text}`);
  }
  return sheet.rows.map((row) => {
    const problems: XlsxProblem[] = [];
    const view: XlsxFeedbackRow = { rowNumber: row.rowNumber, taskId: row.taskId, code: row.code, title: row.title, action: 'report', percent: null, problems };
    const percent = readPercent(row.percentRaw, row.percentFormat);
    view.percent = percent.value;
    if (percent.value === null && percent.problem === null && row.doneText === '' && row.problems === '' && row.nextSteps === '') {
      view.action = 'empty';
      return { view, input: null };
    }
    if (percent.problem) problems.push({ severity: 'error', field: null, message: percent.problem });
    if (!alive.has(row.taskId)) problems.push({ severity: 'error', field: null, message: '该事项在台账中已不存在' });
    else if (!linked.has(row.taskId)) problems.push({ severity: 'error', field: null, message: `${sheet.unitName || '该单位'}已不是本事项的责任单位` });
    if (reportDate > today) problems.push({ severity: 'error', field: null, message: '报送日期不能晚于今天' });
    const parsed = progressInput.safeParse({
      taskId: row.taskId,
      unitId: sheet.unitId,
      period,
      reportDate,
      percent: percent.problem ? null : percent.value,
      doneText: row.doneText,
      problems: row.problems,
      nextSteps: row.nextSteps,
      reporter: row.reporter,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        // The sheet's id column was edited by hand: say so rather than “编号格式不正确”.
        const message = issue.path[0] === 'taskId' ? '任务编号被改动，无法识别该事项' : issue.message;
        if (!problems.some((p) => p.message === message)) problems.push({ severity: 'error', field: null, message });
      }
    }
    if (problems.length > 0 || !parsed.success) {
      view.action = 'invalid';
      return { view, input: null };
    }
    if (existing.has(`${row.taskId}|${parsed.data.percent ?? ''}|${parsed.data.doneText}`)) {
      view.action = 'duplicate';
      return { view, input: null };
    }
    return { view, input: parsed.data };
  });
}

/**
 * Imports a filled-in feedback sheet as progress reports: one transaction, all or nothing (unless skipInvalid).
 * With `dryRun` it only checks, and the result is the preview.
 */
export async function importFeedbackXlsx(ctx: ServiceContext, request: XlsxFeedbackImportRequest, onProgress?: ProgressCallback): Promise<XlsxFeedbackImportResult> {
  const input = parseRequest(xlsxFeedbackImportInput, request);
  onProgress?.({ phase: 'read', done: 0, total: 1 });
  const workbook = await loadWorkbookFile(input.file);
  const sheet = readFeedbackSheet(workbook);
  onProgress?.({ phase: 'read', done: 1, total: 1 });
  const today = todayOf(ctx);
  const reportDate = input.reportDate ?? today;
  const period = input.period ?? sheet.period;
  const unit = await ctx.ledger.db.selectFrom('units').select(['id', 'name']).where('id', '=', sheet.unitId).where('deleted_hlc', 'is', null).executeTakeFirst();
  if (!unit) throw new ServiceError('not_found', `反馈表所属单位“${sheet.unitName}”在台账中不存在，可能已被删除。`);
  const result = (rows: CheckedRow[], saved: number): XlsxFeedbackImportResult => ({
    unitId: unit.id,
    unitName: unit.name,
    period,
    reportDate,
    rows: rows.map((r) => r.view),
    saved,
    skipped: rows.filter((r) => r.view.action === 'empty' || r.view.action === 'duplicate').length,
    invalid: rows.filter((r) => r.view.action === 'invalid').length,
  });
  if (input.dryRun) return result(await checkRows(ctx.ledger.db, sheet, period, reportDate, today), 0);

  let checked: CheckedRow[] = [];
  let saved = 0;
  await ctx.ledger.db.transaction().execute(async (trx) => {
    checked = await checkRows(trx, sheet, period, reportDate, today);
    const invalid = checked.filter((r) => r.view.action === 'invalid');
    if (invalid.length > 0 && !input.skipInvalid) {
      const first = invalid[0]!.view;
      throw new ServiceError(
        'invalid_input',
        `反馈表有 ${invalid.length} 行存在问题（第 ${invalid.slice(0, 10).map((r) => r.view.rowNumber).join('、')} 行，如：${first.problems[0]?.message ?? ''}），未导入任何进度。请修正后重新导入，或选择“跳过有问题的行”。`,
      );
    }
    const toSave = checked.filter((r) => r.input !== null);
    for (const r of toSave) {
      const p = r.input!;
      await insertRow(trx, ctx.write, 'progress_reports', {
        task_id: p.taskId,
        unit_id: p.unitId,
        period: p.period,
        report_date: p.reportDate,
        percent: p.percent,
        stage: p.stage,
        done_text: p.doneText,
        problems: p.problems,
        next_steps: p.nextSteps,
        no_change: p.noChange ? 1 : 0,
        reporter: p.reporter,
      });
      saved += 1;
    }
  });
  onProgress?.({ phase: 'save', done: saved, total: saved });
  return result(checked, saved);
}
