import IntegrityCheck from '../components/IntegrityCheck';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import {
  HOLIDAY_KINDS,
  HOLIDAY_KIND_LABELS,
  settingsInput,
  type HolidayKind,
  type HolidayOverride,
  type HolidayYear,
  type Settings as SettingsData,
} from '../../../electron/contract';
import { ApiError, call, errorMessage } from '../api';
import { useAppState } from '../context';
import DocumentSettingsCard from '../documents/DocumentSettingsCard';
import { DATE_FORMAT, fmtDate, fmtWeekday, toIso } from '../format';
import { applyFieldMessages, clearChangedErrors, saveOnEnter, serverMessages, zodMessages } from '../forms';
import { AssessmentRulesCard, WorkflowSettingsCard } from '../workflow/SettingsCards';

export default function Settings() {
  return (
    <div className="page settings-page" data-testid="settings-page">
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <GeneralSettings />
          <DocumentSettingsCard />
          <DatabaseCard />
        </Col>
        <Col xs={24} xl={12}>
          <HolidaySettings />
          <WorkflowSettingsCard />
          <AssessmentRulesCard />
        </Col>
      </Row>
    </div>
  );
}

function GeneralSettings() {
  const { message } = AntApp.useApp();
  const { refreshInfo, dataChanged } = useAppState();
  const [form] = Form.useForm<SettingsData>();
  const [loaded, setLoaded] = useState<SettingsData | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('settings.get', {})
      .then((s) => {
        setLoaded(s);
        form.setFieldsValue(s);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [form]);

  const save = async () => {
    if (saving) return;
    setError(null);
    const v = form.getFieldsValue(true) as Partial<SettingsData>;
    const input = { operator: v.operator ?? '', officeName: v.officeName ?? '', dueSoonWorkdays: v.dueSoonWorkdays ?? 0 };
    const parsed = settingsInput.safeParse(input);
    if (!parsed.success) {
      applyFieldMessages(form, zodMessages(parsed.error));
      return;
    }
    applyFieldMessages(form, []);
    setSaving(true);
    try {
      const s = await call('settings.update', input);
      setLoaded(s);
      form.setFieldsValue(s);
      message.success('设置已保存。');
      await refreshInfo();
      dataChanged();
    } catch (err) {
      if (err instanceof ApiError && err.fields) {
        const rest = applyFieldMessages(form, serverMessages(err));
        if (rest.length) setError(err.message);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="基本设置" className="settings-card">
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 7 }}
        wrapperCol={{ span: 17 }}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed: Partial<SettingsData>) => clearChangedErrors(form, changed)}
        disabled={!loaded}
        data-testid="settings-form"
      >
        <Form.Item name="operator" label="经办人" required extra="进度登记、督办记录和修改痕迹记下的经办人。">
          <Input maxLength={40} data-testid="settings-operator" />
        </Form.Item>
        <Form.Item name="officeName" label="发文机关名称" required extra="督查通知、催办通知等文书的落款。">
          <Input maxLength={60} placeholder="如：绍兴市上虞区人民政府办公室" data-testid="settings-office" />
        </Form.Item>
        <Form.Item label="临期提醒" required extra="距办理期限不足这些工作日、尚未办结的事项亮黄灯。">
          <Space>
            <Form.Item name="dueSoonWorkdays" noStyle>
              <InputNumber min={0} max={30} precision={0} style={{ width: 90 }} data-testid="settings-due-soon" />
            </Form.Item>
            <span>个工作日</span>
          </Space>
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form.Item wrapperCol={{ offset: 7 }} style={{ marginBottom: 0 }}>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="settings-save">
            保存设置
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function HolidaySettings() {
  const { message } = AntApp.useApp();
  const { currentYear, dataChanged } = useAppState();
  const [year, setYear] = useState(currentYear);
  const [data, setData] = useState<HolidayYear | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [date, setDate] = useState<Dayjs | null>(null);
  const [kind, setKind] = useState<HolidayKind>('holiday');
  const [note, setNote] = useState('');
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);

  const load = useCallback(async (y: number) => {
    setLoading(true);
    try {
      setData(await call('holidays.get', { year: y }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(year);
  }, [load, year]);

  const add = async () => {
    const iso = toIso(date);
    if (!iso) {
      message.warning('请先选择日期。');
      return;
    }
    setAdding(true);
    try {
      const res = await call('holidays.set', { date: iso, kind, note });
      if (res.year === year) setData(res);
      else void load(year);
      message.success(`已将${fmtDate(iso)}设为${HOLIDAY_KIND_LABELS[kind]}。`);
      setDate(null);
      setNote('');
      dataChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setAdding(false);
    }
  };

  const remove = async (o: HolidayOverride) => {
    setRemoving(o.id);
    try {
      const res = await call('holidays.remove', { id: o.id });
      if (res.year === year) setData(res);
      else void load(year);
      message.success(`已删除${fmtDate(o.date)}的调整。`);
      dataChanged();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setRemoving(null);
    }
  };

  const columns: ColumnsType<HolidayOverride> = [
    {
      title: '日期',
      dataIndex: 'date',
      width: 170,
      render: (d: string) => (
        <span>
          {fmtDate(d)} <span className="muted">{fmtWeekday(d)}</span>
        </span>
      ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 100,
      render: (k: HolidayKind) => <Tag color={k === 'holiday' ? 'red' : 'blue'}>{HOLIDAY_KIND_LABELS[k]}</Tag>,
    },
    { title: '说明', dataIndex: 'note', render: (n: string) => n || '—' },
    {
      title: '',
      key: 'ops',
      width: 70,
      render: (_: unknown, o) => (
        <Popconfirm title={`删除${fmtDate(o.date)}的调整？`} okText="删除" cancelText="取消" onConfirm={() => remove(o)}>
          <Button size="small" type="link" danger icon={<DeleteOutlined />} loading={removing === o.id}>
            删除
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title="节假日调整"
      className="settings-card"
      extra={
        <DatePicker
          picker="year"
          value={dayjs(`${year}-01-01`)}
          onChange={(d) => d && setYear(d.year())}
          allowClear={false}
          format="YYYY年"
          style={{ width: 110 }}
          data-testid="holiday-year"
        />
      }
      data-testid="holiday-settings"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        “工作日”时限跳过周末和法定节假日，调休上班的周末算工作日。内置日历按国务院办公厅每年公布的放假安排；这里逐日录入的调整优先于内置日历，保存后各事项的期限和亮灯随之更新。
      </Typography.Paragraph>
      {data && !data.builtIn && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${year}年的法定节假日安排尚未内置，请按国务院办公厅通知逐日录入放假和调休上班日期`}
          data-testid="holiday-not-builtin"
        />
      )}
      {data?.builtIn && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${year}年的法定节假日安排已内置；如有临时调整，可在下面补充。`}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <div className="holiday-add" data-testid="holiday-add">
        <DatePicker
          value={date}
          onChange={setDate}
          format={DATE_FORMAT}
          placeholder="选择日期"
          defaultPickerValue={dayjs(`${year}-01-01`)}
          style={{ width: 160 }}
          data-testid="holiday-date"
        />
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value as HolidayKind)}
          optionType="button"
          options={HOLIDAY_KINDS.map((k) => ({ value: k, label: HOLIDAY_KIND_LABELS[k] }))}
        />
        <Input
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="说明，如：国庆节、国庆调休"
          maxLength={60}
          className="holiday-note"
          onPressEnter={() => void add()}
          data-testid="holiday-note"
        />
        <Button type="primary" icon={<PlusOutlined />} loading={adding} onClick={() => void add()} data-testid="holiday-submit">
          添加
        </Button>
      </div>
      <Table
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={[...(data?.overrides ?? [])].sort((a, b) => a.date.localeCompare(b.date))}
        loading={loading}
        pagination={false}
        locale={{ emptyText: `${year}年没有手工调整` }}
        data-testid="holiday-table"
      />
    </Card>
  );
}

function DatabaseCard() {
  const { info } = useAppState();

  return (
    <Card size="small" title="数据库" className="settings-card" data-testid="database-card">
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: 90 } }}
        items={[
          {
            key: 'path',
            label: '文件位置',
            children: (
              <Typography.Text copyable={{ text: info.dbPath, tooltips: ['复制路径', '已复制'] }} className="mono">
                {info.dbPath}
              </Typography.Text>
            ),
          },
          { key: 'schema', label: '结构版本', children: `第 ${info.schemaVersion} 版` },
          { key: 'device', label: '本机编号', children: <span className="mono">{info.deviceId}</span> },
        ]}
      />
      <IntegrityCheck label="检查数据库" testId="db-check" />
    </Card>
  );
}
