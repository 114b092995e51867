/**
 * The status bar's sharing part: which shared ledger, the last sync (when, with whom, what), whether the shared
 * file can be reached, paused automatic syncs, the last failure, and 立即同步 / a small progress bar with 取消.
 */
import { CloudSyncOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Badge, Button, Progress, Tooltip, Typography } from 'antd';
import type { SharingStatus } from '../../../electron/contract/sharing';
import { useAppState } from '../context';
import { fileName, fmtPeers, fmtWhen, syncErrorLabel, syncErrorShown } from './format';
import { useSharing } from './SharingProvider';

/**
 * The status's error slot also carries what the workspace's background page check found in a large ledger
 * (code db_corrupt, workspace.ts): that is no failed sync, and says so.
 */
function errorLabel(code: string): string {
  return code === 'db_corrupt' ? '台账文件已损坏' : syncErrorLabel(code);
}

/** 上次同步：今天 14:05 · 与 李四 · 新增 12 条 … */
function lastSyncText(status: SharingStatus, today: string): string | null {
  const last = status.lastSync;
  if (!last) return null;
  const parts = [`上次同步：${fmtWhen(last.at, today)}`];
  const peers = fmtPeers(last.fromOperators, last.fromDevices);
  if (peers) parts.push(`与 ${peers}`);
  const outcome = status.lastOutcome;
  if (last.mode === 'exported') parts.push('已导出为共享台账');
  else if (outcome && outcome.at === last.at) parts.push(outcome.summary);
  else {
    parts.push(last.received > 0 ? '收到新的修改' : '没有新的修改');
    if (last.conflicts > 0) parts.push(`${last.conflicts} 处冲突待确认`);
  }
  return parts.join(' · ');
}

export default function SyncStatusBar() {
  const { info } = useAppState();
  const { status, unavailable, syncing, syncNow, cancelSync, showSummary } = useSharing();
  if (unavailable || !status) return null;

  const { sharedPath, running } = status;
  const last = lastSyncText(status, info.today);
  const showError = syncErrorShown(status);
  const percent = running ? Math.round(running.fraction * 100) : 0;

  return (
    <span
      className="sync-status"
      data-testid="sync-status"
      data-linked={sharedPath ? 'true' : 'false'}
      data-reachable={status.sharedReachable ? 'true' : 'false'}
      data-running={running ? 'true' : 'false'}
      data-paused={status.paused ? 'true' : 'false'}
    >
      <CloudSyncOutlined />
      {sharedPath ? (
        <Tooltip title={sharedPath}>
          <span className="sync-status-shared" data-testid="sync-status-shared">
            共享台账：{fileName(sharedPath)}
          </span>
        </Tooltip>
      ) : (
        <span className="muted" data-testid="sync-status-shared">
          未关联共享台账
        </span>
      )}
      {sharedPath && !status.sharedReachable && (
        <span className="sync-status-warn" data-testid="sync-status-unreachable">
          共享台账当前无法访问
        </span>
      )}
      {running ? (
        <span className="sync-status-running" data-testid="sync-status-running">
          <Progress percent={percent} size={[90, 6]} showInfo={false} status="active" />
          <span>{running.cancelling ? '正在取消……' : running.stepLabel}</span>
          {!syncing && !running.cancelling && (
            <Button type="link" size="small" className="sync-status-btn" onClick={cancelSync} data-testid="sync-status-cancel">
              取消
            </Button>
          )}
        </span>
      ) : (
        sharedPath && (
          <>
            {last ? (
              status.lastOutcome && status.lastOutcome.at === status.lastSync?.at ? (
                <Tooltip title={`${last}（点击查看详情）`}>
                  <Typography.Link
                    className="sync-status-last"
                    onClick={() => status.lastOutcome && showSummary(status.lastOutcome)}
                    data-testid="sync-status-last"
                  >
                    {last}
                  </Typography.Link>
                </Tooltip>
              ) : (
                <Tooltip title={last}>
                  <span className="sync-status-last" data-testid="sync-status-last">
                    {last}
                  </span>
                </Tooltip>
              )
            ) : (
              <span className="muted" data-testid="sync-status-last">
                尚未同步
              </span>
            )}
            <Button type="link" size="small" className="sync-status-btn" onClick={syncNow} disabled={syncing} data-testid="sync-now">
              立即同步
            </Button>
          </>
        )
      )}
      {status.paused && (
        <span className="sync-status-warn" data-testid="sync-status-paused">
          自动同步已暂停（撤销同步后）
        </span>
      )}
      {showError && status.lastError && (
        <Tooltip title={status.lastError.message}>
          <span className="sync-status-error" data-testid="sync-status-error" data-code={status.lastError.code}>
            <ExclamationCircleOutlined /> {errorLabel(status.lastError.code)}
          </span>
        </Tooltip>
      )}
    </span>
  );
}

/** The 台账文件 nav item: a red dot while the last sync failed. */
export function FilesNavLabel() {
  const { status } = useSharing();
  const failed = syncErrorShown(status);
  const label = failed && status?.lastError ? errorLabel(status.lastError.code) : '';
  return (
    <span className="nav-files" data-testid="nav-files" data-error={failed ? 'true' : 'false'}>
      台账文件
      {failed && <Badge dot className="nav-files-dot" title={label} data-testid="nav-files-dot" />}
    </span>
  );
}
