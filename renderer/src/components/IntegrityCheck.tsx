/** 检查台账完整性: runs the full integrity check (app.check) and shows what it found. Used in 设置 and 台账文件. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import type { IntegrityReport } from '../../../electron/contract';
import { call, errorMessage } from '../api';

export default function IntegrityCheck({ label, testId }: { label: string; testId: string }) {
  const [checking, setChecking] = useState(false);
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const check = async () => {
    setChecking(true);
    setError(null);
    try {
      setReport(await call('app.check', {}));
    } catch (err) {
      setReport(null);
      setError(errorMessage(err));
    } finally {
      setChecking(false);
    }
  };

  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} style={{ marginTop: 12 }} loading={checking} onClick={() => void check()} data-testid={testId}>
        {label}
      </Button>
      {report && (
        <Alert
          style={{ marginTop: 12 }}
          type={report.ok ? 'success' : 'error'}
          showIcon
          data-testid={`${testId}-result`}
          title={report.ok ? `台账完好（结构版本 ${report.schemaVersion}）` : '台账检查发现问题'}
          description={
            report.messages.length > 0 ? (
              <ul className="check-list">
                {report.messages.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
    </>
  );
}
