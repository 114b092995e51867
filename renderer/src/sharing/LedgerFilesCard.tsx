/** 当前台账: the working file, its folder, 新建台账… / 打开台账…, and the ledgers opened lately. */
import { FileAddOutlined, FolderOpenOutlined, FolderOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import type { FolderKind, RecentLedger, SwitchOutcome } from '../../../electron/contract/sharing';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { fmtWhen, reloadIfSwitched } from './format';
import { useSharing } from './SharingProvider';

/** 打开所在文件夹 and friends: the host shows the folder; say so when it could not. */
export async function showFolder(which: FolderKind, notify: { warning: (text: string) => void; error: (text: string) => void }) {
  try {
    const { shown } = await call('sharing.showFolder', { which });
    if (!shown) notify.warning('未能打开文件夹，请按显示的路径自行打开。');
  } catch (err) {
    notify.error(errorMessage(err));
  }
}

export default function LedgerFilesCard() {
  const { message } = AntApp.useApp();
  const { info } = useAppState();
  const { status, unavailable, syncing } = useSharing();
  const [recent, setRecent] = useState<RecentLedger[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const workingFile = status?.workingFile ?? info.dbPath;

  const load = useCallback(async () => {
    try {
      setRecent(await call('ledgers.recent', {}));
      setError(null);
    } catch (err) {
      setRecent([]);
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    if (!unavailable) void load();
  }, [load, unavailable, workingFile]);

  const switchTo = async (key: string, action: () => Promise<SwitchOutcome>) => {
    if (busy) return;
    setBusy(key);
    try {
      const res = await action();
      if (reloadIfSwitched(res)) {
        message.loading('正在打开台账……', 0);
        return;
      }
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const columns: ColumnsType<RecentLedger> = [
    {
      title: '台账',
      key: 'name',
      render: (_: unknown, r) => (
        <div className={r.exists ? undefined : 'files-recent-missing'}>
          <div>
            <span className="files-recent-name">{r.name}</span>
            {r.current && (
              <Tag color="blue" style={{ marginInlineStart: 8 }} data-testid="recent-current">
                当前
              </Tag>
            )}
            {!r.exists && (
              <Tag style={{ marginInlineStart: 8 }} data-testid="recent-missing">
                文件不存在
              </Tag>
            )}
          </div>
          <Tooltip title={r.file}>
            <div className="mono files-path muted">{r.file}</div>
          </Tooltip>
        </div>
      ),
    },
    {
      title: '上次打开',
      dataIndex: 'lastOpenedAt',
      width: 150,
      render: (at: string, r) => <span className={r.exists ? undefined : 'files-recent-missing'}>{fmtWhen(at, info.today)}</span>,
    },
    {
      title: '',
      key: 'ops',
      width: 70,
      render: (_: unknown, r) =>
        r.current ? null : (
          <Button
            size="small"
            type="link"
            disabled={!r.exists || syncing || (busy !== null && busy !== r.id)}
            loading={busy === r.id}
            onClick={() => void switchTo(r.id, () => call('ledgers.openRecent', { id: r.id }))}
            data-testid="recent-open"
          >
            打开
          </Button>
        ),
    },
  ];

  const disabled = Boolean(unavailable) || syncing || busy !== null;

  return (
    <Card size="small" title="当前台账" className="settings-card" data-testid="ledger-files-card">
      <div className="files-current">
        <Typography.Text copyable={{ text: workingFile, tooltips: ['复制路径', '已复制'] }} className="mono files-path" data-testid="working-file">
          {workingFile}
        </Typography.Text>
      </div>
      <div className="files-actions">
        <Button
          icon={<FolderOutlined />}
          disabled={Boolean(unavailable)}
          onClick={() => void showFolder('working', message)}
          data-testid="working-show-folder"
        >
          打开所在文件夹
        </Button>
        <Button
          icon={<FileAddOutlined />}
          disabled={disabled}
          loading={busy === 'create'}
          onClick={() => void switchTo('create', () => call('ledgers.create', {}))}
          data-testid="ledger-create"
        >
          新建台账…
        </Button>
        <Button
          icon={<FolderOpenOutlined />}
          disabled={disabled}
          loading={busy === 'open'}
          onClick={() => void switchTo('open', () => call('ledgers.open', {}))}
          data-testid="ledger-open"
        >
          打开台账…
        </Button>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        台账文件应放在本机硬盘上。新建或打开另一本台账后，程序会重新载入，显示那本台账的内容。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} className="files-alert" />}
      {!unavailable && (
        <>
          <Typography.Text strong>最近打开</Typography.Text>
          <Table<RecentLedger>
            size="small"
            rowKey="id"
            columns={columns}
            dataSource={recent ?? []}
            loading={recent === null}
            pagination={false}
            locale={{ emptyText: '还没有打开过其他台账' }}
            rowClassName={(r) => (r.exists ? '' : 'files-recent-row-missing')}
            onRow={(r) => ({ 'data-testid': 'recent-row', 'data-current': r.current ? 'true' : 'false', 'data-exists': r.exists ? 'true' : 'false' }) as object}
            style={{ marginTop: 6 }}
            data-testid="recent-ledgers"
          />
        </>
      )}
    </Card>
  );
}
