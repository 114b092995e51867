/**
 * The layout engine reuses docx's formatting of what every document shares (run properties, page-number and
 * 草稿 paragraphs, styles, theme, compressed fixed parts). A document laid out from those caches must be the
 * document docx alone makes — every part of the package the same text, in the same order, with the same
 * dates — and the same bytes whether the caches were empty, filled by itself or filled by other documents.
 */
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { renderCombinedDocx, renderDocx } from '../../../../electron/services/documents/layout';
import { clearReuse, setFormattingReuse } from '../../../../electron/services/documents/layout/reuse';
import type { DocumentModel, FontMode } from '../../../../electron/services/documents/model';
import { fullOfficial, minimalOfficial, supervisionForm } from './fixtures';

afterEach(() => {
  setFormattingReuse(true);
});

const draft: DocumentModel = { ...fullOfficial, draft: true, number: null };
/** A title that docx would turn into a page-number field if it were a run's whole text (left to docx). */
const fieldLike: DocumentModel = { ...minimalOfficial, body: [{ kind: 'paragraph', text: 'CURRENT' }, { kind: 'paragraph', text: '甲\t乙\n丙' }] };
const models: Array<[string, DocumentModel]> = [
  ['full official', fullOfficial],
  ['draft', draft],
  ['minimal official', minimalOfficial],
  ['form', supervisionForm as DocumentModel],
  ['field-like text, tabs and line breaks', fieldLike],
];

/** Every entry of the package: name, date and text, in the package's order. */
async function entries(bytes: Buffer): Promise<Array<{ name: string; date: string; text: string }>> {
  const zip = await JSZip.loadAsync(bytes);
  return Promise.all(
    Object.values(zip.files).map(async (entry) => ({
      name: entry.name,
      date: `${entry.date.getFullYear()}-${entry.date.getMonth() + 1}-${entry.date.getDate()} ${entry.date.getHours()}:${entry.date.getMinutes()}`,
      text: await entry.async('string'),
    })),
  );
}

async function byDocxAlone(render: () => Promise<Buffer>): Promise<Buffer> {
  setFormattingReuse(false);
  try {
    return await render();
  } finally {
    setFormattingReuse(true);
  }
}

describe('reusing formatting across documents', () => {
  for (const fontMode of ['gb2312', 'plain'] as FontMode[]) {
    for (const [label, model] of models) {
      it(`lays out the ${label} (${fontMode}) as docx alone does, part for part`, async () => {
        const alone = await byDocxAlone(() => renderDocx(model, { fontMode }));
        clearReuse();
        const cold = await renderDocx(model, { fontMode });
        const warm = await renderDocx(model, { fontMode });
        expect(await entries(cold)).toEqual(await entries(alone));
        expect(warm.equals(cold)).toBe(true);
      });
    }
  }

  it('gives the same bytes whichever documents filled the caches, in either font mode', async () => {
    const fresh = new Map<string, Buffer>();
    for (const fontMode of ['gb2312', 'plain'] as FontMode[]) {
      for (const [label, model] of models) {
        clearReuse();
        fresh.set(`${fontMode} ${label}`, await renderDocx(model, { fontMode }));
      }
    }
    clearReuse();
    for (const round of [1, 2]) {
      for (const fontMode of ['plain', 'gb2312'] as FontMode[]) {
        for (const [label, model] of [...models].reverse()) {
          const bytes = await renderDocx(model, { fontMode });
          expect(bytes.equals(fresh.get(`${fontMode} ${label}`)!), `${fontMode} ${label}, round ${round}`).toBe(true);
        }
      }
    }
  });

  it('combines documents as docx alone does', async () => {
    const several = [draft, supervisionForm as DocumentModel, minimalOfficial, draft];
    const alone = await byDocxAlone(() => renderCombinedDocx(several, { fontMode: 'gb2312' }));
    await renderDocx(fullOfficial, { fontMode: 'gb2312' });
    const reused = await renderCombinedDocx(several, { fontMode: 'gb2312' });
    expect(await entries(reused)).toEqual(await entries(alone));
    clearReuse();
    expect((await renderCombinedDocx(several, { fontMode: 'gb2312' })).equals(reused)).toBe(true);
  });
});
