/**
 * The GB/T 9704-2012 layout engine: turns a document model into the bytes of a .docx that looks like a
 * real government document in Word, WPS and LibreOffice. It knows the standard and nothing about tasks.
 *
 *   renderDocx(model, { fontMode })  → Promise<Buffer>   (throws DocumentLayoutError for a bad model)
 */
import { Document, Packer, type ISectionOptions } from 'docx';
import type { DocumentModel, FontMode } from '../model';
import { parseIsoDate, type CalendarDate } from './chinese-date';
import { draftHeaders, pageNumberFooters } from './headers-footers';
import { layOutForm } from './form';
import { layOutOfficial } from './official';
import { LINE } from './page';
import { corePropertiesXml, CORE_PROPERTIES_PATH, stampZipEntries } from './reproducible';
import { runOptions } from './runs';
import { sectionProperties } from './sections';
import { cleanText } from './text';
import { typography } from './typography';
import { validateModel } from './validate';

export { DocumentLayoutError } from './errors';
export { formatChineseDate } from './chinese-date';
export { breakTitle } from './title-lines';
export { DRAFT_NUMBER } from './masthead';
export { TITLE_CHARS_PER_LINE } from './title';
export { DRAFT_MARK } from './headers-footers';

export interface RenderOptions {
  fontMode: FontMode;
}

/** A form has no date of its own; its files carry this one so that they are reproducible all the same. */
const FORM_DOCUMENT_DATE: CalendarDate = { year: 2000, month: 1, day: 1 };

export async function renderDocx(model: DocumentModel, opts: RenderOptions): Promise<Buffer> {
  validateModel(model);
  const t = typography(opts.fontMode);
  const laidOut = model.kind === 'official' ? layOutOfficial(model, t) : layOutForm(model, t);

  // Headers and footers are given to the first section; later sections (landscape attachments, the 版记
  // page) inherit them, so numbering and the 草稿 mark run on through the whole document.
  const sections: ISectionOptions[] = laidOut.map((section, i) => ({
    properties: sectionProperties(section.orientation),
    ...(i === 0 && model.draft ? { headers: draftHeaders(t) } : {}),
    ...(i === 0 && model.kind === 'official' ? { footers: pageNumberFooters(t) } : {}),
    children: section.children,
  }));

  const creator = cleanText(model.kind === 'official' ? model.signature.organ : (model.organ ?? '')).trim();
  const date = model.kind === 'official' ? parseIsoDate(model.signature.date) : FORM_DOCUMENT_DATE;
  const title = cleanText(model.title).trim();
  const document = new Document({
    title,
    creator,
    lastModifiedBy: creator,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { ...runOptions({ font: t.fonts.fangsong, size: 32 }), language: { value: 'en-US', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { before: 0, after: 0, line: LINE, lineRule: 'exact' } },
        },
      },
    },
    sections,
  });
  const packed = await Packer.toBuffer(document, false, [{ path: CORE_PROPERTIES_PATH, data: corePropertiesXml({ title, creator, date }) }]);
  return stampZipEntries(packed, date);
}
