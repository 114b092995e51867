/**
 * The 督查台账 on paper (A4 landscape): every row of the current filters — not only the ones the virtualized grid has
 * on screen — as a plain table with the columns the officer chose (the status in words, no traffic light), under a
 * header with the office, a title that says what the view is, and the print date. The column titles repeat on every
 * page and a row is never split across pages (print.css).
 */
import { SOURCE_LABELS, STATUS_LABELS, type TaskRow, type Unit } from '../../../electron/contract';
import { call } from '../api';
import { fmtDate, fmtDateTime, fmtPercent } from '../format';
import { LEDGER_COLUMNS, type ColumnKey, type LedgerColumn } from '../ledger/columns';
import type { LedgerQueryBase } from '../ledger/useLedgerPages';
import { PrintRefused, type PrintJob } from './PrintButton';
import { ledgerViewParts } from '../documents/describeQuery';

/** More rows than this make a printout nobody reads (and a slow one): the officer narrows the view or uses Excel. */
export const PRINT_ROW_CAP = 3000;
/** tasks.list's largest page (ledgerQuery in electron/contract/schemas.ts). */
const PAGE_SIZE = 500;

/** Each column's share of the paper's width (the title takes the most); the traffic light is not printed. */
const PRINT_WEIGHTS: Record<ColumnKey, number> = {
  light: 0,
  code: 9,
  title: 29,
  source: 9,
  leadUnits: 12,
  assistUnits: 13,
  leader: 7,
  dueDate: 10,
  latestPercent: 11,
  status: 7,
  year: 5,
  latestReportDate: 10,
  completedOn: 10,
  updatedAt: 13,
};

const RIGHT: ReadonlySet<ColumnKey> = new Set(['latestPercent']);
const CENTER: ReadonlySet<ColumnKey> = new Set(['status', 'year', 'leader']);

/** A cell as text: what the screen shows, without bars, dots or tags. */
export function printCellText(key: ColumnKey, r: TaskRow): string {
  switch (key) {
    case 'light':
      return '';
    case 'code':
      return r.code || '—';
    case 'title':
      return r.title;
    case 'source':
      return SOURCE_LABELS[r.source];
    case 'leadUnits':
      return r.leadUnits || '—';
    case 'assistUnits':
      return r.assistUnits || '—';
    case 'leader':
      return r.leader || '—';
    case 'dueDate':
      return fmtDate(r.dueDate);
    case 'latestPercent':
      return r.plannedPercent !== null && r.latestPercent !== null && r.latestPercent < r.plannedPercent
        ? `${fmtPercent(r.latestPercent)}（计划${fmtPercent(r.plannedPercent)}）`
        : fmtPercent(r.latestPercent);
    case 'status':
      return STATUS_LABELS[r.status];
    case 'year':
      return String(r.year);
    case 'latestReportDate':
      return fmtDate(r.latestReportDate);
    case 'completedOn':
      return fmtDate(r.completedOn);
    case 'updatedAt':
      return fmtDateTime(r.updatedAt);
  }
}

/** The view's filters in words, source first: 民生实事 · 2026年 · 百官街道（牵头） · 逾期. */
export function describeLedgerView(q: LedgerQueryBase, units: Unit[]): string[] {
  return ledgerViewParts(q, units, { sourceFirst: true });
}

/** All rows of the view, page by page; refused above the cap (before fetching more than one page). */
export async function loadAllRows(query: LedgerQueryBase): Promise<TaskRow[]> {
  const first = await call('tasks.list', { ...query, offset: 0, limit: PAGE_SIZE });
  if (first.total > PRINT_ROW_CAP) {
    throw new PrintRefused(
      '事项太多，不宜打印',
      `当前筛选出 ${first.total.toLocaleString('zh-CN')} 项事项，超过一次打印的上限 ${PRINT_ROW_CAP.toLocaleString('zh-CN')} 项。` +
        '请先缩小筛选范围（如选择来源、单位、状态或办理期限）后再打印；需要全部事项时，请用“导出 Excel”。',
    );
  }
  const rows = [...first.rows];
  while (rows.length < first.total) {
    const page = await call('tasks.list', { ...query, offset: rows.length, limit: PAGE_SIZE });
    if (page.rows.length === 0) break; // the ledger shrank meanwhile (a sync): print what is there
    rows.push(...page.rows);
  }
  return rows;
}

function cut(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('');
}

/** The print job of the current ledger view: loads every row first. */
export async function ledgerPrintJob(opts: {
  query: LedgerQueryBase;
  columns: LedgerColumn[];
  units: Unit[];
  officeName: string;
  today: string;
}): Promise<PrintJob> {
  const rows = await loadAllRows(opts.query);
  const parts = describeLedgerView(opts.query, opts.units);
  const title = `督查台账（${parts.join(' · ')}）`;
  const sortColumn = LEDGER_COLUMNS.find((c) => c.sortField === opts.query.sortField);
  const sortText = sortColumn ? `按${sortColumn.title}${opts.query.sortOrder === 'desc' ? '降序' : '升序'}排列` : '';
  return {
    landscape: true,
    title,
    fileName: cut(['督查台账', ...parts, opts.today].join('-'), 80),
    runningHead: { left: `${opts.officeName} · ${title}`, right: `打印日期：${fmtDate(opts.today)}` },
    view: (
      <PrintLedger
        rows={rows}
        columns={opts.columns}
        officeName={opts.officeName}
        title={title}
        printDate={opts.today}
        sortText={sortText}
      />
    ),
  };
}

export default function PrintLedger({
  rows,
  columns,
  officeName,
  title,
  printDate,
  sortText,
}: {
  rows: TaskRow[];
  columns: LedgerColumn[];
  officeName: string;
  title: string;
  printDate: string;
  sortText: string;
}) {
  const printed = columns.filter((c) => PRINT_WEIGHTS[c.key] > 0);
  const weight = printed.reduce((n, c) => n + PRINT_WEIGHTS[c.key], 0);
  const width = (w: number) => `${((w / weight) * 100).toFixed(2)}%`;
  return (
    <div className="print-sheet print-ledger" data-testid="print-ledger" data-rows={rows.length}>
      <header className="print-head">
        <div className="print-office" data-testid="print-office">
          {officeName}
        </div>
        <h1 className="print-title" data-testid="print-title">
          {title}
        </h1>
        <div className="print-meta">
          <span>
            共 {rows.length} 项{sortText ? `，${sortText}` : ''}；状态按打印当日计算
          </span>
          <span>打印日期：{fmtDate(printDate)}</span>
        </div>
      </header>
      <table className="print-table" data-testid="print-ledger-table">
        <colgroup>
          {printed.map((c) => (
            <col key={c.key} style={{ width: width(PRINT_WEIGHTS[c.key]) }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {printed.map((c) => (
              <th key={c.key}>{c.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="print-ledger-row">
              {printed.map((c) => (
                <td key={c.key} className={RIGHT.has(c.key) ? 'num' : CENTER.has(c.key) ? 'center' : undefined}>
                  {printCellText(c.key, r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
