import type { EventBus } from '../../kernel/events/bus.js';
import type { Clock } from '../../kernel/clock.js';
import type { AccountService } from '../accounts/service.js';
import type { ApiKeyService } from '../apikeys/service.js';
import type { GiveawayService } from '../giveaway/service.js';
import type { SettingsService } from '../settings/service.js';

/** What the overlays use of the rest of the app (their own file: the pages, routes, state and stream all take it). */
export interface OverlaysDeps {
  bus: EventBus;
  clock: Clock;
  keys: Pick<ApiKeyService, 'authenticate'>;
  accounts: Pick<AccountService, 'resolve'>;
  settings: Pick<SettingsService, 'get'>;
  giveaway: Pick<GiveawayService, 'entryCount' | 'draws'>;
}
