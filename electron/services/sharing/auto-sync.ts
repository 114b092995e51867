/**
 * When syncs run (sharing.md, model 3): when the user asks, at start, at exit, and every few minutes while the
 * shared file is reachable. Plain Node with an injected `runSync`, so the shell only wires it to its window.
 *
 * Rules:
 * - Never two syncs at once: asking while one runs returns the running one.
 * - Automatic runs (timer, start, exit) are skipped while the shared file is unreachable (a USB stick pulled,
 *   the VPN down) or while paused; a lock held by another PC is simply tried again next time. Anything that
 *   needs the user (a stale lock, a damaged shared file) is reported once through `onError`.
 * - After 撤销本次同步 the shell calls `pause()`: otherwise the next automatic run brings the undone changes
 *   straight back. A sync the user asks for resumes the automatic runs.
 */
import { existsSync } from 'node:fs';
import { LockHeldError } from './lock';
import type { SyncResult } from './sync';

export type SyncTrigger = 'user' | 'start' | 'timer' | 'exit';

export interface AutoSyncOptions {
  sharedPath: string;
  /** minutes between automatic runs (a setting); 0 turns the timer off */
  intervalMinutes: number;
  /** one sync; the shell calls syncWithSharedFile with the open ledger and passes the signal on */
  runSync: (trigger: SyncTrigger, signal: AbortSignal) => Promise<SyncResult>;
  onResult?: (result: SyncResult, trigger: SyncTrigger) => void;
  onError?: (error: unknown, trigger: SyncTrigger) => void;
  /** default: the shared file exists */
  isReachable?: (sharedPath: string) => boolean;
}

export class AutoSync {
  private readonly options: AutoSyncOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SyncResult | null> | null = null;
  private controller: AbortController | null = null;
  private paused = false;

  constructor(options: AutoSyncOptions) {
    this.options = options;
  }

  /** Starts the timer and runs the start-up sync. */
  start(): Promise<SyncResult | null> {
    this.schedule();
    return this.trigger('start');
  }

  /** Starts the timer only (the ledger was just synced, linked or exported: no start-up sync needed). */
  startTimer(): void {
    this.schedule();
  }

  /** Resolves when no sync is running (a running one finished, failed or was cancelled). */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Stops the timer and cancels a running sync at its next safe point. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.controller?.abort();
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Automatic runs stop until the user syncs on purpose (after 撤销本次同步). */
  pause(): void {
    this.paused = true;
  }

  /** Cancels the running sync at its next safe point; the shared file stays untouched. */
  cancel(): void {
    this.controller?.abort();
  }

  /** A sync the user asked for: runs even when paused (and resumes), reports every error. */
  syncNow(): Promise<SyncResult | null> {
    this.paused = false;
    return this.trigger('user');
  }

  /** The sync at exit: skipped when paused or unreachable; the shell may `cancel()` it after a time limit. */
  syncAtExit(): Promise<SyncResult | null> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.trigger('exit');
  }

  private schedule(): void {
    if (this.timer || this.options.intervalMinutes <= 0) return;
    this.timer = setInterval(() => void this.trigger('timer'), this.options.intervalMinutes * 60_000);
    this.timer.unref?.();
  }

  private reachable(): boolean {
    return (this.options.isReachable ?? existsSync)(this.options.sharedPath);
  }

  private trigger(trigger: SyncTrigger): Promise<SyncResult | null> {
    if (this.running) return this.running;
    if (trigger !== 'user' && (this.paused || !this.reachable())) return Promise.resolve(null);
    const controller = new AbortController();
    this.controller = controller;
    const run = this.options
      .runSync(trigger, controller.signal)
      .then((result) => {
        this.options.onResult?.(result, trigger);
        return result;
      })
      .catch((error: unknown) => {
        // Another PC syncing right now is routine for an automatic run: the next one will get through.
        const routine = trigger !== 'user' && error instanceof LockHeldError && !error.stale;
        if (!routine) this.options.onError?.(error, trigger);
        return null;
      })
      .finally(() => {
        this.running = null;
        this.controller = null;
      });
    this.running = run;
    return run;
  }
}
