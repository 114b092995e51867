/**
 * Hybrid logical clock (Kulkarni et al., 2014) — the order of edits across machines.
 *
 * Every write is stamped with `now()`; a sync merge per field keeps the value with the highest stamp
 * (sharing.md). The stamp follows the wall clock when it can, never goes backwards on this device, and after
 * `observe()`-ing a stamp from another device it is always greater than that stamp, so "happened after"
 * is respected even when the office PCs' clocks disagree.
 *
 * Text form, sortable with a plain string comparison (fixed widths):
 *   `001462176000000-000000-<deviceId>` = 15-digit Unix ms · 6-digit counter · device id.
 * The device id breaks ties between two devices that produced the same (ms, counter).
 */

export const HLC_MS_DIGITS = 15;
export const HLC_COUNTER_DIGITS = 6;
const MAX_MS = 10 ** HLC_MS_DIGITS - 1;
const MAX_COUNTER = 10 ** HLC_COUNTER_DIGITS - 1;
const HLC_PATTERN = /^(\d{15})-(\d{6})-(.+)$/s;

/**
 * Past this, a remote stamp ahead of our wall clock is worth a warning ("对方电脑时间可能不准").
 * Never a refusal: office PCs often have wrong clocks (sharing.md).
 */
export const CLOCK_SKEW_WARNING_MS = 10 * 60 * 1000;

export interface ParsedHlc {
  ms: number;
  counter: number;
  deviceId: string;
}

export function formatHlc(ms: number, counter: number, deviceId: string): string {
  return `${String(ms).padStart(HLC_MS_DIGITS, '0')}-${String(counter).padStart(HLC_COUNTER_DIGITS, '0')}-${deviceId}`;
}

/** Parses a stamp; throws RangeError for anything that is not one. */
export function parseHlc(text: string): ParsedHlc {
  const match = HLC_PATTERN.exec(text);
  if (!match) throw new RangeError(`not a hybrid logical clock value: ${JSON.stringify(text)}`);
  return { ms: Number(match[1]), counter: Number(match[2]), deviceId: match[3]! };
}

export function isHlc(text: string): boolean {
  return HLC_PATTERN.test(text);
}

/** Whole, non-negative milliseconds that fit the 15 digits; a broken wall clock reads as 0. */
function clampMs(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return Math.min(Math.floor(value), MAX_MS);
}

function assertDeviceId(deviceId: string): void {
  // Control characters would survive text sorting but not a log line or a CSV export.
  if (deviceId.length === 0 || /[\u0000-\u001f]/.test(deviceId)) {
    throw new RangeError(`invalid device id for the clock: ${JSON.stringify(deviceId)}`);
  }
}

export class HybridClock {
  readonly deviceId: string;
  private readonly wallClock: () => number;
  private ms: number;
  private counter: number;

  /**
   * @param deviceId this device's id (local_meta `device_id`)
   * @param wallClock Unix milliseconds (`Date.now` in the app, a fake in tests)
   * @param last the last stamp this device issued or observed (persisted), so a restart never goes back
   */
  constructor(deviceId: string, wallClock: () => number, last?: string) {
    assertDeviceId(deviceId);
    this.deviceId = deviceId;
    this.wallClock = wallClock;
    if (last === undefined) {
      this.ms = 0;
      this.counter = 0;
    } else {
      const parsed = parseHlc(last);
      this.ms = parsed.ms;
      this.counter = parsed.counter;
    }
  }

  /** A new stamp, strictly greater than every stamp this clock issued or observed. */
  now(): string {
    const wall = clampMs(this.wallClock());
    if (wall > this.ms) {
      this.ms = wall;
      this.counter = 0;
    } else {
      this.bumpCounter(this.counter);
    }
    return formatHlc(this.ms, this.counter, this.deviceId);
  }

  /** Takes in a stamp from another device (during a merge): later `now()` calls sort after it. */
  observe(remote: string): void {
    const other = parseHlc(remote);
    const wall = clampMs(this.wallClock());
    const ms = Math.max(this.ms, other.ms, wall);
    if (ms === this.ms && ms === other.ms) {
      this.bumpCounter(Math.max(this.counter, other.counter));
    } else if (ms === this.ms) {
      this.bumpCounter(this.counter);
    } else if (ms === other.ms) {
      this.ms = ms;
      this.bumpCounter(other.counter);
    } else {
      this.ms = ms;
      this.counter = 0;
    }
  }

  /** The last stamp issued or observed (what to persist). */
  get last(): string {
    return formatHlc(this.ms, this.counter, this.deviceId);
  }

  /**
   * How far the logical time runs ahead of this PC's wall clock, in ms (0 when it follows the wall clock).
   * Large after observing a device whose clock is fast, or when this PC's clock was set back.
   */
  get driftMs(): number {
    return Math.max(0, this.ms - clampMs(this.wallClock()));
  }

  /** counter = from + 1; on the (practically unreachable) overflow borrow the next millisecond. */
  private bumpCounter(from: number): void {
    if (from >= MAX_COUNTER) {
      this.ms = Math.min(this.ms + 1, MAX_MS);
      this.counter = 0;
    } else {
      this.counter = from + 1;
    }
  }
}

/** Text comparison is the clock order; this names the intent. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The greater of two stamps (either may be missing). */
export function maxHlc(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a >= b ? a : b;
}

export interface ClockSkew {
  /** remote stamp's wall time minus ours, in ms; positive = the remote is ahead */
  skewMs: number;
  /** the remote is ahead by more than the tolerance: one of the two PCs has a wrong clock */
  farOff: boolean;
}

/**
 * Compares a stamp just received from another device with this PC's wall clock.
 * Only "ahead" is meaningful: a stamp behind us may simply be old. Used for a warning, never to refuse.
 */
export function detectClockSkew(remote: string, localWallMs: number, toleranceMs: number = CLOCK_SKEW_WARNING_MS): ClockSkew {
  const skewMs = parseHlc(remote).ms - clampMs(localWallMs);
  return { skewMs, farOff: skewMs > toleranceMs };
}
