/**
 * 附件说明 (GB/T 9704 §7.3.4): one line below the body, two characters in.
 */
import { TabStopType, type Paragraph } from 'docx';
import { CHAR } from './page';
import { blankLines, paragraph } from './paragraphs';
import { textRuns } from './runs';
import { cleanText } from './text';
import type { Typography } from './typography';

/**
 * 附件说明: "附件：1. 名称" two characters in, later items under the first, a long name wrapping under its
 * own first character (a hanging indent with a tab stop where the names start).
 */
export function attachmentNote(names: string[], t: Typography): Paragraph[] {
  const clean = names.map((name) => cleanText(name).trim().replace(/[，,。．.；;：:、]+$/u, ''));
  const labelEnd = 2 + 3; // 左空二字 + "附件："
  if (clean.length === 1) {
    return [
      paragraph(textRuns(`附件：${clean[0]}`, t.body), {
        before: blankLines(1),
        indent: { left: labelEnd * CHAR, hanging: 3 * CHAR },
        keepNext: true,
      }),
    ];
  }
  // "9." is one character wide, "10." one and a half; half a character more keeps the tab from overshooting
  const nameStart = Math.round((labelEnd + (clean.length < 10 ? 1.5 : 2)) * CHAR);
  return clean.map((name, i) => {
    const lineStart = (i === 0 ? 2 : labelEnd) * CHAR;
    return paragraph(textRuns(`${i === 0 ? '附件：' : ''}${i + 1}.\t${name}`, t.body), {
      before: i === 0 ? blankLines(1) : 0,
      indent: { left: nameStart, hanging: nameStart - lineStart },
      tabStops: [{ type: TabStopType.LEFT, position: nameStart }],
      // Only the last item is kept with the 署名. Keeping more (or the body's last paragraph) builds a chain
      // that LibreOffice moves to the next page whole, leaving half a page empty.
      keepNext: i === clean.length - 1,
    });
  });
}
