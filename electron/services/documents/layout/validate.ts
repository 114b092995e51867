/**
 * What the layout engine refuses, with a message the officer can act on. Checked before anything is
 * typeset, so a bad model yields a DocumentLayoutError and never a broken or half-written file.
 *
 * The model is plain data that may come back from the registry or the command line, so the checks do not
 * trust the TypeScript types alone (a block's kind, a heading's level, numbers that are not numbers).
 */
import type { Block, DocumentModel, FormDocument, OfficialDocument } from '../model';
import { parseIsoDate } from './chinese-date';
import { DocumentLayoutError } from './errors';
import { charCount, cleanText } from './text';

export const LIMITS = {
  title: 100,
  organMark: 40,
  number: 50,
  /** beyond this the 主送 line takes over the first page; use a collective name (各有关单位) instead */
  mainRecipients: 500,
  signatureOrgan: 60,
  note: 500,
  paragraph: 20_000,
  attachments: 99,
  attachmentName: 200,
  /** the 版记 sits at the foot of the last page: a 抄送 longer than a few lines pushes it off */
  cc: 300,
  printer: 60,
  tableColumns: 30,
  tableRows: 5_000,
  tableCell: 2_000,
  formFields: 60,
  formLabel: 20,
  formValue: 2_000,
  formMinLines: 40,
  formFooter: 80,
} as const;

const fail = (message: string, field: string): never => {
  throw new DocumentLayoutError(message, field);
};

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

/** The length the text will have in the document (after cleaning and trimming). */
function length(text: string): number {
  return charCount(cleanText(text).trim());
}

function requireText(value: unknown, field: string, what: string, max: number): void {
  if (!isText(value) || length(value) === 0) fail(`${what}不能为空。`, field);
  const n = length(value as string);
  if (n > max) fail(`${what}过长（${n}字），请不超过${max}字。`, field);
}

function optionalText(value: unknown, field: string, what: string, max: number): void {
  if (value === undefined || value === null) return;
  if (!isText(value)) fail(`${what}应为文字。`, field);
  const n = length(value as string);
  if (n > max) fail(`${what}过长（${n}字），请不超过${max}字。`, field);
}

function validateBlocks(blocks: unknown, field: string): void {
  if (!Array.isArray(blocks)) return fail('正文内容格式有误。', field);
  blocks.forEach((block: Block, i) => {
    const at = `${field}[${i}]`;
    switch (block?.kind) {
      case 'paragraph':
        if (!isText(block.text)) fail('段落内容格式有误。', `${at}.text`);
        optionalText(block.text, `${at}.text`, '段落', LIMITS.paragraph);
        break;
      case 'heading':
        if (![1, 2, 3, 4].includes(block.level)) fail(`标题层级只能是1至4级（第${i + 1}段）。`, `${at}.level`);
        requireText(block.text, `${at}.text`, '层次标题', LIMITS.paragraph);
        break;
      case 'table': {
        const columns = block.columns;
        if (!Array.isArray(columns) || columns.length === 0) fail('表格至少要有一列。', `${at}.columns`);
        if (columns.length > LIMITS.tableColumns) fail(`表格列数过多（${columns.length}列），请不超过${LIMITS.tableColumns}列。`, `${at}.columns`);
        columns.forEach((column, c) => {
          if (!isText(column?.title)) fail('表格列标题格式有误。', `${at}.columns[${c}].title`);
          if (typeof column.width !== 'number' || !Number.isFinite(column.width) || column.width <= 0)
            fail(`表格第${c + 1}列的宽度应为正数。`, `${at}.columns[${c}].width`);
        });
        if (!Array.isArray(block.rows)) fail('表格内容格式有误。', `${at}.rows`);
        if (block.rows.length > LIMITS.tableRows) fail(`表格行数过多（${block.rows.length}行），请不超过${LIMITS.tableRows}行。`, `${at}.rows`);
        block.rows.forEach((row, r) => {
          if (!Array.isArray(row) || row.some((value) => !isText(value))) fail(`表格第${r + 1}行格式有误。`, `${at}.rows[${r}]`);
          if (row.length > columns.length) fail(`表格第${r + 1}行有${row.length}项，多于${columns.length}列。`, `${at}.rows[${r}]`);
          row.forEach((value, c) => optionalText(value, `${at}.rows[${r}][${c}]`, `表格第${r + 1}行第${c + 1}列`, LIMITS.tableCell));
        });
        break;
      }
      case 'pageBreak':
        break;
      default:
        fail(`正文第${i + 1}项的类型无法识别。`, at);
    }
  });
}

function validateOfficial(doc: OfficialDocument): void {
  requireText(doc.title, 'title', '标题', LIMITS.title);
  if (doc.organMark) requireText(doc.organMark.name, 'organMark.name', '发文机关标志', LIMITS.organMark);
  if (doc.number !== null) optionalText(doc.number, 'number', '发文字号', LIMITS.number);
  if (doc.copyNumber !== undefined && !/^\d{1,6}$/.test(String(doc.copyNumber).trim()))
    fail('份号应为不超过6位的阿拉伯数字。', 'copyNumber');
  optionalText(doc.secrecy, 'secrecy', '密级', 20);
  optionalText(doc.urgency, 'urgency', '紧急程度', 10);
  if (!isText(doc.mainRecipients)) fail('主送机关格式有误。', 'mainRecipients');
  const recipients = length(doc.mainRecipients);
  if (recipients > LIMITS.mainRecipients)
    fail(`主送机关过长（${recipients}字），请不超过${LIMITS.mainRecipients}字；受文单位较多时请使用“各乡镇人民政府、街道办事处，区政府各部门”等统称。`, 'mainRecipients');
  validateBlocks(doc.body, 'body');

  const names = doc.attachmentNames ?? [];
  if (names.length > LIMITS.attachments) fail(`附件过多（${names.length}个），请不超过${LIMITS.attachments}个。`, 'attachmentNames');
  names.forEach((name, i) => optionalText(name, `attachmentNames[${i}]`, `附件${i + 1}的名称`, LIMITS.attachmentName));

  if (!doc.signature) fail('缺少署名和成文日期。', 'signature');
  requireText(doc.signature.organ, 'signature.organ', '发文机关署名', LIMITS.signatureOrgan);
  parseIsoDate(doc.signature.date, 'signature.date');
  optionalText(doc.note, 'note', '附注', LIMITS.note);

  const attachments = doc.attachments ?? [];
  if (attachments.length > LIMITS.attachments) fail(`附件过多（${attachments.length}个），请不超过${LIMITS.attachments}个。`, 'attachments');
  attachments.forEach((attachment, i) => {
    requireText(attachment?.title, `attachments[${i}].title`, `附件${i + 1}的标题`, LIMITS.title);
    validateBlocks(attachment.blocks, `attachments[${i}].blocks`);
  });

  if (doc.colophon) {
    const { cc, printer, printDate } = doc.colophon;
    if (!Array.isArray(cc) || cc.some((item) => !isText(item))) fail('抄送机关格式有误。', 'colophon.cc');
    const ccLength = cc.reduce((sum, item) => sum + length(item) + 1, 0);
    if (ccLength > LIMITS.cc) fail(`抄送机关过长（${ccLength}字），请不超过${LIMITS.cc}字，或使用统称。`, 'colophon.cc');
    requireText(printer, 'colophon.printer', '印发机关', LIMITS.printer);
    parseIsoDate(printDate, 'colophon.printDate');
  }
}

function validateForm(doc: FormDocument): void {
  requireText(doc.title, 'title', '标题', LIMITS.title);
  optionalText(doc.organ, 'organ', '机关名称', LIMITS.organMark);
  optionalText(doc.numberLine, 'numberLine', '编号', LIMITS.number);
  optionalText(doc.footer, 'footer', '表尾', LIMITS.formFooter);
  if (!Array.isArray(doc.fields) || doc.fields.length === 0) fail('表单至少要有一项。', 'fields');
  if (doc.fields.length > LIMITS.formFields) fail(`表单项目过多（${doc.fields.length}项），请不超过${LIMITS.formFields}项。`, 'fields');
  doc.fields.forEach((field, i) => {
    requireText(field?.label, `fields[${i}].label`, `第${i + 1}项的名称`, LIMITS.formLabel);
    if (!isText(field.value)) fail(`“${field.label}”的内容格式有误。`, `fields[${i}].value`);
    optionalText(field.value, `fields[${i}].value`, `“${field.label}”的内容`, LIMITS.formValue);
    const lines = field.minLines;
    if (lines !== undefined && !(Number.isInteger(lines) && lines >= 1 && lines <= LIMITS.formMinLines))
      fail(`“${field.label}”的预留行数应为1至${LIMITS.formMinLines}的整数。`, `fields[${i}].minLines`);
  });
}

export function validateModel(model: DocumentModel): void {
  if (model?.kind === 'official') validateOfficial(model);
  else if (model?.kind === 'form') validateForm(model);
  else fail('无法识别的文档类型。', 'kind');
}
