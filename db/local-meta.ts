/**
 * Facts about this copy of the ledger that are never synced (table local_meta): which device writes it and
 * the last clock value it used.
 *
 * Why the clock survives restarts: every repository write stores its stamp in change_log in the same
 * transaction, so MAX(change_log.hlc) is always durable with the data itself; `last_hlc` adds what the clock
 * observed without writing (a sync that merged nothing new, say) and is saved with `saveClock` after a sync
 * and when the ledger is closed. `restoreClock` starts from the greater of the two, so a restarted clock
 * never issues a stamp below one already in the file — even if the PC's clock was set back meanwhile.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { HybridClock, isHlc, maxHlc } from './hlc';
import { newId } from './ids';

export const DEVICE_ID_KEY = 'device_id';
export const LAST_HLC_KEY = 'last_hlc';

export function readLocalMeta(sqlite: BetterSqlite3.Database, key: string): string | null {
  const row = sqlite.prepare('SELECT value FROM local_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeLocalMeta(sqlite: BetterSqlite3.Database, key: string, value: string): void {
  sqlite.prepare('INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/**
 * This file's device id, created (a UUID v7) on the first read/write open.
 * A working copy made from someone else's file must get a new one: see `resetDeviceId`.
 */
export function ensureDeviceId(sqlite: BetterSqlite3.Database): string {
  const existing = readLocalMeta(sqlite, DEVICE_ID_KEY);
  if (existing) return existing;
  const id = newId();
  // INSERT OR IGNORE + re-read: two processes creating it at once agree on one id.
  sqlite.prepare('INSERT OR IGNORE INTO local_meta (key, value) VALUES (?, ?)').run(DEVICE_ID_KEY, id);
  return readLocalMeta(sqlite, DEVICE_ID_KEY) ?? id;
}

/**
 * Gives this file a fresh device id (and forgets the previous device's clock). For a local working copy
 * made from a shared ledger file: otherwise two PCs would write under one device id.
 */
export function resetDeviceId(sqlite: BetterSqlite3.Database): string {
  const id = newId();
  sqlite.transaction(() => {
    writeLocalMeta(sqlite, DEVICE_ID_KEY, id);
    sqlite.prepare('DELETE FROM local_meta WHERE key = ?').run(LAST_HLC_KEY);
  })();
  return id;
}

/**
 * The newest stamp in the change log: the greatest of each device's newest, found on change_log_device_hlc
 * (migration 010) with one seek per device — a skip scan — instead of reading the whole log.
 */
export const NEWEST_CHANGE_HLC_SQL = `
  WITH RECURSIVE devices (device_id) AS (
    SELECT min(device_id) FROM change_log
    UNION ALL
    SELECT (SELECT min(device_id) FROM change_log WHERE device_id > devices.device_id) FROM devices WHERE device_id IS NOT NULL
  )
  SELECT max((SELECT max(hlc) FROM change_log c WHERE c.device_id = devices.device_id)) AS hlc
    FROM devices WHERE device_id IS NOT NULL`;

/** The highest stamp this file has seen: saved clock or newest change, whichever is greater. */
export function highestKnownHlc(sqlite: BetterSqlite3.Database): string | null {
  const saved = readLocalMeta(sqlite, LAST_HLC_KEY);
  const logged = (sqlite.prepare(NEWEST_CHANGE_HLC_SQL).get() as { hlc: string | null }).hlc;
  // A damaged saved value must not stop the program; the change log still bounds the clock from below.
  return maxHlc(saved !== null && isHlc(saved) ? saved : null, logged !== null && isHlc(logged) ? logged : null);
}

/** A clock for this device that continues after everything already in the file. */
export function restoreClock(sqlite: BetterSqlite3.Database, deviceId: string, wallClock: () => number): HybridClock {
  return new HybridClock(deviceId, wallClock, highestKnownHlc(sqlite) ?? undefined);
}

/** Saves the clock's last value; never lowers the stored one (another process may be further ahead). */
export function saveClock(sqlite: BetterSqlite3.Database, clock: HybridClock): void {
  sqlite
    .prepare(
      `INSERT INTO local_meta (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE excluded.value > local_meta.value`,
    )
    .run(LAST_HLC_KEY, clock.last);
}
