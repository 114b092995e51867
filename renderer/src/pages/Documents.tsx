/**
 * 公文: the registry of every document drafted (发文登记簿) — 文号, type, title, 主送, status, who drafted and
 * signed it — with filters and paging; 起草公文 opens the wizard, a row opens the document, and several rows
 * may be exported together.
 */
import { ClearOutlined, ExportOutlined, FileAddOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes, type MouseEvent } from 'react';
import {
  DOCUMENT_STATUSES,
  DOCUMENT_STATUS_LABELS,
  DOCUMENT_TYPES,
  DOCUMENT_TYPE_LABELS,
  type DocumentPage,
  type DocumentStatus,
  type DocumentSummary,
  type DocumentType,
} from '../../../electron/contract/documents';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { useDocuments } from '../documents/DocumentsHost';
import ExportDialog from '../documents/ExportDialog';
import { STATUS_COLORS } from '../documents/labels';
import { fmtDate } from '../format';

const PAGE_SIZES = [20, 50, 100];

interface Filters {
  year: number | null;
  type: DocumentType | null;
  status: DocumentStatus | null;
  search: string;
}

/** A timestamp's local calendar day as 2016年7月5日. */
const dayOf = (iso: string | null) => (iso ? fmtDate(dayjs(iso).format('YYYY-MM-DD')) : '—');

export default function Documents() {
  const { info, currentYear, conflicted } = useAppState();
  const { startDraft, openDocument, version, changed } = useDocuments();
  const [filters, setFilters] = useState<Filters>({ year: null, type: null, status: null, search: '' });
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const [data, setData] = useState<DocumentPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [selectedRows, setSelectedRows] = useState<Map<string, DocumentSummary>>(new Map());
  const [exporting, setExporting] = useState(false);
  const timer = useRef<number | null>(null);
  const composing = useRef(false);
  const seq = useRef(0);
  const pageRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const n = ++seq.current;
    setLoading(true);
    try {
      const res = await call('documents.list', { ...filters, offset: (page - 1) * pageSize, limit: pageSize });
      if (n !== seq.current) return;
      setData(res);
      setError(null);
    } catch (err) {
      if (n === seq.current) setError(errorMessage(err));
    } finally {
      if (n === seq.current) setLoading(false);
    }
  }, [filters, page, pageSize]);

  useEffect(() => {
    void load();
  }, [load, version]);

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  const patch = (p: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...p }));
    setPage(1);
  };

  const commitSearch = (value: string, delay: number) => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      setFilters((f) => (f.search === value.trim() ? f : { ...f, search: value.trim() }));
      setPage(1);
    }, delay);
  };

  const years = useMemo(() => Array.from(new Set([currentYear, ...info.years])).sort((a, b) => b - a), [currentYear, info.years]);
  const dirty = filters.year !== null || filters.type !== null || filters.status !== null || filters.search !== '';

  const columns: ColumnsType<DocumentSummary> = [
    {
      title: '文号',
      dataIndex: 'number',
      width: 190,
      render: (n: string | null, r) =>
        n ? (
          <span className={`doc-number${r.status === 'cancelled' ? ' doc-number-void' : ''}`}>{n}</span>
        ) : (
          <span className="muted">{r.signedOn ? '（不编文号）' : '（未编号）'}</span>
        ),
    },
    { title: '类型', dataIndex: 'type', width: 110, render: (t: DocumentType) => DOCUMENT_TYPE_LABELS[t] },
    {
      title: '标题',
      dataIndex: 'title',
      ellipsis: { showTitle: false },
      render: (t: string, r) => (
        <Tooltip title={t} placement="topLeft">
          <span className="doc-row-title">
            {r.supersedesId && <Tag color="purple">更正稿</Tag>}
            {conflicted.documents.has(r.id) && (
              <Tag color="orange" title="有同步冲突待确认（同步冲突页处理）" data-testid="document-conflict-tag">
                冲突
              </Tag>
            )}
            {t}
          </span>
        </Tooltip>
      ),
    },
    {
      title: '主送',
      dataIndex: 'recipients',
      width: 200,
      ellipsis: { showTitle: false },
      render: (list: string[]) => {
        const s = list.join('、');
        return s ? (
          <Tooltip title={s} placement="topLeft">
            <span>{list.length > 3 ? `${list.slice(0, 3).join('、')} 等 ${list.length} 个` : s}</span>
          </Tooltip>
        ) : (
          <span className="muted">—</span>
        );
      },
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 86,
      render: (s: DocumentStatus, r) => (
        <Tooltip title={s === 'cancelled' && r.cancelledReason ? `作废原因：${r.cancelledReason}` : undefined}>
          <Tag color={STATUS_COLORS[s]}>{DOCUMENT_STATUS_LABELS[s]}</Tag>
        </Tooltip>
      ),
    },
    { title: '拟稿人', dataIndex: 'drafter', width: 90, render: (d: string) => d || '—' },
    { title: '拟稿日期', dataIndex: 'draftedAt', width: 120, render: (d: string) => dayOf(d) },
    {
      title: '签发人 / 日期',
      key: 'signed',
      width: 200,
      render: (_: unknown, r) => (r.signer ? `${r.signer} · ${fmtDate(r.signedOn)}` : <span className="muted">—</span>),
    },
    {
      title: '导出',
      dataIndex: 'exportCount',
      width: 64,
      align: 'right',
      render: (n: number, r) =>
        n > 0 ? (
          <Tooltip title={`最近导出 ${dayOf(r.lastExportedAt)}`}>
            <span>{n}</span>
          </Tooltip>
        ) : (
          <span className="num-zero">0</span>
        ),
    },
  ];

  const selectable = (r: DocumentSummary) => r.status !== 'cancelled';
  const exportIds = selected.filter((id) => {
    const r = selectedRows.get(id);
    return !r || selectable(r);
  });

  return (
    <div className="page documents-page" data-testid="documents-page" ref={pageRef}>
      <div className="page-toolbar">
        <Space size="middle" wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            公文登记簿
          </Typography.Title>
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => startDraft()} data-testid="document-new">
            起草公文
          </Button>
          <Tooltip title={selected.length ? '把勾选的公文各导出为一个 Word 文件' : '先勾选要导出的公文'}>
            <Button
              icon={<ExportOutlined />}
              disabled={exportIds.length === 0}
              onClick={() => setExporting(true)}
              data-testid="document-batch-export"
            >
              批量导出{exportIds.length > 0 ? `（${exportIds.length}）` : ''}
            </Button>
          </Tooltip>
          {selected.length > 0 && (
            <Button
              type="link"
              onClick={() => {
                setSelected([]);
                setSelectedRows(new Map());
              }}
            >
              清除勾选
            </Button>
          )}
        </Space>
        <Typography.Text type="secondary">草稿 → 送签 → 已签发；签发时编定文号。点击一行查看、修改或导出。</Typography.Text>
      </div>
      <div className="filters" data-testid="documents-filters">
        <Select
          value={filters.year ?? 0}
          onChange={(y: number) => patch({ year: y === 0 ? null : y })}
          options={[{ value: 0, label: '全部年度' }, ...years.map((y) => ({ value: y, label: `${y}年` }))]}
          style={{ width: 110 }}
          aria-label="年度"
          data-testid="documents-year"
        />
        <Select
          value={filters.type ?? undefined}
          onChange={(t?: DocumentType) => patch({ type: t ?? null })}
          options={DOCUMENT_TYPES.map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t] }))}
          allowClear
          placeholder="公文类型"
          style={{ width: 140 }}
          aria-label="公文类型"
          data-testid="documents-type"
        />
        <Select
          value={filters.status ?? undefined}
          onChange={(s?: DocumentStatus) => patch({ status: s ?? null })}
          options={DOCUMENT_STATUSES.map((s) => ({ value: s, label: DOCUMENT_STATUS_LABELS[s] }))}
          allowClear
          placeholder="状态"
          style={{ width: 110 }}
          aria-label="状态"
          data-testid="documents-status"
        />
        <Input
          prefix={<SearchOutlined className="muted" />}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!composing.current) commitSearch(e.target.value, 350);
          }}
          onCompositionStart={() => {
            composing.current = true;
          }}
          onCompositionEnd={(e) => {
            composing.current = false;
            commitSearch(e.currentTarget.value, 350);
          }}
          onPressEnter={(e) => {
            if (!e.nativeEvent.isComposing) commitSearch(e.currentTarget.value, 0);
          }}
          allowClear
          placeholder="搜索标题、主送单位、文号"
          className="filter-search"
          aria-label="搜索"
          data-testid="documents-search"
        />
        {dirty && (
          <Button
            icon={<ClearOutlined />}
            onClick={() => {
              setText('');
              patch({ year: null, type: null, status: null, search: '' });
            }}
          >
            重置
          </Button>
        )}
        <span className="flex-spacer" />
        <Tooltip title="刷新">
          <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} aria-label="刷新" />
        </Tooltip>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Table
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={loading}
        rowClassName={(r) => `doc-row doc-row-${r.status}`}
        sticky={{ getContainer: () => pageRef.current ?? window }}
        onRow={(r) =>
          ({
            onClick: (e: MouseEvent<HTMLElement>) => {
              // ticking the checkbox selects the row; it does not open it
              if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
              openDocument(r.id);
            },
            'data-testid': 'document-row',
            'data-document-id': r.id,
            'data-status': r.status,
          }) as HTMLAttributes<HTMLElement>
        }
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys, rows) => {
            setSelected(keys.map(String));
            setSelectedRows((prev) => {
              const next = new Map<string, DocumentSummary>();
              for (const k of keys) {
                const r = rows.find((x) => x?.id === k) ?? prev.get(String(k));
                if (r) next.set(String(k), r);
              }
              return next;
            });
          },
          getCheckboxProps: (r) => ({ disabled: !selectable(r), title: selectable(r) ? undefined : '作废的公文不能导出' }),
          columnWidth: 36,
        }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES,
          showTotal: (t) => `共 ${t} 份`,
          onChange: (p, s) => {
            setPage(s !== pageSize ? 1 : p);
            setPageSize(s);
          },
        }}
        locale={{
          emptyText: dirty ? '没有符合条件的公文' : '还没有公文。点击“起草公文”，从台账生成督办单、催办通知、情况通报等。',
        }}
        data-testid="documents-table"
      />
      {exporting && (
        <ExportDialog
          ids={exportIds}
          what={`${exportIds.length} 份公文`}
          onClose={() => setExporting(false)}
          onExported={() => {
            changed();
          }}
        />
      )}
    </div>
  );
}
