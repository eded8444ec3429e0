import { accountsApi } from '../../../shared/contract/accounts.js';
import { implement } from '../../http/route.js';
import type { AccountService } from './service.js';

export function accountRoutes(accounts: AccountService) {
  return implement(accountsApi, {
    list: () => ({ accounts: accounts.list() }),
    switch: ({ body }) => ({ account: accounts.switchTo(body.accountId) }),
    create: ({ body }) => ({ account: accounts.create(body) }),
    get: ({ params }) => ({ account: accounts.get(params.id) }),
    update: ({ params, body }) => ({ account: accounts.update(params.id, body) }),
    delete: ({ params }) => {
      accounts.delete(params.id);
      return { deleted: params.id };
    },
  });
}
