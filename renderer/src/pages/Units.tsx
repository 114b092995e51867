import { EditOutlined, FileExcelOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { UNIT_KINDS, UNIT_KIND_LABELS, unitInput, type Unit, type UnitKind } from '../../../electron/contract';
import { ApiError, call, errorMessage } from '../api';
import { useAppState } from '../context';
import { applyFieldMessages, clearChangedErrors, saveOnEnter, serverMessages, zodMessages } from '../forms';
import { FeedbackExportDialog, FeedbackImportDialog } from '../xlsx/FeedbackDialogs';

type KindFilter = UnitKind | 'all';

function Person({ name, phone }: { name: string; phone: string }) {
  if (!name && !phone) return <span className="muted">—</span>;
  return (
    <span className="person">
      <span>{name || '—'}</span>
      {phone && <span className="person-phone">{phone}</span>}
    </span>
  );
}

export default function Units() {
  const { message } = AntApp.useApp();
  const { dataVersion, dataChanged, openLedger, conflicted } = useAppState();
  const [list, setList] = useState<Unit[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<KindFilter>('all');
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(true);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [toggling, setToggling] = useState<string | null>(null);
  /** 单位反馈表: export (for a unit, or choose one) or import */
  const [feedback, setFeedback] = useState<{ kind: 'export'; unitId: string | null } | { kind: 'import' } | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setList(await call('units.list', { includeInactive: true }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  const setActive = async (u: Unit, active: boolean) => {
    setToggling(u.id);
    try {
      await call('units.setActive', { id: u.id, active });
      message.success(active ? `已启用“${u.name}”。` : `已停用“${u.name}”，其事项和记录均保留。`);
      dataChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setToggling(null);
    }
  };

  const all = list ?? [];
  const counts = useMemo(() => {
    const c: Record<KindFilter, number> = { all: 0, township: 0, subdistrict: 0, department: 0, other: 0 };
    for (const u of all) {
      if (!showInactive && !u.active) continue;
      c.all++;
      c[u.kind]++;
    }
    return c;
  }, [all, showInactive]);

  const q = search.trim().toLowerCase();
  const rows = all.filter(
    (u) =>
      (showInactive || u.active) &&
      (kind === 'all' || u.kind === kind) &&
      (!q ||
        [u.name, u.shortName, u.leaderName, u.directorName, u.liaisonName, u.leaderPhone, u.directorPhone, u.liaisonPhone]
          .join(' ')
          .toLowerCase()
          .includes(q)),
  );

  const columns: ColumnsType<Unit> = [
    {
      title: '单位名称',
      dataIndex: 'name',
      render: (name: string, u) => (
        <span>
          <span className={u.active ? '' : 'muted'}>{name}</span>
          {u.shortName && u.shortName !== name && <span className="muted"> （{u.shortName}）</span>}
          {conflicted.units.has(u.id) && (
            <Tag color="orange" className="conflict-tag" title="有同步冲突待确认（同步冲突页处理）" data-testid="unit-conflict-tag">
              冲突
            </Tag>
          )}
        </span>
      ),
    },
    { title: '类别', dataIndex: 'kind', width: 84, render: (k: UnitKind) => UNIT_KIND_LABELS[k] },
    { title: '分管负责同志', key: 'leader', width: 170, render: (_: unknown, u) => <Person name={u.leaderName} phone={u.leaderPhone} /> },
    { title: '办公室主任', key: 'director', width: 170, render: (_: unknown, u) => <Person name={u.directorName} phone={u.directorPhone} /> },
    { title: '联络员', key: 'liaison', width: 170, render: (_: unknown, u) => <Person name={u.liaisonName} phone={u.liaisonPhone} /> },
    {
      title: '在办事项',
      dataIndex: 'openTaskCount',
      width: 84,
      align: 'right',
      render: (n: number, u) =>
        n > 0 ? (
          <a onClick={() => openLedger({ unitId: u.id, year: null })} title="在台账中查看该单位的事项">
            {n}
          </a>
        ) : (
          <span className="muted">0</span>
        ),
    },
    {
      title: '状态',
      dataIndex: 'active',
      width: 70,
      render: (a: boolean) => (a ? <Tag color="green">在用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '操作',
      key: 'ops',
      width: 210,
      render: (_: unknown, u) => (
        <Space size={4}>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(u)} data-testid="unit-edit">
            编辑
          </Button>
          <Button
            size="small"
            type="link"
            icon={<FileExcelOutlined />}
            onClick={() => setFeedback({ kind: 'export', unitId: u.id })}
            title="导出该单位的反馈表（Excel），由单位填写本期进展后交回"
            data-testid="unit-feedback-export"
          >
            反馈表
          </Button>
          {u.active ? (
            <Popconfirm
              title={`停用“${u.name}”？`}
              description={
                <div style={{ maxWidth: 280 }}>
                  停用后，新建事项时不再能选择该单位；该单位已有的事项、进度报告和督办记录全部保留，台账中照常显示，可随时重新启用。
                  {u.openTaskCount > 0 && <div className="num-orange">该单位还有 {u.openTaskCount} 项在办事项。</div>}
                </div>
              }
              okText="停用"
              cancelText="取消"
              onConfirm={() => setActive(u, false)}
            >
              <Button size="small" type="link" danger icon={<StopOutlined />} loading={toggling === u.id} data-testid="unit-deactivate">
                停用
              </Button>
            </Popconfirm>
          ) : (
            <Button
              size="small"
              type="link"
              icon={<UndoOutlined />}
              loading={toggling === u.id}
              onClick={() => void setActive(u, true)}
              data-testid="unit-activate"
            >
              启用
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="page" data-testid="units-page">
      <div className="page-toolbar">
        <Space wrap>
          <Segmented<KindFilter>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: `全部 ${counts.all}` },
              ...UNIT_KINDS.map((k) => ({ value: k, label: `${UNIT_KIND_LABELS[k]} ${counts[k]}` })),
            ]}
            data-testid="unit-kind-filter"
          />
          <Input.Search
            allowClear
            placeholder="搜索单位、联系人、电话"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: 240 }}
            data-testid="unit-search"
          />
          <Checkbox checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)}>
            显示已停用
          </Checkbox>
        </Space>
        <Space>
          <Button icon={<FileExcelOutlined />} onClick={() => setFeedback({ kind: 'export', unitId: null })} data-testid="feedback-export-open">
            导出反馈表
          </Button>
          <Button icon={<FileExcelOutlined />} onClick={() => setFeedback({ kind: 'import' })} data-testid="feedback-import-open">
            导入反馈表
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="unit-new">
            新增单位
          </Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        按督查工作联系制度，每个单位登记分管负责同志、办公室主任和联络员及电话。单位不能删除，只能停用：停用的单位保留全部历史事项和记录。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Table
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading && !list}
        pagination={false}
        rowClassName={(u) => (u.active ? '' : 'row-inactive')}
        data-testid="units-table"
      />
      {feedback?.kind === 'export' && <FeedbackExportDialog unitId={feedback.unitId} onClose={() => setFeedback(null)} />}
      {feedback?.kind === 'import' && <FeedbackImportDialog onClose={() => setFeedback(null)} />}
      {editing && (
        <UnitForm
          unit={editing === 'new' ? null : editing}
          defaultKind={kind === 'all' ? 'department' : kind}
          onClose={() => setEditing(null)}
          onSaved={(u) => {
            setEditing(null);
            message.success(`已保存“${u.name}”。`);
            dataChanged();
          }}
        />
      )}
    </div>
  );
}

interface UnitValues {
  name: string;
  shortName: string;
  kind: UnitKind;
  leaderName: string;
  leaderPhone: string;
  directorName: string;
  directorPhone: string;
  liaisonName: string;
  liaisonPhone: string;
  sortOrder: number | null;
}

function UnitForm({
  unit,
  defaultKind,
  onClose,
  onSaved,
}: {
  unit: Unit | null;
  defaultKind: UnitKind;
  onClose: () => void;
  onSaved: (u: Unit) => void;
}) {
  const [form] = Form.useForm<UnitValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const initial: UnitValues = unit
    ? { ...unit }
    : {
        name: '',
        shortName: '',
        kind: defaultKind,
        leaderName: '',
        leaderPhone: '',
        directorName: '',
        directorPhone: '',
        liaisonName: '',
        liaisonPhone: '',
        sortOrder: 0,
      };

  const save = async () => {
    if (saving) return;
    setError(null);
    const v = form.getFieldsValue(true) as UnitValues;
    const raw = {
      name: v.name ?? '',
      shortName: v.shortName ?? '',
      kind: v.kind,
      leaderName: v.leaderName ?? '',
      leaderPhone: v.leaderPhone ?? '',
      directorName: v.directorName ?? '',
      directorPhone: v.directorPhone ?? '',
      liaisonName: v.liaisonName ?? '',
      liaisonPhone: v.liaisonPhone ?? '',
      sortOrder: v.sortOrder ?? 0,
    };
    const parsed = unitInput.safeParse(raw);
    if (!parsed.success) {
      const rest = applyFieldMessages(form, zodMessages(parsed.error));
      if (rest.length) setError(rest.map((r) => r.message).join('；'));
      return;
    }
    applyFieldMessages(form, []);
    setSaving(true);
    try {
      const saved = unit ? await call('units.update', { id: unit.id, unit: parsed.data }) : await call('units.create', parsed.data);
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.fields) {
        const rest = applyFieldMessages(
          form,
          serverMessages(err).map((m) => (m.path[0] === 'unit' ? { ...m, path: m.path.slice(1) } : m)),
        );
        if (rest.length) setError(err.message);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={unit ? `编辑单位 · ${unit.name}` : '新增单位'}
      width={640}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={[
        <span key="hint" className="footer-hint">
          Enter 保存 · Esc 取消
        </span>,
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => void save()} data-testid="unit-save">
          保存
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed: Partial<UnitValues>) => clearChangedErrors(form, changed)}
        className="dense-form"
        data-testid="unit-form"
      >
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="name" label="单位名称" required>
              <Input maxLength={60} placeholder="如：区发改局、百官街道" autoFocus data-testid="unit-name" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="shortName" label="简称">
              <Input maxLength={20} placeholder="用于表格和文书中的简写" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="kind" label="类别" required>
              <Radio.Group optionType="button" options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sortOrder" label="排序号" extra="小的在前">
              <InputNumber min={0} max={99999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {(
          [
            ['leaderName', 'leaderPhone', '分管负责同志'],
            ['directorName', 'directorPhone', '办公室主任'],
            ['liaisonName', 'liaisonPhone', '联络员'],
          ] as const
        ).map(([n, p, label]) => (
          <Row gutter={12} key={n}>
            <Col span={10}>
              <Form.Item name={n} label={label}>
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item name={p} label={`${label}电话`}>
                <Input maxLength={40} placeholder="如：0575-82123456、13800000000" />
              </Form.Item>
            </Col>
          </Row>
        ))}
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
