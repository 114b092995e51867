/**
 * The 版头 of an official document (GB/T 9704 §7.2): 份号, 密级和保密期限 and 紧急程度 stacked from the first
 * line, the 发文机关标志 in red 35 mm down, the 发文字号 two lines below it, and the red separator 4 mm under
 * the 字号 — as the bottom border of the 字号's paragraph, which every program draws the width of the text
 * area and which moves with the 字号 when text above is edited.
 */
import { BorderStyle, type Paragraph } from 'docx';
import type { OfficialDocument } from '../model';
import { RED, SIZE } from './fonts';
import { LINE, mmToTwips, PORTRAIT_TEXT_WIDTH } from './page';
import { blankLines, paragraph } from './paragraphs';
import { textRuns } from './runs';
import { cleanText, textWidth } from './text';
import type { Typography } from './typography';

/** 发文字号 of an unnumbered draft: the number is filled in when the document is signed */
export const DRAFT_NUMBER = '〔　　　　〕　　号';

/** The 发文机关标志's top edge is 35 mm below the top of the text area (GB/T 9704 §7.2.4). */
const ORGAN_MARK_TOP = mmToTwips(35);
/** The mark may fill this share of the line; the rest keeps it clear of the margins. */
const ORGAN_MARK_MAX_WIDTH = 0.92;
const ORGAN_MARK_SIZES = { largest: SIZE.chuhao / 2, smallest: SIZE.erhao / 2 }; // points
const ORGAN_MARK_LINE_HEIGHT = 1.2;
/** The red separator: 1.5 pt (12 eighths), about 4 mm below the 发文字号's characters. */
const SEPARATOR = { size: 12, space: 6 };

/** The 发文机关标志: as large as fits on one line, between 2号 and 初号, narrowed when even 2号 does not fit. */
export function organMarkSize(text: string): { points: number; scale?: number } {
  const usable = (PORTRAIT_TEXT_WIDTH / 20) * ORGAN_MARK_MAX_WIDTH; // points
  const width = textWidth(text);
  const points = Math.min(ORGAN_MARK_SIZES.largest, Math.floor(usable / width));
  if (points >= ORGAN_MARK_SIZES.smallest) return { points };
  return { points: ORGAN_MARK_SIZES.smallest, scale: Math.floor((usable / (width * ORGAN_MARK_SIZES.smallest)) * 100) };
}

export function masthead(doc: OfficialDocument, t: Typography): Paragraph[] {
  const lines: Paragraph[] = [];
  const flushLeft = { alignment: 'left' as const };
  if (doc.copyNumber) lines.push(paragraph(textRuns(doc.copyNumber.trim(), t.body), flushLeft));
  if (doc.secrecy) lines.push(paragraph(textRuns(doc.secrecy.trim(), t.heiti), flushLeft));
  if (doc.urgency) lines.push(paragraph(textRuns(doc.urgency.trim(), t.heiti), flushLeft));

  const number = doc.number === null ? (doc.draft ? DRAFT_NUMBER : '') : cleanText(doc.number).trim();
  if (doc.organMark) {
    const text = cleanText(doc.organMark.name).trim() + (doc.organMark.withWenjian ? '文件' : '');
    const { points, scale } = organMarkSize(text);
    // An exact line as high as the type would clip its tops in Word; the fifth added on top is taken off
    // the space before, so the characters' top edge stays 35 mm down.
    const em = points * 20;
    const line = Math.round(em * ORGAN_MARK_LINE_HEIGHT);
    lines.push(
      paragraph(textRuns(text, { ...t.organMark, size: points * 2, ...(scale ? { scale } : {}) }), {
        alignment: 'center',
        line,
        before: Math.max(0, ORGAN_MARK_TOP - lines.length * LINE - (line - em)),
      }),
    );
    lines.push(
      paragraph(textRuns(number, t.body), {
        alignment: 'center',
        before: blankLines(2),
        border: { bottom: { style: BorderStyle.SINGLE, color: RED, size: SEPARATOR.size, space: SEPARATOR.space } },
      }),
    );
  } else if (number !== '') {
    // no 版头 of the 发文机关: the 字号 stands alone, flush right, above the title
    lines.push(paragraph(textRuns(number, t.body), { alignment: 'right' }));
  }
  return lines;
}
