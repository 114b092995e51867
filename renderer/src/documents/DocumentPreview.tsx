/**
 * What the printed page will look like: an A4 sheet drawn to scale (the sheet follows the width of its pane),
 * with the GB/T 9704 parts in their places — 红头 and red rule, 发文字号, the title in 小标宋, 主送 with ：, the
 * body in 仿宋 indented two characters, headings by level, 附件说明, 署名 and 成文日期 (with or without seal),
 * 附注, attachments on sheets of their own, 版记 at the foot of the last sheet, page number — and a 草稿 mark
 * on an unsigned draft. Forms (督办单) are drawn as their ruled grid. An approximation for reading, not the file:
 * the .docx is laid out by the main process.
 */
import { Fragment, memo, type ReactNode } from 'react';
import type { DocumentModelData } from '../../../electron/contract/documents';
import { fmtDate } from '../format';

type Official = Extract<DocumentModelData, { kind: 'official' }>;
type Form = Extract<DocumentModelData, { kind: 'form' }>;
type Block = Official['body'][number];
type FormField = Form['fields'][number];

/** rows shown per table: enough to read it, few enough to keep the preview quick */
const TABLE_PREVIEW_ROWS = 40;
/** what the engine prints for the 发文字号 of an unnumbered draft */
const DRAFT_NUMBER = '〔　　　　〕　　号';

interface Props {
  model: DocumentModelData;
  /** mark the sheets 草稿 (unsigned) */
  draft: boolean;
  /** 作废: a red stamp over the first sheet */
  cancelled?: boolean;
}

function DocumentPreview({ model, draft, cancelled }: Props) {
  return (
    <div className="docp" data-testid="document-preview" data-kind={model.kind}>
      {model.kind === 'official' ? (
        <OfficialPreview doc={model} draft={draft} cancelled={cancelled} />
      ) : (
        <FormPreview doc={model} draft={draft} cancelled={cancelled} />
      )}
    </div>
  );
}

export default memo(DocumentPreview);

function Sheet({
  children,
  draft,
  cancelled,
  page,
  landscape,
}: {
  children: ReactNode;
  draft: boolean;
  cancelled?: boolean;
  page: number;
  landscape?: boolean;
}) {
  return (
    <div className={`docp-sheet${landscape ? ' docp-landscape' : ''}`} data-page={page}>
      {draft && (
        <>
          <div className="docp-draft-head">草稿</div>
          <div className="docp-watermark" aria-hidden>
            草稿
          </div>
        </>
      )}
      {cancelled && page === 1 && (
        <div className="docp-void" aria-hidden>
          作废
        </div>
      )}
      <div className="docp-text">{children}</div>
      <div className={`docp-pageno ${page % 2 === 1 ? 'docp-odd' : 'docp-even'}`}>— {page} —</div>
    </div>
  );
}

/** Width in characters: CJK and full-width count one, ASCII half. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u0000-\u00ff]/.test(ch) ? 0.5 : 1;
  return w;
}

/** The 发文机关标志: as large as fits on one line, between 2号 and 初号 (in body characters: 1.375–2.625). */
function organMarkEm(text: string): number {
  const usable = 28 * 0.92; // characters of 3号 on a line
  const size = Math.min(42 / 16, usable / Math.max(1, textWidth(text)));
  return Math.max(size, 1);
}

const cleanName = (s: string) => s.trim().replace(/[，,。．.；;：:、]+$/u, '');

function OfficialPreview({ doc, draft, cancelled }: { doc: Official; draft: boolean; cancelled?: boolean }) {
  const attachments = doc.attachments ?? [];
  const number = doc.number ?? (draft ? DRAFT_NUMBER : '');
  const markText = doc.organMark ? doc.organMark.name.trim() + (doc.organMark.withWenjian ? '文件' : '') : '';
  const colophon = doc.colophon ? <Colophon colophon={doc.colophon} /> : null;
  const names = (doc.attachmentNames ?? []).map(cleanName).filter((n) => n !== '');

  return (
    <>
      <Sheet draft={draft} cancelled={cancelled} page={1}>
        {doc.copyNumber && <div className="docp-line">{doc.copyNumber}</div>}
        {doc.secrecy && <div className="docp-line docp-hei">{doc.secrecy}</div>}
        {doc.urgency && <div className="docp-line docp-hei">{doc.urgency}</div>}
        {doc.organMark ? (
          <div className="docp-head">
            <div className="docp-mark" style={{ fontSize: `calc(var(--ch) * ${organMarkEm(markText).toFixed(3)})` }}>
              {markText}
            </div>
            <div className={`docp-number${doc.number === null ? ' docp-placeholder' : ''}`}>{number || '\u00a0'}</div>
            <div className="docp-rule" />
          </div>
        ) : (
          number !== '' && <div className={`docp-number docp-number-alone${doc.number === null ? ' docp-placeholder' : ''}`}>{number}</div>
        )}
        <h1 className="docp-title">{doc.title || <span className="docp-placeholder">（标题）</span>}</h1>
        {doc.mainRecipients.trim() !== '' && <p className="docp-recipients">{doc.mainRecipients.trim().replace(/[:：]+$/u, '')}：</p>}
        <Blocks blocks={doc.body} />
        {names.length > 0 && (
          <div className="docp-attnames">
            {names.length === 1 ? (
              <p className="docp-attname">
                <span className="docp-attlabel">附件：</span>
                <span>{names[0]}</span>
              </p>
            ) : (
              names.map((n, i) => (
                <p key={i} className="docp-attname">
                  <span className="docp-attlabel">{i === 0 ? '附件：' : ''}</span>
                  <span className="docp-attnum">{i + 1}.</span>
                  <span>{n}</span>
                </p>
              ))
            )}
          </div>
        )}
        <Signature signature={doc.signature} />
        {doc.note && doc.note.trim() !== '' && (
          <div className="docp-note">
            {doc.note
              .split('\n')
              .filter((l) => l.trim() !== '')
              .map((l, i) => (
                <p key={i}>（{l.trim().replace(/^[（(]|[）)]$/gu, '')}）</p>
              ))}
          </div>
        )}
        {attachments.length === 0 && colophon}
      </Sheet>
      {attachments.map((a, i) => (
        <Sheet key={i} draft={draft} page={i + 2} landscape={a.landscape}>
          <div className="docp-attach-label">附件{attachments.length > 1 ? i + 1 : ''}</div>
          <div className="docp-blank" />
          <h2 className="docp-attach-title">{a.title}</h2>
          <Blocks blocks={a.blocks} />
          {i === attachments.length - 1 && colophon}
        </Sheet>
      ))}
    </>
  );
}

function Blocks({ blocks }: { blocks: Block[] }) {
  return (
    <>
      {blocks.map((b, i) => (
        <Fragment key={i}>{renderBlock(b)}</Fragment>
      ))}
    </>
  );
}

function renderBlock(b: Block): ReactNode {
  switch (b.kind) {
    case 'paragraph':
      return (
        <p className={`docp-p${b.indent === false ? ' docp-noindent' : ''}`} style={b.align ? { textAlign: b.align } : undefined}>
          {b.text === '' ? '\u00a0' : b.text}
        </p>
      );
    case 'heading':
      return <p className={`docp-h docp-h${b.level}`}>{b.text}</p>;
    case 'table':
      return <PreviewTable table={b} />;
    case 'pageBreak':
      return <div className="docp-pagebreak">分页</div>;
  }
}

function PreviewTable({ table }: { table: Extract<Block, { kind: 'table' }> }) {
  const total = table.columns.reduce((s, c) => s + c.width, 0) || 1;
  const rows = table.rows.slice(0, TABLE_PREVIEW_ROWS);
  return (
    <div className="docp-table-wrap">
      <table className={`docp-table${table.fontSize === 'small' ? ' docp-table-small' : ''}`}>
        <colgroup>
          {table.columns.map((c, i) => (
            <col key={i} style={{ width: `${((c.width / total) * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={i}>{c.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, ri) => (
            <tr key={ri}>
              {table.columns.map((_, ci) => (
                <td key={ci}>{r[ci] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.rows.length > rows.length && (
        <div className="docp-table-more">…… 预览只显示前 {rows.length} 行，共 {table.rows.length} 行，导出的文件中全部列出</div>
      )}
    </div>
  );
}

/**
 * 署名 and 成文日期 in characters from the right edge, as the engine places them (layout/signature.ts):
 * with seal the date 右空四字 and the 署名 centred over it; without, the 署名 右空二字 and the date starting
 * two characters right of the 署名's start.
 */
function Signature({ signature }: { signature: Official['signature'] }) {
  const organ = signature.organ.trim();
  const date = fmtDate(signature.date);
  const ow = textWidth(organ);
  const dw = textWidth(date);
  let organRight: number;
  let dateRight: number;
  if (signature.withSeal) {
    dateRight = 4;
    organRight = Math.max(0, dateRight + (dw - ow) / 2);
  } else {
    organRight = 2;
    dateRight = organRight + ow - 2 - dw;
    if (dateRight < 2) {
      dateRight = 2;
      organRight = dateRight + dw + 2 - ow;
    }
  }
  return (
    <div className={`docp-sign${signature.withSeal ? ' docp-sign-seal' : ''}`}>
      {signature.withSeal && <span className="docp-seal" style={{ right: `${dateRight + dw / 2}em` }} aria-hidden />}
      <p className="docp-sign-organ" style={{ paddingRight: `${organRight}em` }}>
        {organ || '\u00a0'}
      </p>
      <p className="docp-sign-date" style={{ paddingRight: `${dateRight}em` }}>
        {date}
      </p>
    </div>
  );
}

function Colophon({ colophon }: { colophon: NonNullable<Official['colophon']> }) {
  const cc = colophon.cc.map((c) => c.trim()).filter((c) => c !== '');
  return (
    <>
      <div className="docp-colophon-gap" />
      <div className="docp-colophon">
        {cc.length > 0 && <p className="docp-cc">抄送：{cc.join('，')}。</p>}
        <p className="docp-printer">
          <span>{colophon.printer}</span>
          <span>{fmtDate(colophon.printDate)}印发</span>
        </p>
      </div>
    </>
  );
}

/** Fields grouped into the grid's rows as the engine does: two to a row unless wide or unpaired. */
function formRows(fields: FormField[]): FormField[][] {
  const rows: FormField[][] = [];
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const next = fields[i + 1];
    if (!field.wide && next && !next.wide) {
      rows.push([field, next]);
      i++;
    } else {
      rows.push([field]);
    }
  }
  return rows;
}

function FormPreview({ doc, draft, cancelled }: { doc: Form; draft: boolean; cancelled?: boolean }) {
  const minHeight = (f: FormField) => ((f.minLines ?? 1) > 1 ? { height: `calc(var(--ch) * 1.4 * ${f.minLines ?? 1})` } : undefined);
  return (
    <Sheet draft={draft} cancelled={cancelled} page={1}>
      {doc.organ && doc.organ.trim() !== '' && <div className="docp-form-organ">{doc.organ}</div>}
      <h1 className="docp-title docp-form-title">{doc.title}</h1>
      <div className={`docp-form-number${!doc.numberLine ? ' docp-placeholder' : ''}`}>{doc.numberLine || (draft ? '编号：签发时编定' : '\u00a0')}</div>
      <table className="docp-grid">
        <colgroup>
          <col style={{ width: '17%' }} />
          <col style={{ width: '33%' }} />
          <col style={{ width: '17%' }} />
          <col style={{ width: '33%' }} />
        </colgroup>
        <tbody>
          {formRows(doc.fields).map((row, i) => (
            <tr key={i}>
              {row.length === 2 ? (
                <>
                  <th>{row[0]!.label}</th>
                  <td style={minHeight(row[0]!)}>{row[0]!.value}</td>
                  <th>{row[1]!.label}</th>
                  <td style={minHeight(row[1]!)}>{row[1]!.value}</td>
                </>
              ) : (
                <>
                  <th>{row[0]!.label}</th>
                  <td colSpan={3} style={minHeight(row[0]!)}>
                    {row[0]!.value}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {doc.footer && <p className="docp-form-footer">{doc.footer}</p>}
    </Sheet>
  );
}
