/**
 * The document model: what an official document says, independent of how it is laid out.
 *
 * Builders (one per document type) turn ledger data into this model; the officer may edit its text;
 * the GB/T 9704-2012 layout engine (`layout/`) turns it into .docx bytes. Plain data (JSON-safe), so a
 * document's exact content can be stored in the registry and exported again identically.
 */

/** A block of the body or of an attachment. */
export type Block =
  /** A body paragraph: 3号仿宋, first line indented two characters (unless `indent` is false). */
  | { kind: 'paragraph'; text: string; indent?: boolean; align?: 'left' | 'center' | 'right' }
  /**
   * A heading; `text` carries its own numbering as officers write it ("一、总体情况", "（一）进展较快").
   * Level 1 黑体, level 2 楷体, levels 3 and 4 仿宋 (GB/T 9704 7.3.3).
   */
  | { kind: 'heading'; level: 1 | 2 | 3 | 4; text: string }
  /** A table (a ledger extract): header row repeated on every page; widths are relative. */
  | { kind: 'table'; columns: Array<{ title: string; width: number }>; rows: string[][]; fontSize?: 'small' | 'normal' }
  | { kind: 'pageBreak' };

export interface Attachment {
  /** 附件的标题, centred on the attachment's third line */
  title: string;
  blocks: Block[];
  /** tables wider than the portrait text area go on landscape pages */
  landscape?: boolean;
}

/** A document of the 公文 kind (通知, 通报 …): 红头, 文号, title, 主送, body, signature, 版记. */
export interface OfficialDocument {
  kind: 'official';
  /** 发文机关标志 (红头): the organ's name, optionally followed by 文件 */
  organMark?: { name: string; withWenjian: boolean };
  /** 份号, 6 digits, only when needed */
  copyNumber?: string;
  /** 密级和保密期限, e.g. 机密★1年 */
  secrecy?: string;
  /** 紧急程度: 特急 / 加急 */
  urgency?: string;
  /** 发文字号, e.g. 虞政办发〔2016〕36号; null while a draft has no number yet */
  number: string | null;
  title: string;
  /** 主送机关, without the closing colon (the engine adds ：) */
  mainRecipients: string;
  body: Block[];
  /** 附件说明: the attachments' names in order */
  attachmentNames?: string[];
  /** 署名 and 成文日期 (ISO yyyy-mm-dd) */
  signature: { organ: string; date: string; withSeal: boolean };
  /** 附注 without the parentheses */
  note?: string;
  attachments?: Attachment[];
  /** 版记 */
  colophon?: { cc: string[]; printer: string; printDate: string };
  /** an unsigned draft: marked 草稿 on every page */
  draft?: boolean;
}

/** A field of a one-page form (督办单, 发文稿纸). */
export interface FormField {
  label: string;
  value: string;
  /** a field that takes the whole row (content, requirements); others pair up two to a row */
  wide?: boolean;
  /** minimum height in text lines, for boxes left empty for handwriting (签发, 会签) */
  minLines?: number;
}

/** A one-page form: an optional organ line, a title, an optional number line, a grid of fields. */
export interface FormDocument {
  kind: 'form';
  organ?: string;
  title: string;
  /** e.g. 编号：督〔2016〕12号 — shown right-aligned under the title */
  numberLine?: string;
  fields: FormField[];
  /** a line under the grid, e.g. 区政府办公室督查科 2016年7月5日 */
  footer?: string;
  draft?: boolean;
}

export type DocumentModel = OfficialDocument | FormDocument;

/** Which font names a machine has: the GB2312-era names offices use, or the plain Windows names. */
export type FontMode = 'gb2312' | 'plain';
