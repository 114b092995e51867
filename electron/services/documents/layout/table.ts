/**
 * A ledger extract in the body or in an attachment: as wide as the text area, columns in proportion to
 * their relative widths, thin black rules, the header row repeated at the top of every page, and rows kept
 * whole on a page (a row taller than a page still breaks: Word and LibreOffice ignore cantSplit then).
 */
import {
  BorderStyle,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
  type ITableBordersOptions,
} from 'docx';
import type { Block } from '../model';
import { paragraph, type Alignment } from './paragraphs';
import { textRuns, type RunStyle } from './runs';
import type { Typography } from './typography';

export type TableBlock = Extract<Block, { kind: 'table' }>;

const RULE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
export const GRID_BORDERS: ITableBordersOptions = {
  top: RULE,
  bottom: RULE,
  left: RULE,
  right: RULE,
  insideHorizontal: RULE,
  insideVertical: RULE,
};
export const CELL_MARGINS = { top: 40, bottom: 40, left: 85, right: 85 };

/** exact line heights of cell text: 4号 on 20 pt lines, 小四 on 17 pt lines */
const CELL_LINE = { normal: 400, small: 340 } as const;

/** Splits `total` twips among columns in proportion to `weights`, in whole twips that add up exactly. */
export function proportionalWidths(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  const rest = total - widths.reduce((a, b) => a + b, 0);
  widths[widths.length - 1]! += rest;
  return widths;
}

export function cell(text: string, style: RunStyle, options: { width: number; line: number; alignment: Alignment; span?: number }) {
  return new TableCell({
    children: [paragraph(textRuns(text, style), { alignment: options.alignment, line: options.line })],
    width: { size: options.width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    ...(options.span && options.span > 1 ? { columnSpan: options.span } : {}),
  });
}

export function ledgerTable(block: TableBlock, t: Typography, width: number): Table {
  const small = block.fontSize === 'small';
  const textStyle = small ? t.dense : t.small;
  const headStyle = small ? t.denseHeiti : t.smallHeiti;
  const line = small ? CELL_LINE.small : CELL_LINE.normal;
  const widths = proportionalWidths(
    block.columns.map((c) => c.width),
    width,
  );

  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map((column, i) => cell(column.title, headStyle, { width: widths[i]!, line, alignment: 'center' })),
  });
  const rows = block.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: widths.map((w, i) => cell(row[i] ?? '', textStyle, { width: w, line, alignment: 'left' })),
      }),
  );
  return new Table({
    rows: [header, ...rows],
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: GRID_BORDERS,
    margins: CELL_MARGINS,
  });
}
