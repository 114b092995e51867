/** The same model gives the same bytes, whenever it is rendered: documents are re-exported from the registry. */
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderDocx } from '../../../../electron/services/documents/layout';
import { fullOfficial, supervisionForm } from './fixtures';

afterEach(() => {
  vi.useRealTimers();
});

async function renderAt(instant: string, model = fullOfficial): Promise<Buffer> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(instant));
  try {
    return await renderDocx(model, { fontMode: 'gb2312' });
  } finally {
    vi.useRealTimers();
  }
}

describe('determinism', () => {
  it('renders a model to identical bytes twice, the 草稿 watermark included', async () => {
    for (const model of [fullOfficial, { ...fullOfficial, draft: true, number: null }]) {
      const first = await renderDocx(model, { fontMode: 'gb2312' });
      const second = await renderDocx(model, { fontMode: 'gb2312' });
      expect(first.equals(second)).toBe(true);
    }
  });

  it('renders identical bytes on different days: no clock reaches the file', async () => {
    const before = await renderAt('2024-01-01T08:00:00Z');
    const after = await renderAt('2031-07-15T17:42:13Z');
    expect(before.equals(after)).toBe(true);
    const form = [await renderAt('2024-01-01T08:00:00Z', supervisionForm as never), await renderAt('2030-05-05T05:05:05Z', supervisionForm as never)];
    expect(form[0]!.equals(form[1]!)).toBe(true);
  });

  it('dates the package by the document’s own date', async () => {
    const zip = await JSZip.loadAsync(await renderAt('2031-07-15T17:42:13Z'));
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2016-03-02T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2016-03-02T00:00:00Z</dcterms:modified>');
    expect(core).toContain('<dc:title>上虞区人民政府办公室关于做好2016年区政府重点目标任务督查工作的通知</dc:title>');
    expect(core).toContain('<dc:creator>上虞区人民政府办公室</dc:creator>');
    for (const entry of Object.values(zip.files)) {
      expect([entry.date.getFullYear(), entry.date.getMonth() + 1, entry.date.getDate()]).toEqual([2016, 3, 2]);
    }
  });

  it('gives different models different bytes', async () => {
    const other = await renderDocx({ ...fullOfficial, number: '虞政办发〔2016〕37号' }, { fontMode: 'gb2312' });
    expect(other.equals(await renderDocx(fullOfficial, { fontMode: 'gb2312' }))).toBe(false);
  });
});
