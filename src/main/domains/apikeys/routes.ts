import { apiKeysApi } from '../../../shared/contract/apikeys.js';
import { implement } from '../../http/route.js';
import type { ApiKeyService } from './service.js';

export function apiKeyRoutes(keys: ApiKeyService) {
  return implement(apiKeysApi, {
    list: () => ({ keys: keys.list() }),
    create: ({ body }) => keys.create(body.name, body.scopes ?? null),
    revoke: ({ params }) => ({ apiKey: keys.revoke(params.id) }),
  });
}
