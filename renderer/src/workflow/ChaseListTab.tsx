/**
 * 催办名单: the units to chase this year, each with the reasons (逾期未说明原因, 未按期报送, 通知书/整改逾期未回复).
 * Tick units → 生成催办通知 (one draft per unit, from its list) and 登记催办 (one action per item).
 */
import { FileAddOutlined, PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Checkbox, DatePicker, Empty, Form, Input, Modal, Radio, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { ACTION_METHODS, ACTION_METHOD_LABELS, SOURCE_LABELS, type ActionMethod } from '../../../electron/contract';
import type { DocumentSummary } from '../../../electron/contract/documents';
import {
  CHASE_REASON_LABELS,
  chaseNoticeInput,
  chaseRecordInput,
  type ChaseGroup,
  type ChaseItem,
  type ChaseList,
} from '../../../electron/contract/workflow';
import { call, errorMessage } from '../api';
import { useAppState, type ChaseFocus } from '../context';
import { useDocuments } from '../documents/DocumentsHost';
import { DATE_FORMAT, fmtDate, toIso } from '../format';
import { clearChangedErrors, saveOnEnter, submitModalForm } from '../forms';
import { CHASE_REASON_COLORS } from './labels';

interface Props {
  year: number;
  focus: ChaseFocus | null;
}

/** The drafts of the last 生成催办通知, and the units they were drafted for. */
interface Drafted {
  unitIds: string[];
  documents: DocumentSummary[];
}

export default function ChaseListTab({ year, focus }: Props) {
  const { message } = AntApp.useApp();
  const { dataVersion, dataChanged, openTask, info, units } = useAppState();
  const docs = useDocuments();
  const [list, setList] = useState<ChaseList | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unitFilter, setUnitFilter] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'notice' | 'record' | null>(null);
  const [drafted, setDrafted] = useState<Drafted | null>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const n = ++seq.current;
    setLoading(true);
    try {
      const res = await call('chase.list', { year, unitId: null });
      if (n !== seq.current) return;
      setList(res);
      setError(null);
    } catch (err) {
      if (n === seq.current) setError(errorMessage(err));
    } finally {
      if (n === seq.current) setLoading(false);
    }
  }, [year]);

  // a signed 情况通报 restarts the count towards the next one; signed notices add answers to chase
  useEffect(() => {
    void load();
  }, [load, dataVersion, docs.version]);

  // A visit from the 工作台 (or elsewhere) picks one unit out and ticks it.
  useEffect(() => {
    if (!focus) return;
    setUnitFilter(focus.unitId);
    setSelected(focus.unitId ? [focus.unitId] : []);
  }, [focus]);

  const groups = useMemo(() => list?.groups ?? [], [list]);
  const shown = useMemo(() => (unitFilter ? groups.filter((g) => g.unitId === unitFilter) : groups), [groups, unitFilter]);
  const selectedGroups = groups.filter((g) => selected.includes(g.unitId));
  const focusName = unitFilter ? (groups.find((g) => g.unitId === unitFilter)?.unitName ?? null) : null;
  const filterName = unitFilter ? (focusName ?? units.find((u) => u.id === unitFilter)?.name ?? '该单位') : null;

  const columns: ColumnsType<ChaseGroup> = [
    {
      title: '单位',
      dataIndex: 'unitName',
      width: 200,
      render: (name: string, g) => (
        <div className="chase-unit">
          <b>{name}</b>
          {g.flaggedForBulletin && (
            <Tag color="red" className="chase-flag" data-testid="chase-flag">
              已催办{g.chasesSinceLastBulletin}次，列入下期通报
            </Tag>
          )}
        </div>
      ),
    },
    { title: '联系人', dataIndex: 'contact', width: 140, render: (c: string) => c || <span className="muted">—</span> },
    {
      title: '催办事项',
      key: 'items',
      render: (_: unknown, g) => (
        <ul className="chase-items">
          {g.items.map((it, i) => (
            <ChaseItemLine key={`${it.reason}-${it.taskId ?? it.obligationId ?? i}-${it.periodLabel ?? ''}`} item={it} onOpenTask={openTask} onOpenDocument={docs.openDocument} />
          ))}
        </ul>
      ),
    },
    {
      title: '已催办',
      key: 'chased',
      width: 160,
      render: (_: unknown, g) => (
        <div className="chase-count">
          <div>
            本年 <b data-testid="chase-count">{g.chasesThisYear}</b> 次
          </div>
          <div className="muted">通报后 {g.chasesSinceLastBulletin} 次</div>
          {g.lastChasedOn && <div className="muted">最近 {fmtDate(g.lastChasedOn)}</div>}
        </div>
      ),
    },
  ];

  const draftsForSelection = drafted && selected.every((id) => drafted.unitIds.includes(id)) ? drafted.documents : [];

  return (
    <div className="chase-tab" data-testid="chase-list">
      <div className="page-toolbar">
        <Space wrap>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部单位"
            value={unitFilter ?? undefined}
            onChange={(v?: string) => setUnitFilter(v ?? null)}
            options={groups.map((g) => ({ value: g.unitId, label: g.unitName }))}
            style={{ width: 220 }}
            aria-label="单位"
            data-testid="chase-unit-filter"
          />
          <Tooltip title="为勾选的单位各起草一份催办通知（草稿进入公文登记簿）">
            <Button
              type="primary"
              icon={<FileAddOutlined />}
              disabled={selected.length === 0}
              onClick={() => setDialog('notice')}
              data-testid="chase-draft-notices"
            >
              生成催办通知{selected.length ? `（${selected.length}）` : ''}
            </Button>
          </Tooltip>
          <Tooltip title="记下对勾选单位的一次催办：方式、日期、情况">
            <Button icon={<PhoneOutlined />} disabled={selected.length === 0} onClick={() => setDialog('record')} data-testid="chase-record">
              登记催办{selected.length ? `（${selected.length}）` : ''}
            </Button>
          </Tooltip>
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} aria-label="刷新" />
          </Tooltip>
        </Space>
        {list && (
          <Typography.Text type="secondary">
            {groups.length} 个单位待催办 · 通报后催办满 {list.chaseFlagCount} 次的单位列入下期情况通报
          </Typography.Text>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {unitFilter && list && !focusName && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${filterName}目前没有需要催办的事项。`}
          action={
            <Button size="small" onClick={() => setUnitFilter(null)}>
              显示全部单位
            </Button>
          }
        />
      )}
      <Table<ChaseGroup>
        size="small"
        rowKey="unitId"
        columns={columns}
        dataSource={shown}
        loading={loading && !list}
        pagination={false}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (g) => ({ 'aria-label': `选择${g.unitName}` }) as object,
        }}
        onRow={(g) => ({ 'data-testid': 'chase-group', 'data-unit-id': g.unitId, 'data-chased': g.chasesThisYear }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${year}年没有需要催办的单位`} /> }}
        data-testid="chase-table"
      />
      {dialog === 'notice' && (
        <NoticeDialog
          year={year}
          groups={selectedGroups}
          today={info.today}
          onClose={() => setDialog(null)}
          onDrafted={(documents) => {
            setDrafted({ unitIds: [...selected], documents });
            docs.changed();
          }}
          onOpen={(id) => {
            setDialog(null);
            docs.openDocument(id);
          }}
          onRegistry={() => {
            setDialog(null);
            docs.showRegistry();
          }}
          onRecord={() => setDialog('record')}
        />
      )}
      {dialog === 'record' && (
        <RecordDialog
          year={year}
          groups={selectedGroups}
          drafts={draftsForSelection}
          today={info.today}
          onClose={() => setDialog(null)}
          onSaved={(res) => {
            setDialog(null);
            setList(res);
            message.success(`已登记对 ${selected.length} 个单位的催办。`);
            setSelected([]);
            dataChanged();
          }}
        />
      )}
    </div>
  );
}

function ChaseItemLine({
  item,
  onOpenTask,
  onOpenDocument,
}: {
  item: ChaseItem;
  onOpenTask: (id: string) => void;
  onOpenDocument: (id: string) => void;
}) {
  const what = item.taskId ? (
    <a onClick={() => onOpenTask(item.taskId!)} data-testid="chase-task" data-task-id={item.taskId}>
      {item.taskCode ? <span className="muted">{item.taskCode} </span> : null}
      {item.taskTitle}
    </a>
  ) : item.documentId ? (
    <a onClick={() => onOpenDocument(item.documentId!)}>
      {item.taskTitle}
      {item.documentNumber ? `（${item.documentNumber}）` : ''}
    </a>
  ) : (
    <span>{item.taskTitle}</span>
  );
  return (
    <li className="chase-item" data-reason={item.reason}>
      <Tag color={CHASE_REASON_COLORS[item.reason]}>{CHASE_REASON_LABELS[item.reason]}</Tag>
      <span className="chase-item-what">{what}</span>
      <span className="chase-item-meta">
        {item.source && <span className="muted">{SOURCE_LABELS[item.source]}</span>}
        {item.periodLabel && <Tag>{item.periodLabel}</Tag>}
        <span>期限 {fmtDate(item.dueDate)}</span>
        {item.daysOverdue > 0 && <span className="num-red">逾期{item.daysOverdue}天</span>}
        {item.chasedTimes > 0 && <span className="muted">已催办{item.chasedTimes}次</span>}
      </span>
    </li>
  );
}

function NoticeDialog(props: {
  year: number;
  groups: ChaseGroup[];
  today: string;
  onClose: () => void;
  onDrafted: (docs: DocumentSummary[]) => void;
  onOpen: (id: string) => void;
  onRegistry: () => void;
  onRecord: () => void;
}) {
  const { year, groups, today, onClose, onDrafted, onOpen, onRegistry, onRecord } = props;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ newDeadline: Dayjs | null }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<DocumentSummary[] | null>(null);

  const draft = async () => {
    if (saving || result) return;
    const v = form.getFieldsValue(true) as { newDeadline: Dayjs | null };
    await submitModalForm({
      form,
      schema: chaseNoticeInput,
      input: { year, unitIds: groups.map((g) => g.unitId), newDeadline: toIso(v.newDeadline) ?? '' },
      fieldMessages: { newDeadline: '请选择反馈期限' },
      send: (checked) => call('chase.draftNotices', checked),
      onSaved: (docs) => {
        setResult(docs);
        onDrafted(docs);
      },
      setError,
      setSaving,
      toast: (text) => message.error(text),
    });
  };

  return (
    <Modal
      open
      title="生成催办通知"
      width={560}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        result
          ? [
              <Button key="registry" onClick={onRegistry} data-testid="chase-notices-registry">
                到公文登记簿
              </Button>,
              <Button key="record" onClick={onRecord} data-testid="chase-notices-record">
                登记催办
              </Button>,
              <Button key="open" type="primary" disabled={result.length === 0} onClick={() => result[0] && onOpen(result[0].id)} data-testid="chase-notices-open">
                打开草稿
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                取消
              </Button>,
              <Button key="ok" type="primary" loading={saving} onClick={() => void draft()} data-testid="chase-notices-submit">
                生成草稿
              </Button>,
            ]
      }
    >
      {result ? (
        <div data-testid="chase-notices-result" data-count={result.length}>
          <Alert type="success" showIcon title={`已生成 ${result.length} 份催办通知草稿，送签、签发后即可导出。`} style={{ marginBottom: 12 }} />
          <ul className="plain-list">
            {result.map((d) => (
              <li key={d.id}>
                <a onClick={() => onOpen(d.id)}>{d.title}</a>
                <span className="muted"> · 主送 {d.recipients.join('、') || '—'}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ newDeadline: dayjs(today).add(7, 'day') }}
          onKeyDown={saveOnEnter(() => void draft())}
          onValuesChange={(changed) => clearChangedErrors(form, changed)}
          className="dense-form"
          data-testid="chase-notice-form"
        >
          <Typography.Paragraph type="secondary">
            为 {groups.map((g) => g.unitName).join('、')} 各起草一份催办通知，列明其催办名单上的事项、原期限，要求在反馈期限前书面说明情况。
          </Typography.Paragraph>
          <Form.Item name="newDeadline" label="反馈期限" required>
            <DatePicker
              format={DATE_FORMAT}
              allowClear={false}
              style={{ width: 220 }}
              disabledDate={(d) => d.format('YYYY-MM-DD') < today}
              data-testid="chase-notice-deadline"
            />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} />}
        </Form>
      )}
    </Modal>
  );
}

interface RecordValues {
  method: ActionMethod;
  actionDate: Dayjs | null;
  note: string;
  linkDrafts: boolean;
}

function RecordDialog(props: {
  year: number;
  groups: ChaseGroup[];
  drafts: DocumentSummary[];
  today: string;
  onClose: () => void;
  onSaved: (list: ChaseList) => void;
}) {
  const { year, groups, drafts, today, onClose, onSaved } = props;
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RecordValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (saving) return;
    const v = form.getFieldsValue(true) as RecordValues;
    await submitModalForm({
      form,
      schema: chaseRecordInput,
      input: {
        year,
        unitIds: groups.map((g) => g.unitId),
        method: v.method,
        actionDate: toIso(v.actionDate) ?? '',
        note: v.note ?? '',
        documentIds: v.linkDrafts ? drafts.map((d) => d.id) : [],
      },
      fieldMessages: { actionDate: '请选择催办日期' },
      send: (checked) => call('chase.record', checked),
      onSaved,
      setError,
      setSaving,
      toast: (text) => message.error(text),
    });
  };

  const items = groups.reduce((n, g) => n + g.items.length, 0);

  return (
    <Modal
      open
      title="登记催办"
      width={600}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <span key="hint" className="footer-hint">
          Ctrl+Enter 保存 · Esc 取消
        </span>,
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => void save()} data-testid="chase-record-submit">
          保存催办记录
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ method: 'phone', actionDate: dayjs(today), note: '', linkDrafts: drafts.length > 0 }}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed) => clearChangedErrors(form, changed)}
        className="dense-form"
        data-testid="chase-record-form"
      >
        <Typography.Paragraph type="secondary">
          对 {groups.map((g) => g.unitName).join('、')} 催办，共 {items} 项；每项记一条催办记录，计入单位的催办次数。
        </Typography.Paragraph>
        <Form.Item name="method" label="催办方式" required>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={ACTION_METHODS.map((m) => ({ value: m, label: ACTION_METHOD_LABELS[m] }))}
            data-testid="chase-record-method"
          />
        </Form.Item>
        <Form.Item name="actionDate" label="催办日期" required>
          <DatePicker format={DATE_FORMAT} allowClear={false} style={{ width: 220 }} data-testid="chase-record-date" />
        </Form.Item>
        <Form.Item name="note" label="催办情况">
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            placeholder="如：电话联系办公室主任，要求三日内书面说明逾期原因"
            autoFocus
            data-testid="chase-record-note"
          />
        </Form.Item>
        {drafts.length > 0 && (
          <Form.Item name="linkDrafts" valuePropName="checked">
            <Checkbox data-testid="chase-record-link">关联刚生成的 {drafts.length} 份催办通知</Checkbox>
          </Form.Item>
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
