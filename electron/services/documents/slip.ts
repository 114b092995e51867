/**
 * The 发文稿纸 (processing slip) that goes to the leader with a document: what it is, who drafted it, and
 * empty boxes for 核稿, 会签 and 签发 with a date line to sign by hand. Built from the registry record, so
 * a slip printed after signing shows the 文号, the signer and the date already recorded.
 */
import { DOCUMENT_TYPE_LABELS, type DocumentSettings, type DocumentType } from '../../contract/documents';
import { localIsoDate } from '../context';
import { formatChineseDate } from './builders/chinese-text';
import type { DocumentModel, FormDocument, FormField } from './model';
import type { DocumentRow } from './records';

/** A blank date to fill in by hand. */
const DATE_LINE = '年　　月　　日';
/** Full-width spaces that move a date line to the right half of a box spanning the row. */
const WIDE_INDENT = '　'.repeat(12);

/** A box of `lines` lines, empty but for the date line at its bottom (right-hand in a wide box). */
function signingBox(lines: number, wide: boolean): string {
  return `${'\n'.repeat(lines - 1)}${wide ? WIDE_INDENT : ''}${DATE_LINE}`;
}

function mainRecipientsOf(model: DocumentModel, recipients: readonly string[]): string {
  return model.kind === 'official' && model.mainRecipients.trim() !== '' ? model.mainRecipients : recipients.join('、');
}

function ccOf(model: DocumentModel, settings: DocumentSettings): string {
  const cc = model.kind === 'official' && model.colophon ? model.colophon.cc : settings.cc;
  return cc.join('、');
}

export interface SlipSource {
  row: Pick<DocumentRow, 'type' | 'title' | 'number' | 'status' | 'drafter' | 'drafted_at' | 'signer' | 'signed_on'>;
  model: DocumentModel;
  recipients: readonly string[];
}

export function processingSlip({ row, model, recipients }: SlipSource, settings: DocumentSettings): FormDocument {
  // One line: a short line ended by a line break would be stretched across the justified cell.
  const signedBy = row.signer !== null && row.signed_on !== null ? `${row.signer}　　${formatChineseDate(row.signed_on)}` : null;
  const fields: FormField[] = [
    { label: '标题', value: row.title, wide: true, minLines: 2 },
    { label: '文种', value: DOCUMENT_TYPE_LABELS[row.type as DocumentType] ?? row.type },
    { label: '文号', value: row.number ?? '' },
    { label: '主送', value: mainRecipientsOf(model, recipients), wide: true },
    { label: '抄送', value: ccOf(model, settings), wide: true },
    { label: '拟稿单位', value: settings.department },
    { label: '拟稿人', value: row.drafter },
    { label: '核稿', value: signingBox(2, false), minLines: 2 },
    { label: '印数', value: '' },
    { label: '会签', value: signingBox(3, true), wide: true, minLines: 3 },
    {
      label: '签发',
      value: signedBy ?? signingBox(4, true),
      wide: true,
      minLines: 4,
    },
  ];
  return {
    kind: 'form',
    organ: settings.organName,
    title: '发文稿纸',
    fields,
    footer: `拟稿日期：${formatChineseDate(localIsoDate(new Date(row.drafted_at)))}`,
  };
}
