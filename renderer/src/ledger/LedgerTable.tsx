/**
 * The virtualized ledger grid: a div grid with a sticky header, only the visible rows in the DOM,
 * rows fetched page by page (useLedgerPages). Smooth at 100,000 rows.
 */
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Alert, Button, Empty, Tag } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { LedgerSortField, TaskRow } from '../../../electron/contract';
import type { LedgerColumn } from './columns';
import type { LedgerPages } from './useLedgerPages';

const ROW_H = 36;
const HEADER_H = 36;
const FLEX_MIN = 260;

interface Props {
  pages: LedgerPages;
  /** identity of the current filters: the grid returns to the top when it changes */
  queryKey: string;
  columns: LedgerColumn[];
  sortField: LedgerSortField;
  sortOrder: 'asc' | 'desc';
  onSort: (field: LedgerSortField) => void;
  onOpen: (id: string) => void;
  /** the task last opened, highlighted */
  currentId: string | null;
  /** tasks with open sync conflicts: a 冲突 badge before the title */
  conflictedIds?: ReadonlySet<string>;
}

export default function LedgerTable({ pages, queryKey, columns, sortField, sortOrder, onSort, onOpen, currentId, conflictedIds }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = pages.total ?? 0;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    overscan: 8,
    paddingStart: HEADER_H,
  });

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { requestRange } = pages;

  useEffect(() => {
    requestRange(first, last);
  }, [first, last, requestRange]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  const template = useMemo(
    () => columns.map((c) => (c.width === 'flex' ? `minmax(${FLEX_MIN}px, 1fr)` : `${c.width}px`)).join(' '),
    [columns],
  );
  const minWidth = useMemo(
    () => columns.reduce((sum, c) => sum + (c.width === 'flex' ? FLEX_MIN : c.width), 0),
    [columns],
  );

  const focusRow = (index: number) => {
    if (index < 0 || index >= count) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    window.requestAnimationFrame(() => {
      scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
    });
  };

  // stable handlers so that memoized rows do not re-render while scrolling
  const latest = useRef({ focusRow, onOpen });
  latest.current = { focusRow, onOpen };
  const onRowKey = useCallback((e: KeyboardEvent<HTMLDivElement>, index: number, id: string) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      latest.current.onOpen(id);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      latest.current.focusRow(index + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      latest.current.focusRow(index - 1);
    }
  }, []);
  const onRowClick = useCallback((id: string) => latest.current.onOpen(id), []);

  return (
    <div className="vt-wrap">
      {pages.error && (
        <Alert
          type="error"
          showIcon
          title={pages.error}
          action={
            <Button size="small" onClick={pages.retry}>
              重试
            </Button>
          }
          style={{ marginBottom: 8 }}
        />
      )}
      <div className="vt" ref={scrollRef} role="grid" aria-rowcount={count} data-testid="ledger-table">
        <div className="vt-inner" style={{ height: Math.max(virtualizer.getTotalSize(), HEADER_H), minWidth }}>
          <div className="vt-header" role="row" style={{ gridTemplateColumns: template, height: HEADER_H }}>
            {columns.map((c) => {
              const sorted = c.sortField && c.sortField === sortField;
              return (
                <div
                  key={c.key}
                  role="columnheader"
                  className={`vt-th ${c.sortField ? 'vt-sortable' : ''} ${sorted ? 'vt-sorted' : ''} align-${c.align ?? 'left'}`}
                  aria-sort={sorted ? (sortOrder === 'asc' ? 'ascending' : 'descending') : undefined}
                  onClick={c.sortField ? () => onSort(c.sortField as LedgerSortField) : undefined}
                  title={c.sortField ? `按${c.title}排序` : undefined}
                  data-testid={`ledger-col-${c.key}`}
                >
                  {c.title}
                  {sorted && (sortOrder === 'asc' ? <ArrowUpOutlined /> : <ArrowDownOutlined />)}
                </div>
              );
            })}
          </div>
          {items.map((item) => {
            const row = pages.row(item.index);
            const style = { transform: `translateY(${item.start}px)`, gridTemplateColumns: template, height: ROW_H };
            if (!row) {
              return (
                <div key={`sk-${item.index}`} className="vt-row vt-skeleton" style={style} data-index={item.index} aria-busy="true">
                  {columns.map((c) => (
                    <div key={c.key} className="vt-td">
                      {c.key !== 'light' && <span className="sk-bar" style={{ width: c.width === 'flex' ? '70%' : '60%' }} />}
                    </div>
                  ))}
                </div>
              );
            }
            return (
              <LedgerRow
                key={row.id}
                row={row}
                index={item.index}
                start={item.start}
                template={template}
                columns={columns}
                current={currentId === row.id}
                conflicted={conflictedIds?.has(row.id) ?? false}
                onClick={onRowClick}
                onKey={onRowKey}
              />
            );
          })}
        </div>
        {pages.total === null &&
          Array.from({ length: 8 }, (_, i) => (
            <div
              key={`init-${i}`}
              className="vt-row vt-skeleton"
              style={{ transform: `translateY(${HEADER_H + i * ROW_H}px)`, gridTemplateColumns: template, height: ROW_H, minWidth }}
              aria-busy="true"
            >
              {columns.map((c) => (
                <div key={c.key} className="vt-td">
                  {c.key !== 'light' && <span className="sk-bar" />}
                </div>
              ))}
            </div>
          ))}
        {pages.total === 0 && !pages.error && (
          <div className="vt-empty">
            <Empty description="没有符合条件的督查事项" />
          </div>
        )}
      </div>
    </div>
  );
}

interface RowProps {
  row: TaskRow;
  index: number;
  start: number;
  template: string;
  columns: LedgerColumn[];
  current: boolean;
  conflicted: boolean;
  onClick: (id: string) => void;
  onKey: (e: KeyboardEvent<HTMLDivElement>, index: number, id: string) => void;
}

const LedgerRow = memo(function LedgerRow({ row, index, start, template, columns, current, conflicted, onClick, onKey }: RowProps) {
  return (
    <div
      role="row"
      tabIndex={0}
      className={`vt-row ${index % 2 ? 'vt-odd' : ''} ${current ? 'vt-current' : ''}`}
      style={{ transform: `translateY(${start}px)`, gridTemplateColumns: template, height: ROW_H }}
      data-index={index}
      data-testid="ledger-row"
      data-task-id={row.id}
      data-status={row.status}
      onClick={() => onClick(row.id)}
      onKeyDown={(e) => onKey(e, index, row.id)}
    >
      {columns.map((c) => (
        <div key={c.key} role="gridcell" className={`vt-td align-${c.align ?? 'left'} col-${c.key}`} title={c.text?.(row) || undefined}>
          {c.key === 'title' && conflicted && (
            <Tag color="orange" className="conflict-tag" title="有同步冲突待确认（同步冲突页处理）" data-testid="ledger-conflict-tag">
              冲突
            </Tag>
          )}
          {c.render(row)}
        </div>
      ))}
    </div>
  );
});
