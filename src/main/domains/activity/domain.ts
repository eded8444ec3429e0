import type { Db } from '../../kernel/db/database.js';
import type { EventBus } from '../../kernel/events/bus.js';
import type { AccountService } from '../accounts/service.js';
import type { Domain } from '../define.js';
import { activityRoutes } from './routes.js';
import { ActivityService } from './service.js';
import { ActivityStore } from './store.js';

/** The activity feed's history: a bounded log of the events the dashboard's feed shows (GET /activity). */
export function activityDomain(deps: { db: Db; bus: EventBus; accounts: AccountService }) {
  const service = new ActivityService(new ActivityStore(deps.db));
  // Subscribed when built, like the analytics recorder, so nothing published while the app starts is missed.
  deps.bus.subscribe(service.record);
  const domain: Domain<ActivityService> & { service: ActivityService } = {
    name: 'activity',
    service,
    routes: activityRoutes(service, deps.accounts),
  };
  return domain;
}
