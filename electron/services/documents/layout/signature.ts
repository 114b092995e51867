/**
 * 署名 and 成文日期 (GB/T 9704 §7.3.5), in characters from the right edge of the text area.
 *
 * With a seal: the date stands four characters in from the right (右空四字) and the 署名 is centred over the
 * date; the seal is pressed over both, its top within a line of the text, so two blank lines are left above
 * the 署名 for it.
 * Without a seal: the 署名 stands two characters in (右空二字), the date on the next line starts two
 * characters to the right of the 署名's start; when the date is the longer, the date stands two characters in
 * and the 署名 moves left by as much.
 */
import type { Paragraph } from 'docx';
import type { OfficialDocument } from '../model';
import { formatChineseDate } from './chinese-date';
import { CHAR } from './page';
import { blankLines, paragraph } from './paragraphs';
import { textRuns } from './runs';
import { cleanText, textWidth } from './text';
import type { Typography } from './typography';

export interface SignaturePlacement {
  /** blank lines between the text (or 附件说明) and the 署名 */
  blankLinesAbove: number;
  /** right indents in characters (字) */
  organRight: number;
  dateRight: number;
}

/** Where the 署名 and the date go, from their widths in characters. */
export function placeSignature(organWidth: number, dateWidth: number, withSeal: boolean): SignaturePlacement {
  if (withSeal) {
    const dateRight = 4;
    const organRight = Math.max(0, dateRight + (dateWidth - organWidth) / 2);
    return { blankLinesAbove: 2, organRight, dateRight };
  }
  // the date's start is two characters right of the 署名's start: dateRight + dateWidth = organRight + organWidth - 2
  let organRight = 2;
  let dateRight = organRight + organWidth - 2 - dateWidth;
  if (dateRight < 2) {
    dateRight = 2;
    organRight = dateRight + dateWidth + 2 - organWidth;
  }
  return { blankLinesAbove: 1, organRight, dateRight };
}

export function signatureParagraphs(signature: OfficialDocument['signature'], t: Typography): Paragraph[] {
  const organ = cleanText(signature.organ).trim();
  const date = formatChineseDate(signature.date);
  const place = placeSignature(textWidth(organ), textWidth(date), signature.withSeal);
  return [
    paragraph(textRuns(organ, t.body), {
      alignment: 'right',
      before: blankLines(place.blankLinesAbove),
      indent: { right: Math.round(place.organRight * CHAR) },
      keepNext: true,
    }),
    paragraph(textRuns(date, t.body), { alignment: 'right', indent: { right: Math.round(place.dateRight * CHAR) } }),
  ];
}
