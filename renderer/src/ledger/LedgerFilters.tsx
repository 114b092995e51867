import { ClearOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Select, Tooltip } from 'antd';
import type { InputRef } from 'antd';
import { memo, useEffect, useRef, useState, type Ref } from 'react';
import {
  ROLE_LABELS,
  STATUS_LABELS,
  STATUS_LIGHTS,
  TASK_STATUSES,
  UNIT_ROLES,
  type Unit,
} from '../../../electron/contract';
import { defaultLedgerFilters, type LedgerFilters as Filters } from '../context';
import { fromIso, toIso } from '../format';
import { UNIT_SEARCH, unitSelectOptions } from './unitOptions';

const RANGE_FORMATS = ['YYYY年M月D日', 'YYYY-MM-DD', 'YYYY/M/D', 'YYYYMMDD'];

interface Props {
  filters: Filters;
  onChange: (patch: Partial<Filters>) => void;
  onReset: () => void;
  units: Unit[];
  leaders: string[];
  years: number[];
  searchRef: Ref<InputRef>;
}

function LedgerFilters({ filters, onChange, onReset, units, leaders, years, searchRef }: Props) {
  const [text, setText] = useState(filters.search);
  const timer = useRef<number | null>(null);
  const composing = useRef(false);

  // follow outside changes (reset, dashboard links)
  useEffect(() => {
    setText(filters.search);
  }, [filters.search]);

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  const commitSearch = (value: string, delay: number) => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      timer.current = null;
      if (value.trim() !== filters.search) onChange({ search: value.trim() });
    }, delay);
  };

  const d = defaultLedgerFilters(filters.year);
  const dirty =
    filters.unitId !== d.unitId ||
    filters.role !== d.role ||
    filters.statuses.length > 0 ||
    filters.leader !== d.leader ||
    filters.dueFrom !== null ||
    filters.dueTo !== null ||
    filters.search !== '';

  return (
    <div className="filters" data-testid="ledger-filters">
      <Select
        value={filters.year ?? 0}
        onChange={(y: number) => onChange({ year: y === 0 ? null : y })}
        options={[{ value: 0, label: '全部年度' }, ...years.map((y) => ({ value: y, label: `${y}年` }))]}
        style={{ width: 104 }}
        aria-label="年度"
        data-testid="filter-year"
      />
      <Select
        value={filters.unitId ?? undefined}
        onChange={(v?: string) => onChange({ unitId: v ?? null })}
        options={unitSelectOptions(units, { includeInactive: true })}
        showSearch={UNIT_SEARCH}
        allowClear
        placeholder="责任单位"
        style={{ width: 170 }}
        popupMatchSelectWidth={240}
        aria-label="责任单位"
        data-testid="filter-unit"
      />
      <Select
        value={filters.role ?? undefined}
        onChange={(v?: Filters['role']) => onChange({ role: v ?? null })}
        options={UNIT_ROLES.map((r) => ({ value: r, label: `${ROLE_LABELS[r]}单位` }))}
        allowClear
        placeholder="牵头/配合"
        style={{ width: 108 }}
        aria-label="角色"
        data-testid="filter-role"
      />
      <Select
        mode="multiple"
        value={filters.statuses}
        onChange={(v: Filters['statuses']) => onChange({ statuses: v })}
        options={TASK_STATUSES.map((s) => ({
          value: s,
          label: (
            <span>
              <span className={`light-dot light-${STATUS_LIGHTS[s]}`} /> {STATUS_LABELS[s]}
            </span>
          ),
        }))}
        allowClear
        placeholder="状态"
        maxTagCount="responsive"
        style={{ width: 176 }}
        aria-label="状态"
        data-testid="filter-status"
      />
      <Select
        value={filters.leader ?? undefined}
        onChange={(v?: string) => onChange({ leader: v ?? null })}
        options={leaders.map((l) => ({ value: l, label: l }))}
        showSearch
        allowClear
        placeholder="责任领导"
        style={{ width: 110 }}
        aria-label="责任领导"
        data-testid="filter-leader"
      />
      <DatePicker.RangePicker
        value={[fromIso(filters.dueFrom), fromIso(filters.dueTo)]}
        onChange={(range) => onChange({ dueFrom: toIso(range?.[0]), dueTo: toIso(range?.[1]) })}
        format={RANGE_FORMATS}
        allowEmpty={[true, true]}
        placeholder={['期限起', '期限止']}
        style={{ width: 236 }}
        aria-label="办理期限范围"
        data-testid="filter-due"
      />
      <Input
        ref={searchRef}
        prefix={<SearchOutlined className="muted" />}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          // while an IME composes pinyin, wait for the Chinese characters
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
        placeholder="搜索事项、内容、进展（Ctrl+F）"
        className="filter-search"
        aria-label="搜索"
        data-testid="ledger-search"
      />
      {dirty && (
        <Tooltip title="清除年度以外的全部筛选条件">
          <Button icon={<ClearOutlined />} onClick={onReset} data-testid="filter-reset">
            重置
          </Button>
        </Tooltip>
      )}
    </div>
  );
}

export default memo(LedgerFilters);
