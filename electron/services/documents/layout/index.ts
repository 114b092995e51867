/**
 * The GB/T 9704-2012 layout engine: turns a document model into the bytes of a .docx that looks like a
 * real government document in Word, WPS and LibreOffice. It knows the standard and nothing about tasks.
 *
 *   renderDocx(model, { fontMode })  → Promise<Buffer>   (throws DocumentLayoutError for a bad model)
 *   renderCombinedDocx(models, { fontMode })  → Promise<Buffer>   (several documents in one file)
 */
import { Document, type ISectionOptions } from 'docx';
import type { DocumentModel, FontMode } from '../model';
import { parseIsoDate, type CalendarDate } from './chinese-date';
import { DocumentLayoutError } from './errors';
import { blankFooters, blankHeaders, draftHeaders, pageNumberFooters } from './headers-footers';
import { layOutForm } from './form';
import { layOutOfficial } from './official';
import { LINE } from './page';
import { packDocument, reuseFixedParts } from './package';
import { corePropertiesXml, CORE_PROPERTIES_PATH } from './reproducible';
import { runOptions } from './runs';
import { sectionProperties } from './sections';
import { cleanText } from './text';
import { typography, type Typography } from './typography';
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

/** How one document's sections sit in the file: alone, or as the `index`th document of a combined file. */
type Placement = { combined: false } | { combined: true; index: number };

/**
 * The sections of one document. Headers and footers are given to its first section; its later sections
 * (landscape attachments, the 版记 page) inherit them, so numbering and the 草稿 mark run on through it.
 * In a combined file every document after the first states its own headers and footers (blank ones where
 * it has none, so it inherits nothing from the document before it), and every document's page numbers
 * start again at 1.
 */
function documentSections(model: DocumentModel, t: Typography, placement: Placement): ISectionOptions[] {
  const laidOut = model.kind === 'official' ? layOutOfficial(model, t) : layOutForm(model, t);
  const index = placement.combined ? placement.index : 0;
  const followsAnother = placement.combined && index > 0;
  return laidOut.map((section, i) => {
    const first = i === 0;
    const properties = sectionProperties(section.orientation);
    const headers = first && model.draft ? draftHeaders(t, index) : first && followsAnother ? blankHeaders() : undefined;
    const footers = first && model.kind === 'official' ? pageNumberFooters(t) : first && followsAnother ? blankFooters() : undefined;
    return {
      properties: first && placement.combined ? { ...properties, page: { ...properties.page, pageNumbers: { start: 1 } } } : properties,
      ...(headers ? { headers } : {}),
      ...(footers ? { footers } : {}),
      children: section.children,
    };
  });
}

/** The package's author and date: the signing organ and 成文日期, or for a form its organ line and FORM_DOCUMENT_DATE. */
function creatorOf(model: DocumentModel): string {
  return cleanText(model.kind === 'official' ? model.signature.organ : (model.organ ?? '')).trim();
}

function dateOf(model: DocumentModel): CalendarDate {
  return model.kind === 'official' ? parseIsoDate(model.signature.date) : FORM_DOCUMENT_DATE;
}

async function pack(sections: ISectionOptions[], t: Typography, props: { title: string; creator: string; date: CalendarDate }): Promise<Buffer> {
  const { title, creator, date } = props;
  const styles = {
    default: {
      document: {
        run: { ...runOptions({ font: t.fonts.fangsong, size: 32 }), language: { value: 'en-US', eastAsia: 'zh-CN' } },
        paragraph: { spacing: { before: 0, after: 0, line: LINE, lineRule: 'exact' as const } },
      },
    },
  };
  const document = new Document({ title, creator, lastModifiedBy: creator, evenAndOddHeaderAndFooters: true, styles, sections });
  reuseFixedParts(document, JSON.stringify(styles));
  return packDocument(document, [{ path: CORE_PROPERTIES_PATH, data: corePropertiesXml({ title, creator, date }) }], date);
}

export async function renderDocx(model: DocumentModel, opts: RenderOptions): Promise<Buffer> {
  validateModel(model);
  const t = typography(opts.fontMode);
  return pack(documentSections(model, t, { combined: false }), t, { title: cleanText(model.title).trim(), creator: creatorOf(model), date: dateOf(model) });
}

const compareDates = (a: CalendarDate, b: CalendarDate) => a.year - b.year || a.month - b.month || a.day - b.day;

/**
 * Several documents in one file, in the order given: each begins on a new page (a new section) with its
 * page numbers starting at 1, and looks exactly as it would alone. Official documents and forms can mix.
 * The package is titled `<first title>等N份`, credited to the first document's organ and dated by the latest
 * document's date, so the same documents give the same bytes.
 */
export async function renderCombinedDocx(models: readonly DocumentModel[], opts: RenderOptions): Promise<Buffer> {
  if (models.length === 0) throw new DocumentLayoutError('没有要合并导出的公文，请至少选择一份。');
  models.forEach((model, i) => {
    try {
      validateModel(model);
    } catch (err) {
      if (!(err instanceof DocumentLayoutError)) throw err;
      const title = cleanText(model.title).trim();
      throw new DocumentLayoutError(`${title ? `《${title}》` : `第${i + 1}份公文`}：${err.message}`, err.field && `[${i}].${err.field}`);
    }
  });
  const t = typography(opts.fontMode);
  const sections = models.flatMap((model, index) => documentSections(model, t, { combined: true, index }));
  const firstTitle = cleanText(models[0]!.title).trim();
  const title = models.length === 1 ? firstTitle : `${firstTitle}等${models.length}份`;
  const creator = models.map(creatorOf).find((c) => c !== '') ?? '';
  const date = models.map(dateOf).reduce((latest, d) => (compareDates(d, latest) > 0 ? d : latest));
  return pack(sections, t, { title, creator, date });
}
