/**
 * A title paragraph: 2号小标宋, centred, broken into balanced lines (title-lines.ts).
 */
import type { Paragraph } from 'docx';
import { paragraph } from './paragraphs';
import { textRuns } from './runs';
import { cleanText } from './text';
import { breakTitle } from './title-lines';
import type { Typography } from './typography';

/**
 * Title lines hold at most 18 characters of 2号 (the line holds 20): Word and WPS add a little space
 * between Chinese and digits, and a title line that overflows would be wrapped again by the program,
 * leaving the lonely character the standard forbids.
 */
export const TITLE_CHARS_PER_LINE = 18;

export function titleParagraph(text: string, t: Typography, space: { before?: number; after?: number } = {}): Paragraph {
  const lines = breakTitle(cleanText(text), TITLE_CHARS_PER_LINE);
  return paragraph(textRuns(lines.join('\n'), t.title), { alignment: 'center', ...space });
}
