/**
 * Text runs with the font named for every script, so Word and WPS never fall back to a Latin face.
 */
import { Tab, TextRun } from 'docx';
import { cleanText } from './text';

export interface RunStyle {
  font: string;
  /** half-points (`w:sz`) */
  size: number;
  color?: string;
  /** twentieths of a point added between characters (negative squeezes) */
  characterSpacing?: number;
  /** horizontal scale in percent (`w:w`), to fit a long 发文机关标志 on one line */
  scale?: number;
}

export function runOptions(style: RunStyle) {
  return {
    font: { ascii: style.font, hAnsi: style.font, eastAsia: style.font, cs: style.font, hint: 'eastAsia' as const },
    size: style.size,
    sizeComplexScript: style.size,
    ...(style.color === undefined ? {} : { color: style.color }),
    ...(style.characterSpacing === undefined ? {} : { characterSpacing: style.characterSpacing }),
    ...(style.scale === undefined ? {} : { scale: style.scale }),
  };
}

/**
 * The runs of a text: a line feed becomes a line break and a tab a tab, so officers' multi-line values
 * (form boxes, explicit title breaks) survive.
 */
export function textRuns(text: string, style: RunStyle): TextRun[] {
  const options = runOptions(style);
  return cleanText(text)
    .split('\n')
    .map((line, index) => {
      const children: Array<string | Tab> = [];
      line.split('\t').forEach((piece, i) => {
        if (i > 0) children.push(new Tab());
        if (piece !== '') children.push(piece);
      });
      return new TextRun({ ...options, children, ...(index > 0 ? { break: 1 } : {}) });
    });
}
