/**
 * Text as the layout engine receives it: cleaned of what XML cannot carry, and measured in characters.
 */

// Control characters other than tab and line feed, non-characters U+FFFE/U+FFFF, and unpaired halves of
// surrogate pairs cannot appear in an XML 1.0 document: Word refuses a file that contains one. Paired
// surrogates (CJK Extension B names, emoji) are kept.
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes characters XML cannot carry; a carriage return (alone or before a line feed) becomes a line feed. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(XML_ILLEGAL, '');
}

/**
 * Whether a character takes half a full-width cell: ASCII, Latin-1 and other alphabetic scripts below the
 * CJK blocks, and the half-width forms. Quotes, dashes and ellipses are full-width in Chinese fonts.
 */
function isHalfWidth(codePoint: number): boolean {
  return (
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0x2ff) ||
    (codePoint >= 0x370 && codePoint <= 0x52f) ||
    (codePoint >= 0xff61 && codePoint <= 0xffdc)
  );
}

/** Width of one character in full-width cells (字): 1, or 0.5 for half-width characters. */
export function charWidth(char: string): number {
  return isHalfWidth(char.codePointAt(0) ?? 0) ? 0.5 : 1;
}

/** Width of a text in full-width cells (字), the unit of the standard's "右空四字". */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** Length in characters as a person counts them (a surrogate pair is one character). */
export function charCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
