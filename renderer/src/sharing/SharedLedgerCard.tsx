/**
 * 共享台账: the shared ledger file this ledger syncs with (on a network folder or a USB drive), whether it can be
 * reached, the last sync, and 立即同步 / 关联… / 取消关联 / 打开共享台账… / 导出为共享台账….
 */
import { CloudDownloadOutlined, CloudUploadOutlined, DisconnectOutlined, FolderOutlined, LinkOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Descriptions, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { SYNC_TRIGGER_LABELS, type SharingStatus } from '../../../electron/contract/sharing';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { fileName, fmtPeers, fmtWhen, reloadIfSwitched, syncErrorLabel, syncErrorShown } from './format';
import { showFolder } from './LedgerFilesCard';
import { useSharing } from './SharingProvider';

function lastSyncLine(status: SharingStatus, today: string): string {
  const last = status.lastSync;
  if (!last) return '尚未同步';
  const parts = [fmtWhen(last.at, today)];
  if (last.mode === 'exported') {
    parts.push('导出为共享台账');
  } else {
    const peers = fmtPeers(last.fromOperators, last.fromDevices);
    if (peers) parts.push(`与 ${peers}`);
    const outcome = status.lastOutcome;
    if (outcome && outcome.at === last.at) parts.push(outcome.summary);
    else {
      parts.push(last.received > 0 ? '收到新的修改' : '没有新的修改');
      if (last.conflicts > 0) parts.push(`${last.conflicts} 处冲突待确认`);
    }
  }
  return parts.join(' · ');
}

export default function SharedLedgerCard() {
  const { message } = AntApp.useApp();
  const { info } = useAppState();
  const { status, refresh, syncing, syncNow, exportShared } = useSharing();
  const [busy, setBusy] = useState<string | null>(null);
  const linked = Boolean(status?.sharedPath);
  const running = syncing || Boolean(status?.running);
  const disabled = !status || running || busy !== null;

  const act = async (key: string, action: () => Promise<void>) => {
    if (busy) return;
    setBusy(key);
    try {
      await action();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
      void refresh();
    }
  };

  const link = () =>
    act('link', async () => {
      const before = status?.sharedPath ?? null;
      const next = await call('sharing.link', {});
      if (next.sharedPath && next.sharedPath !== before) {
        message.success(`已关联共享台账“${fileName(next.sharedPath)}”，点“立即同步”即可与它交换修改。`);
      }
    });

  const unlink = () =>
    act('unlink', async () => {
      await call('sharing.unlink', {});
      message.success('已取消关联：本机台账不再与共享台账同步。');
    });

  const openShared = () =>
    act('openShared', async () => {
      if (reloadIfSwitched(await call('sharing.openShared', {}))) message.loading('正在打开共享台账的本机工作副本……', 0);
    });

  const autoSync =
    status &&
    (status.autoSyncMinutes > 0 ? `每 ${status.autoSyncMinutes} 分钟，以及启动和退出时` : '只在启动、退出和手动时同步') +
      (linked ? '' : '（关联共享台账后生效）');

  return (
    <Card
      size="small"
      title="共享台账"
      className="settings-card"
      data-testid="shared-ledger-card"
      data-linked={linked ? 'true' : 'false'}
      extra={
        linked && (
          <Button size="small" type="link" icon={<FolderOutlined />} onClick={() => void showFolder('shared', message)} data-testid="shared-show-folder">
            打开所在文件夹
          </Button>
        )
      }
    >
      <Alert
        type="info"
        showIcon
        className="files-alert"
        title="共享台账放在网络共享文件夹或U盘上，程序从不直接打开它，以免断网或拔出U盘时损坏台账。您的工作副本始终保存在本机，同步时才与共享台账交换双方的修改。"
      />
      {status && (
        <Descriptions
          size="small"
          column={1}
          styles={{ label: { width: 90 } }}
          items={[
            {
              key: 'path',
              label: '共享台账',
              children: status.sharedPath ? (
                <span>
                  <Typography.Text className="mono files-path" copyable={{ text: status.sharedPath, tooltips: ['复制路径', '已复制'] }} data-testid="shared-path">
                    {status.sharedPath}
                  </Typography.Text>{' '}
                  {status.sharedReachable ? (
                    <Tag color="green" data-testid="shared-reachable" data-reachable="true">
                      可以访问
                    </Tag>
                  ) : (
                    <Tag color="orange" data-testid="shared-reachable" data-reachable="false">
                      当前无法访问
                    </Tag>
                  )}
                </span>
              ) : (
                <span className="muted" data-testid="shared-path">
                  未关联共享台账
                </span>
              ),
            },
            { key: 'last', label: '上次同步', children: <span data-testid="shared-last-sync">{lastSyncLine(status, info.today)}</span> },
            { key: 'auto', label: '自动同步', children: autoSync },
          ]}
        />
      )}
      {status?.running && (
        <Alert
          type="info"
          showIcon
          icon={<SyncOutlined spin />}
          className="files-alert"
          title={`${SYNC_TRIGGER_LABELS[status.running.trigger]}进行中：${status.running.stepLabel}（${Math.round(status.running.fraction * 100)}%）`}
        />
      )}
      {status?.paused && (
        <Alert
          type="warning"
          showIcon
          className="files-alert"
          data-testid="shared-paused"
          title="自动同步已暂停：您撤销了上次同步。下次手动点“立即同步”后，自动同步恢复。"
        />
      )}
      {status && syncErrorShown(status) && status.lastError && (
        <Alert
          type="error"
          showIcon
          className="files-alert"
          data-testid="shared-last-error"
          title={`${syncErrorLabel(status.lastError.code)}（${fmtWhen(status.lastError.at, info.today)}）`}
          description={status.lastError.message}
        />
      )}
      <div className="files-actions">
        <Button type="primary" icon={<SyncOutlined />} disabled={disabled || !linked} loading={syncing} onClick={syncNow} data-testid="shared-sync">
          立即同步
        </Button>
        <Button icon={<LinkOutlined />} disabled={disabled} loading={busy === 'link'} onClick={() => void link()} data-testid="shared-link">
          {linked ? '改为关联其他共享台账…' : '关联共享台账…'}
        </Button>
        {linked && (
          <Popconfirm
            title="取消关联共享台账？"
            description={<div className="sync-undo-text">取消关联后，本机台账不再与共享台账同步；两边已有的数据都不变，以后可以重新关联。</div>}
            okText="取消关联"
            cancelText="不取消"
            okButtonProps={{ danger: true, 'data-testid': 'shared-unlink-confirm' }}
            onConfirm={() => unlink()}
            disabled={disabled}
          >
            <Button icon={<DisconnectOutlined />} disabled={disabled} loading={busy === 'unlink'} data-testid="shared-unlink">
              取消关联
            </Button>
          </Popconfirm>
        )}
      </div>
      <div className="files-actions">
        <Button icon={<CloudDownloadOutlined />} disabled={disabled} loading={busy === 'openShared'} onClick={() => void openShared()} data-testid="shared-open">
          打开共享台账…（作为本机工作副本）
        </Button>
        <Button icon={<CloudUploadOutlined />} disabled={disabled} onClick={exportShared} data-testid="shared-export">
          导出为共享台账…
        </Button>
      </div>
    </Card>
  );
}
