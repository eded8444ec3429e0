import type { StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.js';
import type { LiveEvent } from '../api/types.js';
import { createAccountsStore } from './accounts.js';
import { createAlertsStore } from './alerts.js';
import { createAnalyticsStore } from './analytics.js';
import { createAssistantsStore } from './assistants.js';
import { createBackupsStore } from './backups.js';
import { createChatStore } from './chat.js';
import { createCheckPageStore } from './check-page.js';
import { createGiveawayStore } from './giveaway.js';
import { createKeysStore } from './keys.js';
import { createLiveStore } from './live.js';
import { createOverlaysStore } from './overlays.js';
import { createOverviewStore } from './overview.js';
import { createSettingsStore } from './settings.js';
import { createShowsStore } from './shows.js';
import { createNewcomerStore } from './newcomer.js';
import { createWebhooksStore } from './webhooks.js';

/** One store per screen area, all built from one API client; the live stream fans out to them. */
export function createStores(api: ApiClient) {
  const stores = {
    live: createLiveStore(),
    alerts: createAlertsStore(api),
    overview: createOverviewStore(api),
    chat: createChatStore(api),
    checkPage: createCheckPageStore(api),
    giveaway: createGiveawayStore(api),
    settings: createSettingsStore(api),
    analytics: createAnalyticsStore(api),
    shows: createShowsStore(api),
    newcomer: createNewcomerStore(api),
    webhooks: createWebhooksStore(api),
    keys: createKeysStore(api),
    // The assistant's key appears in the keys list as soon as it is made.
    assistants: createAssistantsStore(api, () => void stores.keys.getState().load()),
    backups: createBackupsStore(api),
    // The overlay key appears in the keys list as soon as it is made.
    overlays: createOverlaysStore(api, () => void stores.keys.getState().load()),
    accounts: createAccountsStore(api, () => reloadAccountScoped()),
  };

  /** Everything that belongs to the active account: refetched after a switch. */
  function reloadAccountScoped(): void {
    // Lines and queue of the previous account must not linger under the new one.
    stores.chat.setState({ lines: [], outgoing: [], sendError: null, search: null, notice: null });
    stores.checkPage.setState({ open: false, diagnosis: null, error: null });
    void stores.overview.getState().load();
    void stores.chat.getState().load();
    void stores.giveaway.getState().load();
    void stores.settings.getState().load();
    void stores.alerts.getState().reload();
    // The other account's show is not this one's: back to the whole period.
    if (stores.analytics.getState().data) void stores.analytics.getState().load(undefined, null);
    void stores.shows.getState().load();
  }

  const listeners: StoreApi<{ onEvent(e: LiveEvent): void }>[] = [
    stores.live,
    stores.alerts,
    stores.overview,
    stores.chat,
    stores.giveaway,
    stores.settings,
    stores.analytics,
    stores.shows,
    stores.webhooks,
    stores.accounts,
  ];

  return {
    ...stores,
    dispatch(e: LiveEvent): void {
      // The stream carries every account's events; screens show the active account only.
      const active = stores.accounts.getState().active()?.id;
      if (e.type !== 'accounts.switched' && e.accountId !== null && active !== undefined && e.accountId !== active) return;
      for (const s of listeners) {
        try {
          s.getState().onEvent(e);
        } catch (err) {
          console.warn(`Handling ${e.type} failed`, err);
        }
      }
    },
    reloadAccountScoped,
    dispose(): void {
      stores.overview.getState().dispose();
      stores.giveaway.getState().dispose();
      stores.analytics.getState().dispose();
      stores.shows.getState().dispose();
      stores.chat.getState().dispose();
      stores.alerts.getState().dispose();
    },
  };
}

export type Stores = ReturnType<typeof createStores>;
