import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { Domain } from '../define.js';
import { ApiKeyGate } from './gate.js';
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitConfig } from './ratelimit.js';
import { apiKeyRoutes } from './routes.js';
import { ApiKeyService } from './service.js';
import { ApiKeyStore } from './store.js';

/** API keys: the keys themselves, their rate limits, and the gate every authenticated request passes. */
export function apiKeysDomain(deps: { db: Db; clock: Clock; rateLimits?: RateLimitConfig }) {
  const service = new ApiKeyService(new ApiKeyStore(deps.db), deps.clock);
  const limiter = new RateLimiter(deps.db, deps.clock, deps.rateLimits ?? DEFAULT_RATE_LIMITS);
  const domain: Domain<ApiKeyService> & { service: ApiKeyService; gate: ApiKeyGate } = {
    name: 'apikeys',
    service,
    gate: new ApiKeyGate(service, limiter),
    routes: apiKeyRoutes(service),
    // Counters are written behind; the last second of them goes to disk before the database closes.
    stop: () => limiter.flush(),
  };
  return domain;
}
