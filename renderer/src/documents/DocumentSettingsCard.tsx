/**
 * 公文设置: what every document takes its fixed parts from — 发文机关 and its 红头, the 文号 prefix of each
 * type, 署名 and seal, 抄送 and 印发机关 for the 版记, the section and contact for 附注, and which font names
 * the office's computers have.
 */
import { App as AntApp, Alert, Button, Card, Col, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  DOCUMENT_TYPES,
  DOCUMENT_TYPE_LABELS,
  documentSettings,
  type DocumentSettings,
  type DocumentType,
} from '../../../electron/contract/documents';
import { ApiError, call, errorMessage } from '../api';
import { useAppState } from '../context';
import { applyFieldMessages, clearChangedErrors, saveOnEnter, serverMessages, zodMessages, type FieldPath } from '../forms';

const FONT_OPTIONS = [
  { value: 'gb2312', label: '仿宋_GB2312 等（适用于装有 GB2312 字体的电脑）' },
  { value: 'plain', label: '仿宋 等（Windows 7 及以上自带）' },
] as const;

/** cc.3 → cc: one tag box shows every 抄送 message */
const rename = (path: FieldPath): FieldPath => (path[0] === 'cc' ? ['cc'] : path);

export default function DocumentSettingsCard() {
  const { message } = AntApp.useApp();
  const { currentYear } = useAppState();
  const [form] = Form.useForm<DocumentSettings>();
  const [loaded, setLoaded] = useState<DocumentSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const prefixes = (Form.useWatch('numberPrefixes', form) ?? {}) as Partial<Record<DocumentType, string>>;
  const organName = (Form.useWatch('organName', form) as string | undefined) ?? '';

  useEffect(() => {
    call('documents.settings.get', {})
      .then((s) => {
        setLoaded(s);
        form.setFieldsValue(s);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, [form]);

  const save = async () => {
    if (saving) return;
    setError(null);
    const v = form.getFieldsValue(true) as DocumentSettings;
    const input = { ...v, cc: (v.cc ?? []).map((c) => c.trim()).filter((c) => c !== '') };
    const parsed = documentSettings.safeParse(input);
    if (!parsed.success) {
      const rest = applyFieldMessages(form, zodMessages(parsed.error), rename);
      if (rest.length) setError(rest.map((r) => r.message).join('；'));
      return;
    }
    applyFieldMessages(form, []);
    setSaving(true);
    try {
      const s = await call('documents.settings.update', input);
      setLoaded(s);
      form.setFieldsValue(s);
      message.success('公文设置已保存。');
    } catch (err) {
      if (err instanceof ApiError && err.fields) {
        const rest = applyFieldMessages(form, serverMessages(err), rename);
        if (rest.length) setError(err.message);
      } else {
        setError(errorMessage(err));
      }
    } finally {
      setSaving(false);
    }
  };

  const sample = (t: DocumentType) => {
    const p = (prefixes[t] ?? '').trim();
    return p ? `如 ${p}〔${currentYear}〕1号` : '不编文号';
  };

  return (
    <Card size="small" title="公文设置" className="settings-card" data-testid="document-settings">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        督办单、督查通知书、催办通知、各类通报的红头、文号、署名和版记都取自这里。填好一次即可；修改只影响以后起草和签发的公文，已签发的公文保持原样。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 6 }}
        wrapperCol={{ span: 18 }}
        onKeyDown={saveOnEnter(() => void save())}
        onValuesChange={(changed: Partial<DocumentSettings>) => clearChangedErrors(form, changed)}
        disabled={!loaded}
        className="doc-settings-form"
        data-testid="document-settings-form"
      >
        <div className="form-section-title">发文机关</div>
        <Form.Item name="organName" label="发文机关名称" required extra="发文机关全称，用于红头和署名的默认值。">
          <Input maxLength={60} placeholder="如：绍兴市上虞区人民政府办公室" data-testid="docset-organ" />
        </Form.Item>
        <Form.Item name="organMark" label="发文机关标志" extra="红头上的文字（红色居中）；留空则用发文机关名称。">
          <Input maxLength={30} placeholder={organName || '如：绍兴市上虞区人民政府办公室'} data-testid="docset-mark" />
        </Form.Item>
        <Form.Item name="withWenjian" label="红头带“文件”二字" valuePropName="checked" extra="如“××人民政府办公室文件”；通知、通报一般不带。">
          <Switch data-testid="docset-wenjian" />
        </Form.Item>

        <div className="form-section-title">
          文号前缀<span className="form-section-hint">签发时按“前缀〔年份〕序号号”编号，每个前缀每年从 1 号起；留空的类型不编文号</span>
        </div>
        <Row gutter={12} className="doc-prefix-grid">
          {DOCUMENT_TYPES.map((t) => (
            <Col span={12} key={t}>
              <Form.Item
                name={['numberPrefixes', t]}
                label={DOCUMENT_TYPE_LABELS[t]}
                labelCol={{ span: 10 }}
                wrapperCol={{ span: 14 }}
                extra={sample(t)}
              >
                <Input maxLength={20} placeholder="不编文号" data-testid={`docset-prefix-${t}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>

        <div className="form-section-title">署名和版记</div>
        <Form.Item name="signatureOrgan" label="署名机关" extra="正文后的署名，一般与发文机关名称相同。">
          <Input maxLength={60} placeholder={organName} data-testid="docset-signature" />
        </Form.Item>
        <Form.Item
          name="withSeal"
          label="加盖印章"
          valuePropName="checked"
          extra="加盖印章时成文日期右空四字、署名居中于日期之上；不加盖时署名右空二字、日期在下一行。"
        >
          <Switch data-testid="docset-seal" />
        </Form.Item>
        <Form.Item name="cc" label="抄送机关" extra="版记中的抄送机关，输入后按回车添加；不抄送可留空。">
          <Select mode="tags" open={false} tokenSeparators={['，', ',', '、']} placeholder="如：区委办公室" suffixIcon={null} data-testid="docset-cc" />
        </Form.Item>
        <Form.Item name="printer" label="印发机关" extra="版记中的印发机关，一般为发文机关的办公室。">
          <Input maxLength={60} placeholder={organName} data-testid="docset-printer" />
        </Form.Item>

        <div className="form-section-title">承办和联系</div>
        <Form.Item name="department" label="承办科室" extra="写入督办单和通知附注，如：督查科。">
          <Input maxLength={30} data-testid="docset-department" />
        </Form.Item>
        <Form.Item name="contactName" label="联系人" extra="催办通知、督查通知书等附注中的联系人。">
          <Input maxLength={20} placeholder="姓名" style={{ width: 200 }} data-testid="docset-contact" />
        </Form.Item>
        <Form.Item name="contactPhone" label="联系电话" extra="与联系人一起写入附注。">
          <Input maxLength={40} placeholder="如：0575-82123456" style={{ width: 260 }} data-testid="docset-phone" />
        </Form.Item>

        <div className="form-section-title">字体</div>
        <Form.Item name="fontMode" label="正文字体" extra="导出的 Word 文件使用的字体名称；对方电脑缺少所选字体时，Word 会用其他字体代替。">
          <Radio.Group className="radio-stack" options={FONT_OPTIONS.map((o) => ({ value: o.value, label: o.label }))} data-testid="docset-font" />
        </Form.Item>

        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="document-settings-error" />}
        <Form.Item wrapperCol={{ offset: 6 }} style={{ marginBottom: 0 }}>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="document-settings-save">
            保存公文设置
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
