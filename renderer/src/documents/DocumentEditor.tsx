/**
 * One document: its text on the left (editable while it is a 草稿), the printed page on the right, updated as
 * the officer types; and its life: 保存 → 送签 → 签发 (the 文号 is taken then) → 导出, 作废, or 更正 (a new draft
 * that refers to the signed one).
 */
import {
  AuditOutlined,
  CloseCircleOutlined,
  DeleteOutlined,
  EditOutlined,
  ExportOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import {
  DOCUMENT_STATUS_LABELS,
  DOCUMENT_TYPE_LABELS,
  documentModel,
  documentSignInput,
  type DocumentModelData,
  type DocumentRecord,
  type DocumentReference,
} from '../../../electron/contract/documents';
import { ApiError, call, errorMessage } from '../api';
import { useAppState } from '../context';
import { DATE_FORMAT, fmtDate, fmtDateTime, toIso } from '../format';
import { applyFieldMessages, clearChangedErrors, saveOnEnter, serverMessages, zodMessages } from '../forms';
import BlockList, { newKeys, type Block } from './BlockList';
import DocumentPreview from './DocumentPreview';
import ExportDialog from './ExportDialog';
import { STATUS_COLORS } from './labels';

type Official = Extract<DocumentModelData, { kind: 'official' }>;
type FormDoc = Extract<DocumentModelData, { kind: 'form' }>;

interface Keys {
  body: number[];
  attachments: number[][];
}

function keysFor(model: DocumentModelData): Keys {
  if (model.kind !== 'official') return { body: [], attachments: [] };
  return { body: newKeys(model.body.length), attachments: (model.attachments ?? []).map((a) => newKeys(a.blocks.length)) };
}

const pathKey = (path: ReadonlyArray<PropertyKey>) => path.map(String).join('.');

interface Props {
  id: string;
  onClose: () => void;
  onChanged: () => void;
  onOpenDocument: (id: string) => void;
}

export default function DocumentEditor({ id, onClose, onChanged, onOpenDocument }: Props) {
  const { message, modal } = AntApp.useApp();
  const [record, setRecord] = useState<DocumentRecord | null>(null);
  const [model, setModel] = useState<DocumentModelData | null>(null);
  const [keys, setKeys] = useState<Keys>({ body: [], attachments: [] });
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'submit' | 'correct' | 'delete'>(null);
  const [dialog, setDialog] = useState<null | 'sign' | 'cancel' | 'export'>(null);
  const [bannerError, setBannerError] = useState<string | null>(null);
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;

  const adopt = useCallback((rec: DocumentRecord, keepKeys = false) => {
    setRecord(rec);
    setModel(rec.model);
    setKeys((prev) => {
      if (keepKeys && rec.model.kind === 'official') {
        const sameBody = prev.body.length === rec.model.body.length;
        const att = rec.model.attachments ?? [];
        const sameAtt = prev.attachments.length === att.length && att.every((a, i) => prev.attachments[i]?.length === a.blocks.length);
        if (sameBody && sameAtt) return prev;
      }
      return keysFor(rec.model);
    });
    setDirty(false);
    setErrors({});
  }, []);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      adopt(await call('documents.get', { id }));
    } catch (err) {
      setLoadError(errorMessage(err));
    }
  }, [id, adopt]);

  useEffect(() => {
    void load();
  }, [load]);

  const editable = record?.status === 'draft';
  const edit = (next: DocumentModelData, clear?: string[]) => {
    setModel(next);
    setDirty(true);
    if (clear && clear.length) {
      setErrors((prev) => {
        const out = { ...prev };
        for (const k of Object.keys(out)) if (clear.some((c) => k === c || k.startsWith(`${c}.`))) delete out[k];
        return out;
      });
    }
  };

  /** Saves the edited text; returns false (and shows why, field by field) when it cannot. */
  const save = async (quiet = false): Promise<boolean> => {
    if (!model || !record) return false;
    if (!dirtyRef.current) return true;
    const parsed = documentModel.safeParse(model);
    if (!parsed.success) {
      const map: Record<string, string> = {};
      for (const m of zodMessages(parsed.error)) map[pathKey(m.path)] ??= m.message;
      setErrors(map);
      message.error(`有 ${Object.keys(map).length} 处内容需要修改（已标红），修改后再保存。`);
      return false;
    }
    setBusy('save');
    setBannerError(null);
    try {
      const rec = await call('documents.update', { id: record.id, model });
      adopt(rec, true);
      onChanged();
      if (!quiet) message.success('已保存。');
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.fields && Object.keys(err.fields).length > 0) {
        const map: Record<string, string> = {};
        for (const m of serverMessages(err)) {
          const path = m.path[0] === 'model' ? m.path.slice(1) : m.path;
          map[pathKey(path)] = m.message;
        }
        setErrors(map);
      }
      setBannerError(errorMessage(err));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const submit = async () => {
    if (!record) return;
    if (!(await save(true))) return;
    setBusy('submit');
    try {
      adopt(await call('documents.submit', { id: record.id }));
      onChanged();
      message.success('已送签，等待领导签发。');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const correct = async () => {
    if (!record) return;
    setBusy('correct');
    try {
      const rec = await call('documents.correct', { id: record.id });
      onChanged();
      message.success('已生成更正稿，修改后送签；原公文保持已签发。');
      onOpenDocument(rec.id);
    } catch (err) {
      message.error(errorMessage(err));
      setBusy(null);
    }
  };

  const removeDraft = async () => {
    if (!record) return;
    setBusy('delete');
    try {
      await call('documents.cancel', { id: record.id, reason: '' });
      onChanged();
      message.success('草稿已删除。');
      onClose();
    } catch (err) {
      message.error(errorMessage(err));
      setBusy(null);
    }
  };

  const openDialog = async (d: 'sign' | 'export') => {
    if (editable && !(await save(true))) return;
    setDialog(d);
  };

  const requestClose = () => {
    if (!dirtyRef.current) {
      onClose();
      return;
    }
    modal.confirm({
      title: '放弃未保存的修改？',
      focusable: { autoFocusButton: 'cancel' },
      content: '对公文文字的修改还没有保存，关闭后将丢失。',
      okText: '放弃并关闭',
      okButtonProps: { danger: true },
      cancelText: '继续编辑',
      onOk: onClose,
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!editable) return;
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key.toLowerCase() === 's' || e.key === 'Enter')) {
      e.preventDefault();
      void save();
    }
  };

  const status = record?.status;
  const title = record ? (
    <div className="doc-editor-title">
      <Tag color="blue">{DOCUMENT_TYPE_LABELS[record.type]}</Tag>
      <Typography.Text strong ellipsis={{ tooltip: record.title }} className="doc-editor-title-text">
        {record.title}
      </Typography.Text>
      <Tag color={STATUS_COLORS[record.status]} data-testid="document-status" data-status={record.status}>
        {DOCUMENT_STATUS_LABELS[record.status]}
      </Tag>
      <span className={record.number ? 'doc-number' : 'muted'} data-testid="document-number">
        {record.number ?? (record.signedOn ? '（不编文号）' : '（未编号）')}
      </span>
    </div>
  ) : (
    '公文'
  );

  const actions = record && (
    <Space size="small" wrap>
      {(status === 'draft' || status === 'submitted') && (
        <Popconfirm
          title="删除这份草稿？"
          description="未签发的公文没有文号，删除后不留登记。"
          okText="删除"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() => void removeDraft()}
        >
          <Button icon={<DeleteOutlined />} danger loading={busy === 'delete'} data-testid="document-delete">
            删除草稿
          </Button>
        </Popconfirm>
      )}
      {status === 'signed' && (
        <>
          <Button icon={<CloseCircleOutlined />} danger onClick={() => setDialog('cancel')} data-testid="document-cancel">
            作废
          </Button>
          <Popconfirm
            title="生成更正稿？"
            description={
              <div style={{ maxWidth: 300 }}>复制本文内容生成一份新草稿，附注写明“本文更正《…》”；原公文保持已签发，更正稿签发后另编文号。</div>
            }
            okText="生成更正稿"
            cancelText="取消"
            onConfirm={() => void correct()}
          >
            <Button icon={<EditOutlined />} loading={busy === 'correct'} data-testid="document-correct">
              更正
            </Button>
          </Popconfirm>
        </>
      )}
      {status !== 'cancelled' && (
        <Button icon={<ExportOutlined />} onClick={() => void openDialog('export')} disabled={busy !== null} data-testid="document-export">
          导出
        </Button>
      )}
      {status === 'draft' && (
        <Button
          icon={<SendOutlined />}
          loading={busy === 'submit'}
          disabled={busy !== null && busy !== 'submit'}
          onClick={() => void submit()}
          title="交领导签发；送签后内容不能再修改"
          data-testid="document-submit"
        >
          送签
        </Button>
      )}
      {(status === 'draft' || status === 'submitted') && (
        <Button type="primary" icon={<AuditOutlined />} disabled={busy !== null} onClick={() => void openDialog('sign')} data-testid="document-sign">
          签发
        </Button>
      )}
    </Space>
  );

  const footer = record && (
    <div className="drawer-footer">
      <span className="footer-hint doc-editor-meta">
        拟稿 {record.drafter || '—'} · {fmtDateTime(record.draftedAt)}
        {record.submittedAt && ` · 送签 ${fmtDateTime(record.submittedAt)}`}
        {record.signer && ` · 签发 ${record.signer} ${fmtDate(record.signedOn)}`}
        {record.exportCount > 0 && ` · 已导出 ${record.exportCount} 个文件（最近 ${fmtDateTime(record.lastExportedAt)}）`}
      </span>
      <Space>
        {editable && <span className="footer-hint">{dirty ? '有未保存的修改 · Ctrl+S 保存' : '已保存'}</span>}
        <Button onClick={requestClose}>关闭</Button>
        {editable && (
          <Button type="primary" icon={<SaveOutlined />} loading={busy === 'save'} disabled={!dirty} onClick={() => void save()} data-testid="document-save">
            保存
          </Button>
        )}
      </Space>
    </div>
  );

  return (
    <Drawer
      open
      size="min(1560px, 97vw)"
      title={title}
      extra={actions}
      footer={footer}
      onClose={requestClose}
      keyboard
      mask={{ closable: false }}
      className="doc-editor-drawer"
      styles={{ body: { padding: 0 } }}
    >
      <div className="doc-editor" data-testid="document-editor" data-document-id={id} data-status={status ?? ''} onKeyDown={onKeyDown}>
        {loadError && !record && (
          <div className="doc-editor-loading">
            <Alert
              type="error"
              showIcon
              title={loadError}
              action={
                <Button size="small" onClick={() => void load()}>
                  重试
                </Button>
              }
            />
          </div>
        )}
        {!record && !loadError && (
          <div className="doc-editor-loading">
            <Spin description="正在读取公文……">
              <div style={{ height: 120 }} />
            </Spin>
          </div>
        )}
        {record && model && (
          <>
            <div className="doc-edit-pane">
              <StatusNote record={record} onOpen={onOpenDocument} />
              {bannerError && <Alert type="error" showIcon title={bannerError} closable={{ onClose: () => setBannerError(null) }} className="doc-edit-alert" />}
              <OtherErrors errors={errors} model={model} />
              {model.kind === 'official' ? (
                <OfficialFields doc={model} keys={keys} setKeys={setKeys} errors={errors} readOnly={!editable} edit={edit} />
              ) : (
                <FormFields doc={model} errors={errors} readOnly={!editable} edit={edit} />
              )}
            </div>
            <div className="doc-preview-pane">
              <div className="doc-preview-caption">
                预览 <span className="muted">（按 GB/T 9704 版式示意，以导出的 Word 文件为准）</span>
              </div>
              <DocumentPreview model={model} draft={record.status !== 'signed' && record.status !== 'cancelled'} cancelled={record.status === 'cancelled'} />
            </div>
          </>
        )}
      </div>
      {record && dialog === 'sign' && (
        <SignDialog
          record={record}
          onClose={() => setDialog(null)}
          onSigned={(rec) => {
            adopt(rec);
            onChanged();
          }}
        />
      )}
      {record && dialog === 'cancel' && (
        <CancelDialog
          record={record}
          onClose={() => setDialog(null)}
          onCancelled={(rec) => {
            setDialog(null);
            if (rec) adopt(rec);
            onChanged();
            message.success(rec?.number ? `公文已作废，文号 ${rec.number} 保留不再使用。` : '公文已作废。');
          }}
        />
      )}
      {record && dialog === 'export' && (
        <ExportDialog
          ids={[record.id]}
          what={`《${record.title}》`}
          onClose={() => setDialog(null)}
          onExported={() => {
            onChanged();
            void call('documents.get', { id: record.id })
              .then((rec) => setRecord(rec))
              .catch(() => undefined);
          }}
        />
      )}
    </Drawer>
  );
}

function RefLink({ doc, onOpen }: { doc: DocumentReference; onOpen: (id: string) => void }) {
  return (
    <a onClick={() => onOpen(doc.id)}>
      《{doc.title}》{doc.number ? `（${doc.number}）` : ''}
      <span className="muted">［{DOCUMENT_STATUS_LABELS[doc.status]}］</span>
    </a>
  );
}

function StatusNote({ record, onOpen }: { record: DocumentRecord; onOpen: (id: string) => void }) {
  const refs: ReactNode[] = [];
  if (record.supersedes) refs.push(<div key="s">本文更正 <RefLink doc={record.supersedes} onOpen={onOpen} /></div>);
  for (const s of record.supersededBy) refs.push(<div key={s.id}>更正稿 <RefLink doc={s} onOpen={onOpen} /></div>);
  const note =
    record.status === 'submitted' ? (
      <Alert type="info" showIcon title="已送签，等待领导签发。送签中的公文不能修改；如需修改，请删除后重新起草。" data-testid="document-readonly" />
    ) : record.status === 'signed' ? (
      <Alert
        type="warning"
        showIcon
        title="已签发的公文不能修改；如需更正，请生成更正稿"
        description={`文号 ${record.number ?? '（本类公文不编文号）'} · 签发人 ${record.signer ?? '—'} · ${fmtDate(record.signedOn)}`}
        data-testid="document-readonly"
      />
    ) : record.status === 'cancelled' ? (
      <Alert
        type="error"
        showIcon
        title={`本公文已作废${record.cancelledReason ? `：${record.cancelledReason}` : ''}`}
        description={`${record.number ? `文号 ${record.number} 保留不再使用。` : ''}作废时间 ${fmtDateTime(record.cancelledAt)}`}
        data-testid="document-readonly"
      />
    ) : null;
  if (!note && refs.length === 0) return null;
  return (
    <div className="doc-status-note">
      {note}
      {refs.length > 0 && <div className="doc-refs">{refs}</div>}
    </div>
  );
}

/** Paths the form shows next to a field; the rest are listed above the text. */
function placed(path: string, model: DocumentModelData): boolean {
  if (model.kind === 'official') {
    return /^(title|mainRecipients|note|signature\.organ|colophon(\.|$)|body\.\d+|attachments\.\d+\.(title|blocks\.\d+))/.test(path);
  }
  return /^(title|footer|fields\.\d+\.value)/.test(path);
}

function OtherErrors({ errors, model }: { errors: Record<string, string>; model: DocumentModelData }) {
  const rest = Object.entries(errors).filter(([p]) => !placed(p, model));
  if (rest.length === 0) return null;
  return <Alert type="error" showIcon title={rest.map(([, m]) => m).join('；')} className="doc-edit-alert" />;
}

function Field({
  label,
  error,
  children,
  extra,
  wide,
}: {
  label: string;
  error?: string;
  children: ReactNode;
  extra?: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={`doc-field${error ? ' doc-field-error' : ''}${wide ? ' doc-field-wide' : ''}`}>
      <div className="doc-field-label">
        {label}
        {extra}
      </div>
      {children}
      {error && <div className="blk-error">{error}</div>}
    </div>
  );
}

function errorAt(errors: Record<string, string>, prefix: string): string | undefined {
  const hits = Object.entries(errors)
    .filter(([p]) => p === prefix || p.startsWith(`${prefix}.`))
    .map(([, m]) => m);
  return hits.length ? [...new Set(hits)].join('；') : undefined;
}

function OfficialFields({
  doc,
  keys,
  setKeys,
  errors,
  readOnly,
  edit,
}: {
  doc: Official;
  keys: Keys;
  setKeys: (k: Keys) => void;
  errors: Record<string, string>;
  readOnly: boolean;
  edit: (m: DocumentModelData, clear?: string[]) => void;
}) {
  const attachments = doc.attachments ?? [];
  return (
    <div className="doc-fields">
      <Field label="标题" error={errorAt(errors, 'title')}>
        <Input.TextArea
          value={doc.title}
          onChange={(e) => edit({ ...doc, title: e.target.value }, ['title'])}
          autoSize={{ minRows: 1, maxRows: 3 }}
          readOnly={readOnly}
          maxLength={100}
          status={errorAt(errors, 'title') ? 'error' : undefined}
          className="doc-title-input"
          data-testid="editor-title"
        />
      </Field>
      <Field label="主送机关" error={errorAt(errors, 'mainRecipients')} extra={<span className="doc-field-hint">末尾的“：”自动加上</span>}>
        <Input.TextArea
          value={doc.mainRecipients}
          onChange={(e) => edit({ ...doc, mainRecipients: e.target.value }, ['mainRecipients'])}
          autoSize={{ minRows: 1, maxRows: 4 }}
          readOnly={readOnly}
          status={errorAt(errors, 'mainRecipients') ? 'error' : undefined}
          data-testid="editor-recipients"
        />
      </Field>
      <Field label="正文">
        <BlockList
          blocks={doc.body}
          keys={keys.body}
          onChange={(body: Block[], k) => {
            setKeys({ ...keys, body: k });
            edit({ ...doc, body }, ['body']);
          }}
          errors={errors}
          prefix="body"
          readOnly={readOnly}
          testId="editor-body"
        />
      </Field>
      {attachments.map((a, i) => (
        <Field key={i} label={`附件${attachments.length > 1 ? i + 1 : ''}${a.landscape ? '（横排）' : ''}`} error={errorAt(errors, `attachments.${i}.title`)}>
          <Input
            value={a.title}
            onChange={(e) => {
              const next = attachments.map((x, j) => (j === i ? { ...x, title: e.target.value } : x));
              const names = doc.attachmentNames ? doc.attachmentNames.map((n, j) => (j === i && n === a.title ? e.target.value : n)) : undefined;
              edit({ ...doc, attachments: next, ...(names ? { attachmentNames: names } : {}) }, [`attachments.${i}.title`, 'attachmentNames']);
            }}
            readOnly={readOnly}
            prefix={<span className="muted">附件标题</span>}
            status={errorAt(errors, `attachments.${i}.title`) ? 'error' : undefined}
            className="doc-attach-title-input"
          />
          <BlockList
            blocks={a.blocks}
            keys={keys.attachments[i] ?? []}
            onChange={(blocks: Block[], k) => {
              const ak = [...keys.attachments];
              ak[i] = k;
              setKeys({ ...keys, attachments: ak });
              edit({ ...doc, attachments: attachments.map((x, j) => (j === i ? { ...x, blocks } : x)) }, [`attachments.${i}.blocks`]);
            }}
            errors={errors}
            prefix={`attachments.${i}.blocks`}
            readOnly={readOnly}
          />
        </Field>
      ))}
      <div className="doc-field-row">
        <Field label="署名" error={errorAt(errors, 'signature.organ')}>
          <Input
            value={doc.signature.organ}
            onChange={(e) => edit({ ...doc, signature: { ...doc.signature, organ: e.target.value } }, ['signature.organ'])}
            readOnly={readOnly}
            status={errorAt(errors, 'signature.organ') ? 'error' : undefined}
            data-testid="editor-signature"
          />
        </Field>
        <Field label="成文日期">
          <div className="doc-static">
            {fmtDate(doc.signature.date)}
            {doc.draft !== false && <span className="muted doc-static-hint">签发时改为签发日期</span>}
          </div>
        </Field>
        <Field label="印章">
          <Checkbox
            checked={doc.signature.withSeal}
            disabled={readOnly}
            onChange={(e) => edit({ ...doc, signature: { ...doc.signature, withSeal: e.target.checked } })}
          >
            加盖印章
          </Checkbox>
        </Field>
      </div>
      <Field label="附注" error={errorAt(errors, 'note')} extra={<span className="doc-field-hint">如联系人和电话；括号自动加上，每行一条</span>}>
        <Input.TextArea
          value={doc.note ?? ''}
          onChange={(e) => edit({ ...doc, note: e.target.value }, ['note'])}
          autoSize={{ minRows: 1, maxRows: 4 }}
          readOnly={readOnly}
          status={errorAt(errors, 'note') ? 'error' : undefined}
          data-testid="editor-note"
        />
      </Field>
      {doc.colophon && (
        <div className="doc-field-row">
          <Field label="抄送" error={errorAt(errors, 'colophon.cc')}>
            <Select
              mode="tags"
              value={doc.colophon.cc}
              onChange={(cc: string[]) => edit({ ...doc, colophon: { ...doc.colophon!, cc } }, ['colophon.cc'])}
              disabled={readOnly}
              open={readOnly ? false : undefined}
              tokenSeparators={['，', ',', '、']}
              placeholder="不抄送可留空"
              status={errorAt(errors, 'colophon.cc') ? 'error' : undefined}
              style={{ width: '100%' }}
            />
          </Field>
          <Field label="印发机关" error={errorAt(errors, 'colophon.printer')}>
            <Input
              value={doc.colophon.printer}
              onChange={(e) => edit({ ...doc, colophon: { ...doc.colophon!, printer: e.target.value } }, ['colophon.printer'])}
              readOnly={readOnly}
              status={errorAt(errors, 'colophon.printer') ? 'error' : undefined}
            />
          </Field>
        </div>
      )}
    </div>
  );
}

function FormFields({
  doc,
  errors,
  readOnly,
  edit,
}: {
  doc: FormDoc;
  errors: Record<string, string>;
  readOnly: boolean;
  edit: (m: DocumentModelData, clear?: string[]) => void;
}) {
  return (
    <div className="doc-fields">
      <Field label="标题" error={errorAt(errors, 'title')}>
        <Input
          value={doc.title}
          onChange={(e) => edit({ ...doc, title: e.target.value }, ['title'])}
          readOnly={readOnly}
          maxLength={100}
          status={errorAt(errors, 'title') ? 'error' : undefined}
          data-testid="editor-title"
        />
      </Field>
      <div className="doc-form-fields">
        {doc.fields.map((f, i) => (
          <Field key={i} label={f.label} error={errorAt(errors, `fields.${i}`)} wide={f.wide}>
            <Input.TextArea
              value={f.value}
              onChange={(e) => edit({ ...doc, fields: doc.fields.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)) }, [`fields.${i}`])}
              autoSize={{ minRows: f.minLines && f.minLines > 1 ? 2 : 1, maxRows: 10 }}
              readOnly={readOnly}
              placeholder={f.minLines && f.minLines > 1 ? '（留空供手写）' : undefined}
              status={errorAt(errors, `fields.${i}`) ? 'error' : undefined}
              data-testid="editor-form-field"
            />
          </Field>
        ))}
      </div>
      <Field label="表尾" error={errorAt(errors, 'footer')}>
        <Input value={doc.footer ?? ''} onChange={(e) => edit({ ...doc, footer: e.target.value }, ['footer'])} readOnly={readOnly} />
      </Field>
    </div>
  );
}

const SIGNER_KEY = 'ledger.documents.lastSigner';

interface SignValues {
  signer: string;
  signedOn: Dayjs | null;
}

/** 签发: who signed and when; the 文号 is taken now and shown. */
function SignDialog({ record, onClose, onSigned }: { record: DocumentRecord; onClose: () => void; onSigned: (rec: DocumentRecord) => void }) {
  const { info } = useAppState();
  const [form] = Form.useForm<SignValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [signed, setSigned] = useState<DocumentRecord | null>(null);
  const initial = useMemo<SignValues>(() => ({ signer: localStorage.getItem(SIGNER_KEY) ?? '', signedOn: dayjs(info.today) }), [info.today]);
  // The 文号 signing would take on the chosen date: shown, and sent back so that a number taken meanwhile
  // (another PC on the same ledger) refuses the signing instead of silently giving another one.
  const signedOnValue = Form.useWatch('signedOn', form) as Dayjs | null | undefined;
  const signedOnIso = toIso(signedOnValue === undefined ? initial.signedOn : signedOnValue);
  const [preview, setPreview] = useState<{ signedOn: string; number: string | null } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewKey, setPreviewKey] = useState(0);

  useEffect(() => {
    if (!signedOnIso || signed) return;
    let live = true;
    setPreviewError(null);
    call('documents.nextNumber', { id: record.id, signedOn: signedOnIso })
      .then((res) => live && setPreview({ signedOn: signedOnIso, number: res.number }))
      .catch((err: unknown) => {
        if (!live) return;
        setPreview(null);
        setPreviewError(errorMessage(err));
      });
    return () => {
      live = false;
    };
  }, [record.id, signedOnIso, previewKey, signed]);

  const previewReady = preview !== null && preview.signedOn === signedOnIso;

  const sign = async () => {
    // (Enter while the number is still being fetched waits for it: the officer signs the number shown)
    if (saving || signed || (!previewReady && previewError === null)) return;
    setError(null);
    const v = form.getFieldsValue(true) as SignValues;
    const expectedNumber = previewReady ? preview.number : null;
    const input = { id: record.id, signer: v.signer ?? '', signedOn: toIso(v.signedOn) ?? '', expectedNumber };
    const parsed = documentSignInput.safeParse(input);
    if (!parsed.success) {
      const rest = applyFieldMessages(
        form,
        zodMessages(parsed.error).map((m) => (m.path[0] === 'signedOn' && !input.signedOn ? { ...m, message: '请选择签发日期' } : m)),
      );
      if (rest.length) setError(rest.map((r) => r.message).join('；'));
      return;
    }
    applyFieldMessages(form, []);
    setSaving(true);
    try {
      const rec = await call('documents.sign', parsed.data);
      localStorage.setItem(SIGNER_KEY, parsed.data.signer);
      setSigned(rec);
      onSigned(rec);
    } catch (err) {
      if (err instanceof ApiError && err.fields) {
        const rest = applyFieldMessages(form, serverMessages(err));
        if (rest.length) setError(err.message);
      } else {
        setError(errorMessage(err));
      }
      // the number shown may be taken now: ask again, so the next attempt shows (and expects) the new one
      if (err instanceof ApiError && err.code === 'conflict') setPreviewKey((k) => k + 1);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`签发 · ${record.title}`}
      width={520}
      onCancel={saving ? undefined : onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        signed
          ? [
              <Button key="ok" type="primary" onClick={onClose} data-testid="sign-close">
                完成
              </Button>,
            ]
          : [
              <span key="hint" className="footer-hint">
                Enter 签发 · Esc 取消
              </span>,
              <Button key="cancel" onClick={onClose} disabled={saving}>
                取消
              </Button>,
              <Button
                key="ok"
                type="primary"
                loading={saving}
                disabled={!previewReady && previewError === null}
                onClick={() => void sign()}
                data-testid="sign-confirm"
              >
                确认签发
              </Button>,
            ]
      }
    >
      {signed ? (
        <div className="sign-result" data-testid="sign-result">
          <Alert
            type="success"
            showIcon
            title="公文已签发"
            description={
              <div>
                <div>
                  文号：
                  <b className="doc-number" data-testid="sign-number">
                    {signed.number ?? '本类公文不编文号'}
                  </b>
                </div>
                <div>
                  签发人 {signed.signer} · 成文日期 {fmtDate(signed.signedOn)}
                </div>
                <div className="muted">现在可以导出正式文件（不再带“草稿”标记）。</div>
              </div>
            }
          />
        </div>
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={initial}
          onKeyDown={saveOnEnter(() => void sign())}
          onValuesChange={(changed: Partial<SignValues>) => clearChangedErrors(form, changed)}
          className="dense-form"
          data-testid="sign-form"
        >
          <Typography.Paragraph type="secondary">
            记下领导签发的人和日期。签发时按本类公文的文号前缀取下一个文号，成文日期改为签发日期；签发后公文不能再修改。
          </Typography.Paragraph>
          <Form.Item name="signer" label="签发人" required>
            <Input maxLength={20} autoFocus placeholder="如：张三" data-testid="sign-signer" />
          </Form.Item>
          <Form.Item name="signedOn" label="签发日期" required extra="不能晚于今天。">
            <DatePicker format={DATE_FORMAT} allowClear={false} style={{ width: 200 }} data-testid="sign-date" />
          </Form.Item>
          <div className="sign-next-number" data-testid="sign-next" data-ready={previewReady ? 'true' : 'false'}>
            签发后文号：
            {previewReady ? (
              <b className="doc-number" data-testid="sign-next-number">
                {preview.number ?? '本类公文不编文号'}
              </b>
            ) : previewError ? (
              <span className="num-red">{previewError}</span>
            ) : (
              <span className="muted">正在取号……</span>
            )}
          </div>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="sign-error" />}
        </Form>
      )}
    </Modal>
  );
}

/** 作废 a signed document: the reason is required; its 文号 stays taken. */
function CancelDialog({
  record,
  onClose,
  onCancelled,
}: {
  record: DocumentRecord;
  onClose: () => void;
  onCancelled: (rec: DocumentRecord | null) => void;
}) {
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    if (reason.trim() === '') {
      setError('请填写作废原因');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      onCancelled(await call('documents.cancel', { id: record.id, reason }));
    } catch (err) {
      setError(err instanceof ApiError && err.fields?.reason ? err.fields.reason : errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`作废 · ${record.number ?? record.title}`}
      width={520}
      onCancel={saving ? undefined : onClose}
      mask={{ closable: false }}
      destroyOnHidden
      okText="作废"
      okButtonProps={{ danger: true, loading: saving, ...({ 'data-testid': 'cancel-confirm' } as object) }}
      cancelText="取消"
      onOk={() => void confirm()}
    >
      <Typography.Paragraph type="secondary">作废后公文不能再导出，文号保留不再使用。如只是内容有误，可用“更正”另发一份。</Typography.Paragraph>
      <div className="doc-field-label">作废原因</div>
      <Input.TextArea
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setError(null);
        }}
        autoSize={{ minRows: 2, maxRows: 5 }}
        maxLength={200}
        showCount
        autoFocus
        status={error ? 'error' : undefined}
        data-testid="cancel-reason"
      />
      {error && <div className="blk-error">{error}</div>}
    </Modal>
  );
}
