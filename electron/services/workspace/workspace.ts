/**
 * The workspace: the one open working ledger of this app instance, and everything around it that is about
 * files rather than records — opening and switching ledgers, the recent list, the shared ledger it syncs with,
 * the sync rhythm (AutoSync) and its progress, the after-sync summary and its undo, and the backups.
 *
 * Plain Node: the Electron shell gives it native dialogs as ports and a worker-thread sync runner; the command
 * line, the tests and the browser test bridge give it fixed answers and the in-process runner.
 *
 * Rules it keeps:
 * - A working database lives on a local disk (assertLocalWorkingDatabase); a network or removable location is
 *   refused with the offer to open it as a shared ledger.
 * - Switching ledgers closes the old one first and, if the new one cannot be opened, reopens the old one: the
 *   app is never left without a ledger by a failed switch.
 * - Nothing is replaced while a sync runs; a restore or an undo keeps the replaced file aside (backups.ts).
 * - After 撤销本次同步 automatic syncs of that ledger pause until the user syncs on purpose, or the undone
 *   changes would come straight back; the pause survives a restart (workspace.json).
 * - A large ledger opens after the cheap checks only (db/file-check.ts); its whole-file page check runs after the
 *   open, in the background (PageCheckRunner: a worker thread in the shell), at most once a day per file while it
 *   passes (the day is kept in workspace.json). Damage it finds is shown like a failed sync or backup: in the
 *   status (`lastError`, code db_corrupt) with a Chinese message, until another ledger is opened.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  BackupView,
  FolderKind,
  RecentLedger,
  SharingSettingsRequest,
  SharingStatus,
  SwitchOutcome,
  SyncErrorView,
  SyncOutcomeView,
  SyncProgressView,
  SyncTriggerName,
} from '../../contract/sharing';
import { writeLocalMeta } from '../../../db/local-meta';
import { closeAppContext, localIsoDate, openAppContext, type HostPorts, type ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { AutoSync } from '../sharing/auto-sync';
import {
  backupsFolderOf,
  backupWorkingDatabase,
  backupWorkingDatabaseInBackground,
  hasDailyBackupOn,
  listBackups as listBackupFiles,
  restoreFromBackup,
  type BackupReason,
} from '../sharing/backups';
import { SharingError } from '../sharing/errors';
import { assertLocalWorkingDatabase, type LocationProbe } from '../sharing/location';
import {
  createWorkingCopyFrom,
  readSharedLink,
  SYNC_STEP_LABELS,
  undoSync,
  unlinkSharedLedger,
  linkSharedLedger,
  type SyncResult,
} from '../sharing/sync';
import type { WorkspaceApi } from './api';
import {
  pagesCheckedOn,
  readWorkspaceConfig,
  recentIdOf,
  samePath,
  withPagesChecked,
  withRecent,
  writeWorkspaceConfig,
  type WorkspaceConfig,
} from './config';
import { inProcessPageCheckRunner, type PageCheckRunner, type RunningPageCheck } from './page-check-runner';
import { inProcessSyncRunner, type SyncJob, type SyncRunner } from './sync-runner';
import { backupView, syncOutcomeView } from './views';

export const LEDGER_SUBFOLDER = 'ledger';
/** How long a sync at exit may take before it is cancelled (the shared file stays untouched then). */
export const EXIT_SYNC_LIMIT_MS = 20_000;
/** Reachability of the shared file is looked up at most this often (an unreachable share can take seconds). */
const REACHABILITY_TTL_MS = 10_000;
const DAILY_BACKUP_CHECK_MS = 60 * 60 * 1000;

export interface WorkspaceOptions {
  /** the app's data folder (Electron's userData): workspace.json, the default ledger folder */
  dataFolder: string;
  /** dialogs and the file manager: the shell's native ones, fixed answers in tests */
  ports?: Omit<HostPorts, 'workspace'>;
  nativeBinding?: string;
  now?: () => Date;
  /** who runs a sync (default: in this thread, on the open connection) */
  runSync?: SyncRunner;
  /** how to tell network and removable locations (default: this machine) */
  probe?: LocationProbe;
  /** where sync copies are made (default: the system temp folder) */
  tempDir?: string;
  /** syncs at start, on the timer and at exit (default true); user syncs always run */
  automaticSync?: boolean;
  /** told after every ledger opened (the shell remembers it for the next start) */
  onOpened?: (file: string) => void;
  /**
   * who runs a large ledger's whole-file page check after the open (default: the `checkPages` of a worker
   * sync runner given as runSync, else in this thread after the open has returned)
   */
  checkPages?: PageCheckRunner;
  /** ledgers above this size get their page check after the open instead of before (default: openLedger's) */
  fullCheckMaxBytes?: number;
}

/** What the background page check of the open ledger came to. */
export interface PageCheckState {
  status: 'not-needed' | 'skipped-today' | 'running' | 'ok' | 'damaged' | 'failed' | 'stopped';
  /** the Chinese message shown when damaged */
  message: string | null;
}

export class Workspace implements WorkspaceApi {
  readonly dataFolder: string;
  private readonly opts: WorkspaceOptions;
  private readonly now: () => Date;
  private readonly runSync: SyncRunner;
  private config: WorkspaceConfig;
  private ctx: ServiceContext | null = null;
  private file = '';
  private auto: AutoSync | null = null;
  private progress: SyncProgressView | null = null;
  private cancelling = false;
  private lastOutcome: SyncOutcomeView | null = null;
  private lastBackupOfWorking: string | null = null;
  private lastError: SyncErrorView | null = null;
  private lastFailure: unknown = null;
  private breakStaleLockOnce = false;
  private dataGeneration = 0;
  private dailyTimer: NodeJS.Timeout | null = null;
  private reachability: { path: string; at: number; reachable: boolean } | null = null;
  /** a failed on-start/daily backup: shown, never a reason not to open */
  private backupWarning: string | null = null;
  private readonly checkPages: PageCheckRunner;
  private pageCheck: { running: RunningPageCheck; done: Promise<PageCheckState> } | null = null;
  private pageCheckState: PageCheckState = { status: 'not-needed', message: null };
  /** the day the open ledger's pages last all passed (at open or in the background); null: not yet */
  private pagesCheckedToday: string | null = null;
  /** the automatic backups queued, copied one after another in the background (takeAutomaticBackup) */
  private automaticBackups: Promise<void> = Promise.resolve();
  /** the stop of the last page check: a file is only replaced once nothing of the check holds it */
  private pageCheckStopped: Promise<void> = Promise.resolve();

  constructor(opts: WorkspaceOptions) {
    this.opts = opts;
    this.dataFolder = path.resolve(opts.dataFolder);
    this.now = opts.now ?? (() => new Date());
    this.runSync = opts.runSync ?? inProcessSyncRunner;
    // The shell's worker runner brings the page check of the same worker thread file.
    this.checkPages = opts.checkPages ?? (opts.runSync as { checkPages?: PageCheckRunner } | undefined)?.checkPages ?? inProcessPageCheckRunner;
    this.config = readWorkspaceConfig(this.dataFolder);
  }

  get ledgerFolder(): string {
    return path.join(this.dataFolder, LEDGER_SUBFOLDER);
  }

  get currentFile(): string {
    return this.file;
  }

  get isOpen(): boolean {
    return this.ctx !== null;
  }

  /** The open ledger's context; a Chinese error while none is open (between close and reopen). */
  current(): ServiceContext {
    if (!this.ctx) throw new ServiceError('db_io', '台账文件正在切换或已关闭，本次操作未完成。请稍候重试。');
    return this.ctx;
  }

  /**
   * Opens a working ledger (creating it if it does not exist). Synchronous up to the start-up sync, which runs
   * in the background. Throws what openLedger throws (foreign, newer, damaged) and SharingError
   * location_refused for a network or removable location; the file is untouched then.
   */
  open(file: string): ServiceContext {
    if (this.ctx) throw new Error('Workspace.open: close the open ledger first');
    const resolved = path.resolve(file);
    assertLocalWorkingDatabase(resolved, this.opts.probe);
    const existed = existsSync(resolved);
    const ctx = openAppContext({
      file: resolved,
      nativeBinding: this.opts.nativeBinding,
      backupDir: this.backupsFolderFor(resolved),
      now: this.now,
      ...(this.opts.fullCheckMaxBytes === undefined ? {} : { fullCheckMaxBytes: this.opts.fullCheckMaxBytes }),
    });
    // The host's ports seen live through the prototype (a test may change an answer later), plus this workspace.
    ctx.ports = Object.assign(Object.create(this.opts.ports ?? null) as HostPorts, { workspace: this });
    this.ctx = ctx;
    this.file = resolved;
    this.backupWarning = null;
    this.pageCheckState = { status: 'not-needed', message: null };
    this.pagesCheckedToday = ctx.ledger.pagesChecked ? localIsoDate(this.now()) : pagesCheckedOn(this.config, resolved);
    if (existed) {
      this.takeAutomaticBackup('on-start');
      this.takeAutomaticBackup('daily');
    }
    this.startPageCheckIfDue();
    this.dailyTimer = setInterval(() => {
      this.takeAutomaticBackup('daily');
      this.startPageCheckIfDue();
    }, DAILY_BACKUP_CHECK_MS);
    this.dailyTimer.unref?.();
    this.config = withRecent(this.config, resolved, this.now());
    this.saveConfig();
    this.opts.onOpened?.(resolved);
    this.startAutoSync({ runStartSync: true });
    return ctx;
  }

  /**
   * Closes the open ledger: stops the timers, lets a running sync stop at its next safe point, and — when
   * `syncAtExit` — first syncs one last time (cancelled after EXIT_SYNC_LIMIT_MS).
   */
  async close(opts: { syncAtExit?: boolean } = {}): Promise<void> {
    const ctx = this.ctx;
    if (!ctx) return;
    const auto = this.auto;
    if (auto && opts.syncAtExit && this.automatic && !auto.isRunning) {
      const limit = setTimeout(() => auto.cancel(), EXIT_SYNC_LIMIT_MS);
      try {
        await auto.syncAtExit();
      } finally {
        clearTimeout(limit);
      }
    }
    await this.stopAutoSync();
    if (this.dailyTimer) clearInterval(this.dailyTimer);
    this.dailyTimer = null;
    // Not awaited: a check inside SQLite's one long call ends when that returns, and closing must not wait for it.
    this.pageCheckStopped = this.stopPageCheck();
    this.ctx = null; // automatic backups queued but not started are dropped
    // Awaited: a backup being copied reads the file through a connection of its own; the copy finishes (seconds)
    // so that a restore or undo can move the file afterwards.
    await this.automaticBackups;
    await closeAppContext(ctx);
  }

  // ---------------------------------------------------------------------------------------------------------
  // The background page check

  /** What the open ledger's background page check came to (so far). */
  get pageCheckStatus(): PageCheckState {
    return { ...this.pageCheckState };
  }

  /** Waits for the running background page check, if any; its outcome. */
  async pageCheckSettled(): Promise<PageCheckState> {
    return this.pageCheck ? this.pageCheck.done : this.pageCheckStatus;
  }

  /**
   * Starts the whole-file page check of the open ledger unless its pages already passed today (at open, for a
   * small file, or in an earlier check) or one is running.
   */
  private startPageCheckIfDue(): void {
    const ctx = this.ctx;
    // Damage found stays found for this session: the whole file is not read again every hour to say so again.
    if (!ctx || this.pageCheck || this.pageCheckState.status === 'damaged') return;
    const today = localIsoDate(this.now());
    if (this.pagesCheckedToday === today) {
      if (!ctx.ledger.pagesChecked && this.pageCheckState.status === 'not-needed') this.pageCheckState = { status: 'skipped-today', message: null };
      return;
    }
    const file = this.file;
    const running = this.checkPages({ kind: 'page-check', file, ...(this.opts.nativeBinding ? { nativeBinding: this.opts.nativeBinding } : {}) });
    this.pageCheckState = { status: 'running', message: null };
    const done = running.result.then(
      (report): PageCheckState => {
        if (report === null) return { status: 'stopped', message: null };
        if (report.ok) {
          this.rememberPagesChecked(file, today);
          return { status: 'ok', message: null };
        }
        console.error('台账文件后台检查发现损坏 (background page check found damage):', file, report.problems);
        return { status: 'damaged', message: report.message };
      },
      (error: unknown): PageCheckState => {
        // The check did not happen (busy, unreadable, the thread died): no finding, and it runs again next time.
        console.error('台账文件后台检查未能完成 (background page check failed):', error);
        return { status: 'failed', message: null };
      },
    );
    const entry = {
      running,
      done: done.then((state) => {
        if (this.pageCheck === entry) {
          this.pageCheck = null;
          this.pageCheckState = state;
        }
        return state;
      }),
    };
    this.pageCheck = entry;
  }

  private rememberPagesChecked(file: string, day: string): void {
    if (samePath(file, this.file)) this.pagesCheckedToday = day;
    this.config = withPagesChecked(this.config, file, day);
    this.saveConfig();
  }

  private async stopPageCheck(): Promise<void> {
    const check = this.pageCheck;
    if (!check) return;
    this.pageCheck = null;
    this.pageCheckState = { status: 'stopped', message: null };
    try {
      await check.running.stop();
    } catch (error) {
      console.error('停止台账文件后台检查失败 (stopping the page check failed):', error);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Status

  status(): SharingStatus {
    const ctx = this.current();
    const link = readSharedLink(ctx.ledger.sqlite);
    const last = link?.lastSync ?? null;
    const openConflicts = (ctx.ledger.sqlite.prepare("SELECT count(*) AS n FROM conflicts WHERE status = 'open' AND deleted_hlc IS NULL").get() as { n: number }).n;
    return {
      workingFile: this.file,
      ledgerFolder: this.ledgerFolder,
      backupsFolder: this.backupsFolderFor(this.file),
      backupsKept: this.config.backupsKept,
      autoSyncMinutes: this.config.autoSyncMinutes,
      sharedPath: link?.sharedPath ?? null,
      sharedReachable: link ? this.isReachable(link.sharedPath) : false,
      lastSync: last
        ? {
            at: last.at,
            sharedPath: last.sharedPath,
            mode: last.mode,
            received: last.received,
            conflicts: last.conflicts,
            fromOperators: last.fromOperators.filter((n) => n !== ''),
            fromDevices: last.fromDevices,
          }
        : null,
      running: this.progress ? { ...this.progress, cancelling: this.cancelling } : null,
      lastOutcome: this.lastOutcome,
      lastError: this.statusError(),
      paused: this.isPaused(this.file),
      openConflicts,
      dataGeneration: this.dataGeneration,
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Syncing

  async syncNow(opts: { breakStaleLock: boolean }): Promise<SyncOutcomeView> {
    this.current();
    const auto = this.auto;
    if (!auto) {
      throw new ServiceError('not_found', '本台账尚未关联共享台账。请先“导出为共享台账”，或“关联共享台账”选择共享文件夹、U 盘上的共享台账文件。');
    }
    if (auto.isRunning) throw new ServiceError('conflict', '正在同步，请等待本次同步完成。');
    this.setPaused(this.file, false);
    this.breakStaleLockOnce = opts.breakStaleLock;
    const result = await auto.syncNow();
    if (!result || !this.lastOutcome) throw this.lastFailure ?? new ServiceError('internal', '同步未完成，请重试。');
    return this.lastOutcome;
  }

  cancelSync(): boolean {
    if (!this.auto?.isRunning) return false;
    this.cancelling = true;
    this.auto.cancel();
    return true;
  }

  async undoLastSync(): Promise<SwitchOutcome> {
    this.current();
    const backup = this.lastBackupOfWorking;
    if (!backup || !existsSync(backup)) {
      throw new ServiceError('not_found', '没有可撤销的同步：本次运行中还没有合并过共享台账的修改，或同步前的备份已不在。');
    }
    this.refuseWhileSyncing('撤销同步');
    const file = this.file;
    this.setPaused(file, true);
    await this.replaceWorkingFile(() => undoSync(file, backup, { now: this.now, nativeBinding: this.opts.nativeBinding }));
    this.lastOutcome = null;
    this.lastBackupOfWorking = null;
    this.dataGeneration += 1;
    return { switched: true, file };
  }

  async openShared(): Promise<SwitchOutcome> {
    this.current();
    const shared = await this.ask('pickSharedFile', () => this.opts.ports?.pickSharedFile?.());
    if (!shared) return { switched: false, file: this.file };
    if (samePath(shared, this.file)) {
      throw new SharingError('same_file', `选择的文件就是本机正在使用的台账，不需要作为共享台账打开。（${shared}）`);
    }
    const target = freeFileName(this.ledgerFolder, `${path.parse(shared).name}.db`);
    const operator = this.current().write.operator;
    await createWorkingCopyFrom(shared, target, {
      tempDir: this.tempDir(),
      now: this.now,
      nativeBinding: this.opts.nativeBinding,
      probe: this.opts.probe,
    });
    const outcome = await this.switchTo(target);
    // The officer is the same person on this PC whichever ledger is open.
    if (operator !== '' && this.ctx && this.ctx.write.operator === '') {
      writeLocalMeta(this.ctx.ledger.sqlite, 'operator', operator);
      this.ctx.write.operator = operator;
    }
    return outcome;
  }

  async exportShared(): Promise<SyncOutcomeView | null> {
    this.current();
    this.refuseWhileSyncing('导出共享台账');
    const suggested = `${path.parse(this.file).name}-共享.db`;
    const target = await this.ask('chooseSharedTarget', () => this.opts.ports?.chooseSharedTarget?.(suggested));
    if (!target) return null;
    if (samePath(target, this.file)) {
      throw new SharingError('same_file', `共享台账不能与本机工作台账是同一个文件，请选择共享文件夹或 U 盘上的位置。（${target}）`);
    }
    await this.stopAutoSync();
    try {
      await this.runJob('export', target, 'user', new AbortController().signal, false);
    } finally {
      // exporting links this ledger to the new file (or leaves the old link when it failed)
      this.startAutoSync({ runStartSync: false });
    }
    return this.lastOutcome;
  }

  async link(): Promise<SharingStatus> {
    const ctx = this.current();
    this.refuseWhileSyncing('关联共享台账');
    const shared = await this.ask('pickSharedFile', () => this.opts.ports?.pickSharedFile?.());
    if (!shared) return this.status();
    if (samePath(shared, this.file)) {
      throw new SharingError('same_file', `选择的文件就是本机正在使用的台账，不能与自己同步。（${shared}）`);
    }
    await this.stopAutoSync();
    linkSharedLedger(ctx.ledger.sqlite, shared);
    this.setPaused(this.file, false);
    this.startAutoSync({ runStartSync: false });
    return this.status();
  }

  unlink(): SharingStatus {
    const ctx = this.current();
    this.refuseWhileSyncing('取消关联');
    this.auto?.stop();
    this.auto = null;
    unlinkSharedLedger(ctx.ledger.sqlite);
    this.setPaused(this.file, false);
    return this.status();
  }

  updateSettings(settings: Required<SharingSettingsRequest>): SharingStatus {
    this.current();
    this.config = { ...this.config, autoSyncMinutes: settings.autoSyncMinutes, backupsKept: settings.backupsKept };
    this.saveConfig();
    if (this.auto && !this.auto.isRunning) {
      this.auto.stop();
      this.auto = null;
      this.startAutoSync({ runStartSync: false });
    }
    return this.status();
  }

  async chooseBackupsFolder(): Promise<SharingStatus> {
    this.current();
    const folder = await this.ask('chooseFolder', () => this.opts.ports?.chooseFolder?.('选择台账备份的保存文件夹'));
    if (!folder) return this.status();
    assertWritableFolder(folder);
    const resolved = path.resolve(folder);
    this.config = { ...this.config, backupsFolder: samePath(resolved, backupsFolderOf(this.file)) ? null : resolved };
    this.saveConfig();
    return this.status();
  }

  showFolder(which: FolderKind): boolean {
    const ctx = this.current();
    const show = this.opts.ports?.showInFolder;
    if (!show) return false;
    const target =
      which === 'working' ? this.file : which === 'backups' ? this.backupsFolderFor(this.file) : readSharedLink(ctx.ledger.sqlite)?.sharedPath;
    if (!target) return false;
    if (which === 'backups') mkdirSync(target, { recursive: true });
    show(target);
    return true;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Ledger files

  recentLedgers(): RecentLedger[] {
    return this.config.recent.map((entry) => ({
      id: recentIdOf(entry.file),
      file: entry.file,
      name: path.basename(entry.file),
      lastOpenedAt: entry.openedAt,
      exists: existsSync(entry.file),
      current: samePath(entry.file, this.file),
    }));
  }

  async createLedger(): Promise<SwitchOutcome> {
    this.current();
    const file = await this.ask('chooseNewLedgerFile', () => this.opts.ports?.chooseNewLedgerFile?.('督查台账-新建.db'));
    if (!file) return { switched: false, file: this.file };
    if (existsSync(file)) {
      throw new ServiceError('conflict', `该位置已有同名文件，新建台账不会覆盖它，未作任何修改。请换一个文件名，或用“打开台账”打开它。（${file}）`);
    }
    return this.switchTo(file);
  }

  async openLedger(): Promise<SwitchOutcome> {
    this.current();
    const file = await this.ask('pickLedgerFile', () => this.opts.ports?.pickLedgerFile?.());
    if (!file) return { switched: false, file: this.file };
    if (!existsSync(file)) throw new ServiceError('not_found', `找不到该台账文件，未作任何修改。（${file}）`);
    return this.switchTo(file);
  }

  async openRecent(id: string): Promise<SwitchOutcome> {
    const entry = this.config.recent.find((r) => recentIdOf(r.file) === id);
    if (!entry) throw new ServiceError('not_found', '最近打开的台账列表已变化，请刷新后重试。');
    if (!existsSync(entry.file)) {
      throw new ServiceError('not_found', `该台账文件已不在原处（可能已移动、改名或所在的磁盘未连接）。（${entry.file}）`);
    }
    return this.switchTo(entry.file);
  }

  /**
   * Closes the open ledger and opens `file`; if that fails, the previous ledger is opened again and the error
   * is passed on, so the app always has a ledger.
   */
  async switchTo(file: string): Promise<SwitchOutcome> {
    const target = path.resolve(file);
    if (this.ctx && samePath(target, this.file)) return { switched: false, file: this.file };
    this.refuseWhileSyncing('切换台账');
    assertLocalWorkingDatabase(target, this.opts.probe);
    const previous = this.file;
    await this.close();
    try {
      this.open(target);
    } catch (error) {
      if (previous) this.open(previous);
      throw error;
    }
    this.lastOutcome = null;
    this.lastBackupOfWorking = null;
    this.lastError = null;
    return { switched: true, file: this.file };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Backups

  listBackups(): BackupView[] {
    this.current();
    return listBackupFiles(this.file, this.backupsFolderFor(this.file)).map(backupView);
  }

  backupNow(): BackupView {
    const ctx = this.current();
    return backupView(
      backupWorkingDatabase(ctx.ledger.sqlite, {
        workingPath: this.file,
        reason: 'manual',
        now: this.now(),
        folder: this.backupsFolderFor(this.file),
        nativeBinding: this.opts.nativeBinding,
      }),
    );
  }

  async restoreBackup(id: string): Promise<SwitchOutcome> {
    this.current();
    const backup = listBackupFiles(this.file, this.backupsFolderFor(this.file)).find((b) => path.basename(b.path) === id);
    if (!backup) throw new ServiceError('not_found', '找不到该备份（可能已被轮换删除或移走），请刷新备份列表后重试。');
    this.refuseWhileSyncing('从备份恢复');
    const file = this.file;
    await this.replaceWorkingFile(() => restoreFromBackup(backup.path, file, { now: this.now(), nativeBinding: this.opts.nativeBinding }));
    this.lastOutcome = null;
    this.lastBackupOfWorking = null;
    this.dataGeneration += 1;
    return { switched: true, file };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Inside

  private get automatic(): boolean {
    return this.opts.automaticSync !== false;
  }

  /** Where the backups of `file` go: the folder chosen in 设置, else `backups` beside it. */
  backupsFolderFor(file: string): string {
    return this.config.backupsFolder ?? backupsFolderOf(file);
  }

  private tempDir(): string {
    return this.opts.tempDir ?? os.tmpdir();
  }

  private saveConfig(): void {
    try {
      writeWorkspaceConfig(this.dataFolder, this.config);
    } catch (error) {
      // The recent list and settings are a convenience; a read-only data folder must not stop the work.
      console.error('保存 workspace.json 失败 (saving workspace.json failed):', error);
    }
  }

  /** The damage the page check found comes first: it matters more than a failed sync or backup. */
  private statusError(): SyncErrorView | null {
    const at = this.now().toISOString();
    const damage = this.pageCheckState.status === 'damaged' ? this.pageCheckState.message : null;
    if (damage) return { at, trigger: 'start', code: 'db_corrupt', message: damage };
    return this.lastError ?? (this.backupWarning ? { at, trigger: 'start', code: 'backup_invalid', message: this.backupWarning } : null);
  }

  private isPaused(file: string): boolean {
    return this.config.syncPausedFor.some((f) => samePath(f, file));
  }

  private setPaused(file: string, paused: boolean): void {
    if (this.isPaused(file) === paused) return;
    const others = this.config.syncPausedFor.filter((f) => !samePath(f, file));
    this.config = { ...this.config, syncPausedFor: paused ? [...others, path.resolve(file)] : others };
    this.saveConfig();
    if (paused) this.auto?.pause();
  }

  private isReachable(sharedPath: string): boolean {
    const at = Date.now();
    const cached = this.reachability;
    if (cached && cached.path === sharedPath && at - cached.at < REACHABILITY_TTL_MS) return cached.reachable;
    const reachable = existsSync(sharedPath);
    this.reachability = { path: sharedPath, at, reachable };
    return reachable;
  }

  /**
   * Queues an automatic backup, copied in the background (backupWorkingDatabaseInBackground): a ledger of a
   * gigabyte takes seconds to copy, and the window must answer meanwhile. Backups run one after another; a
   * backup queued for a ledger that was closed meanwhile is dropped.
   */
  private takeAutomaticBackup(reason: Extract<BackupReason, 'on-start' | 'daily'>): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const request = {
      workingPath: this.file,
      reason,
      now: this.now(),
      keep: this.config.backupsKept,
      folder: this.backupsFolderFor(this.file),
      nativeBinding: this.opts.nativeBinding,
    };
    this.automaticBackups = this.automaticBackups.then(async () => {
      if (this.ctx !== ctx) return;
      try {
        if (reason === 'daily' && hasDailyBackupOn(request)) return;
        await backupWorkingDatabaseInBackground(ctx.ledger.sqlite, request);
      } catch (error) {
        if (this.ctx === ctx) this.backupWarning = `自动备份失败：${error instanceof Error ? error.message : String(error)}`;
      }
    });
  }

  /** Resolves once the automatic backups queued so far are written (or have failed, shown as a warning). */
  automaticBackupsSettled(): Promise<void> {
    return this.automaticBackups;
  }

  private startAutoSync(opts: { runStartSync: boolean }): void {
    const ctx = this.ctx;
    if (!ctx || this.auto) return;
    const link = readSharedLink(ctx.ledger.sqlite);
    if (!link) return;
    const auto = new AutoSync({
      sharedPath: link.sharedPath,
      intervalMinutes: this.automatic ? this.config.autoSyncMinutes : 0,
      runSync: (trigger, signal) => {
        const breakStaleLock = trigger === 'user' && this.breakStaleLockOnce;
        this.breakStaleLockOnce = false;
        return this.runJob('sync', link.sharedPath, trigger, signal, breakStaleLock);
      },
      isReachable: (p) => this.isReachable(p),
    });
    if (this.isPaused(this.file)) auto.pause();
    this.auto = auto;
    if (!this.automatic) return;
    if (opts.runStartSync) void auto.start();
    else auto.startTimer();
  }

  private async stopAutoSync(): Promise<void> {
    const auto = this.auto;
    if (!auto) return;
    this.auto = null;
    auto.stop();
    await auto.settled();
  }

  /** One sync or export, through the runner; records progress, the outcome and the error for the status. */
  private async runJob(kind: SyncJob['kind'], sharedPath: string, trigger: SyncTriggerName, signal: AbortSignal, breakStaleLock: boolean): Promise<SyncResult> {
    const ctx = this.current();
    const job: SyncJob = {
      kind,
      workingPath: this.file,
      sharedPath,
      tempDir: this.tempDir(),
      operator: ctx.write.operator,
      breakStaleLock,
      keepWorkingBackups: this.config.backupsKept,
      backupFolder: this.backupsFolderFor(this.file),
      ...(this.opts.nativeBinding ? { nativeBinding: this.opts.nativeBinding } : {}),
    };
    const startedAt = this.now().toISOString();
    this.lastFailure = null;
    this.cancelling = false;
    this.progress = { step: 'lock', stepLabel: SYNC_STEP_LABELS.lock, fraction: 0, trigger, startedAt, cancelling: false };
    try {
      const result = await this.runSync(job, ctx, {
        signal,
        onProgress: (step, fraction) => {
          this.progress = { step, stepLabel: SYNC_STEP_LABELS[step], fraction, trigger, startedAt, cancelling: this.cancelling };
        },
      });
      ctx.calendarCache = null;
      if (result.report.received > 0) this.dataGeneration += 1;
      this.lastOutcome = syncOutcomeView(result, trigger, this.now());
      this.lastBackupOfWorking = result.backupOfWorking ?? this.lastBackupOfWorking;
      this.lastError = null;
      return result;
    } catch (error) {
      this.lastFailure = error;
      this.lastError = {
        at: this.now().toISOString(),
        trigger,
        code: typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'internal',
        message: error instanceof Error ? error.message : String(error),
      };
      throw error;
    } finally {
      this.progress = null;
      this.cancelling = false;
    }
  }

  /** Closes the ledger, swaps its file (restore / undo), reopens it — or reopens the old one on failure. */
  private async replaceWorkingFile(replace: () => unknown): Promise<void> {
    const file = this.file;
    await this.close();
    try {
      // The page check's connection must be gone before the file is moved (Windows refuses otherwise).
      await this.pageCheckStopped;
      replace();
    } finally {
      // Another file now: its pages are checked afresh.
      this.config = withPagesChecked(this.config, file, null);
      this.open(file);
    }
  }

  private refuseWhileSyncing(what: string): void {
    if (this.auto?.isRunning) throw new ServiceError('conflict', `正在同步，暂不能${what}。请等同步完成（或取消同步）后再试。`);
  }

  private async ask(port: keyof HostPorts, question: () => Promise<string | null> | undefined): Promise<string | null> {
    const answer = question();
    if (answer === undefined) throw new ServiceError('unavailable', `此处不能选择文件（${String(port)}），请在督查台账程序中操作。`);
    const picked = await answer;
    return picked ? path.resolve(picked) : null;
  }
}

/** `<folder>/<name>`, or `<stem>-2.db`, `-3` … when taken: a new working copy never replaces a file. */
export function freeFileName(folder: string, name: string): string {
  const { name: stem, ext } = path.parse(name);
  for (let n = 1; ; n += 1) {
    const candidate = path.join(folder, n === 1 ? `${stem}${ext}` : `${stem}-${n}${ext}`);
    if (!existsSync(candidate)) return candidate;
  }
}

function assertWritableFolder(folder: string): void {
  const probe = path.join(folder, `.duchataizhang-write-test-${process.pid}`);
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (error) {
    throw new ServiceError('db_io', `该文件夹不能写入（${(error as Error).message}），备份位置未更改。请选择其他文件夹。（${folder}）`);
  }
}
