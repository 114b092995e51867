/**
 * Ledger files, sharing and backups (issue 5): which ledger is open, the recent ones, the shared ledger it is
 * linked to, syncs (progress, outcome, undo) and the working database's backups.
 *
 * No channel takes a path from the renderer: files are chosen in the host's own dialogs (the Electron shell's
 * native dialogs, the test bridge's fixed answers), recent ledgers and backups are named by the ids the host
 * listed. A channel that switches to another ledger answers `{ switched: true }` and the page reloads itself.
 */
import { z } from 'zod';
import { empty } from './schemas';

/** Steps of a sync as the progress bar names them (the service's SYNC_STEP_LABELS). */
export const SYNC_STEPS = ['lock', 'copy', 'check', 'backup', 'merge', 'write', 'verify', 'replace', 'done'] as const;
export type SyncStepName = (typeof SYNC_STEPS)[number];

export const SYNC_TRIGGERS = ['user', 'start', 'timer', 'exit'] as const;
export type SyncTriggerName = (typeof SYNC_TRIGGERS)[number];
export const SYNC_TRIGGER_LABELS: Record<SyncTriggerName, string> = {
  user: '手动同步',
  start: '启动时同步',
  timer: '定时同步',
  exit: '退出时同步',
};

/** Automatic sync every N minutes (0 = only at start, at exit and on demand). */
export const AUTO_SYNC_MINUTES_MAX = 240;
export const BACKUPS_KEPT_MAX = 100;

export const syncNowInput = z.object({
  /** the user confirmed that the abandoned lock shown to them may be broken */
  breakStaleLock: z.boolean({ error: '参数有误' }).default(false),
});

export const recentLedgerInput = z.object({
  /** an id from `ledgers.recent` */
  id: z.string({ error: '请选择台账' }).min(1, '请选择台账').max(80, '参数有误'),
});

export const backupChoiceInput = z.object({
  /** an id from `backups.list` (the backup's file name) */
  id: z.string({ error: '请选择备份' }).min(1, '请选择备份').max(260, '参数有误'),
});

export const sharingSettingsInput = z.object({
  autoSyncMinutes: z
    .number({ error: '请填写自动同步间隔' })
    .int('自动同步间隔应为整数分钟')
    .min(0, '自动同步间隔不能为负数')
    .max(AUTO_SYNC_MINUTES_MAX, `自动同步间隔不能超过 ${AUTO_SYNC_MINUTES_MAX} 分钟`),
  backupsKept: z
    .number({ error: '请填写保留份数' })
    .int('保留份数应为整数')
    .min(1, '每类自动备份至少保留 1 份')
    .max(BACKUPS_KEPT_MAX, `保留份数不能超过 ${BACKUPS_KEPT_MAX}`),
});

export const FOLDER_KINDS = ['working', 'backups', 'shared'] as const;
export type FolderKind = (typeof FOLDER_KINDS)[number];
export const showFolderInput = z.object({ which: z.enum(FOLDER_KINDS, { error: '参数有误' }) });

export type SharingSettingsRequest = z.input<typeof sharingSettingsInput>;

// ---------------------------------------------------------------------------------------------------------------
// Results

/** The answer of a channel that may open another ledger: the page reloads when `switched`. */
export interface SwitchOutcome {
  switched: boolean;
  /** the ledger now open */
  file: string;
}

export interface RecentLedger {
  id: string;
  file: string;
  /** the file name without folder */
  name: string;
  lastOpenedAt: string;
  exists: boolean;
  current: boolean;
}

export interface SyncProgressView {
  step: SyncStepName;
  stepLabel: string;
  /** 0…1 */
  fraction: number;
  trigger: SyncTriggerName;
  startedAt: string;
  cancelling: boolean;
}

export interface SyncTableCount {
  /** Chinese name of the kind of record: 督查事项, 进展情况, … */
  label: string;
  added: number;
  changed: number;
  deleted: number;
}

/** What a finished sync did: the after-sync summary. */
export interface SyncOutcomeView {
  at: string;
  trigger: SyncTriggerName;
  mode: 'merged' | 'exported';
  sharedPath: string;
  /** one line: 新增 12 条 · 更新 30 条（来自 张三）· 3 处冲突待确认 */
  summary: string;
  received: number;
  byTable: SyncTableCount[];
  /** machines (device ids) and people whose changes came in */
  fromDevices: string[];
  fromOperators: string[];
  conflicts: number;
  /** a machine whose clock is far off (warning only) */
  clockWarning: string | null;
  durationMs: number;
  /** the backup taken just before exists: 撤销本次同步 is possible */
  canUndo: boolean;
  /** the abandoned lock that was broken on the user's word */
  brokeStaleLockOf: string | null;
}

export interface SyncErrorView {
  at: string;
  trigger: SyncTriggerName;
  code: string;
  message: string;
}

export interface SharingStatus {
  workingFile: string;
  /** where ledgers are created by default (the app's data folder) */
  ledgerFolder: string;
  backupsFolder: string;
  backupsKept: number;
  autoSyncMinutes: number;
  /** the shared ledger file this ledger syncs with; null when it is not linked */
  sharedPath: string | null;
  sharedReachable: boolean;
  /** the last completed sync of this ledger (kept in the working database, also across restarts) */
  lastSync: {
    at: string;
    sharedPath: string;
    mode: 'merged' | 'exported';
    received: number;
    conflicts: number;
    fromOperators: string[];
    fromDevices: string[];
  } | null;
  running: SyncProgressView | null;
  /** the last sync of this session (for the after-sync summary and 撤销本次同步) */
  lastOutcome: SyncOutcomeView | null;
  lastError: SyncErrorView | null;
  /** automatic syncs paused after 撤销本次同步 until the user syncs on purpose */
  paused: boolean;
  openConflicts: number;
  /** bumps with every sync that brought something in, so pages know to reload */
  dataGeneration: number;
}

export interface BackupView {
  id: string;
  file: string;
  kind: string;
  kindLabel: string;
  takenAt: string;
  sizeBytes: number;
}

/** Phantom marker (as in channels.ts). */
const returns = <T>() => undefined as unknown as T;

export const sharingChannels = {
  'sharing.status': { input: empty, output: returns<SharingStatus>() },
  'sharing.syncNow': { input: syncNowInput, output: returns<SyncOutcomeView>() },
  'sharing.cancel': { input: empty, output: returns<{ cancelled: boolean }>() },
  'sharing.undoLastSync': { input: empty, output: returns<SwitchOutcome>() },
  'sharing.openShared': { input: empty, output: returns<SwitchOutcome>() },
  'sharing.exportShared': { input: empty, output: returns<SyncOutcomeView | null>() },
  'sharing.link': { input: empty, output: returns<SharingStatus>() },
  'sharing.unlink': { input: empty, output: returns<SharingStatus>() },
  'sharing.updateSettings': { input: sharingSettingsInput, output: returns<SharingStatus>() },
  'sharing.chooseBackupsFolder': { input: empty, output: returns<SharingStatus>() },
  'sharing.showFolder': { input: showFolderInput, output: returns<{ shown: boolean }>() },
  'ledgers.recent': { input: empty, output: returns<RecentLedger[]>() },
  'ledgers.create': { input: empty, output: returns<SwitchOutcome>() },
  'ledgers.open': { input: empty, output: returns<SwitchOutcome>() },
  'ledgers.openRecent': { input: recentLedgerInput, output: returns<SwitchOutcome>() },
  'backups.list': { input: empty, output: returns<BackupView[]>() },
  'backups.create': { input: empty, output: returns<BackupView>() },
  'backups.restore': { input: backupChoiceInput, output: returns<SwitchOutcome>() },
} as const;
