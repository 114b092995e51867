/**
 * This PC's own choices about its ledgers, kept in the app's data folder (`workspace.json`), never in a ledger:
 * the recent ledgers, where backups go, how many are kept, how often to sync, the day each large ledger last
 * passed its whole-file check (so that a 1.5 GB file is read in full once a day, not at every start). Another PC
 * sharing the ledger has its own folders and rhythm.
 *
 * Read tolerantly (a damaged or missing file means the defaults, never a refusal to start) and written whole
 * through a temporary file and a rename, so a crash leaves the old file or the new one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AUTO_SYNC_MINUTES_MAX, BACKUPS_KEPT_MAX } from '../../contract/sharing';
import { DEFAULT_BACKUPS_KEPT } from '../sharing/backups';

export const WORKSPACE_FILE = 'workspace.json';
export const DEFAULT_AUTO_SYNC_MINUTES = 10;
/** Recent ledgers remembered (the 文件 menu shows them). */
export const RECENT_LIMIT = 10;

export interface RecentEntry {
  file: string;
  openedAt: string;
}

/** A ledger whose pages all passed quick_check on `on` (local date, yyyy-mm-dd). */
export interface PagesCheckedEntry {
  file: string;
  on: string;
}

export interface WorkspaceConfig {
  recent: RecentEntry[];
  /** null: `<ledger folder>/backups` beside each ledger */
  backupsFolder: string | null;
  backupsKept: number;
  autoSyncMinutes: number;
  /** ledgers whose automatic syncs are paused after 撤销本次同步 (until the user syncs on purpose) */
  syncPausedFor: string[];
  /** the last clean whole-file check of each ledger (the background check of the workspace) */
  pagesChecked: PagesCheckedEntry[];
}

export function defaultWorkspaceConfig(): WorkspaceConfig {
  return {
    recent: [],
    backupsFolder: null,
    backupsKept: DEFAULT_BACKUPS_KEPT,
    autoSyncMinutes: DEFAULT_AUTO_SYNC_MINUTES,
    syncPausedFor: [],
    pagesChecked: [],
  };
}

function intIn(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

function absolutePaths(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && path.isAbsolute(v)) : [];
}

export function readWorkspaceConfig(dataFolder: string): WorkspaceConfig {
  const defaults = defaultWorkspaceConfig();
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path.join(dataFolder, WORKSPACE_FILE), 'utf8')) as Record<string, unknown>;
    if (!raw || typeof raw !== 'object') return defaults;
  } catch {
    return defaults;
  }
  const recent = Array.isArray(raw.recent)
    ? raw.recent
        .filter(
          (r): r is RecentEntry =>
            !!r && typeof r === 'object' && typeof (r as RecentEntry).file === 'string' && path.isAbsolute((r as RecentEntry).file),
        )
        .map((r) => ({ file: r.file, openedAt: typeof r.openedAt === 'string' ? r.openedAt : '' }))
        .slice(0, RECENT_LIMIT)
    : [];
  return {
    recent,
    backupsFolder: typeof raw.backupsFolder === 'string' && path.isAbsolute(raw.backupsFolder) ? raw.backupsFolder : null,
    backupsKept: intIn(raw.backupsKept, 1, BACKUPS_KEPT_MAX, defaults.backupsKept),
    autoSyncMinutes: intIn(raw.autoSyncMinutes, 0, AUTO_SYNC_MINUTES_MAX, defaults.autoSyncMinutes),
    syncPausedFor: absolutePaths(raw.syncPausedFor),
    pagesChecked: Array.isArray(raw.pagesChecked)
      ? raw.pagesChecked
          .filter(
            (e): e is PagesCheckedEntry =>
              !!e &&
              typeof e === 'object' &&
              typeof (e as PagesCheckedEntry).file === 'string' &&
              path.isAbsolute((e as PagesCheckedEntry).file) &&
              typeof (e as PagesCheckedEntry).on === 'string' &&
              /^\d{4}-\d{2}-\d{2}$/.test((e as PagesCheckedEntry).on),
          )
          .map((e) => ({ file: e.file, on: e.on }))
          .slice(0, RECENT_LIMIT)
      : [],
  };
}

export function writeWorkspaceConfig(dataFolder: string, config: WorkspaceConfig): void {
  mkdirSync(dataFolder, { recursive: true });
  const target = path.join(dataFolder, WORKSPACE_FILE);
  const staged = `${target}.${process.pid}.tmp`;
  writeFileSync(staged, JSON.stringify(config, null, 2), 'utf8');
  renameSync(staged, target);
}

/** The ledger just opened goes first; the list keeps RECENT_LIMIT entries. */
export function withRecent(config: WorkspaceConfig, file: string, at: Date): WorkspaceConfig {
  const resolved = path.resolve(file);
  const others = config.recent.filter((r) => !samePath(r.file, resolved));
  return { ...config, recent: [{ file: resolved, openedAt: at.toISOString() }, ...others].slice(0, RECENT_LIMIT) };
}

/** The day `file` last passed the whole-file check, or null (never, or forgotten after its file was replaced). */
export function pagesCheckedOn(config: WorkspaceConfig, file: string): string | null {
  return config.pagesChecked.find((e) => samePath(e.file, file))?.on ?? null;
}

/** Remembers (`on` a date) or forgets (null) the last clean whole-file check of `file`; RECENT_LIMIT entries kept. */
export function withPagesChecked(config: WorkspaceConfig, file: string, on: string | null): WorkspaceConfig {
  const resolved = path.resolve(file);
  const others = config.pagesChecked.filter((e) => !samePath(e.file, resolved));
  return { ...config, pagesChecked: (on === null ? others : [{ file: resolved, on }, ...others]).slice(0, RECENT_LIMIT) };
}

/** A stable id for a recent ledger, so the renderer names it without sending a path. */
export function recentIdOf(file: string): string {
  return createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 16);
}

export function samePath(a: string, b: string): boolean {
  const left = path.resolve(a);
  const right = path.resolve(b);
  return process.platform === 'win32' ? left.toLowerCase() === right.toLowerCase() : left === right;
}

export function fileExists(file: string): boolean {
  return existsSync(file);
}
