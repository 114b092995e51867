/**
 * Sharing for the whole shell: the polled status, the user's 立即同步 (progress, 取消, the abandoned-lock
 * question, errors) and the after-sync summary, wherever the sync was started from.
 */
import { App as AntApp, Typography } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SharingStatus, SyncOutcomeView } from '../../../electron/contract/sharing';
import { ApiError, call, errorMessage } from '../api';
import { useAppState } from '../context';
import SyncProgressModal from './SyncProgressModal';
import SyncSummary from './SyncSummary';
import { useSharingStatus } from './useSharingStatus';
import './sharing.css';

export interface SharingApi {
  status: SharingStatus | null;
  /** this host manages no ledger files: the Chinese reason */
  unavailable: string | null;
  refresh: () => Promise<SharingStatus | null>;
  /** bumps after every sync that ended (the backups list reloads) */
  syncsEnded: number;
  /** the user's own sync (or 导出为共享台账) is on its way */
  syncing: boolean;
  /** 立即同步: progress modal, then the summary; errors are shown here */
  syncNow: () => void;
  /** 导出为共享台账…: the host's save dialog, then the same progress and summary as a sync */
  exportShared: () => void;
  /** 取消 of a running sync (the user's or an automatic one) */
  cancelSync: () => void;
  /** shows the after-sync summary of this outcome */
  showSummary: (outcome: SyncOutcomeView) => void;
}

const SharingContext = createContext<SharingApi | null>(null);

export function useSharing(): SharingApi {
  const ctx = useContext(SharingContext);
  if (!ctx) throw new Error('SharingContext missing');
  return ctx;
}

export function SharingProvider({ children }: { children: ReactNode }) {
  const { message, modal } = AntApp.useApp();
  const { dataChanged, dataVersion } = useAppState();
  const [syncing, setSyncing] = useState<'sync' | 'export' | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [summary, setSummary] = useState<SyncOutcomeView | null>(null);
  const syncingRef = useRef(false);
  const { status, unavailable, refresh, syncsEnded, syncEnded } = useSharingStatus({ onDataGeneration: dataChanged, busy: syncing !== null });
  const statusRef = useRef(status);
  statusRef.current = status;

  // a write here (a conflict resolved, say) may change what the status counts
  const firstVersion = useRef(true);
  useEffect(() => {
    if (firstVersion.current) {
      firstVersion.current = false;
      return;
    }
    void refresh();
  }, [dataVersion, refresh]);

  const cancelSync = useCallback(() => {
    setCancelling(true);
    call('sharing.cancel', {})
      .then((r) => {
        if (!r.cancelled && !syncingRef.current) message.info('同步已经结束，无需取消。');
      })
      .catch((err: unknown) => message.error(errorMessage(err)))
      .finally(() => {
        if (!syncingRef.current) setCancelling(false);
        void refresh();
      });
  }, [message, refresh]);

  const run = useCallback(
    async (kind: 'sync' | 'export', breakStaleLock: boolean) => {
      if (syncingRef.current) return;
      if (statusRef.current?.running) {
        message.info('正在同步，请稍候。');
        return;
      }
      syncingRef.current = true;
      setSyncing(kind);
      setCancelling(false);
      let outcome: SyncOutcomeView | null = null;
      let failure: unknown = null;
      try {
        outcome = kind === 'sync' ? await call('sharing.syncNow', { breakStaleLock }) : await call('sharing.exportShared', {});
      } catch (err) {
        failure = err;
      }
      syncingRef.current = false;
      setSyncing(null);
      setCancelling(false);
      syncEnded();
      void refresh();
      if (outcome) {
        setSummary(outcome);
        return;
      }
      // 导出为共享台账 whose save dialog was closed: nothing happened
      if (!failure) return;
      const code = failure instanceof ApiError ? failure.code : null;
      const text = errorMessage(failure);
      if (code === 'lock_stale' && kind === 'sync') {
        modal.confirm({
          title: '同步锁定似乎已被遗弃',
          width: 480,
          content: (
            <div data-testid="sync-stale-lock">
              <Typography.Paragraph>{text}</Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                如果对方电脑曾在同步时断电或断网，锁定会留在共享文件夹里。确认对方电脑没有正在同步后，可以解除锁定继续。
              </Typography.Paragraph>
            </div>
          ),
          okText: '解除锁定并同步',
          okButtonProps: { danger: true, 'data-testid': 'sync-break-lock' },
          cancelText: '取消',
          onOk: () => {
            void run('sync', true);
          },
        });
      } else if (code === 'cancelled') {
        message.info(text);
      } else {
        modal.error({
          title: kind === 'sync' ? '同步未完成' : '导出共享台账未完成',
          content: <div data-testid="sync-error">{text}</div>,
          okText: '知道了',
        });
      }
    },
    [message, modal, refresh, syncEnded],
  );

  const syncNow = useCallback(() => void run('sync', false), [run]);
  const exportShared = useCallback(() => void run('export', false), [run]);

  const api = useMemo<SharingApi>(
    () => ({ status, unavailable, refresh, syncsEnded, syncing: syncing !== null, syncNow, exportShared, cancelSync, showSummary: setSummary }),
    [status, unavailable, refresh, syncsEnded, syncing, syncNow, exportShared, cancelSync],
  );

  const latest = summary !== null && status?.lastOutcome?.at === summary.at;

  return (
    <SharingContext.Provider value={api}>
      {children}
      <SyncProgressModal
        // an export first asks for the target in the host's dialog: the bar shows once the export runs
        open={syncing === 'sync' || (syncing === 'export' && Boolean(status?.running))}
        title={syncing === 'export' ? '正在导出共享台账' : '正在同步共享台账'}
        progress={status?.running ?? null}
        cancelling={cancelling}
        onCancel={cancelSync}
      />
      {summary && (
        <SyncSummary
          outcome={summary}
          latest={latest}
          onClose={() => setSummary(null)}
          onUndone={() => {
            setSummary(null);
            dataChanged();
            void refresh();
          }}
        />
      )}
    </SharingContext.Provider>
  );
}
