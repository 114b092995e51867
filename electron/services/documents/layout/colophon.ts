/**
 * 版记 (GB/T 9704 §7.4): 抄送 and 印发机关/印发日期 between rules across the full text width — the first
 * and last rules 0.35 mm, the ones between 0.25 mm — with the last rule on the bottom edge of the text
 * area of the last page.
 *
 * It is a floating table anchored to the bottom of the page's text area (`w:tblpPr w:vertAnchor="margin"
 * w:tblpYSpec="bottom"`): Word, WPS and LibreOffice then put it at the foot of whatever page the text ends
 * on, without the officer counting blank lines, and it stays there when the text above is edited.
 */
import {
  BorderStyle,
  Paragraph,
  RelativeHorizontalPosition,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  WidthType,
  type FileChild,
} from 'docx';
import type { OfficialDocument } from '../model';
import { formatChineseDate } from './chinese-date';
import { paragraph } from './paragraphs';
import { runOptions, textRuns } from './runs';
import { cleanText } from './text';
import type { Typography } from './typography';

/** 0.35 mm ≈ 1 pt = 8 eighths of a point */
export const OUTER_RULE_SIZE = 8;
/** 0.25 mm ≈ 0.75 pt = 6 eighths of a point */
export const INNER_RULE_SIZE = 6;

/** one 4号 character: 抄送 and 印发 stand one character in from each side */
const INSET = 280;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;

/** 抄送：A，B，C。 — items joined by full-width commas, ending with a full stop. */
export function ccLine(cc: string[]): string {
  const items = cc.map((item) => cleanText(item).trim().replace(/[，,、。．.；;]+$/u, '')).filter((item) => item !== '');
  return `抄送：${items.join('，')}。`;
}

export function colophonTable(colophon: NonNullable<OfficialDocument['colophon']>, t: Typography, width: number): FileChild[] {
  const rows: TableRow[] = [];
  const rowOf = (p: Paragraph) =>
    new TableRow({ cantSplit: true, children: [new TableCell({ children: [p], width: { size: width, type: WidthType.DXA } })] });

  if (colophon.cc.some((item) => item.trim() !== '')) {
    // wrapped lines of a long 抄送 line up with the first name after the colon
    const label = 3 * INSET;
    rows.push(rowOf(paragraph(textRuns(ccLine(colophon.cc), t.small), { indent: { left: INSET + label, hanging: label, right: INSET } })));
  }
  rows.push(
    rowOf(
      paragraph(textRuns(`${cleanText(colophon.printer).trim()}\t${formatChineseDate(colophon.printDate)}印发`, t.small), {
        alignment: 'left',
        indent: { left: INSET, right: INSET },
        tabStops: [{ type: TabStopType.RIGHT, position: width - INSET }],
      }),
    ),
  );

  const table = new Table({
    rows,
    width: { size: width, type: WidthType.DXA },
    columnWidths: [width],
    layout: TableLayoutType.FIXED,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    borders: {
      top: { style: BorderStyle.SINGLE, size: OUTER_RULE_SIZE, color: '000000' },
      bottom: { style: BorderStyle.SINGLE, size: OUTER_RULE_SIZE, color: '000000' },
      insideHorizontal: { style: BorderStyle.SINGLE, size: INNER_RULE_SIZE, color: '000000' },
      left: NONE,
      right: NONE,
      insideVertical: NONE,
    },
    float: {
      horizontalAnchor: TableAnchorType.MARGIN,
      relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
      verticalAnchor: TableAnchorType.MARGIN,
      relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
    },
  });
  // A document cannot end in a table; the paragraph after it is one twip high so that it never pushes
  // a full last page onto a new one.
  const end = new Paragraph({ children: [], spacing: { before: 0, after: 0, line: 20, lineRule: 'exact' }, run: { ...runOptions({ ...t.small, size: 2 }) } });
  return [table, end];
}
