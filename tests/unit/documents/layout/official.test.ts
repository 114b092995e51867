/**
 * An official document with every element, rendered and read back: the numbers of GB/T 9704-2012 as they
 * stand in word/document.xml, styles, settings and the footers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { breakTitle, DRAFT_MARK, DRAFT_NUMBER, renderDocx, TITLE_CHARS_PER_LINE } from '../../../../electron/services/documents/layout';
import type { OfficialDocument } from '../../../../electron/services/documents/model';
import { childrenNamed, find, findAll, num, parseXml, readDocx, runFonts, runSizes, textOf, type DocxPackage, type XmlElement } from '../../../support/docx-reader';
import { fullOfficial, minimalOfficial } from './fixtures';

const MM = 56.7;
const pPr = (p: XmlElement) => find(p, 'w:pPr');
const justification = (p: XmlElement) => find(p, 'w:jc')?.attrs['w:val'];
const indent = (p: XmlElement, side: string) => num(pPr(p), 'w:ind', side);

let doc: DocxPackage;
beforeAll(async () => {
  doc = await readDocx(await renderDocx(fullOfficial, { fontMode: 'gb2312' }));
});

describe('page', () => {
  it('is A4 portrait with the standard margins (天头 37 mm, 订口 28 mm, text area 156 × 225 mm)', () => {
    const section = doc.sections[0]!;
    const size = find(section, 'w:pgSz')!.attrs;
    expect([Number(size['w:w']), Number(size['w:h'])]).toEqual([11906, 16838]);
    const margin = find(section, 'w:pgMar')!.attrs;
    expect(Math.abs(Number(margin['w:top']) - 37 * MM)).toBeLessThanOrEqual(57);
    expect(Math.abs(Number(margin['w:left']) - 28 * MM)).toBeLessThanOrEqual(57);
    expect(Math.abs(11906 - Number(margin['w:left']) - Number(margin['w:right']) - 156 * MM)).toBeLessThanOrEqual(57);
    expect(Math.abs(16838 - Number(margin['w:top']) - Number(margin['w:bottom']) - 225 * MM)).toBeLessThanOrEqual(57);
  });

  it('holds exactly 22 lines: every body line is an exact 579-twip line with no space around it', () => {
    const margin = find(doc.sections[0]!, 'w:pgMar')!.attrs;
    const textHeight = 16838 - Number(margin['w:top']) - Number(margin['w:bottom']);
    const spacing = find(pPr(doc.paragraph('2016年是')), 'w:spacing')!.attrs;
    const line = Number(spacing['w:line']);
    expect(spacing['w:lineRule']).toBe('exact');
    expect([Number(spacing['w:before']), Number(spacing['w:after'])]).toEqual([0, 0]);
    expect(22 * line).toBeLessThanOrEqual(textHeight);
    expect(23 * line).toBeGreaterThan(textHeight);
    expect(find(doc.sections[0]!, 'w:docGrid')!.attrs['w:linePitch']).toBe(String(line));
  });

  it('holds exactly 28 characters of 3号 per line: the body runs are squeezed just enough', () => {
    const margin = find(doc.sections[0]!, 'w:pgMar')!.attrs;
    const textWidthPt = (11906 - Number(margin['w:left']) - Number(margin['w:right'])) / 20;
    const run = find(doc.paragraph('2016年是'), 'w:r')!;
    const pitch = num(find(run, 'w:rPr'), 'w:sz', 'w:val')! / 2 + num(find(run, 'w:rPr'), 'w:spacing', 'w:val')! / 20;
    expect(28 * pitch).toBeLessThanOrEqual(textWidthPt);
    expect(29 * pitch).toBeGreaterThan(textWidthPt);
  });

  it('numbers pages “— N —” in 4号宋体: odd pages right, even pages left, one character in', () => {
    expect(doc.settings).toContain('<w:evenAndOddHeaders/>');
    const odd = parseXml(doc.footer('default')!);
    const even = parseXml(doc.footer('even')!);
    for (const footer of [odd, even]) {
      expect(findAll(footer, 'w:instrText').map((e) => e.children.join('')).join('').trim()).toBe('PAGE');
      expect(textOf(footer)).toBe('—  —'); // the page number itself is the field's result
      expect(runSizes(find(footer, 'w:p')!)).toEqual([28, 28]);
      expect(runFonts(find(footer, 'w:p')!).every((f) => f['w:eastAsia'] === '宋体' && f['w:ascii'] === '宋体')).toBe(true);
    }
    expect(justification(find(odd, 'w:p')!)).toBe('right');
    expect(num(odd, 'w:ind', 'w:right')).toBe(280);
    expect(justification(find(even, 'w:p')!)).toBe('left');
    expect(num(even, 'w:ind', 'w:left')).toBe(280);
  });

  it('puts the page number about 7 mm below the text area', () => {
    const margin = find(doc.sections[0]!, 'w:pgMar')!.attrs;
    const typeTop = Number(margin['w:footer']) + 280; // the 4号 characters stand on the footer's bottom edge
    expect(Math.abs(Number(margin['w:bottom']) - typeTop - 7 * MM)).toBeLessThanOrEqual(30);
  });
});

describe('版头', () => {
  it('stacks 份号, 密级 and 紧急程度 flush left from line 1, the latter two in 黑体', () => {
    const texts = doc.paragraphs.map((p) => p.text);
    expect(texts.slice(0, 3)).toEqual(['000036', '机密★1年', '特急']);
    expect(runFonts(doc.paragraph('机密'))[0]!['w:eastAsia']).toBe('黑体');
    expect(runFonts(doc.paragraph('特急'))[0]!['w:eastAsia']).toBe('黑体');
    expect(runFonts(doc.paragraph('000036'))[0]!['w:eastAsia']).toBe('仿宋_GB2312');
    expect(justification(doc.paragraph('000036'))).toBe('left');
  });

  it('sets the 发文机关标志 centred in red 小标宋, with 文件, on one line', () => {
    const mark = doc.paragraph('上虞区人民政府办公室文件');
    expect(justification(mark)).toBe('center');
    const run = find(mark, 'w:rPr')!;
    expect(find(run, 'w:color')!.attrs['w:val']).toBe('FF0000');
    expect(find(run, 'w:rFonts')!.attrs['w:eastAsia']).toBe('方正小标宋简体');
    const halfPoints = num(run, 'w:sz', 'w:val')!;
    expect(halfPoints).toBeGreaterThanOrEqual(44);
    expect(halfPoints).toBeLessThanOrEqual(84);
    expect((halfPoints / 2) * 12).toBeLessThanOrEqual(8844 / 20); // 12 characters fit the line
  });

  it('keeps the 发文字号 as given, centred two lines below, over a red rule the width of the text area', () => {
    const number = doc.paragraph('虞政办发');
    expect(textOf(number)).toBe('虞政办发〔2016〕36号');
    expect(justification(number)).toBe('center');
    expect(num(pPr(number), 'w:spacing', 'w:before')).toBe(2 * 579);
    const rule = find(find(pPr(number), 'w:pBdr')!, 'w:bottom')!.attrs;
    expect(rule['w:color']).toBe('FF0000');
    expect(rule['w:val']).toBe('single');
    expect(find(pPr(number), 'w:ind')).toBeUndefined(); // no indent: the rule spans the text area
  });
});

describe('主体', () => {
  it('centres the 2号小标宋 title two lines below the rule, in balanced lines', () => {
    const title = doc.paragraph('关于做好');
    expect(justification(title)).toBe('center');
    expect(num(pPr(title), 'w:spacing', 'w:before')).toBe(2 * 579);
    expect(runSizes(title).every((size) => size === 44)).toBe(true);
    expect(runFonts(title).every((f) => f['w:eastAsia'] === '方正小标宋简体')).toBe(true);
    expect(textOf(title).split('\n')).toEqual(breakTitle(fullOfficial.title, TITLE_CHARS_PER_LINE));
    expect(textOf(title).split('\n').length).toBeGreaterThan(1);
  });

  it('writes the 主送机关 flush left one line below the title, ending with a full-width colon', () => {
    const recipients = doc.paragraph('各乡镇人民政府');
    expect(textOf(recipients)).toBe('各乡镇人民政府、街道办事处，区直各部门和单位：');
    expect(num(pPr(recipients), 'w:spacing', 'w:before')).toBe(579);
    expect(find(pPr(recipients), 'w:ind')).toBeUndefined();
  });

  it('indents body paragraphs two characters and sets headings by level', () => {
    expect(indent(doc.paragraph('2016年是'), 'w:firstLine')).toBe(640);
    expect(runFonts(doc.paragraph('2016年是'))[0]).toMatchObject({ 'w:eastAsia': '仿宋_GB2312', 'w:ascii': '仿宋_GB2312', 'w:hAnsi': '仿宋_GB2312' });
    const fontOf = (text: string) => runFonts(doc.paragraph(text))[0]!['w:eastAsia'];
    expect(fontOf('一、突出重点')).toBe('黑体');
    expect(fontOf('（一）抓好')).toBe('楷体_GB2312');
    expect(fontOf('1.对照')).toBe('仿宋_GB2312');
    expect(fontOf('（1）每月')).toBe('仿宋_GB2312');
    expect(num(pPr(doc.paragraph('一、突出重点')), 'w:outlineLvl', 'w:val')).toBe(0);
    expect(runSizes(doc.paragraph('一、突出重点'))).toEqual([32]);
    const centred = doc.paragraph('居中的段落');
    expect(justification(centred)).toBe('center');
    expect(find(pPr(centred), 'w:ind')).toBeUndefined();
  });

  it('starts the paragraph after a page break on a new page', () => {
    expect(find(pPr(doc.paragraph('分页后的段落')), 'w:pageBreakBefore')).toBeDefined();
  });

  it('names every run’s East Asian font, so Word and WPS never fall back to a Latin one', () => {
    const runs = findAll(doc.body, 'w:r').filter((r) => textOf(r).trim() !== '');
    expect(runs.length).toBeGreaterThan(30);
    for (const run of runs) expect(find(run, 'w:rFonts')?.attrs['w:eastAsia']).toBeTruthy();
  });

  it('sets body tables across the text area with a repeated header row and unbreakable rows', () => {
    const table = findAll(doc.body, 'w:tbl')[0]!;
    expect(num(table, 'w:tblW', 'w:w')).toBe(8844);
    const widths = findAll(table, 'w:gridCol').map((c) => Number(c.attrs['w:w']));
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8844);
    expect(widths[1]! / widths[0]!).toBeCloseTo(3, 1);
    const rows = childrenNamed(table, 'w:tr');
    expect(find(rows[0]!, 'w:tblHeader')).toBeDefined();
    expect(find(rows[1]!, 'w:tblHeader')).toBeUndefined();
    expect(rows.every((row) => find(row, 'w:cantSplit'))).toBe(true);
    expect(runFonts(rows[0]!)[0]!['w:eastAsia']).toBe('黑体');
    expect(runSizes(rows[1]!)).toEqual([28, 28]); // 4号
    expect(find(find(table, 'w:tblBorders')!, 'w:insideV')!.attrs['w:val']).toBe('single');
  });

  it('lists the attachments one line below the body, two characters in, later names under the first', () => {
    const first = doc.paragraph('附件：1.');
    const second = doc.paragraph('2.\t落实情况汇总表');
    expect(textOf(first)).toBe('附件：1.\t重点目标任务细化分解表');
    expect(num(pPr(first), 'w:spacing', 'w:before')).toBe(579);
    const start = (p: XmlElement) => indent(p, 'w:left')! - indent(p, 'w:hanging')!;
    expect(start(first)).toBe(640); // 左空二字
    expect(start(second)).toBe(640 + 3 * 320); // under the "1." after "附件："
    expect(indent(first, 'w:left')).toBe(indent(second, 'w:left')); // names (and their wrapped lines) line up
    expect(num(find(pPr(first), 'w:tabs'), 'w:tab', 'w:pos')).toBe(indent(first, 'w:left'));
  });

  it('with a seal: the date four characters from the right, the 署名 centred over it, room for the seal above', () => {
    const organ = doc.paragraphs.filter((p) => p.text === '上虞区人民政府办公室').at(-1)!.element;
    const date = doc.paragraph('2016年3月2日');
    expect(textOf(date)).toBe('2016年3月2日');
    expect(justification(date)).toBe('right');
    expect(indent(date, 'w:right')).toBe(4 * 320);
    // 署名 10 characters, date 6: their centres line up when the 署名 stands 2 characters further right
    expect(justification(organ)).toBe('right');
    expect(indent(organ, 'w:right')).toBe(2 * 320);
    expect(num(pPr(organ), 'w:spacing', 'w:before')).toBe(2 * 579);
  });

  it('puts the 附注 in parentheses two characters in on the line after the date', () => {
    const index = doc.paragraphs.findIndex((p) => p.text === '2016年3月2日');
    const note = doc.paragraphs[index + 1]!;
    expect(note.text).toBe('（此件公开发布）');
    expect(indent(note.element, 'w:firstLine')).toBe(640);
  });

  it('keeps the elements in the standard’s order', () => {
    const at = (text: string) => doc.paragraphs.findIndex((p) => p.text.startsWith(text));
    const order = ['000036', '机密', '特急', '上虞区人民政府办公室文件', '虞政办发', '上虞区人民政府办公室关于', '各乡镇', '2016年是', '附件：1.', '2016年3月2日', '（此件', '附件1', '附件2', '抄送'];
    const positions = order.map(at);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});

describe('attachments', () => {
  it('starts each attachment on a new page with 附件N in 3号黑体 and its title centred on line 3', () => {
    const label = doc.paragraph('附件1');
    expect(textOf(label)).toBe('附件1');
    expect(find(pPr(label), 'w:pageBreakBefore')).toBeDefined();
    expect(justification(label)).toBe('left');
    expect(runFonts(label)[0]!['w:eastAsia']).toBe('黑体');
    expect(runSizes(label)).toEqual([32]);
    const index = doc.paragraphs.findIndex((p) => p.element === label);
    const title = doc.paragraphs[index + 1]!;
    expect(title.text).toBe('重点目标任务细化分解表');
    expect(justification(title.element)).toBe('center');
    expect(num(pPr(title.element), 'w:spacing', 'w:before')).toBe(579); // line 2 blank, title on line 3
    expect(runSizes(title.element)).toEqual([44]);
  });

  it('puts a landscape attachment in a landscape section of its own, its table header repeated', () => {
    expect(doc.sections.map((s) => find(s, 'w:pgSz')!.attrs['w:orient'])).toEqual(['portrait', 'landscape', 'portrait']);
    const landscape = doc.sections[1]!;
    expect(find(landscape, 'w:pgSz')!.attrs).toMatchObject({ 'w:w': '16838', 'w:h': '11906' });
    // the sheet turned: the 订口 (28 mm) is now at the top
    expect(num(landscape, 'w:pgMar', 'w:top')).toBe(1588);
    const xml = doc.document;
    const firstBreak = xml.indexOf('<w:sectPr');
    const secondBreak = xml.indexOf('<w:sectPr', firstBreak + 1);
    const label = xml.indexOf('>附件2<');
    expect(label).toBeGreaterThan(firstBreak);
    expect(label).toBeLessThan(secondBreak);
    const table = findAll(doc.body, 'w:tbl').find((t) => textOf(t).includes('任务目标'))!;
    expect(num(table, 'w:tblW', 'w:w')).toBe(16838 - 1985 - 2098);
    expect(find(childrenNamed(table, 'w:tr')[0]!, 'w:tblHeader')).toBeDefined();
    expect(runSizes(childrenNamed(table, 'w:tr')[1]!)).toEqual([24, 24, 24]); // 小四
  });
});

describe('版记', () => {
  const colophon = () => findAll(doc.body, 'w:tbl').find((t) => textOf(t).includes('抄送'))!;

  it('is a floating table anchored to the bottom of the last page’s text area', () => {
    const position = find(colophon(), 'w:tblpPr')!.attrs;
    expect(position['w:vertAnchor']).toBe('margin');
    expect(position['w:tblpYSpec']).toBe('bottom');
    expect(num(colophon(), 'w:tblW', 'w:w')).toBe(8844);
    const xml = doc.document;
    expect(xml.indexOf('抄送')).toBeGreaterThan(xml.lastIndexOf('附件2')); // after the attachments
  });

  it('has 0.35 mm outer rules and a 0.25 mm rule between, and no side rules', () => {
    const borders = find(colophon(), 'w:tblBorders')!;
    const rule = (side: string) => find(borders, side)!.attrs;
    expect(rule('w:top')).toMatchObject({ 'w:val': 'single', 'w:sz': '8' });
    expect(rule('w:bottom')).toMatchObject({ 'w:val': 'single', 'w:sz': '8' });
    expect(rule('w:insideH')).toMatchObject({ 'w:val': 'single', 'w:sz': '6' });
    expect(rule('w:left')['w:val']).toBe('none');
    expect(rule('w:right')['w:val']).toBe('none');
  });

  it('writes 抄送 and 印发 in 4号仿宋, one character in from each side', () => {
    const cc = doc.paragraph('抄送');
    expect(textOf(cc)).toBe('抄送：区委办公室，区人大常委会办公室，区政协办公室。');
    expect(runSizes(cc)).toEqual([28]);
    expect(indent(cc, 'w:left')! - indent(cc, 'w:hanging')!).toBe(280);
    expect(indent(cc, 'w:right')).toBe(280);
    const printed = doc.paragraph('印发');
    expect(textOf(printed)).toBe('上虞区人民政府办公室\t2016年3月2日印发');
    expect(indent(printed, 'w:left')).toBe(280);
    const stop = find(find(pPr(printed), 'w:tabs')!, 'w:tab')!.attrs;
    expect(stop['w:val']).toBe('right');
    expect(Number(stop['w:pos'])).toBe(8844 - 280);
  });
});

describe('draft', () => {
  it('marks no page of a signed document', () => {
    expect(doc.header('default')).toBeUndefined();
    expect(doc.document).not.toContain(DRAFT_MARK);
  });

  it('marks every page of a draft 草稿 (odd and even headers) and leaves its number open', async () => {
    const draft: OfficialDocument = { ...fullOfficial, draft: true, number: null };
    const pkg = await readDocx(await renderDocx(draft, { fontMode: 'gb2312' }));
    for (const type of ['default', 'even'] as const) {
      const header = pkg.header(type)!;
      expect(textOf(parseXml(header))).toContain(DRAFT_MARK);
      expect(header).toContain(`string="${DRAFT_MARK}"`); // the watermark's text path
    }
    expect(textOf(pkg.paragraph('〔'))).toBe(DRAFT_NUMBER);
    expect(pkg.paragraphs.some((p) => p.text.includes('36号'))).toBe(false);
  });
});

describe('font modes', () => {
  it('names 仿宋 and 楷体 instead of the GB2312 fonts in plain mode, and keeps 小标宋 and 黑体', async () => {
    const plain = await readDocx(await renderDocx(fullOfficial, { fontMode: 'plain' }));
    const fontOf = (text: string) => runFonts(plain.paragraph(text))[0]!['w:eastAsia'];
    expect(fontOf('2016年是')).toBe('仿宋');
    expect(fontOf('（一）抓好')).toBe('楷体');
    expect(fontOf('一、突出重点')).toBe('黑体');
    expect(fontOf('关于做好')).toBe('方正小标宋简体');
    expect(plain.document).not.toContain('GB2312');
  });

  it('sets the document default to 3号仿宋 with Chinese as the East Asian language', () => {
    const defaults = find(parseXml(doc.styles), 'w:docDefaults')!;
    expect(find(defaults, 'w:rFonts')!.attrs['w:eastAsia']).toBe('仿宋_GB2312');
    expect(num(defaults, 'w:sz', 'w:val')).toBe(32);
    expect(find(defaults, 'w:lang')!.attrs['w:eastAsia']).toBe('zh-CN');
  });
});

describe('a minimal document', () => {
  it('has no 版头 of the 发文机关, no attachments and no 版记; the number stands flush right', async () => {
    const pkg = await readDocx(await renderDocx(minimalOfficial, { fontMode: 'gb2312' }));
    expect(pkg.document).not.toContain('FF0000');
    expect(pkg.document).not.toContain('tblpPr');
    expect(pkg.sections).toHaveLength(1);
    expect(justification(pkg.paragraph('〔2016〕37号'))).toBe('right');
  });

  it('without a seal: 署名 two characters from the right, the date starting two characters right of it', async () => {
    const pkg = await readDocx(await renderDocx(minimalOfficial, { fontMode: 'gb2312' }));
    const organ = pkg.paragraph('上虞区人民政府办公室');
    const date = pkg.paragraph('2016年12月25日');
    expect(indent(organ, 'w:right')).toBe(2 * 320);
    expect(num(pPr(organ), 'w:spacing', 'w:before')).toBe(579);
    // 署名 starts 2 + 10 characters from the right; the date (7 wide) must start at 10: right indent 3
    expect(indent(date, 'w:right')).toBe(3 * 320);
  });
});
