/**
 * Page geometry of GB/T 9704-2012 in twips (1/20 pt; 1 mm = 56.7 twips).
 *
 * A4 portrait; 天头 37 mm, 订口 28 mm; the text area is 156 × 225 mm, which leaves 35 mm at the bottom and
 * 26 mm on the right. Landscape pages (wide tables in attachments) are the same sheet turned so that the
 * table's head faces the binding edge: the 订口 becomes the top margin and the text area turns to 225 × 156 mm.
 */

export const TWIPS_PER_MM = 56.7;

export function mmToTwips(mm: number): number {
  return Math.round(mm * TWIPS_PER_MM);
}

/** A4 in twips (what Word writes for 210 × 297 mm). */
export const A4 = { width: 11906, height: 16838 } as const;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const PORTRAIT_MARGINS: Margins = {
  top: mmToTwips(37), // 2098
  right: mmToTwips(26), // 1474
  bottom: mmToTwips(35), // 1985
  left: mmToTwips(28), // 1588
};

/** The portrait sheet turned a quarter clockwise: its left edge (订口) is now on top. */
export const LANDSCAPE_MARGINS: Margins = {
  top: PORTRAIT_MARGINS.left,
  right: PORTRAIT_MARGINS.top,
  bottom: PORTRAIT_MARGINS.right,
  left: PORTRAIT_MARGINS.bottom,
};

export const PORTRAIT_TEXT_WIDTH = A4.width - PORTRAIT_MARGINS.left - PORTRAIT_MARGINS.right; // 8844 ≈ 156 mm
export const PORTRAIT_TEXT_HEIGHT = A4.height - PORTRAIT_MARGINS.top - PORTRAIT_MARGINS.bottom; // 12755 ≈ 225 mm
export const LANDSCAPE_TEXT_WIDTH = A4.height - LANDSCAPE_MARGINS.left - LANDSCAPE_MARGINS.right; // 12755

/** Lines and characters of 3号 text a full page holds (GB/T 9704 5.2.2). */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/**
 * One line of the 22-line grid: 225 mm / 22, rounded down so that 22 exact lines always fit the text
 * area (22 × 579 = 12738 ≤ 12755) and a 23rd never does.
 */
export const LINE = Math.floor(PORTRAIT_TEXT_HEIGHT / LINES_PER_PAGE); // 579

/** One character of 3号 (16 pt), the unit of every indent the standard gives in 字. */
export const CHAR = 320;

/**
 * Character spacing (twentieths of a point) on 3号 text so that exactly 28 characters fill a line:
 * 16 pt characters need 448 pt for 28 but the line is 442.2 pt; at 15.75 pt 28 fit (441 pt) and 29 do not.
 * A document grid (`w:docGrid type="linesAndChars"`) would do the same in Word, but LibreOffice lays such
 * a grid out with ~18 characters per line, so the squeeze is written on the runs, which every program obeys.
 */
export const GRID_CHARACTER_SPACING = -5;

/**
 * The page number's top edge sits 7 mm below the text area. Its exact line is 18 pt, a little more than the
 * 14 pt type, so that Word does not clip the characters' tops; the extra goes above the characters, so the
 * footer distance is reckoned from the type's own height.
 */
export const PAGE_NUMBER_LINE = 360;
const PAGE_NUMBER_TYPE = 280;
export const PAGE_NUMBER_GAP = mmToTwips(7);

export function footerDistance(margins: Margins): number {
  return margins.bottom - PAGE_NUMBER_GAP - PAGE_NUMBER_TYPE;
}
