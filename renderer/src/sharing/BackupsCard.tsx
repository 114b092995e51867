/**
 * 备份: where the working ledger's backups go, 立即备份, the backups (time, kind, size) with 恢复, and the
 * integrity check of the open ledger.
 */
import IntegrityCheck from '../components/IntegrityCheck';
import { FolderOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import type { BackupView } from '../../../electron/contract/sharing';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { fileName, fmtMegabytes, fmtWhen, reloadIfSwitched } from './format';
import { showFolder } from './LedgerFilesCard';
import { useSharing } from './SharingProvider';

export default function BackupsCard() {
  const { message } = AntApp.useApp();
  const { info } = useAppState();
  const { status, unavailable, refresh, syncing, syncsEnded } = useSharing();
  const [backups, setBackups] = useState<BackupView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const folder = status?.backupsFolder ?? null;

  const load = useCallback(async () => {
    try {
      setBackups(await call('backups.list', {}));
      setError(null);
    } catch (err) {
      setBackups([]);
      setError(errorMessage(err));
    }
  }, []);

  // a sync takes a backup first, a new folder lists other files
  useEffect(() => {
    if (!unavailable) void load();
  }, [load, unavailable, folder, syncsEnded]);

  const backupNow = async () => {
    setBusy('create');
    try {
      const b = await call('backups.create', {});
      message.success(`已备份为“${fileName(b.file)}”。`);
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const chooseFolder = async () => {
    setBusy('folder');
    try {
      const next = await call('sharing.chooseBackupsFolder', {});
      if (next.backupsFolder !== folder) message.success(`备份文件夹已改为：${next.backupsFolder}`);
      void refresh();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const restore = async (b: BackupView) => {
    setBusy(b.id);
    try {
      if (reloadIfSwitched(await call('backups.restore', { id: b.id }))) {
        message.loading('已恢复备份，正在重新载入台账……', 0);
        return;
      }
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };


  const columns: ColumnsType<BackupView> = [
    { title: '时间', dataIndex: 'takenAt', width: 160, render: (at: string) => fmtWhen(at, info.today) },
    { title: '类型', dataIndex: 'kindLabel', render: (label: string, b) => <Tag data-kind={b.kind}>{label}</Tag> },
    { title: '大小', dataIndex: 'sizeBytes', width: 90, align: 'right', render: (n: number) => fmtMegabytes(n) },
    {
      title: '',
      key: 'ops',
      width: 70,
      render: (_: unknown, b) => (
        <Popconfirm
          title="用这份备份恢复台账？"
          description={<div className="sync-undo-text">当前台账会先改名保留，然后用该备份替换；恢复后程序重新载入。</div>}
          okText="恢复"
          cancelText="取消"
          okButtonProps={{ danger: true, 'data-testid': 'backup-restore-confirm' }}
          onConfirm={() => restore(b)}
          disabled={busy !== null || syncing}
        >
          <Button size="small" type="link" loading={busy === b.id} disabled={(busy !== null && busy !== b.id) || syncing} data-testid="backup-restore">
            恢复
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card size="small" title="备份" className="settings-card" data-testid="backups-card">
      <div className="files-current">
        <span className="muted">备份文件夹：</span>
        {folder ? (
          <Typography.Text className="mono files-path" copyable={{ text: folder, tooltips: ['复制路径', '已复制'] }} data-testid="backups-folder">
            {folder}
          </Typography.Text>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
      <div className="files-actions">
        <Button disabled={!status || busy !== null} loading={busy === 'folder'} onClick={() => void chooseFolder()} data-testid="backups-choose-folder">
          更改…
        </Button>
        <Button icon={<FolderOutlined />} disabled={!status} onClick={() => void showFolder('backups', message)} data-testid="backups-show-folder">
          打开文件夹
        </Button>
        <Button
          type="primary"
          icon={<SaveOutlined />}
          disabled={Boolean(unavailable) || syncing || (busy !== null && busy !== 'create')}
          loading={busy === 'create'}
          onClick={() => void backupNow()}
          data-testid="backup-now"
        >
          立即备份
        </Button>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        每次同步前，程序都会自动备份本机台账；自动备份保留的份数在“同步与备份设置”中设定，较早的自动删除。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} className="files-alert" />}
      {!unavailable && (
        <Table<BackupView>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={backups ?? []}
          loading={backups === null}
          pagination={backups && backups.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
          locale={{ emptyText: '还没有备份' }}
          data-testid="backups-table"
        />
      )}
      <IntegrityCheck label="检查台账完整性" testId="ledger-check" />
    </Card>
  );
}
