/**
 * Paragraphs on the 22-line grid: exact line height, no space before or after unless asked for in whole
 * lines, and no widow/orphan control — the standard wants 22 lines on every full page, and a paragraph
 * moved whole to the next page to avoid a lone line would leave the page one or two lines short.
 */
import { AlignmentType, Paragraph, type IBordersOptions, type ParagraphChild, type TabStopDefinition } from 'docx';
import { LINE } from './page';

export type Alignment = 'left' | 'center' | 'right' | 'justified';

const ALIGNMENT = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justified: AlignmentType.JUSTIFIED,
} as const;

export interface ParagraphLayout {
  alignment?: Alignment;
  /** space before, in twips (blank lines are whole multiples of LINE) */
  before?: number;
  after?: number;
  /** exact line height in twips; LINE (the grid) unless given */
  line?: number;
  indent?: { firstLine?: number; left?: number; right?: number; hanging?: number };
  pageBreakBefore?: boolean;
  keepNext?: boolean;
  border?: IBordersOptions;
  tabStops?: TabStopDefinition[];
  /** outline level for Word's navigation pane (0 = level 1) */
  outlineLevel?: number;
}

export function paragraph(children: ParagraphChild[], layout: ParagraphLayout = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: ALIGNMENT[layout.alignment ?? 'justified'],
    spacing: { before: layout.before ?? 0, after: layout.after ?? 0, line: layout.line ?? LINE, lineRule: 'exact' },
    widowControl: false,
    ...(layout.indent ? { indent: layout.indent } : {}),
    ...(layout.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(layout.keepNext ? { keepNext: true } : {}),
    ...(layout.border ? { border: layout.border } : {}),
    ...(layout.tabStops ? { tabStops: layout.tabStops } : {}),
    ...(layout.outlineLevel === undefined ? {} : { outlineLevel: layout.outlineLevel }),
  });
}

/** `count` blank lines of the grid, as space before a paragraph. */
export function blankLines(count: number): number {
  return count * LINE;
}
