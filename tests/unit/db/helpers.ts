/** Shared set-up for the database tests: real files in temporary folders, a controllable clock. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { openLedger, type Ledger, type OpenLedgerOptions } from '../../../db/connection';
import { HybridClock } from '../../../db/hlc';
import type { WriteContext } from '../../../db/repository';

/** A fresh folder, removed when the current test ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** Opens a ledger that is closed when the current test ends. */
export function openTestLedger(file: string, opts: OpenLedgerOptions = {}): Ledger {
  const ledger = openLedger(file, opts);
  onTestFinished(() => ledger.close());
  return ledger;
}

/** A wall clock the test moves by hand (Unix ms). */
export class ManualTime {
  constructor(public ms: number) {}
  readonly wall = (): number => this.ms;
  readonly date = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export const DEVICE_ID = '01890a5d-ac96-774b-bcce-b302099a8057';

export function writeContext(time: ManualTime, operator = '张三', deviceId = DEVICE_ID): WriteContext {
  return { clock: new HybridClock(deviceId, time.wall), deviceId, operator, now: time.date };
}
