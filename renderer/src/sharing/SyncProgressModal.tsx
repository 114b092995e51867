/** The user's own sync on its way: a progress bar with the step, and 取消 (the shared file is left as it was). */
import { SyncOutlined } from '@ant-design/icons';
import { Button, Modal, Progress, Typography } from 'antd';
import { SYNC_TRIGGER_LABELS, type SyncProgressView } from '../../../electron/contract/sharing';

interface Props {
  open: boolean;
  title: string;
  /** what the service reports (null until the sync has started) */
  progress: SyncProgressView | null;
  cancelling: boolean;
  onCancel: () => void;
}

export default function SyncProgressModal({ open, title, progress, cancelling, onCancel }: Props) {
  const percent = progress ? Math.max(0, Math.min(100, Math.round(progress.fraction * 100))) : 0;
  const stopping = cancelling || Boolean(progress?.cancelling);
  return (
    <Modal
      open={open}
      title={
        <span>
          <SyncOutlined spin={!stopping} /> {title}
        </span>
      }
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      destroyOnHidden
      width={480}
      footer={[
        <Button key="cancel" danger loading={stopping} onClick={onCancel} data-testid="sync-progress-cancel">
          {stopping ? '正在取消……' : '取消'}
        </Button>,
      ]}
    >
      <div className="sync-progress" data-testid="sync-progress" data-step={progress?.step ?? 'starting'}>
        <div className="sync-progress-step" data-testid="sync-progress-step">
          {stopping ? '正在取消，共享台账保持原样……' : (progress?.stepLabel ?? '正在准备同步……')}
        </div>
        <Progress percent={percent} status={stopping ? 'normal' : 'active'} />
        <Typography.Text type="secondary" className="sync-progress-hint">
          {progress ? `${SYNC_TRIGGER_LABELS[progress.trigger]} · ` : ''}取消后共享台账保持原样，以后可以再同步。
        </Typography.Text>
      </div>
    </Modal>
  );
}
