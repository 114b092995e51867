/**
 * Text runs with the font named for every script, so Word and WPS never fall back to a Latin face.
 */
import { PageNumber, Tab, TextRun, type IContext, type IXmlableObject } from 'docx';
import { onClearReuse, reusesFormatting } from './reuse';
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
 * docx's formatted run properties (`w:rPr`) by the run's options. A document has a handful of run styles
 * but docx builds and formats the properties again for every run (a large part of laying out a page), so
 * each style's properties are formatted once and the formatted XML object reused (docx only reads it when
 * writing the XML). Bounded by the styles in use: fonts × sizes × the few scales of a long 发文机关标志.
 */
const formattedRunProperties = new Map<string, IXmlableObject>();
const RUN_PROPERTIES_KEPT = 256;

onClearReuse(() => formattedRunProperties.clear());

/** Strings docx turns into a page-number field instead of text; a line holding one is left to docx. */
const FIELD_STRINGS = new Set<string>(Object.values(PageNumber));

const TAB_XML: IXmlableObject = { 'w:tab': {} };
const BREAK_XML: IXmlableObject = { 'w:br': {} };

function textXml(text: string): IXmlableObject {
  return { 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, text] };
}

type RunOptions = ReturnType<typeof runOptions>;

/**
 * One line of text in one style, written as docx writes a `TextRun` of it — `<w:r>` with the style's
 * `w:rPr`, a `<w:br/>` for a line after the first, then `<w:t xml:space="preserve">` and `<w:tab/>` pieces —
 * with the properties formatted once per style (see formattedRunProperties).
 */
class StyledRun extends TextRun {
  constructor(
    /** names everything `options` is made from (styleKey) */
    private readonly key: string,
    private readonly options: RunOptions,
    private readonly pieces: ReadonlyArray<string | typeof Tab>,
    private readonly lineBreak: boolean,
  ) {
    // a TextRun to docx's types and checks; its own (empty) properties and children are never written
    super({});
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    const key = this.key;
    let properties = formattedRunProperties.get(key);
    if (!properties) {
      // docx's own formatting of the properties: those of a run with these options and no text
      const probe = new TextRun(this.options).prepForXml(context)?.['w:r'] as unknown;
      if (!Array.isArray(probe) || probe.length !== 1) return this.asTextRun().prepForXml(context);
      properties = probe[0] as IXmlableObject;
      if (formattedRunProperties.size >= RUN_PROPERTIES_KEPT) formattedRunProperties.clear();
      formattedRunProperties.set(key, properties);
    }
    return {
      'w:r': [properties, ...(this.lineBreak ? [BREAK_XML] : []), ...this.pieces.map((piece) => (piece === Tab ? TAB_XML : textXml(piece as string)))],
    };
  }

  /** The same run built by docx. */
  asTextRun(): TextRun {
    const children = this.pieces.map((piece) => (piece === Tab ? new Tab() : (piece as string)));
    return new TextRun({ ...this.options, children, ...(this.lineBreak ? { break: 1 } : {}) });
  }
}

/** Names a run style: everything runOptions makes a run's options from. */
function styleKey(style: RunStyle): string {
  return `${style.font}|${style.size}|${style.color ?? ''}|${style.characterSpacing ?? ''}|${style.scale ?? ''}`;
}

/**
 * The runs of a text: a line feed becomes a line break and a tab a tab, so officers' multi-line values
 * (form boxes, explicit title breaks) survive.
 */
export function textRuns(text: string, style: RunStyle): TextRun[] {
  const options = runOptions(style);
  const key = styleKey(style);
  return cleanText(text)
    .split('\n')
    .map((line, index) => {
      const pieces: Array<string | typeof Tab> = [];
      line.split('\t').forEach((piece, i) => {
        if (i > 0) pieces.push(Tab);
        if (piece !== '') pieces.push(piece);
      });
      const run = new StyledRun(key, options, pieces, index > 0);
      return !reusesFormatting() || pieces.some((piece) => typeof piece === 'string' && FIELD_STRINGS.has(piece)) ? run.asTextRun() : run;
    });
}
