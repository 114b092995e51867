/**
 * 统计分析: one year's 督查事项 — completion and on-time rates by source, by unit (牵头/配合), by month or quarter of the
 * 办理期限, and the ranking of units. Every chart has its table; a bar or a number opens the 台账 with the matching
 * filters (source, unit and role, status, 办理期限 range), exactly as the 工作台's cards do (`openLedger`). The definitions
 * are in electron/contract/statistics.ts and in the page's 统计口径 note.
 */
import { InfoCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Col, Empty, Popover, Row, Segmented, Select, Space, Spin, Table, Tooltip, Button, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  SOURCE_LABELS,
  TASK_SOURCES,
  UNIT_KIND_LABELS,
  type PeriodStat,
  type RankedUnit,
  type SourceStat,
  type StatCounts,
  type Statistics as StatisticsData,
  type TaskSource,
  type TaskStatus,
  type UnitRole,
  type UnitStat,
} from '../../../electron/contract';
import { call, errorMessage } from '../api';
import { useAppState, type LedgerFilters } from '../context';
import { fmtDate, fmtDateTime } from '../format';
import ChartCard from '../statistics/ChartCard';
import type { ChartClick, ChartOption } from '../statistics/echarts';
import { DEFINITIONS, OUTCOMES, fmtRate, outcomeByKey, ratePercent, type CountKey } from '../statistics/labels';
import '../statistics/statistics.css';
import { yearOptions } from '../workflow/labels';

/** The unit charts show the units with the most tasks; the 数据表 lists them all. */
const TOP_UNITS = 20;

type Granularity = 'month' | 'quarter';

interface Kpi {
  key: string;
  label: string;
  light: string;
  value: (t: StatCounts) => string;
  hint: (t: StatCounts) => string;
  statuses: TaskStatus[];
}

const KPIS: Kpi[] = [
  { key: 'total', label: '事项总数', light: 'blue', value: (t) => String(t.total), hint: () => '本年度督查事项', statuses: [] },
  { key: 'done', label: '已办结', light: 'grey', value: (t) => String(t.done), hint: (t) => `办结率 ${fmtRate(t.completionRate)}`, statuses: ['done'] },
  {
    key: 'onTimeRate',
    label: '按期办结率',
    light: 'green',
    value: (t) => fmtRate(t.onTimeRate),
    hint: (t) => `按期办结 ${t.doneOnTime} / 应办结 ${t.judged}`,
    statuses: ['done'],
  },
  { key: 'overdue', label: '逾期未办结', light: 'red', value: (t) => String(t.overdue), hint: () => '已过办理期限、尚未办结', statuses: ['overdue'] },
  { key: 'behind', label: '滞后', light: 'orange', value: (t) => String(t.behind), hint: () => '进度落后于计划节点', statuses: ['behind'] },
];

/** A stacked bar per outcome, and the 按期办结率 as a line on the right-hand axis. */
function outcomeSeries(rows: readonly StatCounts[], horizontal: boolean): NonNullable<ChartOption['series']> {
  const bars = OUTCOMES.map((o) => ({
    id: o.key,
    name: o.label,
    type: 'bar' as const,
    stack: 'tasks',
    barMaxWidth: horizontal ? 18 : 36,
    itemStyle: { color: o.color },
    emphasis: { focus: 'series' as const },
    data: rows.map((r) => r[o.key]),
  }));
  if (horizontal) return bars;
  return [
    ...bars,
    {
      id: 'onTimeRate',
      name: '按期办结率',
      type: 'line' as const,
      yAxisIndex: 1,
      symbolSize: 7,
      connectNulls: false,
      itemStyle: { color: '#14264a' },
      tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
      data: rows.map((r) => ratePercent(r.onTimeRate)),
    },
  ];
}

function verticalOption(title: string, categories: string[], rows: readonly StatCounts[]): ChartOption {
  return {
    title: { text: title, left: 'center', top: 4, textStyle: { fontSize: 14, fontWeight: 'bold', color: '#14264a' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 44, right: 48, top: 44, bottom: 56 },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, fontSize: 12, width: 64, overflow: 'break' } },
    yAxis: [
      { type: 'value', name: '事项数', minInterval: 1 },
      { type: 'value', name: '按期办结率', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: outcomeSeries(rows, false),
  };
}

function horizontalOption(title: string, categories: string[], rows: readonly StatCounts[]): ChartOption {
  return {
    title: { text: title, left: 'center', top: 4, textStyle: { fontSize: 14, fontWeight: 'bold', color: '#14264a' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 24, top: 40, bottom: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: categories, inverse: true, axisLabel: { fontSize: 12, width: 120, overflow: 'truncate' } },
    series: outcomeSeries(rows, true),
  };
}

export default function Statistics() {
  const { info, currentYear, dataVersion, openLedger } = useAppState();
  const [year, setYear] = useState(currentYear);
  const [source, setSource] = useState<TaskSource | null>(null);
  const [data, setData] = useState<StatisticsData | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [role, setRole] = useState<UnitRole>('lead');
  const [granularity, setGranularity] = useState<Granularity>('month');
  const seq = useRef(0);

  const load = useCallback(async () => {
    const n = ++seq.current;
    setLoading(true);
    try {
      const res = await call('statistics.get', { year, source });
      if (n !== seq.current) return;
      setData(res);
      setError(null);
    } catch (err) {
      if (n === seq.current) setError(errorMessage(err));
    } finally {
      if (n === seq.current) setLoading(false);
    }
  }, [year, source]);

  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  /** The 台账 with this page's year and source, and the filters of what was clicked. */
  const open = useCallback(
    (filters: Partial<LedgerFilters>) => openLedger({ year: data?.year ?? year, source: data?.source ?? source, ...filters }),
    [openLedger, data, year, source],
  );

  const scope = source ? SOURCE_LABELS[source] : '督查事项';
  const yearLabel = `${data?.year ?? year}年`;
  const periods: PeriodStat[] = useMemo(() => (data ? (granularity === 'month' ? data.byMonth : data.byQuarter) : []), [data, granularity]);
  const unitRows: UnitStat[] = useMemo(() => (data ? data.byUnit[role] : []), [data, role]);
  const topUnits = useMemo(() => unitRows.slice(0, TOP_UNITS), [unitRows]);
  const ranked = useMemo(() => (data ? data.ranking.filter((u) => u.rank !== null).slice(0, TOP_UNITS) : []), [data]);

  const sourceOption = useMemo<ChartOption | null>(
    () =>
      data
        ? verticalOption(
            `${yearLabel}督查事项按来源统计`,
            data.bySource.map((s) => SOURCE_LABELS[s.source]),
            data.bySource,
          )
        : null,
    [data, yearLabel],
  );
  const periodOption = useMemo<ChartOption | null>(
    () =>
      data
        ? verticalOption(
            `${yearLabel}${scope}按${granularity === 'month' ? '月份' : '季度'}统计（按办理期限）`,
            periods.map((p) => p.label),
            periods,
          )
        : null,
    [data, yearLabel, scope, granularity, periods],
  );
  const unitOption = useMemo<ChartOption | null>(
    () =>
      data
        ? horizontalOption(
            `${yearLabel}${scope}按单位统计（${role === 'lead' ? '牵头' : '配合'}${unitRows.length > TOP_UNITS ? `，前${TOP_UNITS}个单位` : ''}）`,
            topUnits.map((u) => u.unitName),
            topUnits,
          )
        : null,
    [data, yearLabel, scope, role, unitRows.length, topUnits],
  );
  const rankingOption = useMemo<ChartOption | null>(
    () =>
      data
        ? {
            title: { text: `${yearLabel}${scope}单位按期办结率排名`, left: 'center', top: 4, textStyle: { fontSize: 14, fontWeight: 'bold', color: '#14264a' } },
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
            grid: { left: 8, right: 84, top: 40, bottom: 16, containLabel: true },
            xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
            yAxis: {
              type: 'category',
              inverse: true,
              data: ranked.map((u) => `${u.rank}. ${u.unitName}`),
              axisLabel: { fontSize: 12, width: 130, overflow: 'truncate' },
            },
            series: [
              {
                id: 'rank',
                name: '按期办结率',
                type: 'bar',
                barMaxWidth: 18,
                itemStyle: { color: '#2f9e44' },
                label: {
                  show: true,
                  position: 'right',
                  fontSize: 11,
                  // 100%（3/3）: the rate with what it is made of, so a 100% of one task reads as such
                  formatter: (p: { dataIndex: number; value?: unknown }) => {
                    const u = ranked[p.dataIndex];
                    return u ? `${fmtRate(u.onTimeRate)}（${u.doneOnTime}/${u.judged}）` : '';
                  },
                },
                data: ranked.map((u) => ratePercent(u.onTimeRate)),
              },
            ],
          }
        : null,
    [data, yearLabel, scope, ranked],
  );

  /** A clicked bar → its outcome's statuses; the 按期办结率 line and anything else → no status filter. */
  const statusesOf = (event: ChartClick): TaskStatus[] => outcomeByKey(event.seriesId)?.statuses ?? [];

  const num = (n: number, testRow: string, col: string, onClick: () => void) =>
    n > 0 ? (
      <a className="num-link" onClick={onClick} data-testid="stat-num" data-row={testRow} data-col={col}>
        {n}
      </a>
    ) : (
      <span className="num-zero">0</span>
    );

  /** The count and rate columns every table shares; `filtersOf` says which tasks a row is. */
  function countColumns<T extends StatCounts>(rowKey: (r: T) => string, filtersOf: (r: T) => Partial<LedgerFilters>): ColumnsType<T> {
    const count = (key: CountKey, title: string, statuses: TaskStatus[], className = '') => ({
      title,
      dataIndex: key,
      align: 'right' as const,
      width: 72,
      className,
      render: (n: number, r: T) => num(n, rowKey(r), key, () => open({ ...filtersOf(r), statuses })),
    });
    return [
      count('total', '总数', []),
      ...OUTCOMES.map((o) => count(o.key, o.label, o.statuses)),
      { title: '应办结', dataIndex: 'judged', align: 'right', width: 64 },
      { title: '办结率', dataIndex: 'completionRate', align: 'right', width: 72, render: (r: number | null) => fmtRate(r) },
      { title: '按期办结率', dataIndex: 'onTimeRate', align: 'right', width: 90, render: (r: number | null) => <b>{fmtRate(r)}</b> },
    ];
  }

  const sourceColumns: ColumnsType<SourceStat> = [
    {
      title: '来源',
      dataIndex: 'source',
      render: (s: TaskSource) => <a onClick={() => open({ source: s })}>{SOURCE_LABELS[s]}</a>,
    },
    ...countColumns<SourceStat>(
      (r) => r.source,
      (r) => ({ source: r.source }),
    ),
  ];
  const unitColumns: ColumnsType<UnitStat> = [
    {
      title: '单位',
      dataIndex: 'unitName',
      ellipsis: true,
      render: (name: string, r) => (
        <a onClick={() => open({ unitId: r.unitId, role: r.role })}>
          {name}
          {!r.active && <Typography.Text type="secondary">（已停用）</Typography.Text>}
        </a>
      ),
    },
    { title: '类别', dataIndex: 'unitKind', width: 80, render: (k: UnitStat['unitKind']) => UNIT_KIND_LABELS[k] },
    ...countColumns<UnitStat>(
      (r) => r.unitId,
      (r) => ({ unitId: r.unitId, role: r.role }),
    ),
  ];
  const periodColumns: ColumnsType<PeriodStat> = [
    {
      title: granularity === 'month' ? '月份' : '季度',
      dataIndex: 'label',
      render: (label: string, r) => <a onClick={() => open({ dueFrom: r.from, dueTo: r.to })}>{label}</a>,
    },
    ...countColumns<PeriodStat>(
      (r) => r.key,
      (r) => ({ dueFrom: r.from, dueTo: r.to }),
    ),
  ];
  const rankingColumns: ColumnsType<RankedUnit> = [
    { title: '排名', dataIndex: 'rank', width: 56, align: 'center', render: (r: number | null) => (r === null ? '—' : <b className="rank">{r}</b>) },
    {
      title: '单位',
      dataIndex: 'unitName',
      ellipsis: true,
      render: (name: string, r) => <a onClick={() => open({ unitId: r.unitId })}>{name}</a>,
    },
    { title: '牵头/配合', key: 'roles', width: 84, align: 'center', render: (_: unknown, r) => `${r.lead} / ${r.assist}` },
    { title: '应办结', dataIndex: 'judged', width: 64, align: 'right' },
    {
      title: '按期办结',
      dataIndex: 'doneOnTime',
      width: 72,
      align: 'right',
      render: (n: number, r) => num(n, r.unitId, 'doneOnTime', () => open({ unitId: r.unitId, statuses: ['done'] })),
    },
    {
      title: '逾期未办结',
      dataIndex: 'overdue',
      width: 84,
      align: 'right',
      render: (n: number, r) => num(n, r.unitId, 'overdue', () => open({ unitId: r.unitId, statuses: ['overdue'] })),
    },
    { title: '按期办结率', dataIndex: 'onTimeRate', width: 90, align: 'right', render: (r: number | null) => <b>{fmtRate(r)}</b> },
    { title: '办结率', dataIndex: 'completionRate', width: 72, align: 'right', render: (r: number | null) => fmtRate(r) },
  ];

  const totals = data?.totals;
  const outside = data?.dueOutsideYear;

  return (
    <div className="page" data-testid="statistics-page">
      <div className="page-toolbar">
        <Space size="middle" wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {yearLabel}督查统计分析
          </Typography.Title>
          <Select
            value={year}
            onChange={setYear}
            options={yearOptions(currentYear, info.years)}
            style={{ width: 110 }}
            data-testid="statistics-year"
            aria-label="年度"
          />
          <Select<TaskSource | 'all'>
            value={source ?? 'all'}
            onChange={(v) => setSource(v === 'all' ? null : v)}
            options={[{ value: 'all', label: '全部来源' }, ...TASK_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))]}
            style={{ width: 160 }}
            data-testid="statistics-source"
            aria-label="事项来源"
          />
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} aria-label="刷新" data-testid="statistics-refresh" />
          </Tooltip>
          <Popover
            title="统计口径"
            trigger="click"
            content={
              <dl className="stats-definitions">
                {DEFINITIONS.map(([term, text]) => (
                  <div key={term}>
                    <dt>{term}</dt>
                    <dd>{text}</dd>
                  </div>
                ))}
              </dl>
            }
          >
            <Button type="link" icon={<InfoCircleOutlined />} data-testid="statistics-definitions">
              统计口径
            </Button>
          </Popover>
        </Space>
        {data && (
          <Typography.Text type="secondary" data-testid="statistics-generated">
            统计截至 {fmtDate(data.today)} · 生成于 {fmtDateTime(data.generatedAt)}
          </Typography.Text>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading && !data}>
        <div className="stat-grid stats-kpis">
          {KPIS.map((k) => (
            <button
              type="button"
              key={k.key}
              className={`stat-card stat-${k.light}`}
              onClick={() => open({ statuses: k.statuses })}
              data-testid={`stats-kpi-${k.key}`}
              data-value={totals ? k.value(totals) : ''}
              title="点击在台账中查看这些事项"
            >
              <span className="stat-label">
                <span className={`light-dot light-${k.light}`} />
                {k.label}
              </span>
              <span className="stat-value">{totals ? k.value(totals) : '—'}</span>
              <span className="stat-hint">{totals ? k.hint(totals) : ' '}</span>
            </button>
          ))}
        </div>

        <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
          <Col xs={24} xl={12}>
            <ChartCard
              id="source"
              title="按来源"
              exportName={`${yearLabel}督查事项按来源统计`}
              option={sourceOption}
              height={340}
              onChartClick={(e) => {
                const row = data?.bySource[e.dataIndex];
                if (row) openLedger({ year: data.year, source: row.source, statuses: statusesOf(e) });
              }}
              note={source ? `按来源图表比较全部六类来源；其余图表只统计“${SOURCE_LABELS[source]}”。` : undefined}
              table={
                <Table
                  size="small"
                  rowKey="source"
                  pagination={false}
                  columns={sourceColumns}
                  dataSource={data?.bySource ?? []}
                  scroll={{ x: 'max-content' }}
                  data-testid="chart-table-source"
                />
              }
            />
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              id="period"
              title={granularity === 'month' ? '按月份（办理期限）' : '按季度（办理期限）'}
              exportName={`${yearLabel}${scope}按${granularity === 'month' ? '月份' : '季度'}统计`}
              option={periodOption}
              height={340}
              controls={
                <Segmented<Granularity>
                  size="small"
                  value={granularity}
                  onChange={setGranularity}
                  options={[
                    { value: 'month', label: '按月' },
                    { value: 'quarter', label: '按季度' },
                  ]}
                  data-testid="statistics-granularity"
                />
              }
              onChartClick={(e) => {
                const p = periods[e.dataIndex];
                if (p) open({ dueFrom: p.from, dueTo: p.to, statuses: statusesOf(e) });
              }}
              note={
                outside && outside.total > 0 ? (
                  <span>
                    另有 <a onClick={() => open({ dueFrom: `${(data?.year ?? year) + 1}-01-01` })}>{outside.total}</a> 项办理期限不在本年度，未计入上图。
                  </span>
                ) : undefined
              }
              table={
                <Table
                  size="small"
                  rowKey="key"
                  pagination={false}
                  columns={periodColumns}
                  dataSource={periods}
                  scroll={{ x: 'max-content' }}
                  data-testid="chart-table-period"
                />
              }
            />
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              id="unit"
              title={`按单位（${role === 'lead' ? '牵头' : '配合'}）`}
              exportName={`${yearLabel}${scope}按单位统计（${role === 'lead' ? '牵头' : '配合'}）`}
              option={unitOption}
              height={Math.max(260, 64 + topUnits.length * 26)}
              controls={
                <Segmented<UnitRole>
                  size="small"
                  value={role}
                  onChange={setRole}
                  options={[
                    { value: 'lead', label: '牵头单位' },
                    { value: 'assist', label: '配合单位' },
                  ]}
                  data-testid="statistics-role"
                />
              }
              onChartClick={(e) => {
                const u = topUnits[e.dataIndex];
                if (u) open({ unitId: u.unitId, role: u.role, statuses: statusesOf(e) });
              }}
              note={
                unitRows.length > TOP_UNITS ? `图中为事项最多的 ${TOP_UNITS} 个单位；全部 ${unitRows.length} 个单位见数据表。` : undefined
              }
              table={
                <Table
                  size="small"
                  rowKey="unitId"
                  pagination={false}
                  columns={unitColumns}
                  dataSource={unitRows}
                  scroll={{ x: 'max-content', y: 420 }}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无事项" /> }}
                  data-testid="chart-table-unit"
                />
              }
            />
          </Col>
          <Col xs={24} xl={12}>
            <ChartCard
              id="ranking"
              title="单位排名"
              exportName={`${yearLabel}${scope}单位按期办结率排名`}
              option={rankingOption}
              height={Math.max(260, 56 + ranked.length * 26)}
              onChartClick={(e) => {
                const u = ranked[e.dataIndex];
                if (u) open({ unitId: u.unitId });
              }}
              note={<span data-testid="statistics-ranking-rule">排名规则：{data?.rankingRule ?? ''}</span>}
              tableOpen
              table={
                <Table
                  size="small"
                  rowKey="unitId"
                  pagination={false}
                  columns={rankingColumns}
                  dataSource={data?.ranking ?? []}
                  scroll={{ x: 'max-content', y: 420 }}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无可排名的单位" /> }}
                  data-testid="chart-table-ranking"
                />
              }
            />
          </Col>
        </Row>
      </Spin>
    </div>
  );
}
