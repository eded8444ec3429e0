import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { Logger } from '../../kernel/logger.js';
import type { Domain } from '../define.js';
import { ApiKeyGate } from './gate.js';
import { DEFAULT_CLIENT_LIMITS, DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitConfig } from './ratelimit.js';
import { apiKeyRoutes } from './routes.js';
import { ApiKeyService } from './service.js';
import { ApiKeyStore } from './store.js';

/** API keys: the keys themselves, their rate limits, and the gate every API request passes. */
export function apiKeysDomain(deps: { db: Db; clock: Clock; logger?: Logger; rateLimits?: RateLimitConfig }) {
  const config = deps.rateLimits ?? DEFAULT_RATE_LIMITS;
  const service = new ApiKeyService(new ApiKeyStore(deps.db), deps.clock, deps.logger);
  const limiter = new RateLimiter(deps.db, deps.clock, config, deps.logger);
  // Per client address, in memory: only the keys' allowances must survive a restart.
  const clients = new RateLimiter(null, deps.clock, config.perClient ?? DEFAULT_CLIENT_LIMITS);
  const domain: Domain<ApiKeyService> & { service: ApiKeyService; gate: ApiKeyGate } = {
    name: 'apikeys',
    service,
    gate: new ApiKeyGate(service, limiter, clients),
    routes: apiKeyRoutes(service),
    // Counters are written behind; the last second of them goes to disk before the database closes.
    stop: () => limiter.flush(),
  };
  return domain;
}
