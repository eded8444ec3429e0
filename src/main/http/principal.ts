import type { Scope } from '../../shared/scopes.js';

/** Who is calling: the dashboard's per-launch session (every scope), or an API key. */
export type Principal = { kind: 'session'; scopes: null } | { kind: 'key'; keyId: string; name: string; scopes: Scope[] | null };

/** The rate-limit state reported in X-RateLimit-* headers (on every answer to a counted request). */
export interface RateState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when the binding window resets. */
  reset: number;
  retryAfterSeconds: number;
}

/**
 * The API-key sequence in one call: authenticate the presented secret, count the request against its
 * allowance, check the scope. Implemented by the apikeys domain; the server only presents what it received.
 * Throws ApiError (INVALID_API_KEY, INSUFFICIENT_SCOPE); a spent allowance comes back as `rate.allowed=false`
 * so the server can still send the headers.
 */
export interface KeyGate {
  admit(presented: string | undefined, scope: Scope | readonly Scope[] | null): { principal: Principal; rate: RateState | null };
}
