/**
 * Choosing the tasks a document is about: for per-unit documents, a table of the chosen units' tasks in the
 * statuses that matter (催办通知: 逾期; 督查通知书: 未办结) to tick; for 督办单, a search over the whole ledger.
 */
import { Empty, Select, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import { STATUS_LABELS, type TaskRow, type TaskStatus } from '../../../electron/contract';
import { call, errorMessage } from '../api';
import { StatusLight } from '../components/StatusLight';
import { fmtDate, fmtPercent } from '../format';

interface UnitTaskPickerProps {
  unitIds: string[];
  /** the statuses offered */
  statuses: TaskStatus[];
  /** newly offered tasks in these statuses are ticked as they appear (none when the caller chose tasks) */
  autoSelect: TaskStatus[];
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** the unit names, to say which chosen unit each task belongs to */
  unitNames: Map<string, string>;
  emptyText: string;
}

interface OfferedTask extends TaskRow {
  forUnits: string[];
}

/** The chosen units' tasks in the given statuses, ticked or not. */
export function UnitTaskPicker({ unitIds, statuses, autoSelect, value = [], onChange, unitNames, emptyText }: UnitTaskPickerProps) {
  const [rows, setRows] = useState<OfferedTask[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const offered = useRef<Set<string> | null>(null);
  const latest = useRef({ value, onChange, autoSelect });
  latest.current = { value, onChange, autoSelect };
  const unitKey = unitIds.join(',');
  const statusKey = statuses.join(',');

  useEffect(() => {
    let live = true;
    const ids = unitKey ? unitKey.split(',') : [];
    const wanted = statusKey.split(',') as TaskStatus[];
    if (ids.length === 0) {
      setRows([]);
      setError(null);
      if (offered.current !== null) latest.current.onChange?.([]);
      offered.current = new Set();
      return;
    }
    setLoading(true);
    Promise.all(
      ids.map((unitId) =>
        call('tasks.list', { unitId, statuses: wanted, limit: 500, sortField: 'due_date', sortOrder: 'asc' }).then((page) => ({ unitId, rows: page.rows })),
      ),
    )
      .then((pages) => {
        if (!live) return;
        const byId = new Map<string, OfferedTask>();
        for (const p of pages) {
          for (const r of p.rows) {
            const hit = byId.get(r.id);
            const name = unitNames.get(p.unitId) ?? '';
            if (hit) hit.forUnits.push(name);
            else byId.set(r.id, { ...r, forUnits: [name] });
          }
        }
        const list = [...byId.values()];
        setRows(list);
        setError(null);
        const { value: current, onChange: emit, autoSelect: auto } = latest.current;
        const before = offered.current;
        const keep = current.filter((id) => byId.has(id));
        const add = list.filter((r) => !(before?.has(r.id) ?? false) && auto.includes(r.status) && !keep.includes(r.id)).map((r) => r.id);
        const next = [...keep, ...add];
        if (next.length !== current.length || next.some((id, i) => id !== current[i])) emit?.(next);
        offered.current = new Set(byId.keys());
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [unitKey, statusKey, unitNames]);

  const columns: ColumnsType<OfferedTask> = [
    { title: '状态', dataIndex: 'status', width: 96, render: (s: TaskStatus) => <StatusLight status={s} withText testId="picker-light" /> },
    {
      title: '督查事项',
      dataIndex: 'title',
      ellipsis: true,
      render: (t: string, r) => (
        <span title={t}>
          {r.code && <span className="muted">{r.code} </span>}
          {t}
        </span>
      ),
    },
    {
      title: '所选单位',
      dataIndex: 'forUnits',
      width: 130,
      ellipsis: true,
      render: (u: string[]) => u.join('、'),
    },
    { title: '办理期限', dataIndex: 'dueDate', width: 118, render: (d: string) => fmtDate(d) },
    { title: '进度', dataIndex: 'latestPercent', width: 56, align: 'right', render: (p: number | null) => fmtPercent(p) },
  ];

  if (unitIds.length === 0) return <div className="picker-empty muted">先选择单位，这里列出它们{statuses.map((s) => STATUS_LABELS[s]).join('、')}的事项供勾选。</div>;

  return (
    <div className="task-picker" data-testid="wizard-task-picker" data-count={rows.length}>
      <Table
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ y: 220 }}
        rowSelection={{
          selectedRowKeys: value,
          onChange: (keys) => onChange?.(keys.map(String)),
          columnWidth: 36,
        }}
        onRow={(r) => ({ 'data-testid': 'wizard-task-row', 'data-task-id': r.id }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: error ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
      />
      <div className="picker-count muted">
        已选 {value.filter((id) => rows.some((r) => r.id === id)).length} / {rows.length} 项
      </div>
    </div>
  );
}

interface TaskSearchSelectProps {
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** tasks known already (a preset), so their titles show before any search */
  initial?: string[];
}

/** Search the ledger for tasks by title, content or number; several may be chosen. */
export function TaskSearchSelect({ value = [], onChange, initial }: TaskSearchSelectProps) {
  const [options, setOptions] = useState<TaskRow[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<string, TaskRow>());
  const timer = useRef<number | null>(null);
  const seq = useRef(0);
  const [, setKnownVersion] = useState(0);

  const search = (text: string) => {
    const n = ++seq.current;
    setLoading(true);
    call('tasks.list', { search: text.trim(), limit: 50, sortField: 'due_date', sortOrder: 'asc' })
      .then((page) => {
        if (n !== seq.current) return;
        for (const r of page.rows) known.current.set(r.id, r);
        setOptions(page.rows);
      })
      .catch(() => n === seq.current && setOptions([]))
      .finally(() => n === seq.current && setLoading(false));
  };

  useEffect(() => {
    search('');
    // titles of preset tasks
    const ids = initial ?? [];
    if (ids.length > 0) {
      Promise.all(ids.map((id) => call('tasks.get', { id }).catch(() => null))).then((details) => {
        for (const d of details) {
          if (!d) continue;
          known.current.set(d.task.id, {
            id: d.task.id,
            year: d.task.year,
            source: d.task.source,
            code: d.task.code,
            title: d.task.title,
            leader: d.task.leader,
            leadUnits: d.units.filter((u) => u.role === 'lead').map((u) => u.unitName).join('、'),
            assistUnits: d.units.filter((u) => u.role === 'assist').map((u) => u.unitName).join('、'),
            dueDate: d.task.dueDate,
            completedOn: d.task.completedOn,
            status: d.status,
            latestPercent: d.latestPercent,
            latestReportDate: null,
            plannedPercent: d.plannedPercent,
            updatedAt: d.task.updatedAt,
          });
        }
        setKnownVersion((v) => v + 1);
      });
    }
    return () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, []);

  const merged = useMemo(() => {
    const list = [...options];
    for (const id of value) {
      const r = known.current.get(id);
      if (r && !list.some((o) => o.id === id)) list.unshift(r);
    }
    return list;
  }, [options, value]);

  return (
    <Select
      mode="multiple"
      value={value}
      onChange={(v: string[]) => onChange?.(v)}
      placeholder="输入事项名称、内容或序号搜索，可选多项"
      loading={loading}
      showSearch={{
        filterOption: false,
        onSearch: (text) => {
          if (timer.current !== null) window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => search(text), 250);
        },
      }}
      notFoundContent={loading ? '正在查找……' : '没有找到事项'}
      options={merged.map((r) => ({
        value: r.id,
        label: (
          <span className="task-option">
            <StatusLight status={r.status} testId="picker-light" />
            <span className="task-option-title">
              {r.code && <span className="muted">{r.code} </span>}
              {r.title}
            </span>
            <Tag className="task-option-unit">{r.leadUnits || '未定单位'}</Tag>
          </span>
        ),
      }))}
      maxTagCount="responsive"
      style={{ width: '100%' }}
      data-testid="wizard-tasks"
    />
  );
}
