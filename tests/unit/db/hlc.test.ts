import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_WARNING_MS, compareHlc, detectClockSkew, formatHlc, HybridClock, isHlc, maxHlc, parseHlc } from '../../../db/hlc';
import { ManualTime } from './helpers';

const T0 = Date.UTC(2016, 2, 2, 9, 0, 0);

describe('HLC text form', () => {
  it('is 15-digit ms, 6-digit counter and the device id', () => {
    expect(formatHlc(T0, 7, 'dev-a')).toBe(`${String(T0).padStart(15, '0')}-000007-dev-a`);
    expect(parseHlc(formatHlc(T0, 7, 'dev-a'))).toEqual({ ms: T0, counter: 7, deviceId: 'dev-a' });
  });

  it('keeps dashes inside the device id', () => {
    const device = '01890a5d-ac96-774b-bcce-b302099a8057';
    expect(parseHlc(formatHlc(1, 2, device)).deviceId).toBe(device);
  });

  it('rejects anything else', () => {
    for (const bad of ['', '123-000001-d', `${String(T0).padStart(15, '0')}-1-d`, `${String(T0).padStart(15, '0')}-000001-`]) {
      expect(isHlc(bad)).toBe(false);
      expect(() => parseHlc(bad)).toThrow(RangeError);
    }
  });

  it('sorts as text exactly as (ms, counter, device)', () => {
    const stamps = [formatHlc(T0 + 1, 0, 'a'), formatHlc(T0, 10, 'a'), formatHlc(T0, 9, 'b'), formatHlc(T0, 9, 'a'), formatHlc(999, 999999, 'z')];
    const byText = [...stamps].sort(compareHlc);
    const byParts = [...stamps].sort((x, y) => {
      const a = parseHlc(x);
      const b = parseHlc(y);
      return a.ms - b.ms || a.counter - b.counter || (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0);
    });
    expect(byText).toEqual(byParts);
    expect(maxHlc(stamps[0], stamps[1])).toBe(stamps[0]);
    expect(maxHlc(null, stamps[1])).toBe(stamps[1]);
  });
});

describe('HybridClock', () => {
  it('follows the wall clock and counts within one millisecond', () => {
    const time = new ManualTime(T0);
    const clock = new HybridClock('a', time.wall);
    expect(clock.now()).toBe(formatHlc(T0, 0, 'a'));
    expect(clock.now()).toBe(formatHlc(T0, 1, 'a'));
    time.advance(5);
    expect(clock.now()).toBe(formatHlc(T0 + 5, 0, 'a'));
    expect(clock.last).toBe(formatHlc(T0 + 5, 0, 'a'));
  });

  it('never goes backwards when the wall clock is set back', () => {
    const time = new ManualTime(T0);
    const clock = new HybridClock('a', time.wall);
    const before = clock.now();
    time.advance(-3_600_000);
    const after = clock.now();
    expect(after > before).toBe(true);
    expect(parseHlc(after).ms).toBe(T0);
    expect(clock.driftMs).toBe(3_600_000);
  });

  it('continues after a persisted value even if the wall clock is behind it', () => {
    const time = new ManualTime(T0 - 10_000);
    const last = formatHlc(T0, 41, 'a');
    const clock = new HybridClock('a', time.wall, last);
    expect(clock.now() > last).toBe(true);
  });

  it('after observing a remote stamp, issues stamps above it', () => {
    const time = new ManualTime(T0);
    const clock = new HybridClock('a', time.wall);
    clock.now();
    const remote = formatHlc(T0 + 60_000, 5, 'b');
    clock.observe(remote);
    const next = clock.now();
    expect(next > remote).toBe(true);
    expect(parseHlc(next)).toEqual({ ms: T0 + 60_000, counter: 7, deviceId: 'a' });
  });

  it('observing an older remote stamp does not move it back', () => {
    const time = new ManualTime(T0);
    const clock = new HybridClock('a', time.wall);
    const mine = clock.now();
    clock.observe(formatHlc(T0 - 1000, 3, 'b'));
    expect(clock.now() > mine).toBe(true);
  });

  it('observing the same millisecond takes the larger counter', () => {
    const time = new ManualTime(T0);
    const clock = new HybridClock('a', time.wall);
    clock.now(); // counter 0
    clock.observe(formatHlc(T0, 9, 'b'));
    expect(clock.last).toBe(formatHlc(T0, 10, 'a'));
  });

  it('moves to the next millisecond instead of overflowing the counter', () => {
    const time = new ManualTime(T0);
    const clock = new HybridClock('a', time.wall, formatHlc(T0, 999_999, 'a'));
    expect(clock.now()).toBe(formatHlc(T0 + 1, 0, 'a'));
  });

  it('is strictly increasing over many calls with a frozen clock', () => {
    const clock = new HybridClock('a', () => T0);
    let previous = clock.now();
    for (let i = 0; i < 2000; i += 1) {
      const next = clock.now();
      expect(next > previous).toBe(true);
      previous = next;
    }
  });

  it('treats a broken wall clock as zero rather than producing garbage', () => {
    const clock = new HybridClock('a', () => Number.NaN);
    expect(isHlc(clock.now())).toBe(true);
  });

  it('refuses an empty device id or an invalid persisted value', () => {
    expect(() => new HybridClock('', () => T0)).toThrow(RangeError);
    expect(() => new HybridClock('a', () => T0, 'yesterday')).toThrow(RangeError);
  });
});

describe('detectClockSkew', () => {
  it('flags a remote stamp far ahead of this PC', () => {
    const remote = formatHlc(T0 + CLOCK_SKEW_WARNING_MS + 1, 0, 'b');
    expect(detectClockSkew(remote, T0)).toEqual({ skewMs: CLOCK_SKEW_WARNING_MS + 1, farOff: true });
  });

  it('does not flag a small difference or an old stamp', () => {
    expect(detectClockSkew(formatHlc(T0 + 1000, 0, 'b'), T0).farOff).toBe(false);
    expect(detectClockSkew(formatHlc(T0 - 86_400_000, 0, 'b'), T0).farOff).toBe(false);
  });

  it('uses the given tolerance', () => {
    expect(detectClockSkew(formatHlc(T0 + 2000, 0, 'b'), T0, 1000).farOff).toBe(true);
  });
});
