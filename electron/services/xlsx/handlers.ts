/**
 * The Excel channels (xlsx.*); spread into services/handlers.ts.
 *
 * Files: the renderer never names one. `xlsx.pickFile` asks the host (main's open dialog) and hands back a token;
 * imports take the token. Exports ask the host for a folder and write a new file there (never over an existing one).
 *
 * Progress: the engine reports through a callback; the latest report is kept here and `xlsx.progress` returns it,
 * so the renderer can poll while its call runs. Reading, parsing and checking the sheet yield to the event loop
 * between chunks of rows, so the polls are answered while that runs; the save itself is one synchronous SQLite
 * transaction, during which main answers nothing — the bar then moves from 校验 straight to done.
 */
import path from 'node:path';
import type { Handlers, ParsedInput } from '../../contract/channels';
import { SOURCE_LABELS } from '../../contract/vocabulary';
import type { XlsxExportResult, XlsxPickedFile, XlsxProgress, xlsxChannels } from '../../contract/xlsx';
import { todayOf, type ServiceContext } from '../context';
import { notFound, ServiceError } from '../errors';
import { freeXlsxPath, rememberXlsxFile, xlsxFileOf } from './files';
import {
  commitXlsxImport,
  exportFeedbackXlsx,
  exportLedgerXlsx,
  importFeedbackXlsx,
  listXlsxSheets,
  previewXlsxImport,
  type ProgressCallback,
} from './index';

type XlsxChannel = keyof typeof xlsxChannels;

const PICK_TITLES = {
  tasks: '选择要导入的 Excel 表格（细化分解表、实施计划表）',
  feedback: '选择单位填好的反馈表（.xlsx）',
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Progress

let latest: XlsxProgress | null = null;
let running = 0;
let committing = false;

/** Runs one engine call with its progress recorded for `xlsx.progress`. */
async function tracked<T>(run: (onProgress: ProgressCallback) => Promise<T>): Promise<T> {
  running += 1;
  latest = { phase: 'read', done: 0, total: 1 };
  try {
    return await run((p) => {
      latest = { ...p };
    });
  } finally {
    running -= 1;
    if (running === 0) latest = null;
  }
}

/** One import that writes at a time: a second click while the first runs is refused, not queued. */
async function oneCommit<T>(run: () => Promise<T>): Promise<T> {
  if (committing) throw new ServiceError('conflict', '另一份表格正在导入，请等待其完成后再试。');
  committing = true;
  try {
    return await run();
  } finally {
    committing = false;
  }
}

export function currentXlsxProgress(): XlsxProgress | null {
  return latest;
}

// ---------------------------------------------------------------------------------------------------------------
// Files

async function pickFile(ctx: ServiceContext, input: ParsedInput<'xlsx.pickFile'>): Promise<XlsxPickedFile | null> {
  const pick = ctx.ports.pickXlsxFile;
  if (!pick) throw new ServiceError('forbidden', '当前环境无法选择文件，请使用命令行 import-xlsx 命令导入。');
  const file = await pick(PICK_TITLES[input.purpose]);
  if (file === null) return null;
  // Read now: a file that is not a workbook is refused at once, with its reason, before any token is given.
  const sheets = await listXlsxSheets(ctx, { file });
  return { token: rememberXlsxFile(file), name: path.basename(file), sheets };
}

async function exportFolder(ctx: ServiceContext, suggestedName: string): Promise<string | null> {
  const choose = ctx.ports.chooseExportFolder;
  if (!choose) throw new ServiceError('forbidden', '当前环境无法选择导出文件夹，请使用命令行 export-xlsx 命令导出。');
  return choose(suggestedName);
}

const compactDate = (iso: string) => iso.replace(/-/g, '');

async function exportLedger(ctx: ServiceContext, input: ParsedInput<'xlsx.exportLedger'>): Promise<XlsxExportResult | null> {
  const what = `督查台账（${input.source ? SOURCE_LABELS[input.source] : '全部'}）${input.year ? `${input.year}年` : ''}`;
  const folder = await exportFolder(ctx, `${what}.xlsx`);
  if (folder === null) return null;
  const file = freeXlsxPath(folder, `${what}-${compactDate(todayOf(ctx))}`);
  return tracked((onProgress) => exportLedgerXlsx(ctx, input, file, onProgress));
}

async function exportFeedback(ctx: ServiceContext, input: ParsedInput<'xlsx.exportFeedback'>): Promise<XlsxExportResult | null> {
  const unit = await ctx.ledger.db.selectFrom('units').select(['name']).where('id', '=', input.unitId).where('deleted_hlc', 'is', null).executeTakeFirst();
  if (!unit) throw notFound('单位');
  const what = `${unit.name}反馈表${input.period ? `（${input.period}）` : ''}`;
  const folder = await exportFolder(ctx, `${what}.xlsx`);
  if (folder === null) return null;
  const file = freeXlsxPath(folder, `${what}-${compactDate(todayOf(ctx))}`);
  return tracked(() => exportFeedbackXlsx(ctx, input, file));
}

// ---------------------------------------------------------------------------------------------------------------

export const xlsxHandlers = {
  'xlsx.pickFile': (input, ctx) => pickFile(ctx, input),
  'xlsx.preview': ({ token, ...rest }, ctx) => {
    const file = xlsxFileOf(token);
    return tracked((onProgress) => previewXlsxImport(ctx, { ...rest, file }, onProgress));
  },
  'xlsx.import': ({ token, ...rest }, ctx) => {
    const file = xlsxFileOf(token);
    return oneCommit(() => tracked((onProgress) => commitXlsxImport(ctx, { ...rest, file }, onProgress)));
  },
  'xlsx.progress': () => currentXlsxProgress(),
  'xlsx.exportLedger': (input, ctx) => exportLedger(ctx, input),
  'xlsx.exportFeedback': (input, ctx) => exportFeedback(ctx, input),
  'xlsx.importFeedback': ({ token, ...rest }, ctx) => {
    const file = xlsxFileOf(token);
    const run = () => tracked((onProgress) => importFeedbackXlsx(ctx, { ...rest, file }, onProgress));
    return rest.dryRun ? run() : oneCommit(run);
  },
} satisfies Pick<Handlers<ServiceContext>, XlsxChannel>;
