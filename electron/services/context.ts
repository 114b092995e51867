/**
 * What every use case receives: the open ledger, the write context the repository stamps on
 * every change (clock, device, operator), and the injected wall clock — tests fix it, so that
 * "today" and every status computed from it are reproducible.
 */
import path from 'node:path';
import { openLedger, type Ledger } from '../../db/connection';
import { ensureDeviceId, readLocalMeta, restoreClock, saveClock } from '../../db/local-meta';
import type { WriteContext } from '../../db/repository';
import type { RendererErrorReport } from '../contract/types';
import type { WorkCalendar } from './calendar';
import type { WorkspaceApi } from './workspace/api';

/**
 * What only the host can do for a use case: the Electron shell answers with native dialogs, the
 * e2e bridge and tests with fixed answers. The renderer never sends file paths of its own.
 */
export interface HostPorts {
  /** Asks the user for a folder to export into; null when they cancel. */
  chooseExportFolder?: (suggestedName: string) => Promise<string | null>;
  /** 打开共享台账 / 关联共享台账: an existing shared ledger file (open dialog); null when cancelled. */
  pickSharedFile?: () => Promise<string | null>;
  /** 导出为共享台账: where the new shared file goes (save dialog, usually a network folder or USB drive). */
  chooseSharedTarget?: (suggestedName: string) => Promise<string | null>;
  /** 新建台账: the new working ledger's file (save dialog). */
  chooseNewLedgerFile?: (suggestedName: string) => Promise<string | null>;
  /** 打开台账: an existing working ledger file (open dialog). */
  pickLedgerFile?: () => Promise<string | null>;
  /** A folder (the backups folder); null when cancelled. */
  chooseFolder?: (title: string) => Promise<string | null>;
  /** An Excel workbook (.xlsx) to import (open dialog); null when cancelled. */
  pickXlsxFile?: (title: string) => Promise<string | null>;
  /** Shows a file or folder in the system's file manager. */
  showInFolder?: (target: string) => void;
  /** 打印: the window as laid out by its print stylesheet, through the system's print dialog; false when cancelled. */
  printPage?: (opts: { landscape: boolean; title: string }) => Promise<boolean>;
  /** 导出 PDF: the window as laid out by its print stylesheet, rendered as a PDF file's bytes. */
  pageToPdf?: (opts: { landscape: boolean; title: string }) => Promise<Uint8Array>;
  /** Writes the renderer's unexpected error to the app's log; returns the log folder. Absent: printed to stderr. */
  logRendererError?: (report: RendererErrorReport) => string;
  /** The open ledger's workspace (files, sharing, backups); absent on the command line. */
  workspace?: WorkspaceApi;
}

export interface ServiceContext {
  ledger: Ledger;
  write: WriteContext;
  now: () => Date;
  /** Rebuilt lazily after the holiday overrides change. */
  calendarCache: WorkCalendar | null;
  ports: HostPorts;
}

export interface OpenAppContextOptions {
  file: string;
  nativeBinding?: string;
  backupDir?: string;
  now?: () => Date;
  /** files above this size get their whole-file check after opening (default: openLedger's) */
  fullCheckMaxBytes?: number;
}

export function openAppContext(opts: OpenAppContextOptions): ServiceContext {
  const now = opts.now ?? (() => new Date());
  const ledger = openLedger(opts.file, {
    nativeBinding: opts.nativeBinding,
    backupDir: opts.backupDir ?? path.join(path.dirname(opts.file), 'backups'),
    now,
    ...(opts.fullCheckMaxBytes === undefined ? {} : { fullCheckMaxBytes: opts.fullCheckMaxBytes }),
  });
  return createServiceContext(ledger, now);
}

export function createServiceContext(ledger: Ledger, now: () => Date = () => new Date()): ServiceContext {
  // Read again, not taken from the open: a working copy's id may have been reset since (打开共享台账, restore).
  const deviceId = ensureDeviceId(ledger.sqlite);
  const clock = restoreClock(ledger.sqlite, deviceId, () => now().getTime());
  const operator = readLocalMeta(ledger.sqlite, 'operator') ?? '';
  return { ledger, write: { clock, deviceId, operator, now }, now, calendarCache: null, ports: {} };
}

export async function closeAppContext(ctx: ServiceContext): Promise<void> {
  try {
    saveClock(ctx.ledger.sqlite, ctx.write.clock);
  } finally {
    // A full or read-only disk must not keep the connection (and its WAL) open.
    await ctx.ledger.close();
  }
}

/** Today's date on this machine, as ISO yyyy-mm-dd (local time: the office works in Beijing time). */
export function todayOf(ctx: Pick<ServiceContext, 'now'>): string {
  return localIsoDate(ctx.now());
}

export function localIsoDate(d: Date): string {
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}
