/**
 * 登记移送纪检监察 (seed 三(三)): a serious failure found while supervising is referred to the discipline body;
 * the office records which unit, about which task if any, when, to whom, why.
 */
import { Alert, App as AntApp, Button, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { referralInput, type Referral } from '../../../electron/contract/workflow';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { DATE_FORMAT, toIso } from '../format';
import { clearChangedErrors, saveOnEnter, submitModalForm } from '../forms';

export const DEFAULT_REFERRED_TO = '区纪委区监委';

interface Values {
  unitId: string | null;
  taskId: string | null;
  referredOn: Dayjs | null;
  referredTo: string;
  reason: string;
  note: string;
}

export interface ReferralPreset {
  unitId?: string | null;
  /** a referral from a task's drawer: the task is fixed and its units are offered */
  task?: { id: string; title: string; units: Array<{ unitId: string; unitName: string }> } | null;
}

interface Props {
  preset?: ReferralPreset;
  onClose: () => void;
  onSaved: (referral: Referral) => void;
}

export default function ReferralForm({ preset, onClose, onSaved }: Props) {
  const { message } = AntApp.useApp();
  const { info, units } = useAppState();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fixedTask = preset?.task ?? null;
  const unitId = Form.useWatch('unitId', form);
  const [taskOptions, setTaskOptions] = useState<Array<{ value: string; label: string }>>([]);
  const [loadingTasks, setLoadingTasks] = useState(false);

  const unitOptions = useMemo(
    () =>
      fixedTask
        ? fixedTask.units.map((u) => ({ value: u.unitId, label: u.unitName }))
        : units.filter((u) => u.active || u.id === preset?.unitId).map((u) => ({ value: u.id, label: u.name })),
    [fixedTask, units, preset?.unitId],
  );

  // Without a fixed task, the chosen unit's tasks of the year may be named (optional).
  useEffect(() => {
    if (fixedTask || !unitId) {
      setTaskOptions([]);
      return;
    }
    let live = true;
    setLoadingTasks(true);
    call('tasks.list', { unitId, year: Number(info.today.slice(0, 4)), limit: 500, sortField: 'due_date', sortOrder: 'asc' })
      .then((page) => live && setTaskOptions(page.rows.map((r) => ({ value: r.id, label: `${r.code ? `${r.code} ` : ''}${r.title}` }))))
      .catch((err: unknown) => live && message.error(errorMessage(err)))
      .finally(() => live && setLoadingTasks(false));
    return () => {
      live = false;
    };
  }, [fixedTask, unitId, info.today, message]);

  const initial: Values = {
    unitId: preset?.unitId ?? (fixedTask && fixedTask.units.length === 1 ? (fixedTask.units[0]?.unitId ?? null) : null),
    taskId: fixedTask?.id ?? null,
    referredOn: dayjs(info.today),
    referredTo: DEFAULT_REFERRED_TO,
    reason: '',
    note: '',
  };

  const save = async () => {
    if (saving) return;
    const v = form.getFieldsValue(true) as Values;
    const input = {
      unitId: v.unitId ?? '',
      taskId: fixedTask?.id ?? v.taskId ?? null,
      referredOn: toIso(v.referredOn) ?? '',
      referredTo: v.referredTo ?? '',
      reason: v.reason ?? '',
      note: v.note ?? '',
    };
    await submitModalForm({
      form,
      schema: referralInput,
      input,
      fieldMessages: { unitId: '请选择被移送的单位', referredOn: '请选择移送日期' },
      send: (checked) => call('referrals.add', checked),
      onSaved,
      setError,
      setSaving,
      toast: (text) => message.error(text),
    });
  };

  return (
    <Modal
      open
      title={fixedTask ? `移送纪检监察 · ${fixedTask.title}` : '登记移送纪检监察'}
      width={620}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <span key="hint" className="footer-hint">
          Ctrl+Enter 保存 · Esc 取消
        </span>,
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" danger loading={saving} onClick={() => void save()} data-testid="referral-submit">
          登记移送
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed: Partial<Values>) => {
          clearChangedErrors(form, changed);
          if ('unitId' in changed && !fixedTask) form.setFieldValue('taskId', null);
        }}
        className="dense-form"
        data-testid="referral-form"
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="发现失职渎职、违纪违法等情形的，由纪检监察部门负责调查。这里登记移送的事实，移送记录计入该单位年度考核。"
        />
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="unitId" label="被移送单位" required>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={unitOptions}
                placeholder="选择单位"
                data-testid="referral-unit"
                aria-label="被移送单位"
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="referredOn" label="移送日期" required>
              <DatePicker format={DATE_FORMAT} allowClear={false} style={{ width: '100%' }} data-testid="referral-date" />
            </Form.Item>
          </Col>
        </Row>
        {fixedTask ? (
          <Form.Item label="涉及事项">
            <Input value={fixedTask.title} readOnly />
          </Form.Item>
        ) : (
          <Form.Item name="taskId" label="涉及事项" extra="可不选；选择单位后列出其本年度事项。">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={taskOptions}
              loading={loadingTasks}
              disabled={!unitId}
              placeholder={unitId ? '不涉及具体事项' : '请先选择单位'}
              data-testid="referral-task"
              aria-label="涉及事项"
            />
          </Form.Item>
        )}
        <Form.Item name="referredTo" label="移送机关" required>
          <Input maxLength={60} data-testid="referral-to" />
        </Form.Item>
        <Form.Item name="reason" label="移送事由" required>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} autoFocus data-testid="referral-reason" />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} data-testid="referral-note" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
