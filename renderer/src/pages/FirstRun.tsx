import { DatabaseOutlined, FileAddOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Form, Input, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { contract, type AppInfo } from '../../../electron/contract';
import { ApiError, call, errorMessage } from '../api';
import { applyFieldMessages, clearChangedErrors, saveOnEnter, serverMessages, zodMessages } from '../forms';

interface Values {
  operator: string;
  officeName: string;
}

/** First run: who works here, which office issues the documents, then demo data or an empty ledger. */
export default function FirstRun({ info, onDone }: { info: AppInfo; onDone: (info: AppInfo) => void }) {
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState<'demo' | 'empty' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const start = async (loadDemo: boolean) => {
    if (busy) return;
    setError(null);
    const values = form.getFieldsValue(true) as Partial<Values>;
    const input = { operator: values.operator ?? '', officeName: values.officeName ?? '', loadDemo };
    const parsed = contract['app.setup'].input.safeParse(input);
    if (!parsed.success) {
      applyFieldMessages(form, zodMessages(parsed.error));
      return;
    }
    applyFieldMessages(form, []);
    setBusy(loadDemo ? 'demo' : 'empty');
    try {
      const next = await call('app.setup', input);
      message.success(loadDemo ? '演示数据已载入，可以开始试用。' : '空白台账已建好，可以开始登记事项。');
      onDone(next);
    } catch (err) {
      if (err instanceof ApiError && err.fields) {
        const rest = applyFieldMessages(form, serverMessages(err));
        if (rest.length) setError(err.message);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="first-run">
      <Card className="first-run-card" data-testid="first-run">
        <Spin spinning={busy === 'demo'} description="正在载入演示数据，请稍候……">
          <div className="first-run-head">
            <span className="brand-seal brand-seal-lg">督</span>
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                欢迎使用督查台账
              </Typography.Title>
              <Typography.Text type="secondary">
                政府工作报告、民生实事、会议决定、重点项目、专项督查、领导批示——一本台账，逐项督办，到期亮灯。
              </Typography.Text>
            </div>
          </div>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ operator: info.operator, officeName: info.officeName }}
            onKeyDown={saveOnEnter(() => void start(true))}
            onValuesChange={(changed: Partial<Values>) => clearChangedErrors(form, changed)}
            data-testid="first-run-form"
          >
            <Form.Item
              name="operator"
              label="经办人姓名"
              required
              extra="登记进度、督办记录和修改痕迹都会记下经办人。"
            >
              <Input placeholder="例如：王晓明" maxLength={40} autoFocus data-testid="setup-operator" />
            </Form.Item>
            <Form.Item name="officeName" label="发文机关名称" required extra="用于督查通知、催办通知等文书的落款。">
              <Input placeholder="例如：绍兴市上虞区人民政府办公室" maxLength={60} data-testid="setup-office" />
            </Form.Item>
          </Form>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Space size="middle" wrap>
            <Button
              type="primary"
              size="large"
              icon={<DatabaseOutlined />}
              loading={busy === 'demo'}
              disabled={busy !== null}
              onClick={() => void start(true)}
              data-testid="setup-demo"
            >
              载入演示数据
            </Button>
            <Button
              size="large"
              icon={<FileAddOutlined />}
              loading={busy === 'empty'}
              disabled={busy !== null}
              onClick={() => void start(false)}
              data-testid="setup-empty"
            >
              从空白台账开始
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            演示数据包含上虞区乡镇、街道和区直部门，以及一年内的督查事项（有按期推进的、临期的、逾期的和滞后于计划的），便于熟悉操作。
            台账保存在本机：{info.dbPath}
          </Typography.Paragraph>
        </Spin>
      </Card>
    </div>
  );
}
