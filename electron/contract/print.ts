/**
 * 打印 / 导出 PDF of a view the renderer laid out for paper (the 督查台账 in A4 landscape, the 工作台 in A4 portrait):
 * the renderer mounts its print view, then asks the host to print the window or to render it as PDF. The page size
 * and margins, the header and the page numbers (第 1 页 共 3 页) are the print stylesheet's (renderer/src/print),
 * so the printout and the PDF look alike. The renderer never names a path: the PDF's folder comes from the host's
 * own dialog, and an existing file is never replaced. Pure: shared by main and renderer.
 */
import { z } from 'zod';
import { requiredText } from './schemas';

export const printInput = z.object({
  /** A4 landscape (the ledger's wide table) or portrait (the 工作台) */
  landscape: z.boolean({ error: '请选择横向或纵向打印' }),
  /** what is printed, in words (the print job's name): 督查台账（民生实事 · 2026年 · 逾期） */
  title: requiredText(200, '打印标题'),
});

export const savePdfInput = printInput.extend({
  /** the file name the page proposes, without extension (made safe by the service) */
  suggestedName: requiredText(80, '文件名'),
});

export interface PrintResult {
  /** false when the officer closed the print dialog without printing */
  printed: boolean;
}

export interface SavedPdf {
  /** the path of the written PDF */
  file: string;
}

/** Phantom marker (as in channels.ts). */
const returns = <T>() => undefined as unknown as T;

export const printChannels = {
  'print.print': { input: printInput, output: returns<PrintResult>() },
  /** null when the officer cancelled the folder dialog */
  'print.savePdf': { input: savePdfInput, output: returns<SavedPdf | null>() },
} as const;
