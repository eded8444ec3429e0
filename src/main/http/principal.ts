import type { Scope } from '../../shared/scopes.js';
import type { ApiError } from './errors.js';

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

/** What the gate decided about one request. */
export interface Admission {
  /** Null when nobody was authenticated (a public route, or a refused key). */
  principal: Principal | null;
  /** The allowance the request was counted against (a key's, or its client's); null for the dashboard session. */
  rate: RateState | null;
  /** INVALID_API_KEY or INSUFFICIENT_SCOPE; answered after the rate-limit headers are set. */
  refusal: ApiError | null;
}

/**
 * The API-key sequence in one call: authenticate the presented secret, count the request against its
 * allowance, check the scope. Implemented by the apikeys domain; the server only presents what it received.
 * `scope` 'public' (health, the OpenAPI document, a mistyped path without a key) authenticates nobody and
 * counts the request against the client's allowance, as is every request whose key is refused. A spent
 * allowance comes back as `rate.allowed=false`, and a refusal as `refusal`, so the server can still send
 * the headers.
 */
export interface KeyGate {
  admit(presented: string | undefined, scope: Scope | readonly Scope[] | null | 'public', client: string): Admission;
}
