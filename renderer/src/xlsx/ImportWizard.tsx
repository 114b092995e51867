/**
 * 导入 Excel: a breakdown table (细化分解表, 实施计划表) into the ledger, in four steps —
 *   1 选择文件 (main's open dialog; the renderer only holds a token), 2 工作表与来源, 3 列对应与预览 (the proposed
 *   column mapping, the unknown units to create or map, every row with what it becomes and its problems; every
 *   change re-runs the preview), 4 导入 (one transaction: all valid rows or nothing; progress bar while it runs).
 * Re-importing the same sheet updates the tasks it created (matched by 年度 + 来源 + 序号).
 */
import { CheckCircleFilled, FileExcelOutlined, FolderOpenOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import {
  SOURCE_LABELS,
  TASK_SOURCES,
  UNIT_KIND_LABELS,
  XLSX_FIELD_LABELS,
  XLSX_FIELDS,
  XLSX_ROW_ACTION_LABELS,
  type TaskSource,
  type Unit,
  type XlsxColumn,
  type XlsxField,
  type XlsxImportPreview,
  type XlsxImportResult,
  type XlsxPickedFile,
  type XlsxPreviewRow,
  type XlsxProblem,
  type XlsxRowAction,
  type XlsxUnitRef,
  type XlsxUnknownUnit,
} from '../../../electron/contract';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { DATE_FORMAT, fmtDate, fromIso, toIso } from '../format';
import { unitSelectOptions, type UnitOption } from '../ledger/unitOptions';
import { sourceRefLabel, sourceRefPlaceholder } from '../task/sourceLabels';
import { useXlsxProgress, XlsxProgressBar } from './progress';

interface Options {
  /** 1-based; null: the first sheet with a recognisable header */
  sheet: number | null;
  source: TaskSource | null;
  year: number;
  sourceRef: string;
  assignedDate: string | null;
}

type ColumnChoice = { column: number; field: XlsxField };
type UnitMap = Record<string, string>;
type RowFilter = 'all' | 'problems' | XlsxRowAction;

const ACTION_COLORS: Record<XlsxRowAction, string> = { create: 'green', update: 'blue', skip: 'default' };
const STEP_TITLES = ['选择文件', '工作表与来源', '列对应与预览', '导入'];

export default function ImportWizard({ onClose }: { onClose: () => void }) {
  const { info, currentYear, units, ledgerFilters, dataChanged, refreshInfo, openLedger } = useAppState();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<XlsxPickedFile | null>(null);
  const [picking, setPicking] = useState(false);
  const [options, setOptions] = useState<Options>(() => ({
    sheet: null,
    source: ledgerFilters.source,
    year: ledgerFilters.year ?? currentYear,
    sourceRef: '',
    assignedDate: null,
  }));
  const [mapping, setMapping] = useState<ColumnChoice[]>([]);
  const [unitMap, setUnitMap] = useState<UnitMap>({});
  /** every unknown unit any preview named: a mapped one leaves the preview's list but stays here, to change it */
  const [unknowns, setUnknowns] = useState<XlsxUnknownUnit[]>([]);
  const [preview, setPreview] = useState<XlsxImportPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [importing, setImporting] = useState(false);
  const [result, setResult] = useState<XlsxImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const live = useRef(true);
  const progress = useXlsxProgress(previewing || importing);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const busy = picking || previewing || importing;

  const pick = async () => {
    setError(null);
    setPicking(true);
    try {
      const picked = await call('xlsx.pickFile', { purpose: 'tasks' });
      if (!live.current || !picked) return;
      setFile(picked);
      setOptions((o) => ({ ...o, sheet: null }));
      setMapping([]);
      setUnitMap({});
      setUnknowns([]);
      setPreview(null);
      setResult(null);
    } catch (err) {
      if (live.current) setError(errorMessage(err));
    } finally {
      if (live.current) setPicking(false);
    }
  };

  /** Runs the preview with these choices; the latest call wins. */
  const runPreview = async (next: { options?: Options; mapping?: ColumnChoice[]; unitMap?: UnitMap } = {}): Promise<boolean> => {
    if (!file) return false;
    const o = next.options ?? options;
    if (!o.source) {
      setError('请选择事项来源。');
      return false;
    }
    const mine = ++seq.current;
    setError(null);
    setPreviewing(true);
    try {
      const p = await call('xlsx.preview', {
        token: file.token,
        sheet: o.sheet,
        source: o.source,
        year: o.year,
        sourceRef: o.sourceRef,
        assignedDate: o.assignedDate,
        mapping: next.mapping ?? mapping,
        unitMap: next.unitMap ?? unitMap,
      });
      if (!live.current || mine !== seq.current) return false;
      setPreview(p);
      setUnknowns((prev) => {
        const byText = new Map(prev.map((u) => [u.text, u]));
        for (const u of p.unknownUnits) byText.set(u.text, u);
        return [...byText.values()];
      });
      return true;
    } catch (err) {
      if (live.current && mine === seq.current) setError(errorMessage(err));
      return false;
    } finally {
      if (live.current && mine === seq.current) setPreviewing(false);
    }
  };

  const changeOptions = (patch: Partial<Options>) => {
    setOptions((o) => ({ ...o, ...patch }));
    if ('sheet' in patch) {
      // another sheet has other columns and other names
      setMapping([]);
      setUnitMap({});
      setUnknowns([]);
      setPreview(null);
    }
  };

  const chooseField = (column: number, field: XlsxField) => {
    const next = [...mapping.filter((m) => m.column !== column), { column, field }];
    setMapping(next);
    void runPreview({ mapping: next });
  };

  const mapUnit = (text: string, target: string | undefined) => {
    const next = { ...unitMap };
    if (target) next[text] = target;
    else delete next[text];
    setUnitMap(next);
    void runPreview({ unitMap: next });
  };

  const toPreview = async () => {
    if (await runPreview()) setStep(2);
  };

  const startImport = async () => {
    if (!file || !options.source) return;
    setError(null);
    setImporting(true);
    try {
      const r = await call('xlsx.import', {
        token: file.token,
        sheet: options.sheet,
        source: options.source,
        year: options.year,
        sourceRef: options.sourceRef,
        assignedDate: options.assignedDate,
        mapping,
        unitMap,
        skipInvalid,
      });
      if (!live.current) return;
      setResult(r);
      dataChanged();
      void refreshInfo();
    } catch (err) {
      if (live.current) setError(errorMessage(err));
    } finally {
      if (live.current) setImporting(false);
    }
  };

  const viewInLedger = () => {
    if (options.source) openLedger({ source: options.source, year: options.year });
    onClose();
  };

  const years = useMemo(() => {
    // breakdown tables of earlier years are imported too
    const from = Math.min(currentYear - 10, ...info.years);
    const to = Math.max(currentYear, ...info.years) + 1;
    return Array.from({ length: to - from + 1 }, (_, i) => to - i);
  }, [currentYear, info.years]);

  const sheetError = preview?.sheetProblems.some((p) => p.severity === 'error') ?? false;
  const importable = !!preview && !sheetError && preview.counts.create + preview.counts.update > 0;

  const footer = (() => {
    const cancel = (
      <Button key="cancel" onClick={onClose} disabled={busy}>
        {result ? '关闭' : '取消'}
      </Button>
    );
    const back = (
      <Button key="back" onClick={() => setStep((s) => s - 1)} disabled={busy} data-testid="xlsx-back">
        上一步
      </Button>
    );
    if (step === 0) {
      return [
        cancel,
        <Button key="next" type="primary" disabled={!file || busy} onClick={() => setStep(1)} data-testid="xlsx-next">
          下一步
        </Button>,
      ];
    }
    if (step === 1) {
      return [
        cancel,
        back,
        <Button key="next" type="primary" disabled={!options.source} loading={previewing} onClick={() => void toPreview()} data-testid="xlsx-next">
          下一步：预览
        </Button>,
      ];
    }
    if (step === 2) {
      return [
        cancel,
        back,
        <Tooltip key="next" title={importable ? '' : '没有可以导入的事项，请先处理上面的问题'}>
          <Button type="primary" disabled={!importable || busy} onClick={() => setStep(3)} data-testid="xlsx-next">
            下一步
          </Button>
        </Tooltip>,
      ];
    }
    if (result) {
      return [
        cancel,
        <Button key="view" type="primary" onClick={viewInLedger} data-testid="xlsx-view-ledger">
          在台账中查看
        </Button>,
      ];
    }
    return [
      cancel,
      back,
      <Button key="import" type="primary" loading={importing} onClick={() => void startImport()} data-testid="xlsx-import">
        开始导入
      </Button>,
    ];
  })();

  return (
    <Modal
      open
      title={file ? `导入 Excel · ${file.name}` : '导入 Excel'}
      width={step === 2 ? 1180 : 860}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      keyboard={!busy}
      mask={{ closable: false }}
      destroyOnHidden
      footer={footer}
    >
      <div data-testid="xlsx-wizard" data-step={step}>
        <Steps size="small" current={result ? STEP_TITLES.length : step} className="wizard-steps" items={STEP_TITLES.map((title) => ({ title }))} />
        {step === 0 && <PickStep file={file} picking={picking} onPick={() => void pick()} />}
        {step === 1 && file && (
          <OptionsStep file={file} options={options} years={years} onChange={changeOptions} />
        )}
        {step === 2 && preview && (
          <Spin spinning={previewing} description="正在重新预览……">
            <PreviewStep
              preview={preview}
              units={units}
              unknowns={unknowns}
              unitMap={unitMap}
              onField={chooseField}
              onUnit={mapUnit}
            />
          </Spin>
        )}
        {step === 3 && preview && (
          <ImportStep
            preview={preview}
            skipInvalid={skipInvalid}
            onSkipInvalid={setSkipInvalid}
            importing={importing}
            result={result}
            source={options.source}
            year={options.year}
          />
        )}
        {previewing && step !== 2 && <XlsxProgressBar progress={progress} />}
        {importing && <XlsxProgressBar progress={progress} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="xlsx-error" />}
      </div>
    </Modal>
  );
}

function PickStep({ file, picking, onPick }: { file: XlsxPickedFile | null; picking: boolean; onPick: () => void }) {
  return (
    <div>
      <Typography.Paragraph>
        选择区政府下发的细化分解表、实施计划表等 Excel 文件（.xlsx）。程序会根据表头自动对应各列，导入前可逐行预览和修改；同一张表再次导入时，按“年度 + 来源 + 序号”更新已导入的事项，不会重复。
      </Typography.Paragraph>
      <Button icon={<FolderOpenOutlined />} onClick={onPick} loading={picking} type={file ? 'default' : 'primary'} data-testid="xlsx-pick">
        {file ? '重新选择文件…' : '选择 Excel 文件…'}
      </Button>
      {file && (
        <div style={{ marginTop: 12 }} data-testid="xlsx-picked" data-name={file.name}>
          <div style={{ marginBottom: 8 }}>
            <FileExcelOutlined style={{ color: '#1d6f42' }} /> {file.name}
            <span className="muted">（共 {file.sheets.length} 个工作表）</span>
          </div>
          <Table
            size="small"
            rowKey="index"
            pagination={false}
            dataSource={file.sheets}
            columns={[
              { title: '序', dataIndex: 'index', width: 50 },
              { title: '工作表', dataIndex: 'name' },
              { title: '行数', dataIndex: 'rowCount', width: 90, align: 'right' },
              { title: '列数', dataIndex: 'columnCount', width: 90, align: 'right' },
            ]}
          />
        </div>
      )}
    </div>
  );
}

function OptionsStep({
  file,
  options,
  years,
  onChange,
}: {
  file: XlsxPickedFile;
  options: Options;
  years: number[];
  onChange: (patch: Partial<Options>) => void;
}) {
  return (
    <Form layout="vertical" className="dense-form" data-testid="xlsx-options" style={{ maxWidth: 620 }}>
      <Form.Item label="工作表" extra="不选时，自动使用第一个能识别出表头（如 序号、工作任务、牵头单位、完成时限）的工作表。">
        <Select
          value={options.sheet ?? 0}
          onChange={(v: number) => onChange({ sheet: v === 0 ? null : v })}
          options={[
            { value: 0, label: '自动识别' },
            ...file.sheets.map((s) => ({ value: s.index, label: `${s.name}（${s.rowCount} 行）` })),
          ]}
          data-testid="xlsx-sheet"
        />
      </Form.Item>
      <Space size={12} align="start" wrap>
        <Form.Item label="事项来源" required>
          <Select
            value={options.source ?? undefined}
            onChange={(v: TaskSource) => onChange({ source: v })}
            options={TASK_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
            placeholder="请选择"
            style={{ width: 200 }}
            data-testid="xlsx-source"
          />
        </Form.Item>
        <Form.Item label="年度" required>
          <Select
            value={options.year}
            onChange={(v: number) => onChange({ year: v })}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 120 }}
            data-testid="xlsx-year"
          />
        </Form.Item>
        <Form.Item label="交办日期" extra="新建事项的交办日期；不填为当年 1 月 1 日">
          <DatePicker
            value={fromIso(options.assignedDate)}
            onChange={(d) => onChange({ assignedDate: toIso(d) })}
            format={DATE_FORMAT}
            style={{ width: 180 }}
            data-testid="xlsx-assigned"
          />
        </Form.Item>
      </Space>
      <Form.Item label={`来源依据${options.source ? `（${sourceRefLabel(options.source)}）` : ''}`} extra="写入新建事项的“来源依据”">
        <Input
          value={options.sourceRef}
          onChange={(e) => onChange({ sourceRef: e.target.value })}
          maxLength={200}
          placeholder={options.source ? sourceRefPlaceholder(options.source) : '例如：2016年政府工作报告目标任务细化分解表'}
          data-testid="xlsx-source-ref"
        />
      </Form.Item>
    </Form>
  );
}

function ProblemList({ problems }: { problems: XlsxProblem[] }) {
  if (problems.length === 0) return <span className="muted">—</span>;
  return (
    <div>
      {problems.map((p, i) => (
        <div key={i} data-testid="xlsx-problem" data-severity={p.severity}>
          <Typography.Text type={p.severity === 'error' ? 'danger' : 'warning'}>
            {p.severity === 'error' ? '✗ ' : '! '}
            {p.message}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}

function UnitNames({ refs }: { refs: XlsxUnitRef[] }) {
  return (
    <span>
      {refs.map((u, i) => (
        <span key={`${u.text}-${i}`}>
          {i > 0 && '、'}
          <span className={u.resolution === 'unknown' ? 'num-red' : undefined}>{u.unitName ?? u.text}</span>
          {u.role === 'assist' && <span className="muted">(配合)</span>}
          {u.resolution === 'create' && <Tag color="gold">新建</Tag>}
          {u.resolution === 'unknown' && <Tag color="red">未知</Tag>}
        </span>
      ))}
    </span>
  );
}

function PreviewStep({
  preview,
  units,
  unknowns,
  unitMap,
  onField,
  onUnit,
}: {
  preview: XlsxImportPreview;
  units: Unit[];
  unknowns: XlsxUnknownUnit[];
  unitMap: UnitMap;
  onField: (column: number, field: XlsxField) => void;
  onUnit: (text: string, target: string | undefined) => void;
}) {
  const [filter, setFilter] = useState<RowFilter>('all');
  const c = preview.counts;
  const taskRows = preview.rows;
  const shown = taskRows.filter((r) =>
    filter === 'all' ? true : filter === 'problems' ? r.problems.length > 0 : r.kind === 'task' && r.action === filter,
  );

  const columnTable: ColumnsType<XlsxColumn> = [
    { title: '列', dataIndex: 'letter', width: 50 },
    { title: '表头（原文）', dataIndex: 'header', render: (h: string) => h || <span className="muted">（无表头）</span> },
    {
      title: '导入为',
      key: 'field',
      width: 200,
      render: (_: unknown, col) => (
        <Select
          size="small"
          value={col.field}
          onChange={(f: XlsxField) => onField(col.column, f)}
          options={XLSX_FIELDS.map((f) => ({ value: f, label: XLSX_FIELD_LABELS[f] }))}
          showSearch={{ optionFilterProp: 'label' }}
          listHeight={320}
          style={{ width: 170 }}
          aria-label={`第 ${col.letter} 列导入为`}
          data-testid={`xlsx-field-${col.column}`}
        />
      ),
    },
    {
      title: '按表头建议',
      key: 'proposed',
      width: 130,
      render: (_: unknown, col) =>
        col.field === col.proposed ? <span className="muted">{XLSX_FIELD_LABELS[col.proposed]}</span> : <Tag color="orange">{XLSX_FIELD_LABELS[col.proposed]}</Tag>,
    },
  ];

  const rowTable: ColumnsType<XlsxPreviewRow> = [
    { title: '行', dataIndex: 'rowNumber', width: 56 },
    { title: '序号', key: 'code', width: 90, render: (_: unknown, r) => r.task?.code ?? '' },
    {
      title: '事项名称',
      key: 'title',
      render: (_: unknown, r) =>
        r.kind === 'section' ? <span className="muted">（分节标题，不导入）{r.task?.title ?? ''}</span> : (r.task?.title ?? ''),
    },
    { title: '责任单位', key: 'units', width: 220, render: (_: unknown, r) => <UnitNames refs={r.task?.units ?? []} /> },
    {
      title: '完成时限',
      key: 'due',
      width: 150,
      render: (_: unknown, r) =>
        r.task ? (
          <span title={r.task.dueText}>
            {r.task.dueDate ? fmtDate(r.task.dueDate) : <span className="num-red">无</span>}
            {r.task.dueText && r.task.dueDate && <div className="muted" style={{ fontSize: 12 }}>原文：{r.task.dueText}</div>}
          </span>
        ) : null,
    },
    {
      title: '处理',
      key: 'action',
      width: 76,
      render: (_: unknown, r) => (r.kind === 'section' ? null : <Tag color={ACTION_COLORS[r.action]}>{XLSX_ROW_ACTION_LABELS[r.action]}</Tag>),
    },
    { title: '问题', key: 'problems', width: 300, render: (_: unknown, r) => <ProblemList problems={r.problems} /> },
  ];

  return (
    <div data-testid="xlsx-preview">
      <div className="muted" style={{ marginBottom: 8 }}>
        工作表“{preview.sheet.name}”，表头在第 {preview.headerRows[0]}
        {preview.headerRows[1] !== preview.headerRows[0] ? `–${preview.headerRows[1]}` : ''} 行；导入为 {preview.year}年{SOURCE_LABELS[preview.source]}。
      </div>
      {preview.sheetProblems.map((p, i) => (
        <Alert key={i} type={p.severity === 'error' ? 'error' : 'warning'} showIcon title={p.message} style={{ marginBottom: 8 }} data-testid="xlsx-sheet-problem" />
      ))}
      <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <div style={{ flex: '1 1 520px', minWidth: 0 }}>
          <Typography.Title level={5}>列对应</Typography.Title>
          <Table
            size="small"
            rowKey="column"
            pagination={false}
            dataSource={preview.columns}
            columns={columnTable}
            scroll={{ y: 260 }}
            onRow={(col) => ({ 'data-testid': 'xlsx-column', 'data-column': col.column, 'data-field': col.field }) as HTMLAttributes<HTMLElement>}
          />
        </div>
        {unknowns.length > 0 && (
          <div style={{ flex: '1 1 420px', minWidth: 0 }} data-testid="xlsx-unknown-units">
            <Typography.Title level={5}>台账中没有的单位</Typography.Title>
            {unknowns.map((u) => (
              <UnknownUnitRow key={u.text} unknown={u} units={units} value={unitMap[u.text]} onChange={(v) => onUnit(u.text, v)} />
            ))}
          </div>
        )}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, margin: '12px 0 8px' }}>
        <span data-testid="xlsx-counts" data-rows={c.rows} data-create={c.create} data-update={c.update} data-invalid={c.invalid} data-warnings={c.warnings}>
          共 {c.rows} 行事项：<Tag color="green">新建 {c.create}</Tag>
          <Tag color="blue">更新 {c.update}</Tag>
          {c.invalid > 0 ? <Tag color="red">有错误 {c.invalid}</Tag> : <Tag>有错误 0</Tag>}
          {c.warnings > 0 && <Tag color="orange">有提示 {c.warnings}</Tag>}
          {c.sections > 0 && <span className="muted">分节标题 {c.sections} 行</span>}
        </span>
        <span className="flex-spacer" />
        <Segmented<RowFilter>
          size="small"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: '全部' },
            { value: 'problems', label: '有问题' },
            { value: 'create', label: '新建' },
            { value: 'update', label: '更新' },
            { value: 'skip', label: '不导入' },
          ]}
          data-testid="xlsx-row-filter"
        />
      </div>
      <Table
        size="small"
        rowKey="rowNumber"
        dataSource={shown}
        columns={rowTable}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true, showTotal: (n) => `${n} 行` }}
        onRow={(r) => ({ 'data-testid': 'xlsx-row', 'data-row': r.rowNumber, 'data-action': r.kind === 'section' ? 'section' : r.action }) as HTMLAttributes<HTMLElement>}
        data-testid="xlsx-rows"
      />
    </div>
  );
}

function UnknownUnitRow({
  unknown,
  units,
  value,
  onChange,
}: {
  unknown: XlsxUnknownUnit;
  units: Unit[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}) {
  const suggested = new Set(unknown.suggestions.map((s) => s.unitId));
  const byKind = unitSelectOptions(units)
    .map((g) => ({ ...g, options: g.options.filter((o) => !suggested.has(o.value)) }))
    .filter((g) => g.options.length > 0);
  const options = [
    { label: '新建', title: '新建', options: [{ value: 'create', label: `新建单位“${unknown.text}”（${UNIT_KIND_LABELS[unknown.kindIfCreated]}）`, search: `新建 ${unknown.text}` }] },
    ...(unknown.suggestions.length > 0
      ? [{ label: '相近的单位', title: '相近的单位', options: unknown.suggestions.map<UnitOption>((s) => ({ value: s.unitId, label: s.name, search: s.name })) }]
      : []),
    ...byKind,
  ];
  return (
    <div
      data-testid="xlsx-unknown-unit"
      data-text={unknown.text}
      data-value={value ?? ''}
      style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8, flexWrap: 'wrap' }}
    >
      <span style={{ minWidth: 120 }}>
        <Typography.Text strong type={value ? undefined : 'danger'}>
          {unknown.text}
        </Typography.Text>
        <div className="muted" style={{ fontSize: 12 }}>
          第 {unknown.rowNumbers.slice(0, 6).join('、')}
          {unknown.rowNumbers.length > 6 ? ' 等' : ''} 行
        </div>
      </span>
      <Select
        value={value}
        onChange={(v?: string) => onChange(v)}
        options={options}
        showSearch={{ optionFilterProp: 'search' }}
        allowClear
        placeholder="对应到已有单位，或新建"
        style={{ width: 260 }}
        popupMatchSelectWidth={300}
        aria-label={`“${unknown.text}”对应的单位`}
        data-testid="xlsx-unit-map"
      />
      {value !== 'create' && (
        <Button size="small" onClick={() => onChange('create')} data-testid="xlsx-unit-create">
          新建该单位
        </Button>
      )}
    </div>
  );
}

function ImportStep({
  preview,
  skipInvalid,
  onSkipInvalid,
  importing,
  result,
  source,
  year,
}: {
  preview: XlsxImportPreview;
  skipInvalid: boolean;
  onSkipInvalid: (v: boolean) => void;
  importing: boolean;
  result: XlsxImportResult | null;
  source: TaskSource | null;
  year: number;
}) {
  const c = preview.counts;
  if (result) {
    return (
      <div data-testid="xlsx-result" data-created={result.created} data-updated={result.updated} data-unchanged={result.unchanged} data-skipped={result.skipped}>
        <div style={{ fontSize: 16, margin: '12px 0' }}>
          <CheckCircleFilled className="export-ok" /> 已导入“{preview.sheet.name}”
        </div>
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="新建事项">{result.created} 项</Descriptions.Item>
          <Descriptions.Item label="更新事项">{result.updated} 项</Descriptions.Item>
          <Descriptions.Item label="内容未变化">{result.unchanged} 项</Descriptions.Item>
          <Descriptions.Item label="跳过有错误的行">{result.skipped} 行</Descriptions.Item>
          <Descriptions.Item label="新建单位">{result.unitsCreated} 个</Descriptions.Item>
          <Descriptions.Item label="导入为">
            {year}年{source ? SOURCE_LABELS[source] : ''}
          </Descriptions.Item>
        </Descriptions>
      </div>
    );
  }
  return (
    <div data-testid="xlsx-confirm">
      <Typography.Paragraph style={{ marginTop: 12 }}>
        将导入 {year}年{source ? SOURCE_LABELS[source] : ''}：新建 <b>{c.create}</b> 项，更新 <b>{c.update}</b> 项
        {c.invalid > 0 && (
          <>
            ，<Typography.Text type="danger">{c.invalid} 行有错误</Typography.Text>
          </>
        )}
        。全部事项在一次操作中保存：要么全部导入，要么一项也不导入。
      </Typography.Paragraph>
      {c.invalid > 0 && (
        <>
          <Alert
            type="warning"
            showIcon
            title={`有 ${c.invalid} 行存在错误。不跳过时，程序会拒绝导入并不保存任何事项；勾选“跳过有错误的行”则只导入其余 ${c.create + c.update} 行。`}
            style={{ marginBottom: 8 }}
          />
          <Checkbox checked={skipInvalid} onChange={(e) => onSkipInvalid(e.target.checked)} disabled={importing} data-testid="xlsx-skip-invalid">
            跳过有错误的行
          </Checkbox>
        </>
      )}
    </div>
  );
}
