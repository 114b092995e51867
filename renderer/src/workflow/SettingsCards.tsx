/**
 * 设置 → 报送节奏与催办, 考核规则: the workflow's settings, checked with the contract's schemas before sending and
 * with the server's field messages put on the fields.
 */
import { Alert, App as AntApp, Button, Card, Checkbox, Form, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { RHYTHMS, RHYTHM_LABELS, SOURCE_LABELS, TASK_SOURCES, type TaskSource } from '../../../electron/contract';
import {
  BONUS_RULES,
  DEFAULT_ASSESSMENT_RULES,
  DEFAULT_WORKFLOW_SETTINGS,
  SCORE_RULES,
  SCORE_RULE_LABELS,
  assessmentRules,
  workflowSettings,
  type AssessmentRules,
  type ScoreRule,
  type WorkflowSettings,
} from '../../../electron/contract/workflow';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { clearChangedErrors, saveOnEnter, submitModalForm, type ModalSubmit } from '../forms';

interface SettingsFormSpec<T> {
  load: () => Promise<T>;
  send: (checked: T) => Promise<T>;
  schema: ModalSubmit<T, T>['schema'];
  savedText: string;
}

/** One settings card's life: load the stored values, check with the contract's schema, save, show the result. */
function useSettingsForm<T extends object>({ load, send, schema, savedText }: SettingsFormSpec<T>) {
  const { message } = AntApp.useApp();
  const { dataChanged } = useAppState();
  const [form] = Form.useForm<T>();
  const [loaded, setLoaded] = useState<T | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const show = (values: T) => {
    setLoaded(values);
    form.setFieldsValue(values as Parameters<typeof form.setFieldsValue>[0]);
  };

  useEffect(() => {
    load()
      .then(show)
      .catch((err: unknown) => setError(errorMessage(err)));
    // load once per card (`load` is a new closure on every render)
  }, [form]);

  const save = async () => {
    if (saving) return;
    await submitModalForm({
      form,
      schema,
      input: form.getFieldsValue(true) as T,
      send,
      onSaved: (values) => {
        show(values);
        message.success(savedText);
        dataChanged();
      },
      setError,
      setSaving,
      toast: (text) => message.error(text),
    });
  };
  return { form, loaded, saving, error, save };
}

export function WorkflowSettingsCard() {
  const { form, loaded, saving, error, save } = useSettingsForm<WorkflowSettings>({
    load: () => call('workflow.settings.get', {}),
    send: (checked) => call('workflow.settings.update', checked),
    schema: workflowSettings,
    savedText: '报送节奏与催办设置已保存。',
  });

  const columns: ColumnsType<TaskSource> = [
    { title: '来源', key: 'source', render: (_: unknown, s) => SOURCE_LABELS[s] },
    {
      title: '报送节奏',
      key: 'rhythm',
      width: 170,
      render: (_: unknown, s) => (
        <Form.Item name={['rhythms', s, 'rhythm']} noStyle>
          <Select
            options={RHYTHMS.map((r) => ({ value: r, label: RHYTHM_LABELS[r] }))}
            style={{ width: 150 }}
            aria-label={`${SOURCE_LABELS[s]}报送节奏`}
            data-testid={`wf-rhythm-${s}`}
          />
        </Form.Item>
      ),
    },
    {
      title: '宽限天数',
      key: 'grace',
      width: 170,
      render: (_: unknown, s) => (
        <Space size={4}>
          <Form.Item name={['rhythms', s, 'graceDays']} noStyle>
            <InputNumber min={0} max={60} precision={0} style={{ width: 80 }} aria-label={`${SOURCE_LABELS[s]}宽限天数`} data-testid={`wf-grace-${s}`} />
          </Form.Item>
          <span>天</span>
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title="报送节奏与催办"
      className="settings-card"
      data-testid="workflow-settings"
      extra={
        <Button
          size="small"
          type="link"
          disabled={!loaded}
          onClick={() => form.setFieldsValue(structuredClone(DEFAULT_WORKFLOW_SETTINGS))}
          data-testid="workflow-settings-defaults"
        >
          恢复默认（保存后生效）
        </Button>
      }
    >
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 9 }}
        wrapperCol={{ span: 15 }}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed) => clearChangedErrors(form, changed)}
        disabled={!loaded}
        data-testid="workflow-settings-form"
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          各来源的事项按此节奏报送进展：每期结束后宽限若干天内应报；“按时限反馈”的事项在办理期限后宽限若干天内应报。逾期未报送、逾期未办结又未说明原因的单位进入催办名单。
        </Typography.Paragraph>
        <Table<TaskSource> size="small" rowKey={(s) => s} pagination={false} columns={columns} dataSource={[...TASK_SOURCES]} style={{ marginBottom: 12 }} />
        {TASK_SOURCES.map((s) => (
          // the fields' own messages (a table cell has no room for them)
          <Form.Item key={s} noStyle shouldUpdate>
            {() => {
              const errs = [...form.getFieldError(['rhythms', s, 'rhythm']), ...form.getFieldError(['rhythms', s, 'graceDays'])];
              return errs.length ? <div className="blk-error">{`${SOURCE_LABELS[s]}：${errs.join('；')}`}</div> : null;
            }}
          </Form.Item>
        ))}
        <Form.Item name="assistUnitsReport" label="配合单位" valuePropName="checked" extra="不勾选时只由牵头单位按期报送（牵头单位统筹协调）。">
          <Checkbox data-testid="wf-assist">配合单位也须按期报送</Checkbox>
        </Form.Item>
        <Form.Item label="列入通报" required extra="自上一期情况通报签发以来被催办满这些次数的单位，列入下期通报。">
          <Space>
            <span>催办满</span>
            <Form.Item name="chaseFlagCount" noStyle>
              <InputNumber min={1} max={10} precision={0} style={{ width: 80 }} aria-label="催办几次列入通报" data-testid="wf-flag-count" />
            </Form.Item>
            <span>次</span>
          </Space>
        </Form.Item>
        <Form.Item label="督查通知书回复期限" required extra="起草督查通知书时默认的限期。">
          <Space>
            <Form.Item name="noticeAnswerDays" noStyle>
              <InputNumber min={0} max={90} precision={0} style={{ width: 80 }} aria-label="督查通知书回复期限" data-testid="wf-notice-days" />
            </Form.Item>
            <span>天</span>
          </Space>
        </Form.Item>
        <Form.Item label="整改报告期限" required extra="起草批评通报时，情况说明及整改报告默认的限期。">
          <Space>
            <Form.Item name="rectificationDays" noStyle>
              <InputNumber min={0} max={90} precision={0} style={{ width: 80 }} aria-label="整改报告期限" data-testid="wf-rectification-days" />
            </Form.Item>
            <span>天</span>
          </Space>
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form.Item wrapperCol={{ offset: 9 }} style={{ marginBottom: 0 }}>
          <Space>
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="workflow-settings-save">
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

type Scalar = Exclude<keyof AssessmentRules, 'rulePoints'>;
const SCALARS: Array<{ key: Scalar; label: string; unit: string; max: number; step: number; extra?: string }> = [
  { key: 'basePoints', label: '基础分', unit: '分', max: 100, step: 1, extra: '每个单位都有的部分，不随任务完成情况变化。' },
  { key: 'completionPoints', label: '完成率分值', unit: '分', max: 100, step: 1, extra: '加权完成率 100% 时得满分，按比例计分。' },
  { key: 'leadWeight', label: '牵头事项权重', unit: '', max: 10, step: 1, extra: '计算加权完成率时，牵头和配合的事项各按此权重计。' },
  { key: 'assistWeight', label: '配合事项权重', unit: '', max: 10, step: 1 },
  { key: 'lateCompletionCredit', label: '逾期办结计分比例', unit: '', max: 1, step: 0.1, extra: '逾期办结的事项按此比例计入完成率（0–1）。' },
  { key: 'maxDeduction', label: '扣分上限', unit: '分', max: 100, step: 1 },
  { key: 'maxBonus', label: '加分上限', unit: '分', max: 100, step: 1 },
];

export function AssessmentRulesCard() {
  const { form, loaded, saving, error, save } = useSettingsForm<AssessmentRules>({
    load: () => call('assessment.rules.get', {}),
    send: (checked) => call('assessment.rules.update', checked),
    schema: assessmentRules,
    savedText: '考核规则已保存，考核得分随之重算。',
  });

  const number = (key: Scalar | ['rulePoints', ScoreRule], label: string, max: number, step: number, unit: string) => (
    <Space>
      <Form.Item name={key} noStyle>
        <InputNumber min={0} max={max} step={step} style={{ width: 100 }} aria-label={label} data-testid={`rule-${Array.isArray(key) ? key[1] : key}`} />
      </Form.Item>
      {unit && <span>{unit}</span>}
    </Space>
  );

  return (
    <Card
      size="small"
      title="考核规则"
      className="settings-card"
      data-testid="assessment-rules"
      extra={
        <Button
          size="small"
          type="link"
          disabled={!loaded}
          onClick={() => form.setFieldsValue(structuredClone(DEFAULT_ASSESSMENT_RULES))}
          data-testid="assessment-rules-defaults"
        >
          恢复默认（保存后生效）
        </Button>
      }
    >
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 9 }}
        wrapperCol={{ span: 15 }}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed) => clearChangedErrors(form, changed, [['leadWeight']])}
        disabled={!loaded}
        data-testid="assessment-rules-form"
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          年度目标责任制考核中督查工作的计分办法：总分 = 基础分 + 完成率分 − 扣分 + 加分。扣分、加分逐次计算，各有上限。
        </Typography.Paragraph>
        {SCALARS.slice(0, 5).map((f) => (
          <Form.Item key={f.key} label={f.label} required extra={f.extra}>
            {number(f.key, f.label, f.max, f.step, f.unit)}
          </Form.Item>
        ))}
        <div className="rules-head">每次扣分、加分</div>
        {SCORE_RULES.map((r) => {
          const bonus = BONUS_RULES.includes(r);
          return (
            <Form.Item key={r} label={SCORE_RULE_LABELS[r]} required>
              {number(['rulePoints', r], SCORE_RULE_LABELS[r], 100, 1, bonus ? '分 / 次（加分）' : '分 / 次（扣分）')}
            </Form.Item>
          );
        })}
        {SCALARS.slice(5).map((f) => (
          <Form.Item key={f.key} label={f.label} required extra={f.extra}>
            {number(f.key, f.label, f.max, f.step, f.unit)}
          </Form.Item>
        ))}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form.Item wrapperCol={{ offset: 9 }} style={{ marginBottom: 0 }}>
          <Space>
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="assessment-rules-save">
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
