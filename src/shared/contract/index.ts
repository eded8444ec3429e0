import { accountsApi } from './accounts.js';
import { chatApi } from './chat.js';
import { activityApi } from './activity.js';
import { analyticsApi } from './analytics.js';
import { apiKeysApi } from './apikeys.js';
import { backupsApi } from './backups.js';
import { botApi } from './bot.js';
import { claimsApi, giveawayApi } from './giveaway.js';
import { messagesApi } from './messages.js';
import { overlaysApi } from './overlays.js';
import { practiceApi } from './practice.js';
import { settingsApi } from './settings.js';
import { showsApi } from './shows.js';
import { eventsApi, systemApi } from './system.js';
import { webhooksApi } from './webhooks.js';

/** Every operation of the /api/v1 REST API, grouped by domain: the contract the server, the docs and the clients share. */
export const api = {
  system: systemApi,
  accounts: accountsApi,
  analytics: analyticsApi,
  keys: apiKeysApi,
  backups: backupsApi,
  giveaway: giveawayApi,
  claims: claimsApi,
  messages: messagesApi,
  settings: settingsApi,
  bot: botApi,
  webhooks: webhooksApi,
  events: eventsApi,
  activity: activityApi,
  practice: practiceApi,
  shows: showsApi,
  chat: chatApi,
  overlays: overlaysApi,
};
export type Api = typeof api;
