/** Display helpers of the files, sharing and backups screens. */
import dayjs from 'dayjs';
import type { SharingStatus, SwitchOutcome } from '../../../electron/contract/sharing';
import { fmtDateTime } from '../format';

/** The file name of a path (Windows or POSIX). */
export function fileName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}

/** 12.3 MB (one decimal; at least 0.1 MB for a non-empty file). */
export function fmtMegabytes(bytes: number): string {
  if (bytes <= 0) return '0 MB';
  const mb = bytes / (1024 * 1024);
  return `${mb < 0.1 ? '0.1' : mb.toFixed(1)} MB`;
}

/** 今天 14:05 for today, else 2026年11月26日 14:05. */
export function fmtWhen(iso: string, today: string): string {
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  return d.format('YYYY-MM-DD') === today ? `今天 ${d.format('HH:mm')}` : fmtDateTime(iso);
}

/** Whose changes came in: the people if known, else how many PCs. */
export function fmtPeers(operators: string[], devices: string[]): string {
  if (operators.length > 0) return operators.join('、');
  if (devices.length > 0) return `${devices.length} 台电脑`;
  return '';
}

/** The last sync error is still news: no successful sync since (a sync the user cancelled is no failure). */
export function syncErrorShown(status: SharingStatus | null): boolean {
  const err = status?.lastError;
  if (!err || err.code === 'cancelled') return false;
  const last = status.lastSync?.at;
  return !last || Date.parse(err.at) >= Date.parse(last);
}

/** Everything on screen belongs to the ledger that was open: after a switch the page starts over. */
export function reloadIfSwitched(outcome: SwitchOutcome): boolean {
  if (!outcome.switched) return false;
  window.location.reload();
  return true;
}

/** What went wrong, in two words, for the status bar (an automatic backup's failure comes this way too). */
export function syncErrorLabel(code: string): string {
  return code === 'backup_invalid' ? '自动备份失败' : '上次同步失败';
}
