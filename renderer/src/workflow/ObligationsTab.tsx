/**
 * 回复与整改: what signed documents asked of units — a 督查通知书's answer, a 批评通报's 情况说明及整改报告 —
 * with the 限期 and whether it came; 登记回复 records the answer's date and content.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState, type HTMLAttributes } from 'react';
import {
  OBLIGATION_KINDS,
  OBLIGATION_KIND_LABELS,
  OBLIGATION_STATES,
  OBLIGATION_STATE_LABELS,
  obligationReceiptInput,
  type Obligation,
  type ObligationKind,
  type ObligationState,
} from '../../../electron/contract/workflow';
import { call, errorMessage } from '../api';
import { useAppState, type ChaseFocus } from '../context';
import { useDocuments } from '../documents/DocumentsHost';
import { DATE_FORMAT, fmtDate, toIso } from '../format';
import { clearChangedErrors, saveOnEnter, submitModalForm } from '../forms';
import { OBLIGATION_STATE_COLORS } from './labels';

export default function ObligationsTab({ year, focus }: { year: number; focus: ChaseFocus | null }) {
  const { message } = AntApp.useApp();
  const { dataVersion, dataChanged, units } = useAppState();
  const docs = useDocuments();
  const [kind, setKind] = useState<ObligationKind | null>(null);
  const [states, setStates] = useState<ObligationState[]>([]);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [rows, setRows] = useState<Obligation[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [receiving, setReceiving] = useState<Obligation | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (focus?.tab === 'obligations') setUnitId(focus.unitId);
  }, [focus]);

  const load = useCallback(async () => {
    const n = ++seq.current;
    setLoading(true);
    try {
      const res = await call('obligations.list', { year, kind, states, unitId, documentId: null });
      if (n !== seq.current) return;
      setRows(res);
      setError(null);
    } catch (err) {
      if (n === seq.current) setError(errorMessage(err));
    } finally {
      if (n === seq.current) setLoading(false);
    }
  }, [year, kind, states, unitId]);

  useEffect(() => {
    void load();
  }, [load, dataVersion, docs.version]);

  const columns: ColumnsType<Obligation> = [
    {
      title: '公文',
      key: 'document',
      render: (_: unknown, o) => (
        <div>
          <a onClick={() => docs.openDocument(o.documentId)}>{o.documentTitle}</a>
          <div className="muted">
            {o.documentNumber ?? '（未编号）'} · {fmtDate(o.issuedOn)}签发
          </div>
        </div>
      ),
    },
    { title: '要求', dataIndex: 'kind', width: 150, render: (k: ObligationKind) => OBLIGATION_KIND_LABELS[k] },
    { title: '单位', dataIndex: 'unitName', width: 160, ellipsis: true },
    { title: '限期', dataIndex: 'dueDate', width: 120, render: (d: string) => fmtDate(d) },
    {
      title: '状态',
      dataIndex: 'state',
      width: 130,
      render: (s: ObligationState, o) => (
        <span>
          <Tag color={OBLIGATION_STATE_COLORS[s]} data-testid="obligation-state">
            {OBLIGATION_STATE_LABELS[s]}
          </Tag>
          {o.daysLate > 0 && <span className="num-red">{o.daysLate}天</span>}
        </span>
      ),
    },
    {
      title: '收到回复',
      key: 'received',
      width: 200,
      render: (_: unknown, o) =>
        o.receivedOn ? (
          <Tooltip title={o.receivedNote || undefined}>
            <span>
              {fmtDate(o.receivedOn)}
              {o.receivedBy && <span className="muted"> · {o.receivedBy}</span>}
            </span>
          </Tooltip>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      title: '',
      key: 'ops',
      width: 96,
      render: (_: unknown, o) =>
        o.state === 'open' || o.state === 'overdue' ? (
          <Button size="small" type="link" onClick={() => setReceiving(o)} data-testid="obligation-receive">
            登记回复
          </Button>
        ) : null,
    },
  ];

  return (
    <div className="chase-tab" data-testid="obligations-tab">
      <div className="page-toolbar">
        <Space wrap>
          <Select
            allowClear
            placeholder="全部要求"
            value={kind ?? undefined}
            onChange={(v?: ObligationKind) => setKind(v ?? null)}
            options={OBLIGATION_KINDS.map((k) => ({ value: k, label: OBLIGATION_KIND_LABELS[k] }))}
            style={{ width: 190 }}
            aria-label="要求"
            data-testid="obligation-kind"
          />
          <Select
            mode="multiple"
            allowClear
            placeholder="全部状态"
            value={states}
            onChange={setStates}
            options={OBLIGATION_STATES.map((s) => ({ value: s, label: OBLIGATION_STATE_LABELS[s] }))}
            style={{ minWidth: 220 }}
            aria-label="状态"
            data-testid="obligation-states"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部单位"
            value={unitId ?? undefined}
            onChange={(v?: string) => setUnitId(v ?? null)}
            options={units.map((u) => ({ value: u.id, label: u.name }))}
            style={{ width: 200 }}
            aria-label="单位"
          />
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} aria-label="刷新" />
          </Tooltip>
        </Space>
        <Typography.Text type="secondary">督查通知书、批评通报签发后，按主送单位逐一列出应回复的事项和限期。</Typography.Text>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Obligation>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows ?? []}
        loading={loading && !rows}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => `共 ${n} 项` }}
        onRow={(o) => ({ 'data-testid': 'obligation-row', 'data-state': o.state, 'data-obligation-id': o.id }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: `${year}年没有符合条件的回复要求` }}
        data-testid="obligations-table"
      />
      {receiving && (
        <ReceiveDialog
          obligation={receiving}
          onClose={() => setReceiving(null)}
          onSaved={(o) => {
            setReceiving(null);
            message.success(`已登记${o.unitName}的回复（${OBLIGATION_STATE_LABELS[o.state]}）。`);
            dataChanged();
          }}
        />
      )}
    </div>
  );
}

function ReceiveDialog({ obligation, onClose, onSaved }: { obligation: Obligation; onClose: () => void; onSaved: (o: Obligation) => void }) {
  const { message } = AntApp.useApp();
  const { info } = useAppState();
  const [form] = Form.useForm<{ receivedOn: Dayjs | null; note: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (saving) return;
    const v = form.getFieldsValue(true) as { receivedOn: Dayjs | null; note: string };
    await submitModalForm({
      form,
      schema: obligationReceiptInput,
      input: { id: obligation.id, receivedOn: toIso(v.receivedOn) ?? '', note: v.note ?? '' },
      fieldMessages: { receivedOn: '请选择收到日期' },
      send: (checked) => call('obligations.receive', checked),
      onSaved,
      setError,
      setSaving,
      toast: (text) => message.error(text),
    });
  };

  return (
    <Modal
      open
      title={`登记回复 · ${obligation.unitName}`}
      width={560}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => void save()} data-testid="obligation-receive-submit">
          登记回复
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        《{obligation.documentTitle}》要求{obligation.unitName}于{fmtDate(obligation.dueDate)}前报送{OBLIGATION_KIND_LABELS[obligation.kind]}。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ receivedOn: dayjs(info.today), note: '' }}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed) => clearChangedErrors(form, changed)}
        className="dense-form"
        data-testid="obligation-receive-form"
      >
        <Form.Item name="receivedOn" label="收到日期" required>
          <DatePicker format={DATE_FORMAT} allowClear={false} style={{ width: 220 }} disabledDate={(d) => d.format('YYYY-MM-DD') > info.today} />
        </Form.Item>
        <Form.Item name="note" label="回复情况">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} autoFocus placeholder="如：已书面报送整改情况，问题已整改到位" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
