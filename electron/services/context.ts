/**
 * What every use case receives: the open ledger, the write context the repository stamps on
 * every change (clock, device, operator), and the injected wall clock — tests fix it, so that
 * "today" and every status computed from it are reproducible.
 */
import path from 'node:path';
import { openLedger, type Ledger } from '../../db/connection';
import { ensureDeviceId, readLocalMeta, restoreClock, saveClock } from '../../db/local-meta';
import type { WriteContext } from '../../db/repository';
import type { WorkCalendar } from './calendar';

/**
 * What only the host can do for a use case: the Electron shell answers with native dialogs, the
 * e2e bridge and tests with fixed answers. The renderer never sends file paths of its own.
 */
export interface HostPorts {
  /** Asks the user for a folder to export into; null when they cancel. */
  chooseExportFolder?: (suggestedName: string) => Promise<string | null>;
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
}

export function openAppContext(opts: OpenAppContextOptions): ServiceContext {
  const now = opts.now ?? (() => new Date());
  const ledger = openLedger(opts.file, {
    nativeBinding: opts.nativeBinding,
    backupDir: opts.backupDir ?? path.join(path.dirname(opts.file), 'backups'),
    now,
  });
  return createServiceContext(ledger, now);
}

export function createServiceContext(ledger: Ledger, now: () => Date = () => new Date()): ServiceContext {
  const deviceId = ensureDeviceId(ledger.sqlite);
  const clock = restoreClock(ledger.sqlite, deviceId, () => now().getTime());
  const operator = readLocalMeta(ledger.sqlite, 'operator') ?? '';
  return { ledger, write: { clock, deviceId, operator, now }, now, calendarCache: null, ports: {} };
}

export async function closeAppContext(ctx: ServiceContext): Promise<void> {
  saveClock(ctx.ledger.sqlite, ctx.write.clock);
  await ctx.ledger.close();
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
