import { afterEach, describe, expect, it, vi } from 'vitest';
import { AutoSync, type SyncTrigger } from '../../../electron/services/sharing/auto-sync';
import { LockHeldError } from '../../../electron/services/sharing/lock';
import type { SyncResult } from '../../../electron/services/sharing/sync';

const RESULT = { mode: 'merged' } as SyncResult;

function harness(opts: { reachable?: () => boolean; fail?: (trigger: SyncTrigger) => unknown } = {}) {
  const runs: SyncTrigger[] = [];
  const errors: unknown[] = [];
  let release: (() => void) | null = null;
  const auto = new AutoSync({
    sharedPath: '\\\\fileserver\\督查科\\共享台账.db',
    intervalMinutes: 5,
    isReachable: opts.reachable ?? (() => true),
    runSync: (trigger, signal) => {
      runs.push(trigger);
      return new Promise<SyncResult>((resolve, reject) => {
        release = () => {
          const failure = opts.fail?.(trigger);
          if (signal.aborted) reject(new Error('cancelled'));
          else if (failure) reject(failure);
          else resolve(RESULT);
        };
      });
    },
    onError: (error) => errors.push(error),
  });
  return { auto, runs, errors, finish: () => release?.() };
}

afterEach(() => vi.useRealTimers());

describe('when syncs run', () => {
  it('syncs at start and every interval, never two at once', async () => {
    vi.useFakeTimers();
    const h = harness();
    const first = h.auto.start();
    expect(h.auto.syncNow()).toBe(first); // joins the running one
    h.finish();
    expect(await first).toBe(RESULT);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(h.runs).toEqual(['start', 'timer']);
    h.finish();
    h.auto.stop();
  });

  it('skips automatic runs while the shared file is unreachable or after an undo, but not the user’s', async () => {
    let reachable = false;
    const h = harness({ reachable: () => reachable });
    expect(await h.auto.start()).toBeNull();
    reachable = true;
    h.auto.pause();
    expect(await h.auto.syncAtExit()).toBeNull();
    const asked = h.auto.syncNow();
    h.finish();
    expect(await asked).toBe(RESULT);
    expect(h.auto.isPaused).toBe(false);
    expect(h.runs).toEqual(['user']);
  });

  it('retries a lock held by another PC quietly, but reports a stale lock and the user’s failures', async () => {
    const held = new LockHeldError(null, false, '共享台账正被 PC-07（张三）同步');
    const stale = new LockHeldError(null, true, '看起来已经中断');
    let next: unknown = held;
    const h = harness({ fail: () => next });
    let run = h.auto.start();
    h.finish();
    await run;
    expect(h.errors).toEqual([]);
    next = stale;
    run = h.auto.syncAtExit();
    h.finish();
    await run;
    next = held;
    run = h.auto.syncNow();
    h.finish();
    await run;
    expect(h.errors).toEqual([stale, held]);
  });

  it('cancels a running sync', async () => {
    const h = harness();
    const run = h.auto.syncNow();
    h.auto.cancel();
    h.finish();
    expect(await run).toBeNull();
    expect((h.errors[0] as Error).message).toBe('cancelled');
    expect(h.auto.isRunning).toBe(false);
  });
});
