import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Logger } from '../../kernel/logger.js';
import type { BuzzChatClient } from './client.js';

/** What every tool and resource registration gets: the MCP server to register on, the API client, a logger. */
export interface ToolContext {
  server: McpServer;
  api: BuzzChatClient;
  logger: Logger;
}
