import { activityApi } from '../../../shared/contract/activity.js';
import { implement } from '../../http/route.js';
import type { AccountService } from '../accounts/service.js';
import type { ActivityService } from './service.js';

export function activityRoutes(activity: ActivityService, accounts: AccountService) {
  return implement(activityApi, {
    list: ({ query }) => activity.list(accounts.resolve(query.account).id, query.limit),
  });
}
