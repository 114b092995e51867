import { Alert, App as AntApp, Button, Col, DatePicker, Form, Input, Modal, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  ACTION_METHODS,
  ACTION_METHOD_LABELS,
  actionInput,
  ROLE_LABELS,
  type ActionMethod,
  type TaskDetail,
} from '../../../electron/contract';
import { ACTION_PURPOSES, ACTION_PURPOSE_LABELS, type ActionPurpose } from '../../../electron/contract/workflow';
import { call } from '../api';
import { DATE_FORMAT, toIso } from '../format';
import { clearChangedErrors, saveOnEnter, submitModalForm } from '../forms';

interface Values {
  purpose: ActionPurpose;
  method: ActionMethod;
  unitId: string | null;
  actionDate: Dayjs | null;
  note: string;
}

interface Props {
  detail: TaskDetail;
  today: string;
  onClose: () => void;
  onSaved: (detail: TaskDetail) => void;
}

/**
 * 登记督办: a written notice, a phone reminder or an on-site visit. A 催办 (the unit is late) names the unit chased:
 * it counts against that unit in the 通报 and the 考核.
 */
export default function ActionForm({ detail, today, onClose, onSaved }: Props) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const purpose = (Form.useWatch('purpose', form) as ActionPurpose | undefined) ?? 'supervise';

  const save = async () => {
    if (saving) return;
    setError(null);
    const v = form.getFieldsValue(true) as Values;
    const input = {
      taskId: detail.task.id,
      unitId: v.unitId ?? null,
      method: v.method,
      actionDate: toIso(v.actionDate) ?? '',
      note: v.note ?? '',
      purpose: v.purpose ?? 'supervise',
    };
    await submitModalForm({
      form,
      schema: actionInput,
      input,
      fieldMessages: { actionDate: '请选择督办日期', unitId: '请选择被催办的单位' },
      send: (checked) => call('actions.add', checked),
      onSaved,
      setError,
      setSaving,
      toast: (text) => message.error(text),
    });
  };

  return (
    <Modal
      open
      title={`登记督办催办 · ${detail.task.title}`}
      width={600}
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
        <Button key="ok" type="primary" loading={saving} onClick={() => void save()} data-testid="action-submit">
          保存记录
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ purpose: 'supervise', method: 'phone', unitId: null, actionDate: dayjs(today), note: '' }}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed: Partial<Values>) => clearChangedErrors(form, changed)}
        data-testid="action-form"
        className="dense-form"
      >
        <Form.Item
          name="purpose"
          label="类别"
          required
          extra={purpose === 'chase' ? '催办针对逾期未办结、未按期报送的单位，计入该单位的催办次数和年度考核。' : undefined}
        >
          <Radio.Group
            optionType="button"
            options={ACTION_PURPOSES.map((p) => ({ value: p, label: ACTION_PURPOSE_LABELS[p] }))}
            data-testid="action-purpose"
          />
        </Form.Item>
        <Form.Item name="method" label="方式" required>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={ACTION_METHODS.map((m) => ({ value: m, label: ACTION_METHOD_LABELS[m] }))}
            data-testid="action-method"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={14}>
            <Form.Item
              name="unitId"
              label={purpose === 'chase' ? '被催办单位' : '督办对象'}
              required={purpose === 'chase'}
              extra={purpose === 'chase' ? undefined : '不选则为本事项全部责任单位'}
            >
              <Select
                allowClear
                placeholder={purpose === 'chase' ? '选择被催办的单位' : '全部责任单位'}
                options={detail.units.map((u) => ({ value: u.unitId, label: `${u.unitName}（${ROLE_LABELS[u.role]}）` }))}
                data-testid="action-unit"
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="actionDate" label="日期" required>
              <DatePicker format={DATE_FORMAT} allowClear={false} style={{ width: '100%' }} data-testid="action-date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label="情况">
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            placeholder="如：电话联系办公室主任，要求于6月30日前书面反馈办理情况"
            autoFocus
            data-testid="action-note"
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
