import { z } from 'zod';

/**
 * The one error catalogue: every `{ success: false, error: { code, message } }` the API answers carries one of
 * these codes with its HTTP status. The reference's table first, then the codes this app adds.
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
  METHOD_NOT_ALLOWED: { status: 405, message: 'This path does not support the method; the Allow header (and error.allow) lists those it does' },
  MALFORMED_REQUEST: { status: 400, message: 'The HTTP request could not be parsed' },
  REQUEST_TIMEOUT: { status: 408, message: 'The request was not received in time' },
  URI_TOO_LONG: { status: 414, message: 'The URL is too long' },
  REQUEST_HEADER_TOO_LARGE: { status: 431, message: 'The request headers are too large' },
  INTERNAL_ERROR: { status: 500, message: 'An unexpected error occurred' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

export const errorEnvelopeSchema = z.object({
  success: z.literal(false),
  error: z.object({ code: z.string(), message: z.string() }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
