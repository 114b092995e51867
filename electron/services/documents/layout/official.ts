/**
 * An official document (公文) laid out per GB/T 9704-2012: the 版头 (份号, 密级, 紧急程度, 发文机关标志,
 * 发文字号, red separator), the 主体 (title, 主送机关, body, 附件说明, 署名, 成文日期, 附注, attachments)
 * and the 版记 — each element only when the model has it.
 */
import type { FileChild } from 'docx';
import type { Attachment, OfficialDocument } from '../model';
import { attachmentNote } from './attachment-note';
import { layoutBlocks, PARAGRAPH_INDENT } from './blocks';
import { colophonTable } from './colophon';
import { masthead } from './masthead';
import { LANDSCAPE_TEXT_WIDTH, PORTRAIT_TEXT_WIDTH } from './page';
import { blankLines, paragraph } from './paragraphs';
import { textRuns } from './runs';
import type { LaidOutSection, Orientation } from './sections';
import { signatureParagraphs } from './signature';
import { cleanText } from './text';
import { titleParagraph } from './title';
import type { Typography } from './typography';

/** 主送机关: flush left, ending with a full-width colon. */
export function mainRecipientsLine(text: string): string {
  return `${cleanText(text).trim().replace(/[:：]+$/u, '')}：`;
}

/** An attachment on pages of its own: 附件N in 黑体 on line 1, its title centred on line 3, its blocks. */
function attachmentPages(attachment: Attachment, label: string, t: Typography, width: number, newPage: boolean): FileChild[] {
  return [
    paragraph(textRuns(label, t.heiti), { alignment: 'left', pageBreakBefore: newPage, keepNext: true }),
    titleParagraph(attachment.title, t, { before: blankLines(1), after: blankLines(1) }),
    ...layoutBlocks(attachment.blocks, t, width),
  ];
}

export function layOutOfficial(doc: OfficialDocument, t: Typography): LaidOutSection[] {
  const headLines = masthead(doc, t);
  const main: FileChild[] = [...headLines];
  const titleBefore = doc.organMark ? blankLines(2) : headLines.length > 0 ? blankLines(1) : 0;
  main.push(titleParagraph(doc.title, t, { before: titleBefore }));

  const recipients = cleanText(doc.mainRecipients).trim();
  if (recipients !== '') main.push(paragraph(textRuns(mainRecipientsLine(recipients), t.body), { before: blankLines(1) }));

  const names = (doc.attachmentNames ?? []).filter((name) => name.trim() !== '');
  main.push(...layoutBlocks(doc.body, t, PORTRAIT_TEXT_WIDTH));
  if (names.length > 0) main.push(...attachmentNote(names, t));
  main.push(...signatureParagraphs(doc.signature, t));
  const note = cleanText(doc.note ?? '').trim();
  if (note !== '') main.push(paragraph(textRuns(`（${note.replace(/^[（(]|[）)]$/gu, '')}）`, t.body), { indent: { firstLine: PARAGRAPH_INDENT } }));

  const sections: LaidOutSection[] = [{ orientation: 'portrait', children: main }];
  const attachments = doc.attachments ?? [];
  attachments.forEach((attachment, i) => {
    const orientation: Orientation = attachment.landscape ? 'landscape' : 'portrait';
    const label = attachments.length === 1 ? '附件' : `附件${i + 1}`;
    const current = sections[sections.length - 1]!;
    const width = orientation === 'portrait' ? PORTRAIT_TEXT_WIDTH : LANDSCAPE_TEXT_WIDTH;
    if (current.orientation === orientation) current.children.push(...attachmentPages(attachment, label, t, width, true));
    else sections.push({ orientation, children: attachmentPages(attachment, label, t, width, false) });
  });

  if (doc.colophon) {
    // the 版记 belongs on a portrait page: after a landscape attachment it gets a page of its own
    let last = sections[sections.length - 1]!;
    if (last.orientation !== 'portrait') sections.push((last = { orientation: 'portrait', children: [] }));
    last.children.push(...colophonTable(doc.colophon, t, PORTRAIT_TEXT_WIDTH));
  }
  return sections;
}
