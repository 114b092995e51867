/**
 * 同步完成: what a sync brought in (by kind of record, from whom), a clock warning, the conflicts it found with a
 * way to them, and 撤销本次同步 (this PC's ledger goes back to the backup taken just before; the shared file stays).
 */
import { CheckCircleFilled, RollbackOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Descriptions, Modal, Popconfirm, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { SYNC_TRIGGER_LABELS, type SyncOutcomeView, type SyncTableCount } from '../../../electron/contract/sharing';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { fmtDateTime } from '../format';
import { fmtPeers, reloadIfSwitched } from './format';

interface Props {
  outcome: SyncOutcomeView;
  /** it is still the last sync of this session (only that one can be undone) */
  latest: boolean;
  onClose: () => void;
  /** after an undo that did not need a reload */
  onUndone: () => void;
}

const columns: ColumnsType<SyncTableCount> = [
  { title: '类别', dataIndex: 'label' },
  { title: '新增', dataIndex: 'added', width: 80, align: 'right' },
  { title: '更新', dataIndex: 'changed', width: 80, align: 'right' },
  { title: '删除', dataIndex: 'deleted', width: 80, align: 'right' },
];

export default function SyncSummary({ outcome, latest, onClose, onUndone }: Props) {
  const { message } = AntApp.useApp();
  const { navigate } = useAppState();
  const [undoing, setUndoing] = useState(false);
  const exported = outcome.mode === 'exported';
  const peers = fmtPeers(outcome.fromOperators, outcome.fromDevices);
  const rows = outcome.byTable.filter((t) => t.added + t.changed + t.deleted > 0);

  const undo = async () => {
    setUndoing(true);
    try {
      const res = await call('sharing.undoLastSync', {});
      if (reloadIfSwitched(res)) {
        message.loading('已撤销本次同步，正在重新载入台账……', 0);
        return;
      }
      message.success('已撤销本次同步；自动同步已暂停，直到您再次手动同步。');
      onUndone();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setUndoing(false);
    }
  };

  const footer = [
    outcome.canUndo && latest && !exported && (
      <Popconfirm
        key="undo"
        title="撤销本次同步？"
        description={
          <div className="sync-undo-text">
            本机台账恢复到同步前的备份；共享台账不变；自动同步暂停，直到您再次手动同步。
          </div>
        }
        okText="撤销同步"
        okButtonProps={{ danger: true, 'data-testid': 'sync-undo-confirm' }}
        cancelText="取消"
        onConfirm={() => undo()}
      >
        <Button icon={<RollbackOutlined />} loading={undoing} data-testid="sync-summary-undo">
          撤销本次同步
        </Button>
      </Popconfirm>
    ),
    <Button key="close" type="primary" onClick={onClose} disabled={undoing} data-testid="sync-summary-close">
      关闭
    </Button>,
  ];

  return (
    <Modal
      open
      title={exported ? '已导出为共享台账' : '同步完成'}
      width={600}
      onCancel={undoing ? undefined : onClose}
      closable={!undoing}
      destroyOnHidden
      footer={footer}
    >
      <div className="sync-summary" data-testid="sync-summary" data-mode={outcome.mode} data-conflicts={outcome.conflicts}>
        <div className="sync-summary-head">
          <CheckCircleFilled className="sync-summary-ok" />
          <span data-testid="sync-summary-line">{outcome.summary}</span>
        </div>
        <Descriptions
          size="small"
          column={1}
          styles={{ label: { width: 90 } }}
          items={[
            { key: 'at', label: '时间', children: `${fmtDateTime(outcome.at)}（${SYNC_TRIGGER_LABELS[outcome.trigger]}，用时 ${Math.max(1, Math.round(outcome.durationMs / 1000))} 秒）` },
            {
              key: 'shared',
              label: '共享台账',
              children: (
                <Typography.Text className="mono" copyable={{ text: outcome.sharedPath, tooltips: ['复制路径', '已复制'] }}>
                  {outcome.sharedPath}
                </Typography.Text>
              ),
            },
            ...(exported
              ? []
              : [
                  {
                    key: 'from',
                    label: '修改来自',
                    children: (
                      <span data-testid="sync-summary-from">
                        {peers || '没有收到其他电脑的修改'}
                        {outcome.fromOperators.length > 0 && outcome.fromDevices.length > 0 && (
                          <span className="muted">（{outcome.fromDevices.length} 台电脑）</span>
                        )}
                      </span>
                    ),
                  },
                ]),
          ]}
        />
        {outcome.clockWarning && <Alert type="warning" showIcon title={outcome.clockWarning} className="sync-summary-alert" data-testid="sync-summary-clock" />}
        {outcome.brokeStaleLockOf && (
          <Alert type="info" showIcon title={`已解除遗弃的同步锁定（${outcome.brokeStaleLockOf}）。`} className="sync-summary-alert" />
        )}
        {exported ? (
          <Typography.Paragraph type="secondary" className="sync-summary-note">
            本机台账已与这份共享台账关联。请其他电脑用“打开共享台账…”取得各自的工作副本，以后各自同步即可。
          </Typography.Paragraph>
        ) : (
          <Table<SyncTableCount>
            size="small"
            rowKey="label"
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: '本机没有收到新的修改' }}
            data-testid="sync-summary-table"
          />
        )}
        {outcome.conflicts > 0 && (
          <Alert
            type="warning"
            showIcon
            className="sync-summary-alert"
            data-testid="sync-summary-conflicts"
            data-count={outcome.conflicts}
            title={`本次同步发现 ${outcome.conflicts} 处冲突：两台电脑改了同一处，请逐条确认以哪一方为准。`}
            action={
              <Button
                size="small"
                icon={<SwapOutlined />}
                onClick={() => {
                  onClose();
                  navigate('conflicts');
                }}
                data-testid="sync-summary-show-conflicts"
              >
                查看同步冲突
              </Button>
            }
          />
        )}
      </div>
    </Modal>
  );
}
