/**
 * What the sharing/ledger/backup channels ask of the workspace (the object that owns the open ledger). Declared
 * apart from the class so ServiceContext can carry it without importing the workspace itself.
 */
import type {
  BackupView,
  RecentLedger,
  SharingSettingsRequest,
  SharingStatus,
  SwitchOutcome,
  SyncOutcomeView,
  FolderKind,
} from '../../contract/sharing';

export interface WorkspaceApi {
  status(): SharingStatus;
  syncNow(opts: { breakStaleLock: boolean }): Promise<SyncOutcomeView>;
  cancelSync(): boolean;
  undoLastSync(): Promise<SwitchOutcome>;
  openShared(): Promise<SwitchOutcome>;
  exportShared(): Promise<SyncOutcomeView | null>;
  link(): Promise<SharingStatus>;
  unlink(): SharingStatus;
  updateSettings(settings: Required<SharingSettingsRequest>): SharingStatus;
  chooseBackupsFolder(): Promise<SharingStatus>;
  showFolder(which: FolderKind): boolean;
  recentLedgers(): RecentLedger[];
  createLedger(): Promise<SwitchOutcome>;
  openLedger(): Promise<SwitchOutcome>;
  openRecent(id: string): Promise<SwitchOutcome>;
  listBackups(): BackupView[];
  backupNow(): BackupView;
  restoreBackup(id: string): Promise<SwitchOutcome>;
}
