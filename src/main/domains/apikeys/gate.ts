import type { Scope } from '../../../shared/scopes.js';
import type { KeyGate, Principal, RateState } from '../../http/principal.js';
import type { RateLimiter } from './ratelimit.js';
import { requireScope, type ApiKeyService } from './service.js';

/**
 * The API-key sequence the server runs before every authenticated route, in one call: who is calling
 * (INVALID_API_KEY), count the request against the key's allowance, then the scope (INSUFFICIENT_SCOPE).
 * The dashboard session is not rate-limited. A spent allowance is returned, not thrown, so the answer still
 * carries the X-RateLimit-* headers.
 */
export class ApiKeyGate implements KeyGate {
  constructor(
    private keys: ApiKeyService,
    private limiter: RateLimiter,
  ) {}

  admit(presented: string | undefined, scope: Scope | readonly Scope[] | null): { principal: Principal; rate: RateState | null } {
    const principal = this.keys.authenticate(presented);
    const rate = principal.kind === 'key' ? this.limiter.consume(principal.keyId) : null;
    if (rate && !rate.allowed) return { principal, rate };
    if (scope !== null) requireScope(principal, scope);
    return { principal, rate };
  }
}
