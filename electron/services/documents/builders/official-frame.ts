/**
 * The fixed parts of every 公文 the office drafts, taken from the settings: 红头, 署名 and 成文日期, 版记.
 * A draft has no 文号 (the registry assigns it at signing) and is marked 草稿.
 */
import type { Attachment, Block, OfficialDocument } from '../model';
import type { DraftContext } from './draft-context';
import { ServiceError } from '../../errors';

export interface OfficialContent {
  title: string;
  /** without the closing ：; '' for a document addressed to no one (a 公示, a ledger extract) */
  mainRecipients: string;
  body: Block[];
  attachments?: Attachment[];
  /** 附注, without parentheses: usually the contact line */
  note?: string;
  /** 版记 (抄送, 印发): for documents that are sent out; a table kept or published needs none */
  withColophon: boolean;
}

export function officialDocument(dc: DraftContext, content: OfficialContent): OfficialDocument {
  const s = dc.settings;
  const attachments = content.attachments ?? [];
  const doc: OfficialDocument = {
    kind: 'official',
    organMark: { name: s.organMark || s.organName, withWenjian: s.withWenjian },
    number: null,
    title: content.title,
    mainRecipients: content.mainRecipients,
    body: content.body,
    signature: { organ: s.signatureOrgan || s.organName, date: dc.today, withSeal: s.withSeal },
    draft: true,
  };
  if (attachments.length > 0) {
    doc.attachments = attachments;
    doc.attachmentNames = attachments.map((a) => a.title);
  }
  if (content.note) doc.note = content.note;
  if (content.withColophon) doc.colophon = { cc: [...s.cc], printer: s.printer || s.organName, printDate: dc.today };
  return doc;
}

export const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
export const heading = (level: 1 | 2 | 3 | 4, text: string): Block => ({ kind: 'heading', level, text });

/**
 * The office's contact as documents print it (联系人：王敏，联系电话：0575-82123456). A document that tells
 * units to report back cannot go out without it, so those builders ask for it here.
 */
export interface OfficeContact {
  name: string;
  phone: string;
  /** 联系人：王敏，联系电话：0575-82123456 */
  line: string;
}

export function officeContact(dc: DraftContext, documentLabel: string): OfficeContact {
  const { contactName, contactPhone, department } = dc.settings;
  if (!contactName || !contactPhone) {
    const who = department ? `${department}联系人` : '联系人';
    throw new ServiceError('invalid_input', `${documentLabel}要写明${who}和联系电话，请先在“设置 → 公文”中填写后再生成。`, {
      ...(contactName ? {} : { contactName: `请填写${who}` }),
      ...(contactPhone ? {} : { contactPhone: '请填写联系电话' }),
    });
  }
  return { name: contactName, phone: contactPhone, line: `联系人：${contactName}，联系电话：${contactPhone}` };
}

/** The contact line when there is one; documents that only inform (通报, 公示) print it if it is set. */
export function optionalOfficeContact(dc: DraftContext): string | undefined {
  const { contactName, contactPhone } = dc.settings;
  if (contactName && contactPhone) return `联系人：${contactName}，联系电话：${contactPhone}`;
  return undefined;
}
