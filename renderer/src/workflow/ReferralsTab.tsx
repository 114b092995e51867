/** 移送纪检监察: the referrals recorded this year, and 登记移送. */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useRef, useState, type HTMLAttributes } from 'react';
import type { Referral } from '../../../electron/contract/workflow';
import { call, errorMessage } from '../api';
import { useAppState, type ChaseFocus } from '../context';
import { fmtDate, fmtDateTime } from '../format';
import ReferralForm from './ReferralForm';

export default function ReferralsTab({ year, focus }: { year: number; focus: ChaseFocus | null }) {
  const { message } = AntApp.useApp();
  const { dataVersion, dataChanged, openTask } = useAppState();
  const [rows, setRows] = useState<Referral[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const seq = useRef(0);
  const unitId = focus?.tab === 'referrals' ? focus.unitId : null;

  const load = useCallback(async () => {
    const n = ++seq.current;
    setLoading(true);
    try {
      const res = await call('referrals.list', { year, unitId: null, taskId: null });
      if (n !== seq.current) return;
      setRows(res);
      setError(null);
    } catch (err) {
      if (n === seq.current) setError(errorMessage(err));
    } finally {
      if (n === seq.current) setLoading(false);
    }
  }, [year]);

  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  const columns: ColumnsType<Referral> = [
    { title: '移送日期', dataIndex: 'referredOn', width: 120, render: (d: string) => fmtDate(d) },
    { title: '单位', dataIndex: 'unitName', width: 160 },
    {
      title: '涉及事项',
      key: 'task',
      width: 220,
      ellipsis: true,
      render: (_: unknown, r) => (r.taskId ? <a onClick={() => openTask(r.taskId!)}>{r.taskTitle}</a> : <span className="muted">—</span>),
    },
    { title: '移送机关', dataIndex: 'referredTo', width: 130 },
    { title: '移送事由', dataIndex: 'reason', render: (s: string) => <span className="pre-wrap">{s}</span> },
    { title: '备注', dataIndex: 'note', width: 160, render: (s: string) => s || <span className="muted">—</span> },
    {
      title: '登记',
      key: 'by',
      width: 160,
      render: (_: unknown, r) => (
        <span className="muted">
          {r.operator} · {fmtDateTime(r.createdAt)}
        </span>
      ),
    },
  ];

  return (
    <div className="chase-tab" data-testid="referrals-tab">
      <div className="page-toolbar">
        <Space wrap>
          <Button type="primary" danger icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="referral-add">
            登记移送
          </Button>
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} aria-label="刷新" />
          </Tooltip>
        </Space>
        <Typography.Text type="secondary">督促检查中发现失职渎职、违纪违法等情形的，移送纪检监察部门调查追责。</Typography.Text>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Referral>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows ?? []}
        loading={loading && !rows}
        pagination={{ defaultPageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        onRow={(r) => ({ 'data-testid': 'referral-row', 'data-unit-id': r.unitId }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: `${year}年没有移送记录` }}
        data-testid="referrals-table"
      />
      {adding && (
        <ReferralForm
          preset={{ unitId }}
          onClose={() => setAdding(false)}
          onSaved={(r) => {
            setAdding(false);
            message.success(`已登记将${r.unitName}移送${r.referredTo}。`);
            dataChanged();
          }}
        />
      )}
    </div>
  );
}
