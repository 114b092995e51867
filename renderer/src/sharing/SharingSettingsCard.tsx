/** 同步与备份设置: how often to sync automatically and how many automatic backups to keep. */
import { Alert, App as AntApp, Button, Form, InputNumber, Space, Card } from 'antd';
import { useEffect, useState } from 'react';
import {
  AUTO_SYNC_MINUTES_MAX,
  BACKUPS_KEPT_MAX,
  sharingSettingsInput,
  type SharingSettingsRequest,
} from '../../../electron/contract/sharing';
import { call } from '../api';
import { clearChangedErrors, saveOnEnter, submitModalForm } from '../forms';
import { useSharing } from './SharingProvider';

type Values = Required<SharingSettingsRequest>;

export default function SharingSettingsCard() {
  const { message } = AntApp.useApp();
  const { status, refresh } = useSharing();
  const [form] = Form.useForm<Values>();
  const [loaded, setLoaded] = useState<Values | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // the stored values, once the status first arrives (later polls leave what the user is typing alone)
  useEffect(() => {
    if (!status || loaded) return;
    const values = { autoSyncMinutes: status.autoSyncMinutes, backupsKept: status.backupsKept };
    setLoaded(values);
    form.setFieldsValue(values);
  }, [status, loaded, form]);

  const save = async () => {
    if (saving) return;
    const v = form.getFieldsValue(true) as Partial<Values>;
    // an emptied InputNumber is null: let the schema say 请填写…
    const input = { autoSyncMinutes: v.autoSyncMinutes ?? undefined, backupsKept: v.backupsKept ?? undefined } as Values;
    await submitModalForm({
      form,
      schema: sharingSettingsInput,
      input,
      send: (checked) => call('sharing.updateSettings', checked),
      onSaved: (next) => {
        const values = { autoSyncMinutes: next.autoSyncMinutes, backupsKept: next.backupsKept };
        setLoaded(values);
        form.setFieldsValue(values);
        message.success('同步与备份设置已保存。');
        void refresh();
      },
      setError,
      setSaving,
      toast: (text) => message.error(text),
    });
  };

  return (
    <Card size="small" title="同步与备份设置" className="settings-card" data-testid="sharing-settings">
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 7 }}
        wrapperCol={{ span: 17 }}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed) => clearChangedErrors(form, changed)}
        disabled={!loaded}
        data-testid="sharing-settings-form"
      >
        <Form.Item label="自动同步" required extra="填 0 表示只在启动、退出和手动时同步。">
          <Space>
            <span>每</span>
            <Form.Item name="autoSyncMinutes" noStyle>
              <InputNumber min={0} max={AUTO_SYNC_MINUTES_MAX} precision={0} style={{ width: 90 }} aria-label="自动同步间隔" data-testid="sharing-auto-minutes" />
            </Form.Item>
            <span>分钟同步一次</span>
          </Space>
        </Form.Item>
        <Form.Item label="自动备份" required extra="每类自动备份保留最近的这些份数，较早的自动删除。">
          <Space>
            <span>保留</span>
            <Form.Item name="backupsKept" noStyle>
              <InputNumber min={1} max={BACKUPS_KEPT_MAX} precision={0} style={{ width: 90 }} aria-label="自动备份保留份数" data-testid="sharing-backups-kept" />
            </Form.Item>
            <span>份</span>
          </Space>
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form.Item wrapperCol={{ offset: 7 }} style={{ marginBottom: 0 }}>
          <Space>
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="sharing-settings-save">
              保存
            </Button>
            <Button onClick={() => loaded && form.setFieldsValue(loaded)} disabled={!loaded}>
              撤销修改
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Card>
  );
}
