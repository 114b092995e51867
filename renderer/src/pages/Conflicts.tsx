/**
 * 同步冲突 (sharing.md, "What the user sees"): what a sync found changed on two PCs, side by side, and the
 * officer's choice — 保留本机 / 采用对方 / 手动编辑, 恢复记录 / 确认删除, 作废后签发的一份 / 已另行处理.
 */
import { Alert, App as AntApp, Button, Empty, Spin, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConflictChoice, ConflictStatus, ConflictView } from '../../../electron/contract/conflicts';
import { call, errorMessage } from '../api';
import ConflictCard from '../conflicts/ConflictCard';
import { choiceLabel } from '../conflicts/labels';
import ManualEditDialog from '../conflicts/ManualEditDialog';
import { useAppState } from '../context';
import { useDocuments } from '../documents/DocumentsHost';

export default function Conflicts() {
  const { message, modal } = AntApp.useApp();
  const { dataVersion, dataChanged, openTask } = useAppState();
  const { openDocument } = useDocuments();
  const [status, setStatus] = useState<ConflictStatus>('open');
  const [list, setList] = useState<ConflictView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<{ id: string; choice: ConflictChoice } | null>(null);
  const [editing, setEditing] = useState<ConflictView | null>(null);
  const request = useRef(0);

  const load = useCallback(async (which: ConflictStatus) => {
    const mine = ++request.current;
    try {
      const rows = await call('conflicts.list', { status: which, rowId: null });
      if (request.current !== mine) return;
      setList(rows);
      setError(null);
    } catch (err) {
      if (request.current === mine) setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void load(status);
  }, [status, dataVersion, load]);

  const resolved = (c: ConflictView, choice: ConflictChoice) => {
    message.success(`已处理：${choiceLabel(c, choice)}。`);
    dataChanged();
  };

  const send = async (c: ConflictView, choice: ConflictChoice) => {
    setBusy({ id: c.id, choice });
    try {
      await call('conflicts.resolve', { id: c.id, choice });
      resolved(c, choice);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const choose = (c: ConflictView, choice: ConflictChoice) => {
    if (choice === 'manual') {
      setEditing(c);
    } else if (choice === 'cancel_later') {
      modal.confirm({
        title: '作废后签发的一份？',
        content: `《${c.rowLabel}》将标记为已作废，文号保留不变、不再重新编号；如需更正，请另行发文说明。先签发的一份不受影响。`,
        okText: '作废',
        okButtonProps: { danger: true, 'data-testid': 'conflict-cancel-confirm' },
        cancelText: '取消',
        onOk: () => send(c, choice),
      });
    } else {
      void send(c, choice);
    }
  };

  return (
    <div className="page conflicts-page" data-testid="conflicts-page">
      <div className="page-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          同步冲突
        </Typography.Title>
        <Typography.Text type="secondary">两台电脑离线时改了同一处，同步后在这里逐条确认以哪一方为准；处理结果会随下次同步带到其他电脑。</Typography.Text>
      </div>
      <Tabs
        activeKey={status}
        onChange={(k) => {
          setList(null);
          setStatus(k as ConflictStatus);
        }}
        data-testid="conflicts-tabs"
        items={[
          { key: 'open', label: '待确认' },
          { key: 'resolved', label: '已处理' },
        ]}
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          action={
            <Button size="small" onClick={() => void load(status)}>
              重试
            </Button>
          }
        />
      )}
      {!list && !error && (
        <div className="detail-loading">
          <Spin description="正在读取同步冲突……">
            <div style={{ height: 120 }} />
          </Spin>
        </div>
      )}
      {list && list.length === 0 && (
        <Empty description={status === 'open' ? '没有待确认的同步冲突。' : '还没有处理过的同步冲突。'} data-testid="conflicts-empty" />
      )}
      {list && list.length > 0 && (
        <div className="conflict-list" data-testid="conflict-list" data-status={status}>
          {list.map((c) => (
            <ConflictCard
              key={c.id}
              conflict={c}
              busy={busy?.id === c.id ? busy.choice : null}
              onChoose={(choice) => choose(c, choice)}
              onOpenTask={openTask}
              onOpenDocument={openDocument}
            />
          ))}
        </div>
      )}
      {editing && (
        <ManualEditDialog
          key={editing.id}
          conflict={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            const c = editing;
            setEditing(null);
            resolved(c, 'manual');
          }}
        />
      )}
    </div>
  );
}
