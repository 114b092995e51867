/**
 * The remedies the start-up dialog offers (open-ledger.ts), built from the sharing services: restore a damaged
 * working ledger from its newest good backup, or open a ledger found on a network/removable location as a
 * shared ledger through a local working copy. No `electron` here: tested on real files.
 */
import os from 'node:os';
import path from 'node:path';
import { newestGoodBackup, restoreFromBackup, setAsideDamaged } from '../services/sharing/backups';
import { createWorkingCopyFrom } from '../services/sharing/sync';
import { freeFileName } from '../services/workspace/workspace';
import type { RecoveryActions } from './open-ledger';

export function recoveryActions(opts: {
  /** where a working copy of a shared ledger goes (the app's ledger folder) */
  ledgerFolder: string;
  /** the backups folder of a working file (a setting) */
  backupsFolderOf: (file: string) => string;
  nativeBinding?: string;
  now?: () => Date;
}): RecoveryActions {
  const now = opts.now ?? (() => new Date());
  return {
    newestGoodBackup: (file) => newestGoodBackup(file, opts.backupsFolderOf(file)),
    restoreFromBackup: (file, backupPath) => {
      // The damaged file is renamed first (kept for a technician); the restore then fills the empty name.
      setAsideDamaged(file, { now: now(), folder: opts.backupsFolderOf(file) });
      restoreFromBackup(backupPath, file, { now: now(), nativeBinding: opts.nativeBinding });
    },
    openAsShared: async (file) => {
      const copy = freeFileName(opts.ledgerFolder, `${path.parse(file).name}.db`);
      await createWorkingCopyFrom(file, copy, { tempDir: os.tmpdir(), now, nativeBinding: opts.nativeBinding });
      return copy;
    },
  };
}
