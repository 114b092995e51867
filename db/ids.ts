/**
 * Row and change ids: UUID version 7 (RFC 9562 §5.7).
 *
 * Ids are created on many machines that never talk to each other, so they must be unique without
 * coordination (74 random bits per millisecond) and, as text, sort by creation time, which keeps the
 * B-tree inserts at the right edge and lets "newest first" be an ORDER BY on the key.
 *
 * Layout (big-endian): 48-bit Unix milliseconds | version 0b0111 | 12 bits rand_a | variant 0b10 | 62 bits rand_b.
 * Within one millisecond this process treats rand_a‖rand_b as a 74-bit counter (RFC 9562 §6.2, method 2:
 * "monotonic random"), so ids made in a burst still sort in the order they were made.
 */
import { randomBytes } from 'node:crypto';

const MAX_UNIX_MS = 2 ** 48 - 1;
const TWO_POW_32 = 2 ** 32;
const TWO_POW_30 = 2 ** 30;

/** State of the last id made in this process: its millisecond and its 74-bit counter, split in three. */
let lastMs = -1;
let randA = 0; // 12 bits
let randBHigh = 0; // upper 30 of the 62 rand_b bits
let randBLow = 0; // lower 32 of the 62 rand_b bits

function reseed(): void {
  const bytes = randomBytes(10);
  // The top bit of the counter starts at zero so that a burst has ~2^73 increments of room.
  randA = ((bytes[0]! & 0x07) << 8) | bytes[1]!;
  randBHigh = bytes.readUInt32BE(2) & (TWO_POW_30 - 1);
  randBLow = bytes.readUInt32BE(6);
}

/** Adds one to the 74-bit counter; returns false when it wrapped around. */
function increment(): boolean {
  randBLow += 1;
  if (randBLow < TWO_POW_32) return true;
  randBLow = 0;
  randBHigh += 1;
  if (randBHigh < TWO_POW_30) return true;
  randBHigh = 0;
  randA = (randA + 1) & 0xfff;
  return randA !== 0;
}

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function format(ms: number): string {
  const bytes = new Uint8Array(16);
  // 48-bit timestamp: split because JS bit operators work on 32 bits.
  const high = Math.floor(ms / TWO_POW_32);
  const low = ms % TWO_POW_32;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = (low >>> 24) & 0xff;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | (randA >>> 8);
  bytes[7] = randA & 0xff;
  bytes[8] = 0x80 | ((randBHigh >>> 24) & 0x3f);
  bytes[9] = (randBHigh >>> 16) & 0xff;
  bytes[10] = (randBHigh >>> 8) & 0xff;
  bytes[11] = randBHigh & 0xff;
  bytes[12] = (randBLow >>> 24) & 0xff;
  bytes[13] = (randBLow >>> 16) & 0xff;
  bytes[14] = (randBLow >>> 8) & 0xff;
  bytes[15] = randBLow & 0xff;
  let text = '';
  for (let i = 0; i < 16; i += 1) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text += '-';
    text += HEX[bytes[i]!];
  }
  return text;
}

/**
 * A new UUID v7 as lowercase hex with dashes.
 * @param now Unix milliseconds to stamp (default `Date.now()`); tests pass a fixed time.
 */
export function newId(now: number = Date.now()): string {
  if (!Number.isFinite(now) || now < 0 || now > MAX_UNIX_MS) {
    throw new RangeError(`newId: timestamp out of range: ${now}`);
  }
  let ms = Math.floor(now);
  if (ms === lastMs) {
    if (!increment()) {
      // 2^73 ids in one millisecond cannot happen; borrow the next millisecond rather than repeat an id.
      ms = lastMs + 1;
      reseed();
    }
  } else {
    // A new millisecond, or the wall clock stepped back: start a fresh random counter. Uniqueness never
    // depends on the clock; only the in-process ordering within one millisecond does.
    reseed();
  }
  lastMs = ms;
  return format(ms);
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True for a lowercase UUID version 7 with the RFC 9562 variant. */
export function isUuidV7(value: string): boolean {
  return UUID_V7.test(value);
}

/** The Unix milliseconds stamped in a UUID v7. */
export function uuidV7Time(id: string): number {
  if (!isUuidV7(id)) throw new RangeError(`not a UUID v7: ${id}`);
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
