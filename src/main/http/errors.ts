import { ERROR_CATALOGUE, type ErrorCode } from '../../shared/errors.js';

/**
 * Routes and services throw ApiError with a code of the one catalogue (src/shared/errors.ts); one middleware
 * renders the envelope `{ success: false, error: { code, message } }`.
 */
export { ERROR_CATALOGUE, type ErrorCode };

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.name = 'ApiError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = details;
  }
}

export function notFound(what: string): ApiError {
  return new ApiError('NOT_FOUND', `${what} not found`);
}
