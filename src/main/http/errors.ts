/**
 * The one error catalogue. Routes and services throw ApiError; one middleware renders the envelope
 * `{ success: false, error: { code, message } }`. Codes and statuses follow the API reference's table,
 * plus the few this app adds (INSUFFICIENT_SCOPE, PAYLOAD_TOO_LARGE, CONFLICT, INTERNAL_ERROR, ...).
 */
export const ERROR_CATALOGUE = {
  INVALID_API_KEY: { status: 401, message: 'The provided API key is invalid or expired' },
  RATE_LIMIT_EXCEEDED: { status: 429, message: 'Too many requests' },
  INSUFFICIENT_TIER: { status: 403, message: 'Feature requires Business tier' },
  INSUFFICIENT_SCOPE: { status: 403, message: 'The API key lacks the scope this action needs' },
  VALIDATION_ERROR: { status: 400, message: 'Invalid request parameters' },
  BOT_INACTIVE: { status: 400, message: 'Bot must be active for this action' },
  NOT_FOUND: { status: 404, message: 'Resource not found' },
  CONFLICT: { status: 409, message: 'The request conflicts with the current state' },
  FORBIDDEN_HOST: { status: 403, message: 'Requests must be addressed to a loopback host' },
  FORBIDDEN_ORIGIN: { status: 403, message: 'Cross-origin requests are not allowed' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Request body must be JSON' },
  CHAT_UNAVAILABLE: { status: 503, message: 'No chat session is connected' },
  STORAGE_FULL: { status: 507, message: 'The disk is full: free space and try again; nothing was saved' },
  STORAGE_READ_ONLY: { status: 503, message: 'The data folder is read-only: make it writable and try again; nothing was saved' },
  INTERNAL_ERROR: { status: 500, message: 'An unexpected error occurred' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

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
