/**
 * 报送情况: for each unit, how many reports the ledger expected this period (or this year) and how many came
 * on time, late, not at all, or were covered by an approved extension. A unit opens its cells.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Empty, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { RHYTHM_LABELS, ROLE_LABELS, SOURCE_LABELS, TASK_SOURCES, type TaskSource } from '../../../electron/contract';
import {
  REPORT_STATE_LABELS,
  type FeedbackCell,
  type FeedbackOverview,
  type FeedbackUnitRow,
  type ReportState,
} from '../../../electron/contract/workflow';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { fmtDate } from '../format';
import { REPORT_STATE_COLORS } from './labels';

type Scope = 'current' | 'year';
type SourceKey = TaskSource | 'all';

const total = (r: Omit<FeedbackUnitRow, 'unitId' | 'unitName' | 'unitKind'>) => r.expected + r.received + r.late + r.missing + r.covered;

export default function FeedbackTab({ year }: { year: number }) {
  const { dataVersion } = useAppState();
  const [source, setSource] = useState<SourceKey>('all');
  const [scope, setScope] = useState<Scope>('current');
  const [data, setData] = useState<FeedbackOverview | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unit, setUnit] = useState<FeedbackUnitRow | null>(null);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const n = ++seq.current;
    setLoading(true);
    try {
      const res = await call('feedback.overview', { year, source: source === 'all' ? null : source, scope });
      if (n !== seq.current) return;
      setData(res);
      setError(null);
    } catch (err) {
      if (n === seq.current) setError(errorMessage(err));
    } finally {
      if (n === seq.current) setLoading(false);
    }
  }, [year, source, scope]);

  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  const num = (n: number, cls: string) => (n > 0 ? <span className={cls}>{n}</span> : <span className="num-zero">0</span>);

  const columns: ColumnsType<FeedbackUnitRow> = [
    {
      title: '单位',
      dataIndex: 'unitName',
      render: (name: string, r) => (
        <a onClick={() => setUnit(r)} data-testid="feedback-unit-open">
          {name}
        </a>
      ),
    },
    { title: '应报', key: 'all', width: 80, align: 'right', render: (_: unknown, r) => total(r) },
    { title: REPORT_STATE_LABELS.received, dataIndex: 'received', width: 90, align: 'right', render: (n: number) => num(n, 'num-green') },
    { title: REPORT_STATE_LABELS.late, dataIndex: 'late', width: 90, align: 'right', render: (n: number) => num(n, 'num-orange') },
    { title: REPORT_STATE_LABELS.missing, dataIndex: 'missing', width: 90, align: 'right', render: (n: number) => num(n, 'num-red') },
    { title: REPORT_STATE_LABELS.covered, dataIndex: 'covered', width: 100, align: 'right', render: (n: number) => num(n, 'num-blue') },
    { title: REPORT_STATE_LABELS.expected, dataIndex: 'expected', width: 90, align: 'right', render: (n: number) => num(n, '') },
  ];

  const periods = (data?.currentPeriods ?? []).filter((p) => source === 'all' || p.source === source);

  return (
    <div className="chase-tab" data-testid="feedback-tab">
      <div className="page-toolbar">
        <Space wrap>
          <Segmented<SourceKey>
            value={source}
            onChange={setSource}
            options={[{ value: 'all', label: '全部来源' }, ...TASK_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))]}
            data-testid="feedback-source"
          />
          <Segmented<Scope>
            value={scope}
            onChange={setScope}
            options={[
              { value: 'current', label: '本期' },
              { value: 'year', label: '全年' },
            ]}
            data-testid="feedback-scope"
          />
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} aria-label="刷新" />
          </Tooltip>
        </Space>
      </div>
      {periods.length > 0 && (
        <div className="feedback-periods" data-testid="feedback-periods">
          {periods.map((p) => (
            <span key={p.source} className="feedback-period">
              <b>{SOURCE_LABELS[p.source]}</b>
              <span className="muted">（{RHYTHM_LABELS[p.rhythm]}）</span>
              {p.period ? (
                <>
                  {p.period.label}
                  <span className="muted"> · {fmtDate(p.period.dueDate)}前报送</span>
                </>
              ) : (
                <span className="muted">本年尚无到期的报送</span>
              )}
            </span>
          ))}
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<FeedbackUnitRow>
        size="small"
        rowKey="unitId"
        columns={columns}
        dataSource={data?.units ?? []}
        loading={loading && !data}
        pagination={{ defaultPageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        onRow={(r) => ({ 'data-testid': 'feedback-row', 'data-unit-id': r.unitId, 'data-missing': r.missing }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={scope === 'current' ? '本期没有应报送的进展' : `${year}年没有应报送的进展`} /> }}
        summary={() =>
          data && data.units.length > 0 ? (
            <Table.Summary.Row className="summary-row">
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {total(data.totals)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {data.totals.received}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {data.totals.late}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {data.totals.missing}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {data.totals.covered}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {data.totals.expected}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
        data-testid="feedback-table"
      />
      <UnitCells year={year} source={source === 'all' ? null : source} scope={scope} unit={unit} onClose={() => setUnit(null)} />
    </div>
  );
}

function UnitCells(props: { year: number; source: TaskSource | null; scope: Scope; unit: FeedbackUnitRow | null; onClose: () => void }) {
  const { year, source, scope, unit, onClose } = props;
  const { openTask, dataVersion } = useAppState();
  const [cells, setCells] = useState<FeedbackCell[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const unitId = unit?.unitId ?? null;

  useEffect(() => {
    if (!unitId) {
      setCells(null);
      return;
    }
    let live = true;
    setError(null);
    call('feedback.ofUnit', { year, source, scope, unitId })
      .then((c) => live && setCells(c))
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [year, source, scope, unitId, dataVersion]);

  const columns: ColumnsType<FeedbackCell> = [
    {
      title: '事项',
      key: 'task',
      render: (_: unknown, c) => (
        <span>
          {c.taskCode && <span className="muted">{c.taskCode} </span>}
          {c.taskTitle}
          <span className="muted"> · {SOURCE_LABELS[c.source]}</span>
        </span>
      ),
    },
    { title: '角色', dataIndex: 'role', width: 60, render: (r: FeedbackCell['role']) => ROLE_LABELS[r] },
    { title: '报送期间', key: 'period', width: 170, render: (_: unknown, c) => c.period.label },
    { title: '报送期限', key: 'due', width: 120, render: (_: unknown, c) => fmtDate(c.period.dueDate) },
    {
      title: '状态',
      dataIndex: 'state',
      width: 100,
      render: (s: ReportState) => <Tag color={REPORT_STATE_COLORS[s]}>{REPORT_STATE_LABELS[s]}</Tag>,
    },
    { title: '报送日期', dataIndex: 'reportDate', width: 120, render: (d: string | null) => fmtDate(d) },
    {
      title: '',
      key: 'open',
      width: 80,
      render: (_: unknown, c) => (
        <Button size="small" type="link" onClick={() => openTask(c.taskId)} data-testid="feedback-open-task">
          打开事项
        </Button>
      ),
    },
  ];

  return (
    <Drawer open={unit !== null} onClose={onClose} size={960} title={unit ? `${unit.unitName} · 报送情况（${scope === 'current' ? '本期' : `${year}年全年`}）` : ''}>
      {error && <Alert type="error" showIcon title={error} />}
      {unit && (
        <Typography.Paragraph type="secondary">
          应报 {total(unit)} 次：按时 {unit.received}、逾期报送 {unit.late}、未报送 {unit.missing}、已获准延期 {unit.covered}、待报送 {unit.expected}。
        </Typography.Paragraph>
      )}
      <Table<FeedbackCell>
        size="small"
        rowKey={(c) => `${c.taskId}:${c.unitId}:${c.period.key}`}
        columns={columns}
        dataSource={cells ?? []}
        loading={cells === null && !error}
        pagination={{ defaultPageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        onRow={(c) => ({ 'data-testid': 'feedback-cell', 'data-state': c.state }) as HTMLAttributes<HTMLElement>}
        data-testid="feedback-cells"
      />
    </Drawer>
  );
}
