import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  DEFAULT_RHYTHM,
  RHYTHMS,
  RHYTHM_LABELS,
  ROLE_LABELS,
  SOURCE_LABELS,
  TASK_SOURCES,
  TIME_LIMIT_UNITS,
  TIME_LIMIT_UNIT_LABELS,
  UNIT_ROLES,
  taskInput,
  type Rhythm,
  type TaskDetail,
  type TaskSource,
  type TimeLimitUnit,
  type UnitRole,
} from '../../../electron/contract';
import { ApiError, call, errorMessage } from '../api';
import { useAppState, type NewTaskDefaults } from '../context';
import { DATE_FORMAT, fmtDate, fromIso, toIso } from '../format';
import { applyFieldMessages, clearChangedErrors, saveOnEnter, serverMessages, zodMessages, type FieldMessage, type FieldPath } from '../forms';
import { UNIT_SEARCH, unitSelectOptions } from '../ledger/unitOptions';
import { sourceDateLabel, sourceRefLabel, sourceRefPlaceholder } from './sourceLabels';

interface UnitRowValue {
  unitId?: string;
  role: UnitRole;
  contactPerson: string;
  contactPhone: string;
}

interface MilestoneValue {
  label: string;
  dueDate: Dayjs | null;
  plannedPercent: number | null;
  description: string;
}

interface Values {
  year: number | null;
  source: TaskSource;
  code: string;
  title: string;
  content: string;
  sourceRef: string;
  sourceDate: Dayjs | null;
  leader: string;
  assignedDate: Dayjs | null;
  limitMode: 'limit' | 'date';
  timeLimitValue: number | null;
  timeLimitUnit: TimeLimitUnit;
  dueDate: Dayjs | null;
  rhythm: Rhythm;
  units: UnitRowValue[];
  milestones: MilestoneValue[];
  note: string;
}

interface Props {
  mode: 'new' | 'edit';
  detail: TaskDetail | null;
  defaults: NewTaskDefaults;
  onClose: () => void;
  onSaved: (detail: TaskDetail) => void;
}

function initialValues(detail: TaskDetail | null, defaults: NewTaskDefaults, today: string, currentYear: number): Values {
  if (detail) {
    const t = detail.task;
    return {
      year: t.year,
      source: t.source,
      code: t.code,
      title: t.title,
      content: t.content,
      sourceRef: t.sourceRef,
      sourceDate: fromIso(t.sourceDate),
      leader: t.leader,
      assignedDate: fromIso(t.assignedDate),
      limitMode: t.timeLimitValue !== null ? 'limit' : 'date',
      timeLimitValue: t.timeLimitValue,
      timeLimitUnit: t.timeLimitUnit ?? 'workday',
      dueDate: fromIso(t.dueDate),
      rhythm: t.rhythm,
      units: detail.units.map((u) => ({
        unitId: u.unitId,
        role: u.role,
        contactPerson: u.contactPerson,
        contactPhone: u.contactPhone,
      })),
      milestones: detail.milestones.map((m) => ({
        label: m.label,
        dueDate: fromIso(m.dueDate),
        plannedPercent: m.plannedPercent,
        description: m.description,
      })),
      note: t.note,
    };
  }
  const source = defaults.source ?? 'meeting';
  return {
    year: defaults.year ?? currentYear,
    source,
    code: '',
    title: '',
    content: '',
    sourceRef: '',
    sourceDate: null,
    leader: '',
    assignedDate: dayjs(today),
    limitMode: source === 'meeting' || source === 'instruction' ? 'limit' : 'date',
    timeLimitValue: null,
    timeLimitUnit: 'workday',
    dueDate: null,
    rhythm: DEFAULT_RHYTHM[source],
    units: [{ role: 'lead', contactPerson: '', contactPhone: '' }],
    milestones: [],
    note: '',
  };
}

/** Friendlier words for what the user left empty (the schema speaks about formats). */
function humanize(m: FieldMessage): FieldMessage {
  const last = m.path[m.path.length - 1];
  if (last === 'unitId') return { ...m, message: '请选择单位' };
  if (last === 'assignedDate') return { ...m, message: '请选择交办日期' };
  if (m.path[0] === 'milestones' && last === 'dueDate') return { ...m, message: '请选择节点日期' };
  if (last === 'plannedPercent' && /expected|Invalid/i.test(m.message)) return { ...m, message: '请填写计划进度（0–100）' };
  if (last === 'year' && /expected|Invalid/i.test(m.message)) return { ...m, message: '请选择年度' };
  if (last === 'timeLimitValue' && /expected|Invalid/i.test(m.message)) return { ...m, message: '请填写时限天数' };
  return m;
}

const rename = (p: FieldPath): FieldPath | null => {
  if (p.length === 1 && (p[0] === 'units' || p[0] === 'milestones')) return null;
  if (p[0] === 'timeLimitUnit') return ['timeLimitValue'];
  return p;
};

/** 新建 / 编辑督查事项. Validates with the contract's schema before sending; shows the server's field messages. */
export default function TaskForm({ mode, detail, defaults, onClose, onSaved }: Props) {
  const { message, modal } = AntApp.useApp();
  const { info, currentYear, units } = useAppState();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [listErrors, setListErrors] = useState<{ units?: string; milestones?: string }>({});
  const [leaders, setLeaders] = useState<string[]>([]);
  const [preview, setPreview] = useState<{ text: string; error: boolean } | null>(null);
  const rhythmTouched = useRef(mode === 'edit');
  const initial = useMemo(() => initialValues(detail, defaults, info.today, currentYear), [detail, defaults, info.today, currentYear]);

  useEffect(() => {
    call('tasks.leaders', {})
      .then(setLeaders)
      .catch(() => setLeaders([]));
  }, []);

  const source = (Form.useWatch('source', form) ?? initial.source) as TaskSource;
  const limitMode = Form.useWatch('limitMode', form) ?? initial.limitMode;
  const assignedDate = Form.useWatch('assignedDate', form) as Dayjs | null | undefined;
  const limitValue = Form.useWatch('timeLimitValue', form) as number | null | undefined;
  const limitUnit = Form.useWatch('timeLimitUnit', form) as TimeLimitUnit | undefined;
  const chosenUnits = (Form.useWatch('units', form) as UnitRowValue[] | undefined) ?? initial.units;

  // live preview of the computed due date (working days, holidays, 顺延)
  useEffect(() => {
    if (limitMode !== 'limit') {
      setPreview(null);
      return;
    }
    const assigned = toIso(assignedDate ?? null);
    if (!assigned || !limitValue || !limitUnit || limitValue < 1 || limitValue > 3650 || !Number.isInteger(limitValue)) {
      setPreview(null);
      return;
    }
    let live = true;
    const t = window.setTimeout(() => {
      call('tasks.previewDueDate', { assignedDate: assigned, timeLimitValue: limitValue, timeLimitUnit: limitUnit })
        .then((r) => live && setPreview({ text: `办理期限：${fmtDate(r.dueDate)}${r.note ? `（${r.note}）` : ''}`, error: false }))
        .catch((err: unknown) => live && setPreview({ text: errorMessage(err), error: true }));
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(t);
    };
  }, [limitMode, assignedDate, limitValue, limitUnit]);

  const keepIds = useMemo(() => (detail ? detail.units.map((u) => u.unitId) : []), [detail]);
  const unitOptions = useMemo(() => unitSelectOptions(units, { keep: keepIds }), [units, keepIds]);

  const save = async () => {
    if (saving) return;
    setError(null);
    setListErrors({});
    const v = form.getFieldsValue(true) as Values;
    const milestones = (v.milestones ?? []).filter(
      (m) => m && (m.label?.trim() || m.dueDate || (m.plannedPercent !== null && m.plannedPercent !== undefined)),
    );
    const raw = {
      year: v.year,
      source: v.source,
      code: v.code ?? '',
      title: v.title ?? '',
      content: v.content ?? '',
      sourceRef: v.sourceRef ?? '',
      sourceDate: toIso(v.sourceDate) ?? '',
      leader: v.leader ?? '',
      assignedDate: toIso(v.assignedDate) ?? '',
      timeLimitValue: v.limitMode === 'limit' ? (v.timeLimitValue ?? null) : null,
      timeLimitUnit: v.limitMode === 'limit' ? (v.timeLimitUnit ?? 'workday') : null,
      dueDate: v.limitMode === 'date' ? toIso(v.dueDate) : null,
      rhythm: v.rhythm,
      parentId: detail?.task.parentId ?? null,
      note: v.note ?? '',
      units: (v.units ?? []).map((u) => ({
        unitId: u?.unitId ?? '',
        role: u?.role ?? 'assist',
        contactPerson: u?.contactPerson ?? '',
        contactPhone: u?.contactPhone ?? '',
      })),
      milestones: milestones.map((m) => ({
        label: m.label ?? '',
        dueDate: toIso(m.dueDate) ?? '',
        plannedPercent: m.plannedPercent,
        description: m.description ?? '',
      })),
    };
    if (raw.milestones.length !== (v.milestones ?? []).length) form.setFieldValue('milestones', milestones);

    const show = (messages: FieldMessage[], fallback?: string) => {
      const rest = applyFieldMessages(form, messages.map(humanize), rename);
      const list: { units?: string; milestones?: string } = {};
      const other: string[] = [];
      for (const m of rest) {
        if (m.path[0] === 'units' && m.path.length === 1) list.units ??= m.message;
        else if (m.path[0] === 'milestones' && m.path.length === 1) list.milestones ??= m.message;
        else other.push(m.message);
      }
      setListErrors(list);
      if (other.length) setError(fallback ?? other.join('；'));
      const firstError = form.getFieldsError().find((f) => f.errors.length > 0);
      if (firstError) form.scrollToField(firstError.name, { block: 'center' });
    };

    const parsed = taskInput.safeParse(raw);
    if (!parsed.success) {
      show(zodMessages(parsed.error));
      message.warning('请按提示修改标红的内容。');
      return;
    }
    applyFieldMessages(form, []);
    setSaving(true);
    try {
      const saved =
        mode === 'edit' && detail
          ? await call('tasks.update', { id: detail.task.id, task: parsed.data })
          : await call('tasks.create', parsed.data);
      message.success(mode === 'edit' ? '事项已保存。' : '事项已建立。');
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.fields) {
        message.error(err.message);
        // the server speaks about `task.title` in updates
        show(
          serverMessages(err).map((m) => (m.path[0] === 'task' ? { ...m, path: m.path.slice(1) } : m)),
          err.message,
        );
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setSaving(false);
    }
  };

  const requestClose = () => {
    if (saving) return;
    if (!form.isFieldsTouched()) {
      onClose();
      return;
    }
    modal.confirm({
      title: '放弃未保存的内容？',
      focusable: { autoFocusButton: 'cancel' },
      content: '表单里已填写的内容还没有保存，关闭后将丢失。',
      okText: '放弃并关闭',
      okButtonProps: { danger: true },
      cancelText: '继续填写',
      onOk: onClose,
    });
  };

  const yearOptions = Array.from(new Set([currentYear + 1, currentYear, ...info.years, initial.year ?? currentYear]))
    .sort((a, b) => b - a)
    .map((y) => ({ value: y, label: `${y}年` }));

  return (
    <Drawer
      open
      size={860}
      title={mode === 'edit' ? `编辑督查事项${detail?.task.code ? ` · ${detail.task.code}` : ''}` : '新建督查事项'}
      onClose={requestClose}
      keyboard
      mask={{ closable: false }}
      className="task-form-drawer"
      footer={
        <div className="drawer-footer">
          <span className="footer-hint">Enter 保存 · Ctrl+Enter 在文本框内保存 · Esc 关闭</span>
          <Space>
            <Button onClick={requestClose} disabled={saving}>
              取消
            </Button>
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="task-save">
              保存
            </Button>
          </Space>
        </div>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed: Partial<Values>) => {
          const also: FieldPath[] = [];
          if ('limitMode' in changed || 'timeLimitUnit' in changed || 'assignedDate' in changed) also.push(['timeLimitValue'], ['dueDate']);
          clearChangedErrors(form, changed, also);
          if ('units' in changed || 'milestones' in changed) {
            setListErrors((prev) => ({
              units: 'units' in changed ? undefined : prev.units,
              milestones: 'milestones' in changed ? undefined : prev.milestones,
            }));
          }
          if ('rhythm' in changed) rhythmTouched.current = true;
          if (changed.source && !rhythmTouched.current) form.setFieldValue('rhythm', DEFAULT_RHYTHM[changed.source]);
        }}
        data-testid="task-form"
        className="dense-form task-form"
      >
        <div className="form-section-title">基本信息</div>
        <Row gutter={12}>
          <Col span={4}>
            <Form.Item name="year" label="年度" required>
              <Select options={yearOptions} data-testid="task-year" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="source" label="来源" required>
              <Select options={TASK_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} data-testid="task-source" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="code" label="序号">
              <Input placeholder="如：12、3-2" maxLength={40} data-testid="task-code" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="rhythm" label="报告频次">
              <Select options={RHYTHMS.map((r) => ({ value: r, label: RHYTHM_LABELS[r] }))} data-testid="task-rhythm" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label="事项名称" required>
          <Input placeholder="一句话写明要办的事" maxLength={200} showCount autoFocus data-testid="task-title" />
        </Form.Item>
        <Form.Item name="content" label="工作内容">
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={5000}
            placeholder="目标要求、工作任务、完成标准"
            data-testid="task-content"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="sourceRef" label={sourceRefLabel(source)}>
              <Input placeholder={sourceRefPlaceholder(source)} maxLength={200} data-testid="task-source-ref" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sourceDate" label={sourceDateLabel(source)}>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="task-source-date" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="leader" label="责任领导">
              <AutoComplete
                options={leaders.map((l) => ({ value: l }))}
                showSearch={{ filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()) }}
                placeholder="如：陈副区长"
                data-testid="task-leader"
              />
            </Form.Item>
          </Col>
        </Row>

        <div className="form-section-title">办理期限</div>
        <Row gutter={12} align="top">
          <Col span={6}>
            <Form.Item name="assignedDate" label="交办日期" required>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} allowClear={false} data-testid="task-assigned" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="limitMode" label="期限方式">
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'limit', label: '按时限' },
                  { value: 'date', label: '指定办理期限' },
                ]}
                data-testid="task-limit-mode"
              />
            </Form.Item>
          </Col>
          {limitMode === 'limit' ? (
            <Col span={11}>
              <Row gutter={8}>
                <Col span={14}>
                  <Form.Item name="timeLimitValue" label="办理时限" required style={{ marginBottom: 4 }}>
                    <InputNumber
                      min={1}
                      max={3650}
                      precision={0}
                      placeholder="天数"
                      style={{ width: '100%' }}
                      data-testid="task-limit-value"
                    />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item name="timeLimitUnit" label=" " style={{ marginBottom: 4 }}>
                    <Select
                      options={TIME_LIMIT_UNITS.map((u) => ({ value: u, label: TIME_LIMIT_UNIT_LABELS[u] }))}
                      data-testid="task-limit-unit"
                    />
                  </Form.Item>
                </Col>
              </Row>
              <div className={`due-preview ${preview?.error ? 'due-preview-error' : ''}`} data-testid="due-preview">
                {preview?.text ?? '填写交办日期和时限后，自动计算办理期限（工作日跳过周末和法定节假日）'}
              </div>
            </Col>
          ) : (
            <Col span={11}>
              <Form.Item name="dueDate" label="办理期限" required>
                <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} data-testid="task-due" />
              </Form.Item>
            </Col>
          )}
        </Row>

        <div className="form-section-title">
          责任单位 <span className="form-section-hint">至少一个牵头单位；选择单位后自动带出联络员</span>
        </div>
        <Form.List name="units">
          {(fields, { add, remove }) => (
            <div className="list-block" data-testid="task-units">
              {fields.map((field, i) => (
                <Row gutter={8} key={field.key} align="top" className="list-row">
                  <Col span={8}>
                    <Form.Item name={[field.name, 'unitId']} label={i === 0 ? '单位' : undefined}>
                      <Select
                        options={unitOptions}
                        showSearch={UNIT_SEARCH}
                        placeholder="选择单位（可输入名称搜索）"
                        popupMatchSelectWidth={280}
                        data-testid="task-unit-select"
                        onChange={(id: string) => {
                          const u = units.find((x) => x.id === id);
                          if (u && !form.getFieldValue(['units', field.name, 'contactPerson'])) {
                            form.setFieldValue(['units', field.name, 'contactPerson'], u.liaisonName);
                            form.setFieldValue(['units', field.name, 'contactPhone'], u.liaisonPhone);
                          }
                        }}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[field.name, 'role']} label={i === 0 ? '角色' : undefined}>
                      <Radio.Group
                        optionType="button"
                        buttonStyle="solid"
                        options={UNIT_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'contactPerson']} label={i === 0 ? '联系人' : undefined}>
                      <Input maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[field.name, 'contactPhone']} label={i === 0 ? '电话' : undefined}>
                      <Input maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Form.Item label={i === 0 ? ' ' : undefined}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                        disabled={fields.length <= 1}
                        aria-label="移除该单位"
                        title="移除该单位"
                      />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              {listErrors.units && <div className="list-error">{listErrors.units}</div>}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() =>
                  add({
                    role: chosenUnits.some((u) => u?.role === 'lead') ? 'assist' : 'lead',
                    contactPerson: '',
                    contactPhone: '',
                  })
                }
                data-testid="task-add-unit"
              >
                添加责任单位
              </Button>
            </div>
          )}
        </Form.List>

        <div className="form-section-title">
          计划节点 <span className="form-section-hint">对照计划进度判断是否滞后；可不填</span>
        </div>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <div className="list-block" data-testid="task-milestones">
              {fields.map((field, i) => (
                <Row gutter={8} key={field.key} align="top" className="list-row">
                  <Col span={6}>
                    <Form.Item name={[field.name, 'label']} label={i === 0 ? '节点名称' : undefined}>
                      <Input placeholder="如：一季度" maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[field.name, 'dueDate']} label={i === 0 ? '日期' : undefined}>
                      <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[field.name, 'plannedPercent']} label={i === 0 ? '计划进度%' : undefined}>
                      <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={6}>
                    <Form.Item name={[field.name, 'description']} label={i === 0 ? '说明' : undefined}>
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Form.Item label={i === 0 ? ' ' : undefined}>
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除该节点" title="删除该节点" />
                    </Form.Item>
                  </Col>
                </Row>
              ))}
              {listErrors.milestones && <div className="list-error">{listErrors.milestones}</div>}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ label: '', dueDate: null, plannedPercent: null, description: '' })}
                data-testid="task-add-milestone"
              >
                添加计划节点
              </Button>
            </div>
          )}
        </Form.List>

        <div className="form-section-title">备注</div>
        <Form.Item name="note">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="task-note" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} data-testid="task-form-error" />}
        {mode === 'edit' && detail && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
            保存后办理期限按上面的设置重新计算；已登记的进度和督办记录不受影响。
          </Typography.Paragraph>
        )}
      </Form>
    </Drawer>
  );
}

