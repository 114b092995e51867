/** What the engine refuses (a DocumentLayoutError, no bytes) and what it cleans (text XML cannot carry). */
import { describe, expect, it } from 'vitest';
import { DocumentLayoutError, renderDocx } from '../../../../electron/services/documents/layout';
import { cleanText } from '../../../../electron/services/documents/layout/text';
import type { Block, DocumentModel, FormDocument, OfficialDocument } from '../../../../electron/services/documents/model';
import { parseXml, readDocx } from '../../../support/docx-reader';
import { fullOfficial, minimalOfficial, supervisionForm } from './fixtures';

async function refusal(model: unknown): Promise<DocumentLayoutError> {
  const outcome = await renderDocx(model as DocumentModel, { fontMode: 'gb2312' }).then(
    (bytes) => bytes,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(DocumentLayoutError);
  const error = outcome as DocumentLayoutError;
  expect(error.message).toMatch(/[\u4e00-\u9fff]/); // a sentence for the officer
  return error;
}

const official = (changes: Partial<OfficialDocument>): OfficialDocument => ({ ...minimalOfficial, ...changes });
const withBody = (...body: unknown[]) => official({ body: body as Block[] });
const form = (changes: Partial<FormDocument>): FormDocument => ({ ...supervisionForm, ...changes });

describe('refused models', () => {
  it('an empty or blank title', async () => {
    expect((await refusal(official({ title: '' }))).field).toBe('title');
    expect((await refusal(official({ title: ' \u0007 ' }))).message).toContain('标题不能为空');
  });

  it('a title over 100 characters', async () => {
    const error = await refusal(official({ title: '关'.repeat(101) }));
    expect(error.field).toBe('title');
    expect(error.message).toContain('101');
    await expect(renderDocx(official({ title: '关'.repeat(100) }), { fontMode: 'gb2312' })).resolves.toBeInstanceOf(Buffer);
  });

  it('500 main recipients named one by one', async () => {
    const units = Array.from({ length: 500 }, (_, i) => `第${i + 1}单位`).join('、');
    const error = await refusal(official({ mainRecipients: units }));
    expect(error.field).toBe('mainRecipients');
    expect(error.message).toContain('统称');
  });

  it('a date that does not exist, in the signature or the 版记', async () => {
    expect((await refusal(official({ signature: { organ: '区政府办公室', date: '2016-02-30', withSeal: true } }))).field).toBe('signature.date');
    expect((await refusal(official({ signature: { organ: '区政府办公室', date: '2016/3/2', withSeal: true } }))).field).toBe('signature.date');
    const colophon = { cc: [], printer: '区政府办公室', printDate: '2016-13-01' };
    expect((await refusal(official({ colophon }))).field).toBe('colophon.printDate');
  });

  it('a missing 署名 or 印发机关', async () => {
    expect((await refusal(official({ signature: { organ: '  ', date: '2016-03-02', withSeal: true } }))).field).toBe('signature.organ');
    expect((await refusal(official({ colophon: { cc: ['区委办'], printer: '', printDate: '2016-03-02' } }))).field).toBe('colophon.printer');
  });

  it('a 份号 that is not six digits at most', async () => {
    expect((await refusal(official({ copyNumber: '0000361' }))).field).toBe('copyNumber');
    expect((await refusal(official({ copyNumber: '第1份' }))).field).toBe('copyNumber');
  });

  it('a 抄送 too long for the foot of the last page', async () => {
    const cc = Array.from({ length: 80 }, (_, i) => `第${i + 1}单位`);
    expect((await refusal(official({ colophon: { cc, printer: '区政府办公室', printDate: '2016-03-02' } }))).field).toBe('colophon.cc');
  });

  it('blocks that are not what the model allows', async () => {
    expect((await refusal(withBody({ kind: 'image', src: 'x.png' }))).field).toBe('body[0]');
    expect((await refusal(withBody({ kind: 'heading', level: 5, text: '五、' }))).field).toBe('body[0].level');
    const table = { kind: 'table', columns: [{ title: '单位', width: 1 }], rows: [['百官街道', '多出的一列']] };
    expect((await refusal(withBody({ kind: 'paragraph', text: 'x' }, table))).field).toBe('body[1].rows[0]');
    expect((await refusal(withBody({ kind: 'table', columns: [], rows: [] }))).field).toBe('body[0].columns');
    expect((await refusal(withBody({ kind: 'table', columns: [{ title: '单位', width: 0 }], rows: [] }))).field).toBe('body[0].columns[0].width');
    const badAttachment = official({ attachments: [{ title: '表', blocks: [{ kind: 'heading', level: 9, text: 'x' } as unknown as Block] }] });
    expect((await refusal(badAttachment)).field).toBe('attachments[0].blocks[0].level');
  });

  it('a form without fields, with an empty label, or with a box of no lines', async () => {
    expect((await refusal(form({ fields: [] }))).field).toBe('fields');
    expect((await refusal(form({ fields: [{ label: '', value: 'x' }] }))).field).toBe('fields[0].label');
    expect((await refusal(form({ fields: [{ label: '签发', value: '', minLines: 0 }] }))).field).toBe('fields[0].minLines');
  });

  it('a model of no known kind', async () => {
    expect((await refusal({ kind: 'letter', title: 'x' })).field).toBe('kind');
    expect((await refusal(null)).field).toBe('kind');
  });
});

describe('text that XML cannot carry', () => {
  it('is cleaned of control characters and unpaired surrogates; tabs, line feeds and astral characters stay', () => {
    expect(cleanText('a\u0000b\u0007c\u000Bd\uFFFFe\uD800f\uDC00g')).toBe('abcdefg');
    expect(cleanText('甲\t乙\r\n丙\r丁')).toBe('甲\t乙\n丙\n丁');
    expect(cleanText('𠀀𪚥😀')).toBe('𠀀𪚥😀');
  });

  it('never reaches the document, which stays well-formed and keeps CJK Extension B and emoji', async () => {
    const dirty = official({
      title: '关于\u0001督查\u0008工作的通知𠀀',
      body: [{ kind: 'paragraph', text: '百官街道\u001F负责人：王𪚥\uD800，进度😀\u000C滞后。' }],
    });
    const pkg = await readDocx(await renderDocx(dirty, { fontMode: 'gb2312' }));
    expect(pkg.document).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(pkg.document).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(pkg.paragraph('百官街道')).toBeDefined();
    expect(pkg.paragraphs.map((p) => p.text)).toContain('百官街道负责人：王𪚥，进度😀滞后。');
    expect(pkg.paragraph('关于督查工作的通知𠀀')).toBeDefined();
  });

  it('escapes markup characters instead of writing them as markup', async () => {
    const pkg = await readDocx(await renderDocx(official({ body: [{ kind: 'paragraph', text: '<w:p>A & B</w:p>' }] }), { fontMode: 'gb2312' }));
    expect(pkg.paragraphs.map((p) => p.text)).toContain('<w:p>A & B</w:p>');
  });
});

it('writes only well-formed XML parts, drafts and forms included', async () => {
  for (const model of [fullOfficial, { ...fullOfficial, draft: true, number: null }, supervisionForm]) {
    const pkg = await readDocx(await renderDocx(model, { fontMode: 'plain' }));
    expect(Object.keys(pkg.parts)).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml', 'word/settings.xml', '[Content_Types].xml']));
    for (const [path, xml] of Object.entries(pkg.parts)) expect(() => parseXml(xml), path).not.toThrow();
  }
});
