/**
 * A one-page form (督办单, 交办单, 发文稿纸): an optional organ line, the title, an optional number line,
 * then a ruled grid of label and value cells — two fields to a row unless a field is `wide` — and a line
 * under the grid. Sizes are chosen so a typical form of a dozen fields fits one A4 page.
 */
import {
  HeightRule,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  VerticalAlignTable,
  WidthType,
  type FileChild,
} from 'docx';
import type { FormDocument, FormField } from '../model';
import { SIZE } from './fonts';
import { PORTRAIT_TEXT_WIDTH } from './page';
import { paragraph } from './paragraphs';
import { textRuns } from './runs';
import type { LaidOutSection } from './sections';
import { CELL_MARGINS, GRID_BORDERS } from './table';
import { cleanText } from './text';
import { titleParagraph } from './title';
import type { Typography } from './typography';

/** 4号 on 20 pt lines: a form cell's line, and the unit of `minLines` */
export const FORM_LINE = 400;
/** an ordinary row: one line of 4号 with room around it (10 mm) */
const ROW_MIN_HEIGHT = 567;
const LABEL_SHADE = 'F2F2F2';
/** label | value | label | value: a label cell holds four 4号 characters on one line (1120 twips and padding) */
const LABEL_WIDTH = 1400;
const VALUE_WIDTH = (PORTRAIT_TEXT_WIDTH - 2 * LABEL_WIDTH) / 2;

/** Fields grouped into the rows of the grid: a wide field, or an unpaired last field, spans the row. */
export function formRows(fields: FormField[]): FormField[][] {
  const rows: FormField[][] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const next = fields[i + 1];
    if (!field.wide && next && !next.wide) {
      rows.push([field, next]);
      i++;
    } else {
      rows.push([field]);
    }
  }
  return rows;
}

function labelCell(field: FormField, t: Typography) {
  return new TableCell({
    children: [paragraph(textRuns(cleanText(field.label).trim(), t.smallHeiti), { alignment: 'center', line: FORM_LINE })],
    width: { size: LABEL_WIDTH, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    shading: { type: ShadingType.CLEAR, fill: LABEL_SHADE, color: 'auto' },
  });
}

function valueCell(field: FormField, t: Typography, span: number) {
  const boxed = (field.minLines ?? 1) > 1;
  return new TableCell({
    children: [paragraph(textRuns(cleanText(field.value), t.small), { alignment: 'justified', line: FORM_LINE })],
    width: { size: span === 1 ? VALUE_WIDTH : PORTRAIT_TEXT_WIDTH - LABEL_WIDTH, type: WidthType.DXA },
    // a box for handwriting is written from its top; a one-line value sits in the middle of its row
    verticalAlign: boxed ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
    ...(span > 1 ? { columnSpan: span } : {}),
  });
}

function rowHeight(fields: FormField[]): number {
  const lines = Math.max(...fields.map((f) => f.minLines ?? 1));
  return Math.max(ROW_MIN_HEIGHT, lines * FORM_LINE + CELL_MARGINS.top + CELL_MARGINS.bottom);
}

export function layOutForm(doc: FormDocument, t: Typography): LaidOutSection[] {
  const children: FileChild[] = [];
  const organ = cleanText(doc.organ ?? '').trim();
  if (organ !== '') children.push(paragraph(textRuns(organ, { font: t.fonts.xiaobiaosong, size: SIZE.sanhao }), { alignment: 'center' }));
  children.push(titleParagraph(doc.title, t, { after: FORM_LINE / 2 }));
  const numberLine = cleanText(doc.numberLine ?? '').trim();
  if (numberLine !== '') children.push(paragraph(textRuns(numberLine, t.small), { alignment: 'right', line: FORM_LINE, after: 120 }));

  const rows = formRows(doc.fields).map(
    (fields) =>
      new TableRow({
        cantSplit: true,
        height: { value: rowHeight(fields), rule: HeightRule.ATLEAST },
        children:
          fields.length === 2
            ? [labelCell(fields[0]!, t), valueCell(fields[0]!, t, 1), labelCell(fields[1]!, t), valueCell(fields[1]!, t, 1)]
            : [labelCell(fields[0]!, t), valueCell(fields[0]!, t, 3)],
      }),
  );
  children.push(
    new Table({
      rows,
      width: { size: PORTRAIT_TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [LABEL_WIDTH, VALUE_WIDTH, LABEL_WIDTH, VALUE_WIDTH],
      layout: TableLayoutType.FIXED,
      borders: GRID_BORDERS,
      margins: CELL_MARGINS,
    }),
  );
  const footer = cleanText(doc.footer ?? '').trim();
  // a paragraph follows the table in any case: a document cannot end in a table
  children.push(paragraph(footer === '' ? [] : textRuns(footer, t.small), { alignment: 'right', line: FORM_LINE, before: 120 }));
  return [{ orientation: 'portrait', children }];
}
