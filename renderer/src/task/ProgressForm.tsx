import { App as AntApp, Alert, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { progressInput, ROLE_LABELS, type TaskDetail } from '../../../electron/contract';
import { call } from '../api';
import { DATE_FORMAT, defaultPeriod, toIso } from '../format';
import { clearChangedErrors, saveOnEnter, submitModalForm } from '../forms';

interface Values {
  unitId?: string;
  period: string;
  reportDate: Dayjs | null;
  percent: number | null;
  stage: string;
  doneText: string;
  problems: string;
  nextSteps: string;
  noChange: boolean;
  reporter: string;
}

interface Props {
  detail: TaskDetail;
  today: string;
  operator: string;
  onClose: () => void;
  onSaved: (detail: TaskDetail) => void;
}

/** 登记进度: one unit's progress report on this task. Enter saves (Ctrl+Enter inside a text area). */
export default function ProgressForm({ detail, today, onClose, onSaved }: Props) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const leads = detail.units.filter((u) => u.role === 'lead');
  const firstUnit = leads.length === 1 ? leads[0] : detail.units.length === 1 ? detail.units[0] : undefined;

  const initial: Values = {
    unitId: firstUnit?.unitId,
    period: defaultPeriod(detail.task.rhythm, today),
    reportDate: dayjs(today),
    percent: null,
    stage: '',
    doneText: '',
    problems: '',
    nextSteps: '',
    noChange: false,
    reporter: firstUnit?.contactPerson ?? '',
  };

  const save = async () => {
    if (saving) return;
    setError(null);
    const v = form.getFieldsValue(true) as Values;
    const input = {
      taskId: detail.task.id,
      unitId: v.unitId ?? '',
      period: v.period ?? '',
      reportDate: toIso(v.reportDate) ?? '',
      percent: v.percent ?? null,
      stage: v.stage ?? '',
      doneText: v.doneText ?? '',
      problems: v.problems ?? '',
      nextSteps: v.nextSteps ?? '',
      noChange: Boolean(v.noChange),
      reporter: v.reporter ?? '',
    };
    await submitModalForm({
      form,
      schema: progressInput,
      input,
      fieldMessages: { unitId: '请选择报送单位', reportDate: '请选择报送日期' },
      send: (checked) => call('progress.add', checked),
      onSaved,
      setError,
      setSaving,
      toast: (text) => message.error(text),
    });
  };

  const noChange = Form.useWatch('noChange', form);

  return (
    <Modal
      open
      title={`登记进度 · ${detail.task.title}`}
      width={720}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <span key="hint" className="footer-hint">
          Enter 保存 · Ctrl+Enter 在文本框内保存 · Esc 取消
        </span>,
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => void save()} data-testid="progress-submit">
          保存进度
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed: Partial<Values>) =>
          clearChangedErrors(form, changed, 'noChange' in changed || 'percent' in changed || 'stage' in changed ? [['doneText']] : [])
        }
        data-testid="progress-form"
        className="dense-form"
      >
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="unitId" label="报送单位" required>
              <Select
                options={detail.units.map((u) => ({ value: u.unitId, label: `${u.unitName}（${ROLE_LABELS[u.role]}）` }))}
                placeholder="选择本事项的责任单位"
                autoFocus={!firstUnit}
                data-testid="progress-unit"
                onChange={(id: string) => {
                  const link = detail.units.find((u) => u.unitId === id);
                  if (link && !form.getFieldValue('reporter')) form.setFieldValue('reporter', link.contactPerson);
                }}
              />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="period" label="报告期">
              <Input placeholder="如：2016年第2季度" maxLength={20} data-testid="progress-period" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="reportDate" label="报送日期" required>
              <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} allowClear={false} data-testid="progress-date" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="percent" label="完成比例（%）">
              <InputNumber
                min={0}
                max={100}
                precision={0}
                style={{ width: '100%' }}
                placeholder="0–100"
                autoFocus={Boolean(firstUnit)}
                data-testid="progress-percent"
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="stage" label="所处阶段">
              <Input placeholder="如：方案报批、开工建设、竣工验收" maxLength={100} data-testid="progress-stage" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="reporter" label="报送人">
              <Input maxLength={40} data-testid="progress-reporter" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="noChange" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox data-testid="progress-nochange">与上期相比无变化</Checkbox>
        </Form.Item>
        <Form.Item name="doneText" label="工作进展">
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={5000}
            placeholder={noChange ? '与上期相同时可不填' : '本期做了什么、达到什么程度'}
            data-testid="progress-done"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="problems" label="存在问题">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="progress-problems" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="nextSteps" label="下步打算">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="progress-next" />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
