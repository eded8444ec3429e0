/** The analytics domain's wire shapes live in the shared contract (main, renderer and MCP import them by value). */
export * from '../../../shared/contract/analytics.js';

export type { Cause } from '../../../shared/contract/messages.js';
