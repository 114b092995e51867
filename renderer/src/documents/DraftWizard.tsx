/**
 * 起草公文: step 1 the type (a card each, with what it is for), step 2 what it is drafted from (units, tasks,
 * dates, period, reasons), checked with the contract's own schema so each message lands on its field, then
 * `documents.draft`; step 3 the drafts made (one per unit for 督查通知书 and 催办通知, one per task for 督办单),
 * the first already open in the editor.
 */
import { CheckCircleFilled, FileAddOutlined, FolderOpenOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import {
  SOURCE_LABELS,
  STATUS_LABELS,
  STATUS_LIGHTS,
  TASK_SOURCES,
  TASK_STATUSES,
  type ChannelInput,
  type TaskSource,
  type TaskStatus,
} from '../../../electron/contract';
import {
  DOCUMENT_TYPES,
  DOCUMENT_TYPE_LABELS,
  documentRequest,
  type DocumentSummary,
  type DocumentType,
} from '../../../electron/contract/documents';
import { ApiError, call, errorMessage } from '../api';
import { useAppState } from '../context';
import { DATE_FORMAT, fmtDate, toIso } from '../format';
import { applyFieldMessages, clearChangedErrors, serverMessages, zodMessages, type FieldMessage, type FieldPath } from '../forms';
import { UNIT_SEARCH, unitSelectOptions } from '../ledger/unitOptions';
import { describeLedgerQuery } from './describeQuery';
import type { DraftPreset, LedgerQueryInput } from './DocumentsHost';
import ExportDialog from './ExportDialog';
import { QUARTER_LABELS, TYPE_INFO } from './labels';
import { TaskSearchSelect, UnitTaskPicker } from './TaskPickers';

type DraftRequest = ChannelInput<'documents.draft'>;

interface Values {
  unitIds: string[];
  taskIds: string[];
  deadline: Dayjs | null;
  newDeadline: Dayjs | null;
  explanationDeadline: Dayjs | null;
  basis: string;
  reason: string;
  facts: string;
  title: string;
  source: TaskSource | 'all';
  year: number;
  period: [Dayjs | null, Dayjs | null] | null;
  quarter: number;
  query: { year: number; source: TaskSource | 'all'; unitId: string | null; statuses: TaskStatus[] };
}

const DATE_LABELS = { deadline: '限期落实日期', newDeadline: '反馈期限', explanationDeadline: '情况说明期限' } as const;
type DateField = keyof typeof DATE_LABELS;

/** The tasks offered for a per-unit document, and those ticked by default. */
const TASK_CHOICE: Partial<
  Record<DocumentType, { statuses: TaskStatus[]; auto: TaskStatus[]; empty: string; label: string; extra: string; required: boolean }>
> = {
  urge_notice: {
    statuses: ['overdue'],
    auto: ['overdue'],
    empty: '所选单位没有逾期未办结的事项',
    label: '催办的事项（逾期未办结）',
    extra: '每个单位一份催办通知，只列该单位承担的已勾选事项。已说明原因或申请延期的事项可不勾选。',
    required: true,
  },
  supervision_notice: {
    statuses: ['overdue', 'behind', 'due_soon', 'on_track'],
    auto: ['overdue', 'behind'],
    empty: '所选单位没有未办结的事项',
    label: '督查的事项（未办结）',
    extra: '默认勾选逾期和滞后于计划的事项。每个单位一份督查通知书。',
    required: true,
  },
  criticism_bulletin: {
    statuses: ['overdue', 'behind'],
    auto: ['overdue', 'behind'],
    empty: '所选单位没有逾期或滞后的事项',
    label: '涉及的事项（可不选）',
    extra: '通报中列出的逾期、滞后事项；不选则只写通报事实。',
    required: false,
  },
};

interface Props {
  preset?: DraftPreset;
  onClose: () => void;
  onDrafted: () => void;
  onOpenDocument: (id: string) => void;
  onShowRegistry: () => void;
}

export default function DraftWizard({ preset, onClose, onDrafted, onOpenDocument, onShowRegistry }: Props) {
  const { message } = AntApp.useApp();
  const { info, currentYear, units } = useAppState();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState<0 | 1 | 2>(preset ? 1 : 0);
  const [type, setType] = useState<DocumentType | null>(preset?.type ?? null);
  const [drafting, setDrafting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<DocumentSummary[]>([]);
  const [exporting, setExporting] = useState(false);
  const [quickUnits, setQuickUnits] = useState<{ overdue: string[]; lagging: string[] } | null>(null);

  const today = dayjs(info.today);
  const years = useMemo(() => Array.from(new Set([currentYear, ...info.years])).sort((a, b) => b - a), [currentYear, info.years]);
  const unitNames = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);
  const unitOptions = useMemo(() => unitSelectOptions(units, { keep: preset?.unitIds }), [units, preset?.unitIds]);

  const [initial] = useState<Values>(() => ({
      unitIds: preset?.unitIds ?? [],
      taskIds: preset?.taskIds ?? [],
      deadline: null,
      newDeadline: null,
      explanationDeadline: null,
      basis: '',
      reason: '',
      facts: '',
      title: preset?.title ?? '',
      source: 'all',
      year: currentYear,
      period: [dayjs(`${currentYear}-01-01`), today.year() === currentYear ? today : dayjs(`${currentYear}-12-31`)],
      quarter: today.year() === currentYear ? Math.floor(today.month() / 3) + 1 : 4,
      query: { year: currentYear, source: 'all', unitId: null, statuses: [] },
  }));

  // Deadlines default to five working days from today (the calendar lives in the main process).
  const [defaultDue, setDefaultDue] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('tasks.previewDueDate', { assignedDate: info.today, timeLimitValue: 5, timeLimitUnit: 'workday' })
      .then((r) => live && setDefaultDue(r.dueDate))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [info.today]);
  useEffect(() => {
    if (step !== 1 || !defaultDue) return;
    for (const f of Object.keys(DATE_LABELS) as DateField[]) if (!form.getFieldValue(f)) form.setFieldValue(f, dayjs(defaultDue));
  }, [step, defaultDue, form]);

  // Units with overdue or lagging tasks this year, for the one-click choices.
  useEffect(() => {
    if (!type || !['urge_notice', 'supervision_notice', 'criticism_bulletin', 'praise_bulletin'].includes(type)) return;
    let live = true;
    call('dashboard.get', { year: currentYear })
      .then((d) => {
        if (!live) return;
        setQuickUnits({
          overdue: d.byUnit.filter((u) => u.overdue > 0).map((u) => u.unitId),
          lagging: d.byUnit.filter((u) => u.overdue > 0 || u.behind > 0).map((u) => u.unitId),
        });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [type, currentYear]);

  const setDeadline = async (field: DateField, workdays: number) => {
    try {
      const r = await call('tasks.previewDueDate', { assignedDate: info.today, timeLimitValue: workdays, timeLimitUnit: 'workday' });
      form.setFieldValue(field, dayjs(r.dueDate));
      clearChangedErrors(form, { [field]: true });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const chooseType = (t: DocumentType) => {
    setType(t);
    setError(null);
    setStep(1);
  };

  /** The request from the form; `missing` lists the date fields left empty (their message is “请选择…”). */
  const buildRequest = (t: DocumentType, v: Values): { request: Record<string, unknown>; missing: Map<string, string> } => {
    const missing = new Map<string, string>();
    const date = (field: DateField) => {
      const iso = toIso(v[field]);
      if (!iso) missing.set(field, `请选择${DATE_LABELS[field]}`);
      return iso ?? '';
    };
    const unitIds = v.unitIds ?? [];
    const taskIds = v.taskIds ?? [];
    switch (t) {
      case 'assignment_sheet':
        return { request: { type: t, taskIds }, missing };
      case 'supervision_notice':
        return { request: { type: t, unitIds, taskIds, deadline: date('deadline'), basis: v.basis ?? '' }, missing };
      case 'urge_notice':
        return { request: { type: t, unitIds, taskIds, newDeadline: date('newDeadline') }, missing };
      case 'situation_bulletin': {
        const from = toIso(v.period?.[0]);
        const to = toIso(v.period?.[1]);
        if (!from) missing.set('periodFrom', '请选择统计期间的开始日期');
        if (!to) missing.set('periodTo', '请选择统计期间的结束日期');
        return {
          request: { type: t, source: v.source === 'all' ? null : v.source, year: v.year, periodFrom: from ?? '', periodTo: to ?? '' },
          missing,
        };
      }
      case 'praise_bulletin':
        return { request: { type: t, unitIds, year: v.year, reason: v.reason ?? '' }, missing };
      case 'criticism_bulletin':
        return { request: { type: t, unitIds, taskIds, explanationDeadline: date('explanationDeadline'), facts: v.facts ?? '' }, missing };
      case 'livelihood_publication':
        return { request: { type: t, year: v.year, quarter: v.quarter }, missing };
      case 'ledger_extract': {
        const q = v.query;
        const query: LedgerQueryInput = preset?.query ?? {
          year: q.year === 0 ? null : q.year,
          source: q.source === 'all' ? null : q.source,
          unitId: q.unitId ?? null,
          statuses: q.statuses ?? [],
          sortField: 'due_date',
          sortOrder: 'asc',
        };
        return { request: { type: t, query, title: v.title ?? '' }, missing };
      }
      case 'assessment_sheet':
        return { request: { type: t, year: v.year, unitIds }, missing };
    }
  };

  /** Messages onto the form's fields: the period's two ends land on the one range picker. */
  const rename = (path: FieldPath): FieldPath | null => (path[0] === 'periodFrom' || path[0] === 'periodTo' ? ['period'] : path);

  const submit = async () => {
    if (!type || drafting) return;
    setError(null);
    const v = form.getFieldsValue(true) as Values;
    const { request, missing } = buildRequest(type, v);
    const parsed = documentRequest.safeParse(request);
    if (!parsed.success || missing.size > 0) {
      const messages: FieldMessage[] = [...missing.entries()].map(([k, m]) => ({ path: [k], message: m }));
      if (!parsed.success) {
        for (const m of zodMessages(parsed.error)) if (!missing.has(String(m.path[0]))) messages.push(m);
      }
      const rest = applyFieldMessages(form, messages, rename);
      if (rest.length) setError(rest.map((r) => r.message).join('；'));
      return;
    }
    applyFieldMessages(form, []);
    setDrafting(true);
    try {
      const made = await call('documents.draft', request as DraftRequest);
      setDrafts(made);
      setStep(2);
      onDrafted();
      const first = made[0];
      if (first) onOpenDocument(first.id);
    } catch (err) {
      if (err instanceof ApiError && err.fields) {
        applyFieldMessages(form, serverMessages(err), rename);
        // the sentence says more than the field's few words (which day of the week, which unit)
        setError(err.message);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setDrafting(false);
    }
  };

  const info1 = type ? TYPE_INFO[type] : null;
  const choice = type ? TASK_CHOICE[type] : undefined;
  const perUnit = type === 'urge_notice' || type === 'supervision_notice';

  const deadlineItem = (field: DateField, extra: string) => (
    <Form.Item label={DATE_LABELS[field]} required extra={extra}>
      <Space wrap>
        <Form.Item name={field} noStyle>
          <DatePicker format={DATE_FORMAT} style={{ width: 170 }} data-testid={`wizard-${field}`} />
        </Form.Item>
        {[3, 5, 10].map((n) => (
          <Button key={n} size="small" type="link" onClick={() => void setDeadline(field, n)}>
            {n} 个工作日后
          </Button>
        ))}
      </Space>
    </Form.Item>
  );

  const unitsItem = (quick: 'overdue' | 'lagging' | null, extra: string) => (
    <Form.Item
      label={
        <span>
          {perUnit ? '发往的单位' : '通报的单位'}
          {quick && quickUnits && quickUnits[quick].length > 0 && (
            <Button
              size="small"
              type="link"
              onClick={() => {
                form.setFieldValue('unitIds', quickUnits[quick]);
                clearChangedErrors(form, { unitIds: true });
              }}
              data-testid="wizard-quick-units"
            >
              选择全部有{quick === 'overdue' ? '逾期' : '逾期或滞后'}事项的单位（{quickUnits[quick].length}）
            </Button>
          )}
        </span>
      }
      name="unitIds"
      required
      extra={extra}
    >
      <Select
        mode="multiple"
        options={unitOptions}
        showSearch={UNIT_SEARCH}
        allowClear
        placeholder="输入单位名称或简称搜索，可选多个"
        maxTagCount={12}
        data-testid="wizard-units"
      />
    </Form.Item>
  );

  const yearItem = (
    <Form.Item name="year" label="年度" required>
      <Select options={years.map((y) => ({ value: y, label: `${y}年` }))} style={{ width: 120 }} data-testid="wizard-year" />
    </Form.Item>
  );

  const params = (t: DocumentType) => {
    switch (t) {
      case 'assignment_sheet':
        return (
          <Form.Item name="taskIds" label="督办的事项" required extra="每项事项生成一张督办单（交办单），可一次选多项。">
            <TaskSearchSelect initial={preset?.taskIds} />
          </Form.Item>
        );
      case 'urge_notice':
      case 'supervision_notice':
        return (
          <>
            {unitsItem(t === 'urge_notice' ? 'overdue' : 'lagging', '每个单位各生成一份，发往该单位。')}
            <UnitTasksItem choice={choice!} unitNames={unitNames} autoSelect={!preset?.taskIds?.length} />
            {t === 'urge_notice'
              ? deadlineItem('newDeadline', '单位应在此日期前书面反馈办理结果或说明逾期原因；须为工作日。')
              : deadlineItem('deadline', '“于X月X日前落实并将情况报区政府办公室”；须为工作日。')}
            {t === 'supervision_notice' && (
              <Form.Item name="basis" label="督查依据" extra="如：根据区政府第12次常务会议精神、区长批示或专项督查发现的问题。可不填，由系统按事项来源写明。">
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={200} showCount data-testid="wizard-basis" />
              </Form.Item>
            )}
          </>
        );
      case 'situation_bulletin':
        return (
          <>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="source" label="事项来源" required>
                  <Select
                    options={[{ value: 'all', label: '全部来源' }, ...TASK_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))]}
                    data-testid="wizard-source"
                  />
                </Form.Item>
              </Col>
              <Col span={6}>{yearItem}</Col>
            </Row>
            <Form.Item name="period" label="统计期间" required extra="通报这一期间的总体进展、完成率和滞后单位；结束日期一般为通报当日。">
              <DatePicker.RangePicker format={DATE_FORMAT} style={{ width: 340 }} data-testid="wizard-period" />
            </Form.Item>
          </>
        );
      case 'praise_bulletin':
        return (
          <>
            {unitsItem(null, '进度快、质量高或提前完成任务的单位。')}
            {yearItem}
            <Form.Item name="reason" label="表扬事由" extra="可不填，由系统按各单位的完成情况写明成绩。">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount data-testid="wizard-reason" />
            </Form.Item>
          </>
        );
      case 'criticism_bulletin':
        return (
          <>
            {unitsItem('lagging', '落实不力、情节较重的单位。')}
            <UnitTasksItem choice={choice!} unitNames={unitNames} autoSelect={!preset?.taskIds?.length} />
            {deadlineItem('explanationDeadline', '被通报单位在此日期前书面报送情况说明和整改情况；须为工作日。')}
            <Form.Item name="facts" label="通报事实" extra="每段一行。可不填，由系统按所选事项的逾期、滞后情况写明。">
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount data-testid="wizard-facts" />
            </Form.Item>
          </>
        );
      case 'assessment_sheet':
        return (
          <>
            {yearItem}
            <Form.Item name="unitIds" label="评分的单位" extra="不选则列出全部单位的得分和排名；评分办法在“设置 → 考核规则”中修改。">
              <Select
                mode="multiple"
                options={unitOptions}
                showSearch={UNIT_SEARCH}
                allowClear
                placeholder="全部单位"
                maxTagCount={12}
                data-testid="wizard-units"
              />
            </Form.Item>
          </>
        );
      case 'livelihood_publication':
        return (
          <Row gutter={12}>
            <Col span={6}>{yearItem}</Col>
            <Col span={14}>
              <Form.Item name="quarter" label="季度" required extra="十方面民生实事本季度的进展，供上虞日报刊登。">
                <Radio.Group optionType="button" options={QUARTER_LABELS.map((l, i) => ({ value: i + 1, label: l }))} data-testid="wizard-quarter" />
              </Form.Item>
            </Col>
          </Row>
        );
      case 'ledger_extract':
        return (
          <>
            {preset?.query ? (
              <Form.Item label="摘录范围">
                <div className="wizard-query" data-testid="wizard-query">
                  {preset.queryText ?? describeLedgerQuery(preset.query, units)}
                </div>
                <div className="muted wizard-hint">按督查台账当前的筛选条件和排序摘录；要改变范围，请先在台账中调整筛选。</div>
              </Form.Item>
            ) : (
              <Row gutter={12}>
                <Col span={5}>
                  <Form.Item name={['query', 'year']} label="年度">
                    <Select options={[{ value: 0, label: '全部年度' }, ...years.map((y) => ({ value: y, label: `${y}年` }))]} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={['query', 'source']} label="来源">
                    <Select options={[{ value: 'all', label: '全部来源' }, ...TASK_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))]} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={['query', 'unitId']} label="责任单位">
                    <Select options={unitSelectOptions(units, { includeInactive: true })} showSearch={UNIT_SEARCH} allowClear placeholder="全部单位" />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item name={['query', 'statuses']} label="状态">
                    <Select
                      mode="multiple"
                      allowClear
                      placeholder="全部状态"
                      maxTagCount="responsive"
                      options={TASK_STATUSES.map((s) => ({
                        value: s,
                        label: (
                          <span>
                            <span className={`light-dot light-${STATUS_LIGHTS[s]}`} /> {STATUS_LABELS[s]}
                          </span>
                        ),
                      }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
            )}
            <Form.Item name="title" label="标题" extra="可不填，由系统按摘录范围拟定，如“2016年会议决定事项逾期情况一览表”。">
              <Input maxLength={100} data-testid="wizard-title" />
            </Form.Item>
          </>
        );
    }
  };

  const footer =
    step === 0
      ? [
          <Button key="cancel" onClick={onClose}>
            取消
          </Button>,
        ]
      : step === 1
        ? [
            <span key="hint" className="footer-hint">
              {info1?.per === 'unit' ? '每个单位各生成一份草稿' : info1?.per === 'task' ? '每项事项各生成一份草稿' : '生成一份草稿'}；生成后可修改文字再送签
            </span>,
            !preset && (
              <Button key="back" onClick={() => setStep(0)} disabled={drafting}>
                上一步
              </Button>
            ),
            <Button key="cancel" onClick={onClose} disabled={drafting}>
              取消
            </Button>,
            <Button key="ok" type="primary" icon={<FileAddOutlined />} loading={drafting} onClick={() => void submit()} data-testid="document-draft-submit">
              生成草稿
            </Button>,
          ]
        : [
            <Button key="registry" icon={<FolderOpenOutlined />} onClick={onShowRegistry}>
              到公文登记簿
            </Button>,
            drafts.length > 1 && (
              <Button key="export" onClick={() => setExporting(true)} data-testid="wizard-export-all">
                导出全部 {drafts.length} 份
              </Button>
            ),
            <Button key="close" type="primary" onClick={onClose} data-testid="wizard-close">
              完成
            </Button>,
          ];

  return (
    <Modal
      open
      title={type && step > 0 ? `起草公文 · ${DOCUMENT_TYPE_LABELS[type]}` : '起草公文'}
      width={900}
      onCancel={drafting ? undefined : onClose}
      mask={{ closable: false }}
      keyboard={!drafting}
      destroyOnHidden
      footer={footer}
      className="draft-wizard"
    >
      <div data-testid="document-wizard" data-step={step}>
        <Steps
          size="small"
          current={step}
          className="wizard-steps"
          items={[{ title: '选择公文类型' }, { title: '填写生成条件' }, { title: '核对草稿' }]}
        />
        {preset?.origin && step < 2 && <Alert type="info" showIcon title={preset.origin} className="wizard-origin" />}
        {step === 0 && (
          <div className="doc-type-grid">
            {DOCUMENT_TYPES.map((t) => (
              <button
                type="button"
                key={t}
                className={`doc-type-card${type === t ? ' doc-type-current' : ''}`}
                onClick={() => chooseType(t)}
                data-testid={`doc-type-${t}`}
              >
                <span className="doc-type-head">
                  <span className="doc-type-name">{DOCUMENT_TYPE_LABELS[t]}</span>
                  <Tag className="doc-type-per">
                    {TYPE_INFO[t].per === 'unit' ? '每单位一份' : TYPE_INFO[t].per === 'task' ? '每事项一份' : '一份'}
                  </Tag>
                </span>
                <span className="doc-type-hint">{TYPE_INFO[t].hint}</span>
              </button>
            ))}
          </div>
        )}
        {step === 1 && type && (
          <Spin spinning={drafting} description="正在从台账生成草稿……">
            <Typography.Paragraph type="secondary" className="wizard-type-hint">
              {TYPE_INFO[type].hint}
            </Typography.Paragraph>
            <Form
              form={form}
              layout="vertical"
              initialValues={initial}
              className="dense-form wizard-form"
              onValuesChange={(changed: Partial<Values>) => {
                clearChangedErrors(form, changed, 'period' in changed ? [['periodFrom'], ['periodTo']] : []);
                if ('unitIds' in changed) setError(null);
              }}
              data-testid="wizard-form"
              data-type={type}
            >
              {params(type)}
              {error && <Alert type="error" showIcon title={error} data-testid="wizard-error" />}
            </Form>
          </Spin>
        )}
        {step === 2 && (
          <div className="wizard-result" data-testid="wizard-result" data-count={drafts.length}>
            <div className="wizard-result-head">
              <CheckCircleFilled className="export-ok" /> 已生成 {drafts.length} 份{type ? DOCUMENT_TYPE_LABELS[type] : '公文'}草稿
              <span className="muted">（第一份已在编辑窗口打开；逐份核对文字后送签）</span>
            </div>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ y: 320 }}
              dataSource={drafts}
              onRow={(r) => ({ 'data-testid': 'wizard-draft', 'data-document-id': r.id }) as HTMLAttributes<HTMLElement>}
              columns={[
                { title: '标题', dataIndex: 'title', ellipsis: true },
                { title: '主送', dataIndex: 'recipients', width: 200, ellipsis: true, render: (r: string[]) => r.join('、') || '—' },
                { title: '拟稿日期', dataIndex: 'draftedAt', width: 120, render: (d: string) => fmtDate(dayjs(d).format('YYYY-MM-DD')) },
                {
                  title: '',
                  key: 'open',
                  width: 70,
                  render: (_: unknown, r) => (
                    <Button size="small" type="link" onClick={() => onOpenDocument(r.id)}>
                      打开
                    </Button>
                  ),
                },
              ]}
            />
          </div>
        )}
      </div>
      {exporting && (
        <ExportDialog ids={drafts.map((d) => d.id)} what={`${drafts.length} 份草稿`} onClose={() => setExporting(false)} onExported={onDrafted} />
      )}
    </Modal>
  );
}

/** The tasks of the chosen units, in a Form.Item that watches unitIds. */
function UnitTasksItem({
  choice,
  unitNames,
  autoSelect,
}: {
  choice: NonNullable<(typeof TASK_CHOICE)[DocumentType]>;
  unitNames: Map<string, string>;
  autoSelect: boolean;
}) {
  const form = Form.useFormInstance<Values>();
  const unitIds = (Form.useWatch('unitIds', form) as string[] | undefined) ?? [];
  return (
    <Form.Item name="taskIds" label={choice.label} required={choice.required} extra={choice.extra}>
      <UnitTaskPicker
        unitIds={unitIds}
        statuses={choice.statuses}
        autoSelect={autoSelect ? choice.auto : []}
        unitNames={unitNames}
        emptyText={choice.empty}
      />
    </Form.Item>
  );
}
