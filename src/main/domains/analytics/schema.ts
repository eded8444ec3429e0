/** The analytics domain's wire shapes live in the shared contract (main, renderer and MCP import them by value). */
export * from '../../../shared/contract/analytics.js';

/** Why a line was sent: what the analytics figures are split by, and what every queued message carries. */
export type Cause = 'welcome' | 'faq' | 'timer' | 'command' | 'api' | 'manual' | 'giveaway' | 'moderation' | 'chat';
