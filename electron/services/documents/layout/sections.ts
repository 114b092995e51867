/**
 * Section properties: A4 in either orientation with the standard's margins, the 22-line grid, and the
 * footer placed so that the page number sits 7 mm below the text area.
 */
import { PageOrientation, type FileChild, type ISectionPropertiesOptions } from 'docx';
import { A4, footerDistance, LANDSCAPE_MARGINS, LINE, PORTRAIT_MARGINS } from './page';

export type Orientation = 'portrait' | 'landscape';

/** What a document type lays out: its sections in order, each a run of pages of one orientation. */
export interface LaidOutSection {
  orientation: Orientation;
  children: FileChild[];
}

/** the header holds only the 草稿 mark; 15 mm from the top keeps it clear of the 37 mm top margin */
const HEADER_DISTANCE = 851;

export function sectionProperties(orientation: Orientation): ISectionPropertiesOptions {
  const margins = orientation === 'portrait' ? PORTRAIT_MARGINS : LANDSCAPE_MARGINS;
  return {
    page: {
      // docx swaps width and height for a landscape page
      size: { width: A4.width, height: A4.height, orientation: orientation === 'portrait' ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE },
      margin: { ...margins, header: HEADER_DISTANCE, footer: footerDistance(margins), gutter: 0 },
    },
    // The 22 lines come from every paragraph's exact line height of LINE, which all programs obey. A snapping
    // grid (type "lines") is left off: LibreOffice snaps a 2号 title line or the 红头 to two grid lines even
    // under exact spacing. The pitch is still recorded, so Word's page setup shows the standard's line pitch.
    grid: { linePitch: LINE },
  };
}
