/**
 * What repeats on every page: the page number (GB/T 9704 §7.5) and, on drafts, the 草稿 mark.
 *
 * Page numbers are `— 1 —` in 4号 半角宋体, 7 mm below the text area; odd pages right-aligned one character
 * in from the edge, even pages left-aligned one character in (the document sets `w:evenAndOddHeaders`, so
 * the default footer serves odd pages and the even footer even pages).
 */
import { Footer, Header, PageNumber, Paragraph, TextRun, type IContext, type IXmlableObject } from 'docx';
import { TextWatermark } from 'docx/watermarks';
import { paragraph } from './paragraphs';
import { PAGE_NUMBER_LINE } from './page';
import { onClearReuse, reusesFormatting } from './reuse';
import { runOptions, textRuns } from './runs';
import type { Typography } from './typography';

/** one 4号 character: the page number's distance from the text area's edge */
const PAGE_NUMBER_INSET = 280;
const DASH = '—';

/**
 * Formatted page-number and 草稿 paragraphs by font, side and watermark number: they are the same in every
 * document, so docx formats each once (docx formats a header or footer twice per document) and later documents
 * reuse the formatted XML object. Watermark numbers grow with the documents of a combined file, so it is
 * emptied when it gets large.
 */
const formattedParagraphs = new Map<string, IXmlableObject>();
const FORMATTED_PARAGRAPHS_KEPT = 512;

/**
 * A paragraph that is the same in every document: built and formatted by docx the first time, its formatted
 * XML object reused after that (docx only reads it when writing the XML).
 */
class ReusedParagraph extends Paragraph {
  constructor(
    private readonly key: string,
    private readonly build: () => Paragraph,
  ) {
    super({});
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    const formatted = formattedParagraphs.get(this.key);
    if (formatted) return formatted;
    const xml = this.build().prepForXml(context);
    if (formattedParagraphs.size >= FORMATTED_PARAGRAPHS_KEPT) formattedParagraphs.clear();
    if (xml) formattedParagraphs.set(this.key, xml);
    return xml;
  }
}

onClearReuse(() => formattedParagraphs.clear());

/** The paragraph `build` makes, formatted once for every document that has it (or built afresh, reuse off). */
function reusedParagraph(key: string, build: () => Paragraph): Paragraph {
  return reusesFormatting() ? new ReusedParagraph(key, build) : build();
}

function pageNumberParagraph(t: Typography, side: 'left' | 'right'): Paragraph {
  return reusedParagraph(JSON.stringify(['page-number', t.pageNumber, side]), () => buildPageNumberParagraph(t, side));
}

function buildPageNumberParagraph(t: Typography, side: 'left' | 'right'): Paragraph {
  const run = new TextRun({ ...runOptions(t.pageNumber), children: [`${DASH} `, PageNumber.CURRENT, ` ${DASH}`] });
  return paragraph([run], {
    alignment: side,
    line: PAGE_NUMBER_LINE,
    indent: side === 'right' ? { right: PAGE_NUMBER_INSET } : { left: PAGE_NUMBER_INSET },
  });
}

export function pageNumberFooters(t: Typography): { default: Footer; even: Footer } {
  return {
    default: new Footer({ children: [pageNumberParagraph(t, 'right')] }),
    even: new Footer({ children: [pageNumberParagraph(t, 'left')] }),
  };
}

export const DRAFT_MARK = '草稿';
const DRAFT_GREY = 'A6A6A6';
const WATERMARK_GREY = 'D9D9D9';

const WATERMARK_ID_PREFIX = 'PowerPlusWaterMarkObject';

/** Replaces every string value of a serialised element tree that `test` matches. */
function replaceStrings(node: unknown, test: (value: string) => boolean, replacement: string): unknown {
  if (typeof node === 'string') return test(node) ? replacement : node;
  if (Array.isArray(node)) return node.map((child) => replaceStrings(child, test, replacement));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, replaceStrings(value, test, replacement)]));
  }
  return node;
}

/**
 * Word's text watermark, with a fixed shape id. docx names the shape `PowerPlusWaterMarkObject<random>`,
 * which would make two renders of one draft differ; Word only needs the prefix (its "remove watermark"
 * finds the shape by it) and an id that is unique in the document.
 */
class DraftWatermark extends TextWatermark {
  constructor(
    font: string,
    private readonly ordinal: number,
  ) {
    super({ text: DRAFT_MARK, font, color: WATERMARK_GREY, opacity: 0.5 });
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    const xml = super.prepForXml(context);
    return xml && (replaceStrings(xml, (value) => value.startsWith(WATERMARK_ID_PREFIX), `${WATERMARK_ID_PREFIX}${this.ordinal}`) as IXmlableObject);
  }
}

/**
 * The 草稿 mark of an unsigned draft: a grey 草稿 at the head of every page, which every program prints,
 * and a diagonal watermark behind the text, which Word and WPS draw (and let the officer remove).
 */
function draftHeader(t: Typography, ordinal: number): Header {
  const mark = { ...t.heiti, characterSpacing: 0, color: DRAFT_GREY };
  const build = () => paragraph([...textRuns(DRAFT_MARK, mark), new DraftWatermark(t.fonts.heiti, ordinal)], { alignment: 'right' });
  return new Header({ children: [reusedParagraph(JSON.stringify(['draft', mark, t.fonts.heiti, ordinal]), build)] });
}

/**
 * `document` numbers the document within a combined file (0 for the first), so that every watermark shape
 * of the file keeps an id of its own.
 */
export function draftHeaders(t: Typography, document = 0): { default: Header; even: Header } {
  return { default: draftHeader(t, 2 * document + 1), even: draftHeader(t, 2 * document + 2) };
}

/**
 * Empty headers or footers, for a document of a combined file that has none of its own: without them
 * its sections would inherit the previous document's page numbers or 草稿 mark.
 */
export function blankHeaders(): { default: Header; even: Header } {
  return { default: new Header({ children: [paragraph([])] }), even: new Header({ children: [paragraph([])] }) };
}

export function blankFooters(): { default: Footer; even: Footer } {
  return { default: new Footer({ children: [paragraph([])] }), even: new Footer({ children: [paragraph([])] }) };
}
