import type { Scope } from '../../../shared/scopes.js';
import { ApiError } from '../../http/errors.js';
import type { Admission, KeyGate } from '../../http/principal.js';
import type { RateLimiter } from './ratelimit.js';
import { requireScope, type ApiKeyService } from './service.js';

/**
 * The API-key sequence the server runs before every API answer, in one call: who is calling (INVALID_API_KEY),
 * count the request against the key's allowance, then the scope (INSUFFICIENT_SCOPE). Requests without a usable
 * key (public routes, no key, a wrong one) are counted per client address instead, so guessing keys is slowed
 * and every answer has X-RateLimit-* headers. The dashboard session is not rate-limited. Refusals are returned,
 * not thrown, so the answer still carries the headers.
 */
export class ApiKeyGate implements KeyGate {
  constructor(
    private keys: ApiKeyService,
    private limiter: RateLimiter,
    private clients: RateLimiter,
  ) {}

  admit(presented: string | undefined, scope: Scope | readonly Scope[] | null | 'public', client: string): Admission {
    if (scope === 'public') return { principal: null, rate: this.clients.consume(client), refusal: null };
    let principal;
    try {
      principal = this.keys.authenticate(presented);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return { principal: null, rate: this.clients.consume(client), refusal: err };
    }
    const rate = principal.kind === 'key' ? this.limiter.consume(principal.keyId) : null;
    if (rate && !rate.allowed) return { principal, rate, refusal: null };
    try {
      if (scope !== null) requireScope(principal, scope);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return { principal, rate, refusal: err };
    }
    return { principal, rate, refusal: null };
  }
}
