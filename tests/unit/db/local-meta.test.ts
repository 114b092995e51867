import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHlc, HybridClock, parseHlc } from '../../../db/hlc';
import { isUuidV7 } from '../../../db/ids';
import {
  ensureDeviceId,
  highestKnownHlc,
  LAST_HLC_KEY,
  readLocalMeta,
  resetDeviceId,
  restoreClock,
  saveClock,
  writeLocalMeta,
} from '../../../db/local-meta';
import { insertRow } from '../../../db/repository';
import { UNIT } from './fixtures';
import { ManualTime, openTestLedger, tempDir } from './helpers';

const T0 = Date.UTC(2016, 2, 2);

function setUp() {
  const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
  return { ledger, sqlite: ledger.sqlite, deviceId: ledger.deviceId! };
}

describe('device id', () => {
  it('is created once and then read back', () => {
    const { sqlite, deviceId } = setUp();
    expect(isUuidV7(deviceId)).toBe(true);
    expect(ensureDeviceId(sqlite)).toBe(deviceId);
  });

  it('can be replaced for a working copy of someone else’s file, forgetting their clock', () => {
    const { sqlite, deviceId } = setUp();
    writeLocalMeta(sqlite, LAST_HLC_KEY, formatHlc(T0, 0, deviceId));
    const fresh = resetDeviceId(sqlite);
    expect(fresh).not.toBe(deviceId);
    expect(ensureDeviceId(sqlite)).toBe(fresh);
    expect(readLocalMeta(sqlite, LAST_HLC_KEY)).toBeNull();
  });
});

describe('clock across restarts', () => {
  it('a restored clock continues above the last write, even with the PC clock set back', async () => {
    const { ledger, sqlite, deviceId } = setUp();
    const time = new ManualTime(T0);
    const clock = new HybridClock(deviceId, time.wall);
    const ctx = { clock, deviceId, operator: '张三', now: time.date };
    await ledger.db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { ...UNIT }));
    const written = clock.last;
    // Nothing saved to local_meta: the change log alone carries the stamp.
    expect(readLocalMeta(sqlite, LAST_HLC_KEY)).toBeNull();

    time.advance(-3_600_000);
    const restored = restoreClock(sqlite, deviceId, time.wall);
    expect(restored.now() > written).toBe(true);
  });

  it('takes the saved value when it is ahead of the change log (a merge observed a later stamp)', () => {
    const { sqlite, deviceId } = setUp();
    const clock = new HybridClock(deviceId, () => T0);
    clock.observe(formatHlc(T0 + 60_000, 4, 'peer'));
    saveClock(sqlite, clock);
    expect(highestKnownHlc(sqlite)).toBe(clock.last);
    const restored = restoreClock(sqlite, deviceId, () => T0);
    expect(parseHlc(restored.now())).toEqual({ ms: T0 + 60_000, counter: 6, deviceId });
  });

  it('saveClock never lowers the stored value', () => {
    const { sqlite, deviceId } = setUp();
    const ahead = new HybridClock(deviceId, () => T0 + 1000);
    ahead.now();
    saveClock(sqlite, ahead);
    const behind = new HybridClock(deviceId, () => T0);
    behind.now();
    saveClock(sqlite, behind);
    expect(readLocalMeta(sqlite, LAST_HLC_KEY)).toBe(ahead.last);
  });

  it('ignores a damaged saved value instead of failing to start', () => {
    const { sqlite, deviceId } = setUp();
    writeLocalMeta(sqlite, LAST_HLC_KEY, 'garbage');
    expect(highestKnownHlc(sqlite)).toBeNull();
    expect(() => restoreClock(sqlite, deviceId, () => T0).now()).not.toThrow();
  });
});
