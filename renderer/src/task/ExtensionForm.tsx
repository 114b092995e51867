import { App as AntApp, Alert, Button, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { extensionRequestInput, ROLE_LABELS, type ExtensionRequest, type TaskDetail } from '../../../electron/contract';
import { call, errorMessage } from '../api';
import { DATE_FORMAT, fmtDate, toIso } from '../format';
import { clearChangedErrors, saveOnEnter, submitModalForm } from '../forms';

interface RequestValues {
  unitId?: string;
  reason: string;
  stageProgress: string;
  requestedDate: Dayjs | null;
}

interface RequestProps {
  detail: TaskDetail;
  onClose: () => void;
  onSaved: (detail: TaskDetail) => void;
}

/** 申请延期: a unit reports why it needs more time, how far it got, and the date it asks for. */
export function ExtensionRequestForm({ detail, onClose, onSaved }: RequestProps) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RequestValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const leads = detail.units.filter((u) => u.role === 'lead');
  const firstUnit = leads.length === 1 ? leads[0] : detail.units.length === 1 ? detail.units[0] : undefined;
  const initial: RequestValues = { unitId: firstUnit?.unitId, reason: '', stageProgress: '', requestedDate: null };

  const save = async () => {
    if (saving) return;
    setError(null);
    const v = form.getFieldsValue(true) as RequestValues;
    const input = {
      taskId: detail.task.id,
      unitId: v.unitId ?? '',
      reason: v.reason ?? '',
      stageProgress: v.stageProgress ?? '',
      requestedDate: toIso(v.requestedDate) ?? '',
    };
    await submitModalForm({
      form,
      schema: extensionRequestInput,
      input,
      fieldMessages: { unitId: '请选择申请单位', requestedDate: '请选择申请延至的日期' },
      send: (checked) => call('extensions.request', checked),
      onSaved,
      setError,
      setSaving,
      toast: (text) => message.error(text),
    });
  };

  return (
    <Modal
      open
      title={`申请延期 · ${detail.task.title}`}
      width={640}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => void save()} data-testid="extension-submit">
          登记申请
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed: Partial<RequestValues>) => clearChangedErrors(form, changed, [])}
        data-testid="extension-form"
        className="dense-form"
      >
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item name="unitId" label="申请单位" required>
              <Select
                options={detail.units.map((u) => ({ value: u.unitId, label: `${u.unitName}（${ROLE_LABELS[u.role]}）` }))}
                placeholder="选择本事项的责任单位"
                data-testid="extension-unit"
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="requestedDate" label={`申请延至（现期限 ${fmtDate(detail.task.dueDate)}）`} required>
              <DatePicker
                format={DATE_FORMAT}
                style={{ width: '100%' }}
                disabledDate={(d) => d.format('YYYY-MM-DD') <= detail.task.dueDate}
                data-testid="extension-date"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="reason" label="延期理由" required>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} autoFocus data-testid="extension-reason" />
        </Form.Item>
        <Form.Item name="stageProgress" label="阶段性进展">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="extension-progress" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}

interface DecisionProps {
  request: ExtensionRequest;
  approve: boolean;
  currentDueDate: string;
  onClose: () => void;
  onSaved: (detail: TaskDetail) => void;
}

/** 批准 (with the date granted, the requested one by default) or 不予批准 (with the reason). */
export function ExtensionDecisionForm({ request, approve, currentDueDate, onClose, onSaved }: DecisionProps) {
  const [date, setDate] = useState<Dayjs | null>(dayjs(request.requestedDate));
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (saving) return;
    setError(null);
    if (!approve && note.trim() === '') {
      setError('请填写不予批准的理由');
      return;
    }
    setSaving(true);
    try {
      onSaved(await call('extensions.decide', { id: request.id, approve, newDueDate: approve ? (toIso(date) ?? null) : null, note }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={approve ? `批准延期 · ${request.unitName}` : `不予批准 · ${request.unitName}`}
      width={480}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={!approve}
          loading={saving}
          onClick={() => void save()}
          data-testid={approve ? 'extension-approve-confirm' : 'extension-refuse-confirm'}
        >
          {approve ? '批准' : '不予批准'}
        </Button>,
      ]}
    >
      <Form layout="vertical" className="dense-form">
        {approve && (
          <Form.Item label={`延至（现期限 ${fmtDate(currentDueDate)}）`} required>
            <DatePicker
              value={date}
              onChange={setDate}
              format={DATE_FORMAT}
              allowClear={false}
              style={{ width: '100%' }}
              disabledDate={(d) => d.format('YYYY-MM-DD') <= currentDueDate}
              data-testid="extension-approve-date"
            />
          </Form.Item>
        )}
        <Form.Item label={approve ? '审批意见' : '不予批准的理由'} required={!approve}>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={2000}
            data-testid="extension-note"
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
