import type { ErrorCode } from '../contract/types';

/** A failure the user can act on: code for the program, one Chinese sentence for the person. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const notFound = (what: string) => new ServiceError('not_found', `找不到该${what}，可能已被删除。请刷新后重试。`);
