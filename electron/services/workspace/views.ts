/** What the sharing channels send to the renderer, made from the services' own records. */
import path from 'node:path';
import type { BackupView, SyncOutcomeView, SyncTriggerName } from '../../contract/sharing';
import { tableLabel } from '../conflicts/labels';
import { BACKUP_KIND_LABELS, type BackupInfo } from '../sharing/backups';
import { describeMergeReport } from '../sharing/summary';
import type { SyncResult } from '../sharing/sync';

export function syncOutcomeView(result: SyncResult, trigger: SyncTriggerName, at: Date): SyncOutcomeView {
  const { report } = result;
  return {
    at: at.toISOString(),
    trigger,
    mode: result.mode,
    sharedPath: result.peer.path,
    summary: result.mode === 'exported' ? `已由本台账创建共享台账：${path.basename(result.peer.path)}` : describeMergeReport(report),
    received: report.received,
    byTable: Object.entries(report.byTable)
      .map(([table, counts]) => ({ label: tableLabel(table), ...counts }))
      .sort((a, b) => b.added + b.changed + b.deleted - (a.added + a.changed + a.deleted)),
    fromDevices: report.fromDevices,
    fromOperators: report.fromOperators.filter((name) => name !== ''),
    conflicts: report.conflicts,
    clockWarning: report.clockWarning,
    durationMs: result.durationMs,
    canUndo: result.backupOfWorking !== null,
    brokeStaleLockOf: result.brokeStaleLock ? `${result.brokeStaleLock.user}（${result.brokeStaleLock.host}）` : null,
  };
}

export function backupView(backup: BackupInfo): BackupView {
  return {
    id: path.basename(backup.path),
    file: backup.path,
    kind: backup.kind,
    kindLabel: BACKUP_KIND_LABELS[backup.kind],
    takenAt: backup.takenAt.toISOString(),
    sizeBytes: backup.sizeBytes,
  };
}
