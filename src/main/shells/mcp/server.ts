import { APP_VERSION } from '../../../shared/version.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { BuzzChatClient } from './client.js';
import type { Logger } from '../../kernel/logger.js';
import { servePortableToolList } from './portable-schema.js';
import { registerResources } from './resources.js';
import { registerAccountTools } from './tools/accounts.js';
import { registerInsightTools } from './tools/insights.js';
import { registerChatTools } from './tools/chat.js';
import { registerGiveawayTools } from './tools/giveaway.js';
import { registerLiveShowTools } from './tools/live-show.js';
import { registerSettingsTools } from './tools/settings.js';

export const MCP_SERVER_NAME = 'buzzchat';
/** The app's version (src/shared has no core code, so nothing of the database layer is bundled). */
export const MCP_SERVER_VERSION = APP_VERSION;

export type { ToolContext } from './context.js';

const INSTRUCTIONS = `BuzzChat runs a chat bot for live sellers and streamers (Whatnot, YouTube, Twitch, Kick, eBay Live).
These tools act on the BuzzChat app running on this computer. Messages sent with buzzchat_send_message appear publicly
in the live chat: send only what the streamer asked for. Sending needs the bot on (buzzchat_toggle_bot).
Tools act on the active account unless given \`account\` (see buzzchat_list_accounts).`;

/** The MCP server over a REST client; transport-agnostic (cli.ts connects it to stdio). */
export function createMcpServer(api: BuzzChatClient, logger: Logger): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, title: 'BuzzChat', version: MCP_SERVER_VERSION },
    { instructions: INSTRUCTIONS, capabilities: { tools: {}, resources: {} } },
  );
  const ctx = { server, api, logger };
  registerChatTools(ctx);
  registerGiveawayTools(ctx);
  registerLiveShowTools(ctx);
  registerSettingsTools(ctx);
  registerAccountTools(ctx);
  registerInsightTools(ctx);
  registerResources(ctx);
  servePortableToolList(server);
  return server;
}
