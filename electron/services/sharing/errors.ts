/**
 * The errors the sharing services raise on purpose. Like LedgerDbError, each message is a complete Chinese
 * sentence for the user (what happened, what was left untouched, what to do); the shell and the command line
 * show it as it is and branch on `code`.
 */

export type SharingErrorCode =
  /** another PC or process holds `<shared>.lock` */
  | 'lock_held'
  /** the lock looks abandoned; breaking it needs the user's confirmation (`breakStaleLock`) */
  | 'lock_stale'
  /** our lock file was removed or replaced by someone else while we synced */
  | 'lock_lost'
  /** the shared file kept changing under us: we gave up rather than overwrite unseen changes */
  | 'shared_changed'
  /** the user cancelled; the shared file was not touched */
  | 'cancelled'
  /** the shared file or its folder cannot be reached */
  | 'shared_unreachable'
  /** the file written beside the shared one did not read back identical */
  | 'write_verify_failed'
  /** a working database on a network share or removable drive */
  | 'location_refused'
  /** a target that must not be overwritten already exists */
  | 'target_exists'
  /** a backup chosen for restoring failed its checks */
  | 'backup_invalid'
  /** the shared file chosen is the working database itself */
  | 'same_file'
  /** the working database is open elsewhere (the app, another command) and cannot be replaced now */
  | 'in_use';

export class SharingError extends Error {
  override readonly name = 'SharingError';
  readonly code: SharingErrorCode;

  constructor(code: SharingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
