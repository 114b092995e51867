/**
 * Excel in and out (issue 6): plain Node, never `electron`. The shell binds these to channels later; the
 * command line (electron/cli/xlsx-command.ts) calls them directly.
 */
export { previewXlsxImport, commitXlsxImport, readBreakdownSheet, buildPlan, type ProgressCallback } from './import-tasks';
export { buildLedgerWorkbook, exportLedgerXlsx, LIGHT_FILLS, DATE_FORMAT } from './export-ledger';
export { buildFeedbackWorkbook, exportFeedbackXlsx, importFeedbackXlsx, FEEDBACK_SHEET, FEEDBACK_META_SHEET } from './feedback';
export { readDueText } from './dates';
export { headerKind } from './headers';
export { loadWorkbookFile, sheetInfos, ENCRYPTED_OR_XLS_MESSAGE, NOT_XLSX_MESSAGE } from './workbook';

import type { ServiceContext } from '../context';
import type { XlsxSheetInfo } from '../../contract/xlsx';
import { xlsxSheetsInput } from '../../contract/xlsx';
import { loadWorkbookFile as load, parseRequest, sheetInfos as infos } from './workbook';

/** The sheets of a workbook, for the user to pick one. */
export async function listXlsxSheets(_ctx: ServiceContext, request: { file: string }): Promise<XlsxSheetInfo[]> {
  const input = parseRequest(xlsxSheetsInput, request);
  return infos(await load(input.file));
}
