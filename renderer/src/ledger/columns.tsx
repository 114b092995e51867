/** The ledger's columns: which exist, their widths, how a row renders in each, which can sort. */
import type { ReactNode } from 'react';
import { SOURCE_LABELS, type LedgerSortField, type TaskRow } from '../../../electron/contract';
import { StatusLight, StatusTag } from '../components/StatusLight';
import { fmtDate, fmtDateTime, fmtPercent } from '../format';

export type ColumnKey =
  | 'light'
  | 'code'
  | 'title'
  | 'source'
  | 'leadUnits'
  | 'assistUnits'
  | 'leader'
  | 'dueDate'
  | 'latestPercent'
  | 'status'
  | 'year'
  | 'latestReportDate'
  | 'completedOn'
  | 'updatedAt';

export interface LedgerColumn {
  key: ColumnKey;
  title: string;
  /** px, or 'flex' for the one column that takes the rest */
  width: number | 'flex';
  sortField?: LedgerSortField;
  align?: 'left' | 'right' | 'center';
  /** always shown, not in the column chooser */
  fixed?: boolean;
  defaultHidden?: boolean;
  render: (row: TaskRow) => ReactNode;
  /** text for the cell's tooltip (title attribute) when it may be cut off */
  text?: (row: TaskRow) => string;
}

function PercentCell({ row }: { row: TaskRow }) {
  const p = row.latestPercent;
  const plan = row.plannedPercent;
  const behind = p !== null && plan !== null && p < plan;
  return (
    <span className="pct-cell">
      <span className="pct-bar">
        <span className={`pct-fill ${behind ? 'pct-behind' : ''}`} style={{ width: `${p ?? 0}%` }} />
        {plan !== null && <span className="pct-plan" style={{ left: `${plan}%` }} />}
      </span>
      <span className="pct-num">{fmtPercent(p)}</span>
    </span>
  );
}

export const LEDGER_COLUMNS: LedgerColumn[] = [
  {
    key: 'light',
    title: '',
    width: 34,
    fixed: true,
    align: 'center',
    render: (r) => <StatusLight status={r.status} plainTooltip />,
  },
  { key: 'code', title: '序号', width: 112, sortField: 'code', render: (r) => r.code || '—', text: (r) => r.code },
  {
    key: 'title',
    title: '事项名称',
    width: 'flex',
    fixed: true,
    sortField: 'title',
    render: (r) => <span className="cell-title">{r.title}</span>,
    text: (r) => r.title,
  },
  { key: 'source', title: '来源', width: 116, sortField: 'source', render: (r) => SOURCE_LABELS[r.source] },
  { key: 'leadUnits', title: '牵头单位', width: 150, render: (r) => r.leadUnits || '—', text: (r) => r.leadUnits },
  { key: 'assistUnits', title: '配合单位', width: 170, render: (r) => r.assistUnits || '—', text: (r) => r.assistUnits },
  { key: 'leader', title: '责任领导', width: 100, render: (r) => r.leader || '—', text: (r) => r.leader },
  { key: 'dueDate', title: '办理期限', width: 124, sortField: 'due_date', render: (r) => fmtDate(r.dueDate) },
  {
    key: 'latestPercent',
    title: '最新进度',
    width: 118,
    sortField: 'latest_percent',
    render: (r) => <PercentCell row={r} />,
    text: (r) => `最新进度 ${fmtPercent(r.latestPercent)}，计划进度 ${fmtPercent(r.plannedPercent)}`,
  },
  { key: 'status', title: '状态', width: 96, sortField: 'status', render: (r) => <StatusTag status={r.status} /> },
  { key: 'year', title: '年度', width: 60, defaultHidden: true, render: (r) => String(r.year) },
  {
    key: 'latestReportDate',
    title: '最近报送',
    width: 124,
    defaultHidden: true,
    render: (r) => fmtDate(r.latestReportDate),
  },
  { key: 'completedOn', title: '办结日期', width: 124, defaultHidden: true, render: (r) => fmtDate(r.completedOn) },
  {
    key: 'updatedAt',
    title: '最后修改',
    width: 150,
    defaultHidden: true,
    sortField: 'updated_at',
    render: (r) => fmtDateTime(r.updatedAt),
  },
];

const STORAGE_KEY = 'ledger.columns.v1';

export function loadVisibleColumns(): ColumnKey[] {
  const defaults = LEDGER_COLUMNS.filter((c) => !c.defaultHidden).map((c) => c.key);
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return defaults;
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return defaults;
    const known = new Set(LEDGER_COLUMNS.map((c) => c.key));
    const keys = parsed.filter((k): k is ColumnKey => typeof k === 'string' && known.has(k as ColumnKey));
    for (const c of LEDGER_COLUMNS) if (c.fixed && !keys.includes(c.key)) keys.push(c.key);
    return keys;
  } catch {
    return defaults;
  }
}

export function saveVisibleColumns(keys: ColumnKey[]): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
  } catch {
    // storage full or disabled: the choice just is not remembered
  }
}
