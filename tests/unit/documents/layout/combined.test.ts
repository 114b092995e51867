/**
 * Several documents in one file (批量导出为一个文件): each starts a new section on a new page, numbers its
 * pages from 1, keeps its own headers and footers, and the file is the same bytes every time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentLayoutError, DRAFT_MARK, renderCombinedDocx, renderDocx } from '../../../../electron/services/documents/layout';
import type { DocumentModel } from '../../../../electron/services/documents/model';
import { childrenNamed, find, findAll, parseXml, readDocx, textOf, type DocxPackage, type XmlElement } from '../../../support/docx-reader';
import { fullOfficial, minimalOfficial, supervisionForm } from './fixtures';

/** an official document (3 sections: body, landscape attachment, 版记 page), a draft form, a short notice */
const models: DocumentModel[] = [fullOfficial, { ...supervisionForm, draft: true }, minimalOfficial];
/** the index of each document's first section */
const FIRST_SECTIONS = [0, 3, 4];

let doc: DocxPackage;
beforeAll(async () => {
  doc = await readDocx(await renderCombinedDocx(models, { fontMode: 'gb2312' }));
});

/** The header or footer part a section refers to for `type`, or undefined when it inherits. */
function part(pkg: DocxPackage, section: XmlElement, kind: 'w:headerReference' | 'w:footerReference', type: 'default' | 'even'): string | undefined {
  const ref = childrenNamed(section, kind).find((r) => r.attrs['w:type'] === type);
  if (!ref) return undefined;
  const rels = parseXml(pkg.parts['word/_rels/document.xml.rels']!);
  const target = findAll(rels, 'Relationship').find((r) => r.attrs.Id === ref.attrs['r:id'])!.attrs.Target!;
  return pkg.parts[`word/${target}`];
}

const partText = (xml: string | undefined) => (xml === undefined ? undefined : textOf(parseXml(xml)));

describe('renderCombinedDocx', () => {
  it('holds every document, in order, official documents and forms mixed', () => {
    const text = doc.paragraphs.map((p) => p.text).join('\n');
    const positions = ['上虞区人民政府办公室关于做好', '督办单', '关于进一步加强督查工作的通知'].map((title) => text.indexOf(title));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('完成曹娥江综合整治一期工程');
    expect(text).toContain('现将有关事项通知如下。');
  });

  it('starts each document in a new section on a new page, with page numbers restarting at 1', () => {
    expect(doc.sections).toHaveLength(5);
    doc.sections.forEach((section, i) => {
      // no w:type means "nextPage": every section begins on a new page
      expect(find(section, 'w:type')?.attrs['w:val'] ?? 'nextPage').toBe('nextPage');
      const start = find(section, 'w:pgNumType')?.attrs['w:start'];
      expect(start).toBe(FIRST_SECTIONS.includes(i) ? '1' : undefined);
    });
    expect(doc.sections.map((s) => find(s, 'w:pgSz')!.attrs['w:orient'])).toEqual(['portrait', 'landscape', 'portrait', 'portrait', 'portrait']);
  });

  it('gives each document its own headers and footers, so none inherits the previous one’s', () => {
    const [official, , , form, notice] = doc.sections as [XmlElement, XmlElement, XmlElement, XmlElement, XmlElement];
    for (const type of ['default', 'even'] as const) {
      // the first document: page numbers, no 草稿 mark (as alone)
      expect(part(doc, official, 'w:footerReference', type)).toContain('PAGE');
      expect(part(doc, official, 'w:headerReference', type)).toBeUndefined();
      // the draft form: the 草稿 mark, and blank footers instead of the official document's page numbers
      expect(partText(part(doc, form, 'w:headerReference', type))).toContain(DRAFT_MARK);
      expect(partText(part(doc, form, 'w:footerReference', type))).toBe('');
      // the signed notice: page numbers again, and a blank header instead of the form's 草稿 mark
      expect(part(doc, notice, 'w:footerReference', type)).toContain('PAGE');
      expect(partText(part(doc, notice, 'w:headerReference', type))).toBe('');
    }
    // sections after a document's first inherit from it
    for (const i of [1, 2]) expect(childrenNamed(doc.sections[i]!, 'w:footerReference')).toEqual([]);
  });

  it('keeps every 草稿 watermark shape id unique in the file', async () => {
    const drafts = await readDocx(await renderCombinedDocx([{ ...minimalOfficial, draft: true }, { ...supervisionForm, draft: true }], { fontMode: 'plain' }));
    const ids = Object.entries(drafts.parts)
      .filter(([path]) => path.startsWith('word/header'))
      .flatMap(([, xml]) => [...xml.matchAll(/PowerPlusWaterMarkObject\d+/g)].map((m) => m[0]));
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });

  it('gives the same bytes for the same documents, and different bytes for another order', async () => {
    const again = await renderCombinedDocx(models, { fontMode: 'gb2312' });
    expect(again.equals(await renderCombinedDocx(models, { fontMode: 'gb2312' }))).toBe(true);
    const reversed = await renderCombinedDocx([...models].reverse(), { fontMode: 'gb2312' });
    expect(reversed.equals(again)).toBe(false);
    expect(doc.core).toContain('<dc:title>上虞区人民政府办公室关于做好2016年区政府重点目标任务督查工作的通知等3份</dc:title>');
    expect(doc.core).toContain('2016-12-25T00:00:00Z'); // the latest document's date
  });

  it('leaves renderDocx as it was: one document alone has no page-number restart', async () => {
    const alone = await readDocx(await renderDocx(fullOfficial, { fontMode: 'gb2312' }));
    expect(findAll(alone.body, 'w:pgNumType').filter((e) => e.attrs['w:start'] !== undefined)).toEqual([]);
  });

  it('refuses an empty list, and names the document a bad model belongs to', async () => {
    await expect(renderCombinedDocx([], { fontMode: 'gb2312' })).rejects.toBeInstanceOf(DocumentLayoutError);
    const bad = renderCombinedDocx([minimalOfficial, { ...minimalOfficial, title: '' }], { fontMode: 'gb2312' });
    await expect(bad).rejects.toBeInstanceOf(DocumentLayoutError);
    await expect(bad).rejects.toMatchObject({ message: expect.stringMatching(/^第2份公文：/) });
  });
});
