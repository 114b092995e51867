import { NotificationOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Empty, Row, Select, Space, Spin, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import {
  SOURCE_LABELS,
  STATUS_LIGHTS,
  type Dashboard as DashboardData,
  type StatusCounts,
  type TaskRow,
  type TaskSource,
  type TaskStatus,
} from '../../../electron/contract';
import { call, errorMessage } from '../api';
import { StatusLight } from '../components/StatusLight';
import { useAppState } from '../context';
import { useDocuments } from '../documents/DocumentsHost';
import { fmtDate, fmtMonthDay, fmtPercent } from '../format';
import WorkflowCards from '../workflow/WorkflowCards';
import PrintButton from '../print/PrintButton';
import { dashboardPrintJob } from '../print/PrintDashboard';

type CountKey = keyof StatusCounts;

const CARDS: Array<{ key: CountKey; label: string; light: string; hint: string }> = [
  { key: 'total', label: '事项总数', light: 'blue', hint: '本年度全部督查事项' },
  { key: 'done', label: '已办结', light: 'grey', hint: '已标记办结的事项' },
  { key: 'on_track', label: '正常推进', light: 'green', hint: '未到期且进度不落后于计划' },
  { key: 'due_soon', label: '临期', light: 'yellow', hint: '临近办理期限、尚未办结' },
  { key: 'overdue', label: '逾期', light: 'red', hint: '已过办理期限、尚未办结' },
  { key: 'behind', label: '滞后于计划', light: 'orange', hint: '实际进度落后于计划节点' },
];

const STATUS_COLUMNS: Array<{ key: TaskStatus; label: string }> = [
  { key: 'on_track', label: '正常推进' },
  { key: 'due_soon', label: '临期' },
  { key: 'behind', label: '滞后' },
  { key: 'overdue', label: '逾期' },
  { key: 'done', label: '已办结' },
];

export default function Dashboard() {
  const { message } = AntApp.useApp();
  const { info, currentYear, dataVersion, openLedger, openTask } = useAppState();
  const { startDraft } = useDocuments();
  const [year, setYear] = useState<number>(currentYear);
  const [data, setData] = useState<DashboardData | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (y: number) => {
      setLoading(true);
      try {
        const d = await call('dashboard.get', { year: y });
        setData(d);
        setError(null);
      } catch (err) {
        setError(errorMessage(err));
        message.error(errorMessage(err));
      } finally {
        setLoading(false);
      }
    },
    [message],
  );

  useEffect(() => {
    void load(year);
  }, [load, year, dataVersion]);

  const years = Array.from(new Set([currentYear, ...info.years])).sort((a, b) => b - a);

  const num = (n: number, onClick: () => void, cls = '') =>
    n > 0 ? (
      <a className={`num-link ${cls}`} onClick={onClick}>
        {n}
      </a>
    ) : (
      <span className="num-zero">0</span>
    );

  const sourceColumns: ColumnsType<DashboardData['bySource'][number]> = [
    {
      title: '来源',
      dataIndex: 'source',
      render: (s: TaskSource) => <a onClick={() => openLedger({ year, source: s })}>{SOURCE_LABELS[s]}</a>,
    },
    {
      title: '总数',
      dataIndex: 'total',
      align: 'right',
      render: (n: number, r) => num(n, () => openLedger({ year, source: r.source })),
    },
    ...STATUS_COLUMNS.map((c) => ({
      title: c.label,
      dataIndex: c.key,
      align: 'right' as const,
      render: (n: number, r: DashboardData['bySource'][number]) =>
        num(n, () => openLedger({ year, source: r.source, statuses: [c.key] }), `num-${STATUS_LIGHTS[c.key]}`),
    })),
    {
      title: '办结率',
      key: 'rate',
      align: 'right',
      render: (_: unknown, r) => (r.total ? `${Math.round((r.done / r.total) * 100)}%` : '—'),
    },
  ];

  const unitColumns: ColumnsType<DashboardData['byUnit'][number]> = [
    {
      title: '单位',
      dataIndex: 'unitName',
      ellipsis: true,
      render: (name: string, r) => <a onClick={() => openLedger({ year, unitId: r.unitId })}>{name}</a>,
    },
    {
      title: '牵头/配合',
      key: 'roles',
      width: 84,
      align: 'center',
      render: (_: unknown, r) => `${r.lead} / ${r.assist}`,
    },
    {
      title: '逾期',
      dataIndex: 'overdue',
      width: 56,
      align: 'right',
      render: (n: number, r) => num(n, () => openLedger({ year, unitId: r.unitId, statuses: ['overdue'] }), 'num-red'),
    },
    {
      title: '临期',
      dataIndex: 'due_soon',
      width: 56,
      align: 'right',
      render: (n: number, r) => num(n, () => openLedger({ year, unitId: r.unitId, statuses: ['due_soon'] }), 'num-yellow'),
    },
    {
      title: '滞后',
      dataIndex: 'behind',
      width: 56,
      align: 'right',
      render: (n: number, r) => num(n, () => openLedger({ year, unitId: r.unitId, statuses: ['behind'] }), 'num-orange'),
    },
    {
      title: '合计',
      dataIndex: 'total',
      width: 56,
      align: 'right',
      render: (n: number, r) => num(n, () => openLedger({ year, unitId: r.unitId })),
    },
  ];

  const totals = data?.totals;
  const overdueUnits = (data?.byUnit ?? []).filter((u) => u.overdue > 0).map((u) => u.unitId);

  return (
    <div className="page" data-testid="dashboard">
      <div className="page-toolbar">
        <Space size="middle" wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {year}年督查工作台
          </Typography.Title>
          <Select
            value={year}
            onChange={setYear}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
            style={{ width: 110 }}
            data-testid="dashboard-year"
            aria-label="年度"
          />
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={() => void load(year)} loading={loading} aria-label="刷新" />
          </Tooltip>
          <PrintButton
            prepare={() => dashboardPrintJob({ year, officeName: info.officeName || '督查科', today: info.today })}
            what="本年度工作台"
            testId="dashboard-print"
          />
        </Space>
        {data && (
          <Typography.Text type="secondary">
            统计截至 {fmtDate(data.today)} · 近7日收到进度报告 <b>{data.recentReports}</b> 份
          </Typography.Text>
        )}
      </div>
      {error && !data && <Alert type="error" showIcon title={error} />}
      <Spin spinning={loading && !data}>
        <div className="stat-grid">
          {CARDS.map((c) => (
            <button
              type="button"
              key={c.key}
              className={`stat-card stat-${c.light}`}
              onClick={() => openLedger(c.key === 'total' ? { year } : { year, statuses: [c.key as TaskStatus] })}
              data-testid={`stat-${c.key}`}
              title={`${c.hint}，点击在台账中查看`}
            >
              <span className="stat-label">
                <span className={`light-dot light-${c.light}`} />
                {c.label}
              </span>
              <span className="stat-value">{totals ? totals[c.key] : '—'}</span>
              <span className="stat-hint">
                {c.key !== 'total' && totals && totals.total > 0
                  ? `占 ${Math.round((totals[c.key] / totals.total) * 100)}%`
                  : c.hint}
              </span>
            </button>
          ))}
        </div>

        <WorkflowCards year={year} />

        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} xl={14}>
            <Card size="small" title="按来源" className="dash-card">
              <Table
                size="small"
                rowKey="source"
                pagination={false}
                columns={sourceColumns}
                dataSource={data?.bySource ?? []}
                data-testid="dashboard-by-source"
                summary={() =>
                  totals ? (
                    <Table.Summary.Row className="summary-row">
                      <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">
                        {totals.total}
                      </Table.Summary.Cell>
                      {STATUS_COLUMNS.map((c, i) => (
                        <Table.Summary.Cell key={c.key} index={i + 2} align="right">
                          {totals[c.key]}
                        </Table.Summary.Cell>
                      ))}
                      <Table.Summary.Cell index={7} align="right">
                        {totals.total ? `${Math.round((totals.done / totals.total) * 100)}%` : '—'}
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  ) : null
                }
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title="按单位（逾期多的在前）" className="dash-card">
              <Table
                size="small"
                rowKey="unitId"
                pagination={false}
                columns={unitColumns}
                dataSource={data?.byUnit ?? []}
                scroll={{ y: 236 }}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无在办事项" /> }}
                data-testid="dashboard-by-unit"
              />
            </Card>
          </Col>
        </Row>

        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} xl={8}>
            <TaskListCard
              title="逾期事项"
              light="red"
              rows={data?.overdue ?? []}
              today={data?.today ?? info.today}
              kind="overdue"
              count={totals?.overdue ?? 0}
              onOpen={openTask}
              onMore={() => openLedger({ year, statuses: ['overdue'] })}
              action={
                overdueUnits.length > 0 && (
                  <Tooltip title={`为 ${overdueUnits.length} 个有逾期事项的单位各起草一份催办通知`}>
                    <Button
                      size="small"
                      icon={<NotificationOutlined />}
                      onClick={() =>
                        startDraft({
                          type: 'urge_notice',
                          unitIds: overdueUnits,
                          origin: `${year}年有逾期事项的 ${overdueUnits.length} 个单位：每个单位一份催办通知，已说明原因的事项可取消勾选`,
                        })
                      }
                      data-testid="dashboard-urge"
                    >
                      批量催办
                    </Button>
                  </Tooltip>
                )
              }
            />
          </Col>
          <Col xs={24} xl={8}>
            <TaskListCard
              title="临期事项"
              light="yellow"
              rows={data?.dueSoon ?? []}
              today={data?.today ?? info.today}
              kind="due_soon"
              count={totals?.due_soon ?? 0}
              onOpen={openTask}
              onMore={() => openLedger({ year, statuses: ['due_soon'] })}
            />
          </Col>
          <Col xs={24} xl={8}>
            <TaskListCard
              title="滞后于计划"
              light="orange"
              rows={data?.behind ?? []}
              today={data?.today ?? info.today}
              kind="behind"
              count={totals?.behind ?? 0}
              onOpen={openTask}
              onMore={() => openLedger({ year, statuses: ['behind'] })}
            />
          </Col>
        </Row>
      </Spin>
    </div>
  );
}

function TaskListCard(props: {
  title: string;
  light: string;
  rows: TaskRow[];
  today: string;
  kind: 'overdue' | 'due_soon' | 'behind';
  count: number;
  onOpen: (id: string) => void;
  onMore: () => void;
  action?: ReactNode;
}) {
  const { title, light, rows, today, kind, count, onOpen, onMore, action } = props;
  const t = dayjs(today);
  const when = (r: TaskRow) => {
    if (kind === 'overdue') {
      const days = t.diff(dayjs(r.dueDate), 'day');
      return <span className="num-red">逾期{days}天</span>;
    }
    if (kind === 'due_soon') {
      const days = dayjs(r.dueDate).diff(t, 'day');
      return <span className="num-yellow">{days <= 0 ? '今日到期' : `${fmtMonthDay(r.dueDate)}到期`}</span>;
    }
    return (
      <span className="num-orange">
        {fmtPercent(r.latestPercent)} / 计划{fmtPercent(r.plannedPercent)}
      </span>
    );
  };
  return (
    <Card
      size="small"
      className="dash-card"
      title={
        <span>
          <span className={`light-dot light-${light}`} /> {title}
          <span className="card-count">{Math.max(count, rows.length)}</span>
        </span>
      }
      extra={
        <Space size="small">
          {action}
          <a onClick={onMore} data-testid={`dashboard-more-${kind}`}>
            在台账中查看
          </a>
        </Space>
      }
    >
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有需要关注的事项" />
      ) : (
        <div className="task-list" data-testid={`dashboard-list-${kind}`}>
          {rows.slice(0, 100).map((r) => (
            <button type="button" key={r.id} className="task-list-item" onClick={() => onOpen(r.id)} data-task-id={r.id}>
              <StatusLight status={r.status} testId="dashboard-light" />
              <span className="task-list-main">
                <span className="task-list-title">{r.title}</span>
                <span className="task-list-sub">
                  {SOURCE_LABELS[r.source]} · {r.leadUnits || '未定单位'} · 期限 {fmtDate(r.dueDate)}
                </span>
              </span>
              <span className="task-list-when">{when(r)}</span>
            </button>
          ))}
        </div>
      )}
    </Card>
  );
}
