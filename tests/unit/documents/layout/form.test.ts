/** A one-page form (督办单) rendered and read back. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_MARK, renderDocx } from '../../../../electron/services/documents/layout';
import { formRows } from '../../../../electron/services/documents/layout/form';
import { childrenNamed, find, findAll, num, parseXml, readDocx, runFonts, runSizes, textOf, type DocxPackage, type XmlElement } from '../../../support/docx-reader';
import { supervisionForm } from './fixtures';

let doc: DocxPackage;
let grid: XmlElement;
beforeAll(async () => {
  doc = await readDocx(await renderDocx(supervisionForm, { fontMode: 'gb2312' }));
  grid = find(doc.body, 'w:tbl')!;
});

const justification = (p: XmlElement) => find(p, 'w:jc')?.attrs['w:val'];

describe('form', () => {
  it('is on the same A4 page as an official document, without page numbers', () => {
    expect(doc.sections).toHaveLength(1);
    expect(find(doc.sections[0]!, 'w:pgSz')!.attrs).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    expect(find(doc.sections[0]!, 'w:pgMar')!.attrs).toMatchObject({ 'w:top': '2098', 'w:left': '1588', 'w:bottom': '1985', 'w:right': '1474' });
    expect(doc.footer('default')).toBeUndefined();
  });

  it('heads the grid with the organ in 3号 and the title in 2号 小标宋, centred, and the number at the right in 4号', () => {
    const [organ, title, number] = doc.paragraphs.slice(0, 3);
    expect(organ!.text).toBe('上虞区人民政府办公室');
    expect(runSizes(organ!.element)).toEqual([32]);
    expect(title!.text).toBe('督办单');
    expect(runSizes(title!.element)).toEqual([44]);
    for (const p of [organ!, title!]) {
      expect(justification(p.element)).toBe('center');
      expect(runFonts(p.element)[0]!['w:eastAsia']).toBe('方正小标宋简体');
    }
    expect(number!.text).toBe('编号：督〔2016〕12号');
    expect(justification(number!.element)).toBe('right');
    expect(runSizes(number!.element)).toEqual([28]);
    expect(runFonts(number!.element)[0]!['w:eastAsia']).toBe('仿宋_GB2312');
  });

  it('rules a grid across the text area: two fields a row, a wide or unpaired field across the row', () => {
    expect(findAll(grid, 'w:gridCol').map((c) => Number(c.attrs['w:w'])).reduce((a, b) => a + b, 0)).toBe(8844);
    const rows = childrenNamed(grid, 'w:tr').map((row) => childrenNamed(row, 'w:tc'));
    expect(rows.map((cells) => cells.map(textOf))).toEqual([
      ['督办事项', '完成曹娥江综合整治一期工程'],
      ['牵头单位', '区水利局', '配合单位', '曹娥街道'],
      ['办理时限', '2016年7月31日'],
      ['签发', ''],
    ]);
    expect(num(rows[0]![1]!, 'w:gridSpan', 'w:val')).toBe(3);
    expect(num(rows[2]![1]!, 'w:gridSpan', 'w:val')).toBe(3);
    for (const side of ['w:top', 'w:left', 'w:bottom', 'w:right', 'w:insideH', 'w:insideV'])
      expect(find(find(grid, 'w:tblBorders')!, side)!.attrs['w:val']).toBe('single');
  });

  it('sets labels in 4号黑体, centred on a light shade, and values in 4号仿宋', () => {
    const [label, value] = childrenNamed(childrenNamed(grid, 'w:tr')[1]!, 'w:tc');
    expect(find(label!, 'w:shd')!.attrs['w:fill']).toBe('F2F2F2');
    expect(justification(find(label!, 'w:p')!)).toBe('center');
    expect(runFonts(label!)[0]!['w:eastAsia']).toBe('黑体');
    expect(runSizes(label!)).toEqual([28]);
    expect(find(value!, 'w:shd')).toBeUndefined();
    expect(runFonts(value!)[0]!['w:eastAsia']).toBe('仿宋_GB2312');
    expect(runSizes(value!)).toEqual([28]);
  });

  it('keeps a box for handwriting at least minLines lines high, and ordinary rows lower', () => {
    const rows = childrenNamed(grid, 'w:tr');
    const height = (row: XmlElement) => find(row, 'w:trHeight')!.attrs;
    const line = num(find(rows[3]!, 'w:p'), 'w:spacing', 'w:line')!;
    expect(height(rows[3]!)['w:hRule']).toBe('atLeast');
    expect(Number(height(rows[3]!)['w:val'])).toBeGreaterThanOrEqual(4 * line);
    expect(Number(height(rows[1]!)['w:val'])).toBeLessThan(2 * line);
    const [label, box] = childrenNamed(rows[3]!, 'w:tc');
    expect(find(box!, 'w:vAlign')!.attrs['w:val']).toBe('top'); // handwriting starts at the top of the box
    expect(find(label!, 'w:vAlign')!.attrs['w:val']).toBe('center');
  });

  it('ends with the footer line at the right under the grid', () => {
    const last = doc.paragraphs.at(-1)!;
    expect(last.text).toBe('区政府办公室督查科　2016年7月5日');
    expect(justification(last.element)).toBe('right');
    expect(doc.document.indexOf('区政府办公室督查科')).toBeGreaterThan(doc.document.indexOf('</w:tbl>'));
  });

  it('marks a draft form 草稿 and a final one not', async () => {
    expect(doc.header('default')).toBeUndefined();
    const draft = await readDocx(await renderDocx({ ...supervisionForm, draft: true }, { fontMode: 'plain' }));
    expect(textOf(parseXml(draft.header('default')!))).toContain(DRAFT_MARK);
    expect(runFonts(draft.paragraph('区水利局'))[0]!['w:eastAsia']).toBe('仿宋');
  });
});

describe('formRows', () => {
  const field = (label: string, wide = false) => ({ label, value: '', wide });

  it('pairs consecutive ordinary fields and gives wide fields a row of their own', () => {
    const rows = formRows([field('a'), field('b'), field('c', true), field('d'), field('e'), field('f')]);
    expect(rows.map((row) => row.map((f) => f.label))).toEqual([['a', 'b'], ['c'], ['d', 'e'], ['f']]);
  });

  it('does not pair a field with a wide one after it', () => {
    const rows = formRows([field('a'), field('b', true), field('c')]);
    expect(rows.map((row) => row.map((f) => f.label))).toEqual([['a'], ['b'], ['c']]);
  });
});
