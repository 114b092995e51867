/**
 * The sharing status, polled: every second while a sync runs (or the user's own sync is on its way), every
 * 15 s otherwise, and at once after any action (`refresh`). When a sync brought something in (`dataGeneration`
 * moved) the app's pages reload their data, the 同步冲突 badge included.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SharingStatus } from '../../../electron/contract/sharing';
import { ApiError, call } from '../api';

const RUNNING_MS = 1000;
const IDLE_MS = 15_000;

export interface SharingStatusState {
  status: SharingStatus | null;
  /** this host manages no ledger files (command line, a bare test bridge): the Chinese reason */
  unavailable: string | null;
  /** asks again at once; resolves with the fresh status (null when it could not be read) */
  refresh: () => Promise<SharingStatus | null>;
  /** bumps whenever a running sync is seen to have ended (lists that a sync changes reload on it) */
  syncsEnded: number;
  syncEnded: () => void;
}

export function useSharingStatus(opts: {
  /** the app's dataChanged: pages reload, the conflicts badge recounts */
  onDataGeneration: () => void;
  /** poll fast even before the service reports `running` (the user's sync has just been asked for) */
  busy: boolean;
}): SharingStatusState {
  const [status, setStatus] = useState<SharingStatus | null>(null);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [syncsEnded, setSyncsEnded] = useState(0);
  const wasRunning = useRef(false);
  const syncEnded = useCallback(() => setSyncsEnded((n) => n + 1), []);
  const timer = useRef<number | null>(null);
  const request = useRef(0);
  const live = useRef(true);
  const generation = useRef<number | null>(null);
  const onGeneration = useRef(opts.onDataGeneration);
  onGeneration.current = opts.onDataGeneration;
  const busy = useRef(opts.busy);
  busy.current = opts.busy;

  const refresh = useCallback(async (): Promise<SharingStatus | null> => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    const mine = ++request.current;
    let next: SharingStatus | null = null;
    try {
      next = await call('sharing.status', {});
    } catch (err) {
      if (!live.current || mine !== request.current) return null;
      if (err instanceof ApiError && err.code === 'unavailable') {
        setStatus(null);
        setUnavailable(err.message);
      }
      // anything else is passing (the service busy switching files): keep what is shown, ask again later
    }
    if (!live.current || mine !== request.current) return next;
    if (next) {
      setStatus(next);
      setUnavailable(null);
      if (generation.current !== null && next.dataGeneration !== generation.current) onGeneration.current();
      generation.current = next.dataGeneration;
      if (wasRunning.current && !next.running) setSyncsEnded((n) => n + 1);
      wasRunning.current = Boolean(next.running);
    }
    const fast = busy.current || Boolean(next?.running);
    timer.current = window.setTimeout(() => void refresh(), fast ? RUNNING_MS : IDLE_MS);
    return next;
  }, []);

  useEffect(() => {
    live.current = true;
    void refresh();
    return () => {
      live.current = false;
      request.current++;
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
    };
  }, [refresh]);

  // the user's sync starts: follow it from now on, not 15 s later
  useEffect(() => {
    if (opts.busy) void refresh();
  }, [opts.busy, refresh]);

  return { status, unavailable, refresh, syncsEnded, syncEnded };
}
