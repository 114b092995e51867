/**
 * The errors the sharing services raise on purpose. Like LedgerDbError, each message is a complete Chinese
 * sentence for the user (what happened, what was left untouched, what to do); the shell and the command line
 * show it as it is and branch on `code`.
 */

import type { SharingErrorCode } from '../../contract/types';

export type { SharingErrorCode };

export class SharingError extends Error {
  override readonly name = 'SharingError';
  readonly code: SharingErrorCode;

  constructor(code: SharingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
