import { ApiError } from './errors.js';
import { LogThrottle } from '../kernel/log-throttle.js';
import { errorCode, failureKind, plainCause } from '../kernel/storage-error.js';
import type { Logger } from '../kernel/logger.js';

/**
 * A request that fails because the data folder cannot take a write (the disk filled up, the disk was remounted
 * read-only, its rights changed) is answered with a code the caller can act on instead of a 500:
 * - STORAGE_FULL (507 Insufficient Storage): SQLITE_FULL, ENOSPC, EDQUOT. Retry once space is freed.
 * - STORAGE_READ_ONLY (503 Service Unavailable): SQLITE_READONLY*, EROFS, EACCES/EPERM. The condition is outside
 *   the request and lasts until someone fixes the folder; reads keep working. 503, not 507, so a client can tell
 *   "wait for an operator" apart from "space ran out".
 * The log gets one line per kind of failure a minute (with how many were held back), never a stack per request.
 */

/** Per logger, so two apps in one process (tests) keep their own count. */
const throttles = new WeakMap<Logger, LogThrottle>();

function throttleFor(logger: Logger): LogThrottle {
  let t = throttles.get(logger);
  if (!t) throttles.set(logger, (t = new LogThrottle()));
  return t;
}

/** True for a failure this module answers (and logs) itself. */
export function isStorageFailure(err: unknown): boolean {
  const kind = failureKind(err);
  return kind === 'full' || kind === 'read-only' || kind === 'permission';
}

/**
 * The ApiError for a storage failure (see isStorageFailure), logging it at most once a minute per kind.
 * `where` names the request ("POST /api/v1/messages/send") in the log line.
 */
export function storageApiError(err: unknown, logger: Logger, where: string, throttle = throttleFor(logger)): ApiError {
  const kind = failureKind(err);
  const code = errorCode(err) ?? 'unknown';
  const apiError =
    kind === 'full'
      ? new ApiError('STORAGE_FULL')
      : kind === 'permission'
        ? new ApiError('STORAGE_READ_ONLY', 'BuzzChat has no permission to write in its data folder: fix its rights and try again; nothing was saved')
        : new ApiError('STORAGE_READ_ONLY');
  const held = throttle.pass(kind ?? code);
  if (held !== null) {
    const more = held > 0 ? ` (${held} more since the last line like this)` : '';
    logger.error(`Storage: ${plainCause(kind ?? 'read-only')} (${code}) on ${where}; answering ${apiError.code} ${apiError.status}${more}`);
  }
  return apiError;
}
