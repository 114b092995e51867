/**
 * Body blocks (of the main text or of an attachment): paragraphs indented two characters, headings by
 * level (GB/T 9704 §7.3.3: 一、黑体 · （一）楷体 · 1. 仿宋 · （1）仿宋), tables and page breaks.
 */
import type { FileChild } from 'docx';
import type { Block } from '../model';
import { CHAR } from './page';
import { paragraph, type ParagraphLayout } from './paragraphs';
import { textRuns } from './runs';
import { ledgerTable } from './table';
import type { Typography } from './typography';

/** 首行缩进二字 */
export const PARAGRAPH_INDENT = 2 * CHAR;

/** a paragraph one point high: carries a page break where no paragraph of text follows to carry it */
function pageBreakCarrier() {
  return paragraph([], { line: 20, pageBreakBefore: true, alignment: 'left' });
}

export function layoutBlocks(blocks: Block[], t: Typography, textWidth: number): FileChild[] {
  const out: FileChild[] = [];
  let breakBefore = false;
  const layout = (own: ParagraphLayout): ParagraphLayout => {
    const withBreak = breakBefore ? { ...own, pageBreakBefore: true } : own;
    breakBefore = false;
    return withBreak;
  };

  for (const block of blocks) {
    switch (block.kind) {
      case 'paragraph': {
        const alignment = block.align === 'center' ? 'center' : block.align === 'right' ? 'right' : 'justified';
        const indented = alignment === 'justified' && block.indent !== false;
        out.push(
          paragraph(
            textRuns(block.text, t.body),
            layout({ alignment, ...(indented ? { indent: { firstLine: PARAGRAPH_INDENT } } : {}) }),
          ),
        );
        break;
      }
      case 'heading': {
        const style = block.level === 1 ? t.heiti : block.level === 2 ? t.kaiti : t.body;
        out.push(
          paragraph(
            textRuns(block.text, style),
            layout({ indent: { firstLine: PARAGRAPH_INDENT }, keepNext: true, outlineLevel: block.level - 1 }),
          ),
        );
        break;
      }
      case 'table':
        if (breakBefore) out.push(pageBreakCarrier());
        breakBefore = false;
        out.push(ledgerTable(block, t, textWidth));
        break;
      case 'pageBreak':
        if (breakBefore) out.push(pageBreakCarrier());
        breakBefore = true;
        break;
    }
  }
  if (breakBefore) out.push(pageBreakCarrier());
  return out;
}
