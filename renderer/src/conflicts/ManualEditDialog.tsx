/** 手动编辑: the value typed by hand, starting from the one the ledger shows now. */
import { Alert, App as AntApp, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { conflictResolution, type ConflictView } from '../../../electron/contract/conflicts';
import { call } from '../api';
import { clearChangedErrors, saveOnEnter, submitModalForm } from '../forms';
import { manualStart, manualValue, sideTitle } from './labels';

interface Props {
  conflict: ConflictView;
  onClose: () => void;
  onSaved: (resolved: ConflictView) => void;
}

export default function ManualEditDialog({ conflict, onClose, onSaved }: Props) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ manualValue: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (saving) return;
    const text = (form.getFieldValue('manualValue') as string | undefined) ?? '';
    await submitModalForm({
      form,
      schema: conflictResolution,
      input: { id: conflict.id, choice: 'manual' as const, manualValue: manualValue(conflict, text) },
      send: (checked) => call('conflicts.resolve', checked),
      onSaved,
      setError,
      setSaving,
      toast: (text) => message.error(text),
    });
  };

  return (
    <Modal
      open
      title={`手动编辑 · ${conflict.columnLabel}`}
      width={560}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => void save()} data-testid="conflict-manual-submit">
          保存
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        {conflict.tableLabel} · {conflict.rowLabel}：{sideTitle(conflict, 'earlier')}为“{conflict.earlier.display}”，{sideTitle(conflict, 'later')}为“
        {conflict.later.display}”。保存后以填写的内容为准，下次同步时其他电脑也会采用。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ manualValue: manualStart(conflict) }}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed) => clearChangedErrors(form, changed)}
        className="dense-form"
        data-testid="conflict-manual-form"
      >
        <Form.Item
          name="manualValue"
          label={conflict.columnLabel || '内容'}
          extra={/^\d{4}-\d{2}-\d{2}$/.test(manualStart(conflict)) ? '日期请按 2026-12-20 的格式填写。' : undefined}
        >
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 8 }} maxLength={5000} autoFocus data-testid="conflict-manual-input" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
