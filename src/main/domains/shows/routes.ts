import { showsApi } from '../../../shared/contract/shows.js';
import { implement } from '../../http/route.js';
import type { AccountService } from '../accounts/service.js';
import type { ShowService } from './service.js';

export function showRoutes(shows: ShowService, accounts: AccountService) {
  const account = (id: string | undefined) => accounts.resolve(id).id;
  return implement(showsApi, {
    list: ({ query }) => ({ shows: shows.list(account(query.account), query.limit) }),
    current: ({ query }) => ({ show: shows.current(account(query.account)) }),
    get: ({ params }) => ({ show: shows.get(params.id) }),
    events: ({ params, query }) => ({ events: shows.streamEvents(params.id, query.limit) }),
  });
}
