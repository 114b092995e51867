/**
 * A unit's feedback sheet (单位反馈表): export an .xlsx listing the unit's tasks with empty columns for this
 * period's progress; the unit fills it in; the office imports it back as progress reports — first checked
 * (every row with what it becomes and its problems, nothing saved), then saved in one go.
 */
import { CheckCircleFilled, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState, type HTMLAttributes } from 'react';
import type { XlsxExportResult, XlsxFeedbackImportResult, XlsxFeedbackRow, XlsxPickedFile } from '../../../electron/contract';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { DATE_FORMAT, defaultPeriod, fmtDate, fromIso, toIso } from '../format';
import { UNIT_SEARCH, unitSelectOptions } from '../ledger/unitOptions';
import { ExportedFile } from './LedgerExcelButtons';
import { useXlsxProgress, XlsxProgressBar } from './progress';

function useLive() {
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  return live;
}

/** 导出反馈表: the unit (preset when opened from its row), the year, the 报告期 printed on the sheet. */
export function FeedbackExportDialog({ unitId, onClose }: { unitId?: string | null; onClose: () => void }) {
  const { units, info, currentYear } = useAppState();
  const [unit, setUnit] = useState<string | null>(unitId ?? null);
  const [year, setYear] = useState<number | null>(currentYear);
  const [period, setPeriod] = useState(() => defaultPeriod('monthly', info.today));
  const [includeDone, setIncludeDone] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<XlsxExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const live = useLive();
  const unitName = units.find((u) => u.id === unit)?.name ?? '';
  const years = Array.from(new Set([currentYear, ...info.years])).sort((a, b) => b - a);

  const run = async () => {
    if (!unit) {
      setError('请选择单位。');
      return;
    }
    setError(null);
    setRunning(true);
    try {
      const r = await call('xlsx.exportFeedback', { unitId: unit, year, period, includeDone });
      if (live.current && r) setResult(r);
    } catch (err) {
      if (live.current) setError(errorMessage(err));
    } finally {
      if (live.current) setRunning(false);
    }
  };

  return (
    <Modal
      open
      title="导出单位反馈表"
      width={600}
      onCancel={running ? undefined : onClose}
      closable={!running}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        result
          ? [
              <Button key="again" onClick={() => setResult(null)}>
                再导出一份
              </Button>,
              <Button key="close" type="primary" onClick={onClose} data-testid="feedback-export-close">
                关闭
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose} disabled={running}>
                取消
              </Button>,
              <Button key="ok" type="primary" loading={running} onClick={() => void run()} data-testid="feedback-export-start">
                选择文件夹并导出
              </Button>,
            ]
      }
    >
      <div data-testid="feedback-export">
        {result ? (
          <div>
            <div style={{ fontSize: 15, marginBottom: 8 }}>
              <CheckCircleFilled className="export-ok" /> 已导出{unitName}反馈表
            </div>
            <ExportedFile result={result} what="事项" />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              请把该文件发给单位，填写“完成比例、工作进展、存在问题、下步打算、报送人”后交回，再用“导入反馈表”登记为进度报告。
            </Typography.Paragraph>
          </div>
        ) : (
          <Form layout="vertical" className="dense-form">
            <Form.Item label="单位" required>
              <Select
                value={unit ?? undefined}
                onChange={(v?: string) => setUnit(v ?? null)}
                options={unitSelectOptions(units, { keep: unit ? [unit] : [] })}
                showSearch={UNIT_SEARCH}
                placeholder="选择单位"
                data-testid="feedback-export-unit"
              />
            </Form.Item>
            <Space size={12} align="start" wrap>
              <Form.Item label="年度">
                <Select
                  value={year ?? 0}
                  onChange={(v: number) => setYear(v === 0 ? null : v)}
                  options={[{ value: 0, label: '全部年度' }, ...years.map((y) => ({ value: y, label: `${y}年` }))]}
                  style={{ width: 120 }}
                />
              </Form.Item>
              <Form.Item label="报告期" extra="印在表上，导入时登记为进度报告的报告期">
                <Input value={period} onChange={(e) => setPeriod(e.target.value)} maxLength={20} style={{ width: 200 }} data-testid="feedback-export-period" />
              </Form.Item>
            </Space>
            <Checkbox checked={includeDone} onChange={(e) => setIncludeDone(e.target.checked)}>
              包含已办结的事项
            </Checkbox>
          </Form>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="feedback-export-error" />}
      </div>
    </Modal>
  );
}

const ACTION_LABELS: Record<XlsxFeedbackRow['action'], string> = { report: '登记', empty: '未填写', duplicate: '已登记过', invalid: '有问题' };
const ACTION_COLORS: Record<XlsxFeedbackRow['action'], string> = { report: 'green', empty: 'default', duplicate: 'default', invalid: 'red' };

/** 导入反馈表: pick the filled sheet → the check (nothing saved) → import. */
export function FeedbackImportDialog({ onClose }: { onClose: () => void }) {
  const { info, dataChanged } = useAppState();
  const [file, setFile] = useState<XlsxPickedFile | null>(null);
  const [reportDate, setReportDate] = useState<string | null>(info.today);
  /** null: the 报告期 written in the sheet */
  const [period, setPeriod] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [check, setCheck] = useState<XlsxFeedbackImportResult | null>(null);
  const [saved, setSaved] = useState<XlsxFeedbackImportResult | null>(null);
  const [busy, setBusy] = useState<'pick' | 'check' | 'save' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const live = useLive();
  const progress = useXlsxProgress(busy === 'check' || busy === 'save');

  const dryRun = async (token: string, opts: { reportDate: string | null; period: string | null }) => {
    setBusy('check');
    setError(null);
    try {
      const r = await call('xlsx.importFeedback', { token, reportDate: opts.reportDate, period: opts.period, dryRun: true });
      if (live.current) setCheck(r);
    } catch (err) {
      if (live.current) {
        setCheck(null);
        setError(errorMessage(err));
      }
    } finally {
      if (live.current) setBusy(null);
    }
  };

  const pick = async () => {
    setBusy('pick');
    setError(null);
    try {
      const picked = await call('xlsx.pickFile', { purpose: 'feedback' });
      if (!live.current) return;
      setBusy(null);
      if (!picked) return;
      setFile(picked);
      setSaved(null);
      setPeriod(null);
      await dryRun(picked.token, { reportDate, period: null });
    } catch (err) {
      if (live.current) {
        setError(errorMessage(err));
        setBusy(null);
      }
    }
  };

  const save = async () => {
    if (!file) return;
    setBusy('save');
    setError(null);
    try {
      const r = await call('xlsx.importFeedback', { token: file.token, reportDate, period, skipInvalid, dryRun: false });
      if (!live.current) return;
      setSaved(r);
      dataChanged();
    } catch (err) {
      if (live.current) setError(errorMessage(err));
    } finally {
      if (live.current) setBusy(null);
    }
  };

  const reports = check?.rows.filter((r) => r.action === 'report').length ?? 0;

  return (
    <Modal
      open
      title={file ? `导入反馈表 · ${file.name}` : '导入反馈表'}
      width={980}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        saved
          ? [
              <Button key="close" type="primary" onClick={onClose} data-testid="feedback-import-close">
                关闭
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose} disabled={!!busy}>
                取消
              </Button>,
              <Button
                key="ok"
                type="primary"
                disabled={!check || reports === 0 || !!busy}
                loading={busy === 'save'}
                onClick={() => void save()}
                data-testid="feedback-import-start"
              >
                登记 {reports} 条进度
              </Button>,
            ]
      }
    >
      <div data-testid="feedback-import">
        {!saved && (
          <>
            <Typography.Paragraph>
              选择单位填好交回的反馈表（由“导出反馈表”生成的 .xlsx）。先检查每一行，确认无误后一次登记为进度报告；有问题的行不登记。
            </Typography.Paragraph>
            <Space wrap align="center" style={{ marginBottom: 12 }}>
              <Button icon={<FolderOpenOutlined />} onClick={() => void pick()} loading={busy === 'pick'} disabled={!!busy && busy !== 'pick'} data-testid="feedback-import-pick">
                {file ? '重新选择…' : '选择反馈表…'}
              </Button>
              <span>报送日期</span>
              <DatePicker
                value={fromIso(reportDate)}
                onChange={(d) => {
                  const next = toIso(d);
                  setReportDate(next);
                  if (file) void dryRun(file.token, { reportDate: next, period });
                }}
                format={DATE_FORMAT}
                allowClear={false}
                disabled={!!busy}
                style={{ width: 160 }}
              />
              <span>报告期</span>
              <Input
                value={period ?? check?.period ?? ''}
                onChange={(e) => setPeriod(e.target.value)}
                onBlur={() => file && period !== null && void dryRun(file.token, { reportDate, period })}
                maxLength={20}
                placeholder="按表中所写"
                style={{ width: 160 }}
                disabled={!!busy || !check}
              />
            </Space>
          </>
        )}
        {busy === 'check' && <XlsxProgressBar progress={progress} />}
        {busy === 'save' && <XlsxProgressBar progress={progress} />}
        {saved && (
          <div data-testid="feedback-import-result" data-saved={saved.saved} style={{ marginBottom: 12 }}>
            <div style={{ fontSize: 15 }}>
              <CheckCircleFilled className="export-ok" /> 已为{saved.unitName}登记 {saved.saved} 条进度报告
            </div>
            <div className="muted">
              报告期：{saved.period || '（未填）'}　报送日期：{fmtDate(saved.reportDate)}　跳过未填写或已登记的 {saved.skipped} 行
              {saved.invalid > 0 ? `，有问题未登记 ${saved.invalid} 行` : ''}
            </div>
          </div>
        )}
        {check && !saved && (
          <div data-testid="feedback-check" data-report={reports} data-invalid={check.invalid}>
            <div style={{ marginBottom: 8 }}>
              {check.unitName}　报告期：{check.period || '（未填）'}　报送日期：{fmtDate(check.reportDate)}　—　可登记 <b>{reports}</b> 条，未填写或已登记{' '}
              {check.skipped} 行
              {check.invalid > 0 && <Typography.Text type="danger">，有问题 {check.invalid} 行</Typography.Text>}
            </div>
            {check.invalid > 0 && (
              <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} style={{ marginBottom: 8 }} data-testid="feedback-skip-invalid">
                跳过有问题的行（不勾选时，有问题的反馈表不会登记任何进度）
              </Checkbox>
            )}
            <FeedbackRows rows={check.rows} />
          </div>
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="feedback-import-error" />}
      </div>
    </Modal>
  );
}

function FeedbackRows({ rows }: { rows: XlsxFeedbackRow[] }) {
  return (
    <Table
      size="small"
      rowKey="rowNumber"
      dataSource={rows}
      pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
      onRow={(r) => ({ 'data-testid': 'feedback-row', 'data-action': r.action }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '行', dataIndex: 'rowNumber', width: 56 },
        { title: '序号', dataIndex: 'code', width: 110 },
        { title: '事项名称', dataIndex: 'title' },
        { title: '完成比例', dataIndex: 'percent', width: 84, render: (p: number | null) => (p === null ? '' : `${p}%`) },
        { title: '处理', dataIndex: 'action', width: 84, render: (a: XlsxFeedbackRow['action']) => <Tag color={ACTION_COLORS[a]}>{ACTION_LABELS[a]}</Tag> },
        {
          title: '问题',
          key: 'problems',
          width: 320,
          render: (_: unknown, r) =>
            r.problems.map((p, i) => (
              <div key={i}>
                <Typography.Text type={p.severity === 'error' ? 'danger' : 'warning'}>{p.message}</Typography.Text>
              </div>
            )),
        },
      ]}
    />
  );
}
