import { FileTextOutlined, SettingOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Checkbox, Popover, Spin, Tabs, Tooltip } from 'antd';
import { memo, useCallback, useEffect, useMemo, useState, type ComponentProps, type ReactNode } from 'react';
import { SOURCE_LABELS, TASK_SOURCES, type LedgerSortField, type TaskSource, type Unit } from '../../../electron/contract';
import { call, errorMessage } from '../api';
import { defaultLedgerFilters, useAppState, type LedgerFilters as Filters } from '../context';
import { describeLedgerQuery } from '../documents/describeQuery';
import { useDocuments } from '../documents/DocumentsHost';
import { LEDGER_COLUMNS, loadVisibleColumns, saveVisibleColumns, type ColumnKey } from '../ledger/columns';
import LedgerFilters from '../ledger/LedgerFilters';
import LedgerTable from '../ledger/LedgerTable';
import { useLedgerPages, type LedgerQueryBase } from '../ledger/useLedgerPages';
import { ExportExcelButton, ImportExcelButton } from '../xlsx/LedgerExcelButtons';
import PrintButton from '../print/PrintButton';
import { ledgerPrintJob } from '../print/PrintLedger';

const DEFAULT_SORT: { field: LedgerSortField; order: 'asc' | 'desc' } = { field: 'due_date', order: 'asc' };

export default function Ledger({ active }: { active: boolean }) {
  const { message } = AntApp.useApp();
  const {
    info,
    currentYear,
    units,
    dataVersion,
    ledgerFilters: filters,
    setLedgerFilters,
    openTask,
    searchFocusSignal,
    ledgerSearchRef: searchRef,
    conflicted,
  } = useAppState();
  const [leaders, setLeaders] = useState<string[]>([]);
  const [visible, setVisible] = useState<ColumnKey[]>(loadVisibleColumns);
  const [currentId, setCurrentId] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('tasks.leaders', {})
      .then((l) => live && setLeaders(l))
      .catch((err: unknown) => live && message.error(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [dataVersion, message]);

  // Ctrl+F: focus the search box once the page is visible
  useEffect(() => {
    if (searchFocusSignal === 0) return;
    searchRef.current?.focus({ cursor: 'all' });
    // the page may have just become visible: try again after it is laid out
    const t = window.setTimeout(() => searchRef.current?.focus({ cursor: 'all' }), 30);
    return () => window.clearTimeout(t);
  }, [searchFocusSignal, searchRef]);

  const query: LedgerQueryBase = useMemo(
    () => ({
      source: filters.source,
      year: filters.year,
      unitId: filters.unitId,
      role: filters.role,
      statuses: filters.statuses,
      leader: filters.leader,
      dueFrom: filters.dueFrom,
      dueTo: filters.dueTo,
      search: filters.search,
      sortField: filters.sortField,
      sortOrder: filters.sortOrder,
    }),
    [filters],
  );
  const queryKey = JSON.stringify(query);
  const pages = useLedgerPages(query, dataVersion);

  const patch = useCallback((p: Partial<Filters>) => setLedgerFilters((prev) => ({ ...prev, ...p })), [setLedgerFilters]);

  const onReset = useCallback(
    () =>
      setLedgerFilters((prev) => ({
        ...defaultLedgerFilters(prev.year),
        source: prev.source,
        sortField: prev.sortField,
        sortOrder: prev.sortOrder,
      })),
    [setLedgerFilters],
  );

  const onSort = useCallback(
    (field: LedgerSortField) => {
      setLedgerFilters((prev) => {
        if (prev.sortField !== field) return { ...prev, sortField: field, sortOrder: 'asc' };
        if (prev.sortOrder === 'asc') return { ...prev, sortOrder: 'desc' };
        return { ...prev, sortField: DEFAULT_SORT.field, sortOrder: DEFAULT_SORT.order };
      });
    },
    [setLedgerFilters],
  );

  const onOpen = useCallback(
    (id: string) => {
      setCurrentId(id);
      openTask(id);
    },
    [openTask],
  );

  const columns = useMemo(() => LEDGER_COLUMNS.filter((c) => c.fixed || visible.includes(c.key)), [visible]);

  // 打印 / 导出 PDF: every row of the current filters, with the visible columns
  const preparePrint = useCallback(
    () => ledgerPrintJob({ query, columns, units, officeName: info.officeName || '督查科', today: info.today }),
    [query, columns, units, info.officeName, info.today],
  );

  const years = useMemo(() => Array.from(new Set([currentYear, ...info.years])).sort((a, b) => b - a), [currentYear, info.years]);

  // memoized with the buttons below: every page the grid fetches re-renders this page (twice), not them
  const chooser = useMemo(() => (
    <div className="col-chooser" data-testid="column-chooser">
      {LEDGER_COLUMNS.filter((c) => !c.fixed).map((c) => (
        <Checkbox
          key={c.key}
          checked={visible.includes(c.key)}
          onChange={(e) => {
            const next = e.target.checked ? [...visible, c.key] : visible.filter((k) => k !== c.key);
            setVisible(next);
            saveVisibleColumns(next);
          }}
          data-testid={`column-toggle-${c.key}`}
        >
          {c.title}
        </Checkbox>
      ))}
      <Button
        size="small"
        type="link"
        onClick={() => {
          const defaults = LEDGER_COLUMNS.filter((c) => !c.defaultHidden).map((c) => c.key);
          setVisible(defaults);
          saveVisibleColumns(defaults);
        }}
      >
        恢复默认
      </Button>
    </div>
  ), [visible]);


  return (
    <div className="page page-fill" data-testid="ledger" aria-hidden={!active}>
      <SourceTabs source={filters.source} onChange={patch} />
      <LedgerFilters
        filters={filters}
        onChange={patch}
        onReset={onReset}
        units={units}
        leaders={leaders}
        years={years}
        searchRef={searchRef}
      />
      <div className="ledger-bar">
        <span className="ledger-total" data-testid="ledger-total" data-total={pages.total ?? ''}>
          {pages.total === null ? '正在统计……' : `共 ${pages.total.toLocaleString('zh-CN')} 项`}
        </span>
        {pages.loading && <Spin size="small" />}
        <span className="ledger-bar-hint">点击表头排序 · 点击行查看详情 · ↑↓ 选择、Enter 打开</span>
        <span className="flex-spacer" />
        <LedgerActions query={query} total={pages.total} units={units} preparePrint={preparePrint} chooser={chooser} />
      </div>
      <LedgerTable
        pages={pages}
        queryKey={queryKey}
        columns={columns}
        sortField={filters.sortField}
        sortOrder={filters.sortOrder}
        onSort={onSort}
        onOpen={onOpen}
        currentId={currentId}
        conflictedIds={conflicted.tasks}
      />
    </div>
  );
}

/**
 * The bar's buttons, memoized: the grid's page cache re-renders the page when each page is asked for and when it
 * arrives (a dozen times while scrolling far), and antd's buttons, tooltips and popover are costly to re-render.
 */
const LedgerActions = memo(function LedgerActions({
  query,
  total,
  units,
  preparePrint,
  chooser,
}: {
  query: LedgerQueryBase;
  total: number | null;
  units: Unit[];
  preparePrint: ComponentProps<typeof PrintButton>['prepare'];
  chooser: ReactNode;
}) {
  const { startDraft } = useDocuments();
  return (
    <>
      <Tooltip title="把当前筛选出的事项整理成表格公文（台账摘录），可修改后导出为 Word">
        <Button
          icon={<FileTextOutlined />}
          disabled={total === 0}
          onClick={() =>
            startDraft({
              type: 'ledger_extract',
              query,
              queryText: describeLedgerQuery(query, units),
              origin: `摘录督查台账当前筛选出的${total === null ? '' : ` ${total} 项`}事项`,
            })
          }
          data-testid="ledger-extract"
        >
          导出台账摘录
        </Button>
      </Tooltip>
      <ImportExcelButton />
      <ExportExcelButton query={query} disabled={total === 0} />
      <PrintButton prepare={preparePrint} disabled={total === 0} what="当前筛选出的事项（全部页）" testId="ledger-print" />
      <Popover content={chooser} title="显示的列" trigger="click" placement="bottomRight">
        <Tooltip title="选择显示的列">
          <Button icon={<SettingOutlined />} data-testid="column-chooser-button">
            列
          </Button>
        </Tooltip>
      </Popover>
    </>
  );
});

const TAB_ITEMS = [{ key: 'all', label: '全部' }, ...TASK_SOURCES.map((s) => ({ key: s, label: SOURCE_LABELS[s] }))];

/** 全部 + one tab per source, in the notice's order. */
const SourceTabs = memo(function SourceTabs({
  source,
  onChange,
}: {
  source: TaskSource | null;
  onChange: (patch: Partial<Filters>) => void;
}) {
  return (
    <Tabs
      className="ledger-tabs"
      activeKey={source ?? 'all'}
      onChange={(k) => onChange({ source: k === 'all' ? null : (k as TaskSource) })}
      items={TAB_ITEMS}
      size="small"
      data-testid="ledger-tabs"
    />
  );
});
