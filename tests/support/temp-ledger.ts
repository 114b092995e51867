/** A real ledger file in a fresh temp folder, with a fixed clock, for service tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeAppContext, openAppContext, type ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { handlers } from '../../electron/services/handlers';
import type { Channel, ChannelInput, ChannelOutput } from '../../electron/contract/channels';
import type { Result } from '../../electron/contract/types';

export interface TempLedger {
  dir: string;
  file: string;
  ctx: ServiceContext;
  /** Calls a channel through the real dispatch wrapper (zod parsing included). */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Same, but throws on `{ ok: false }` so a test reads like a script. */
  ok<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  setToday(isoDate: string): void;
  close(): Promise<void>;
}

/** A wall clock fixed at 10:00 local time on the given date. */
export function fixedClock(isoDate: string): () => Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return () => new Date(y, m - 1, d, 10, 0, 0);
}

export function tempDir(prefix = 'ledger-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function openTempLedger(today = '2016-09-20'): Promise<TempLedger> {
  const dir = tempDir();
  const file = path.join(dir, '督查台账.db');
  let clock = fixedClock(today);
  const ctx = openAppContext({ file, now: () => clock() });
  const call = <C extends Channel>(channel: C, input: ChannelInput<C>) =>
    dispatch(handlers, ctx, channel, input, (err) => {
      throw err;
    }) as Promise<Result<ChannelOutput<C>>>;
  return {
    dir,
    file,
    ctx,
    call,
    async ok(channel, input) {
      const result = await call(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`);
      return result.value;
    },
    setToday(isoDate: string) {
      clock = fixedClock(isoDate);
      ctx.calendarCache = null;
    },
    async close() {
      await closeAppContext(ctx);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
