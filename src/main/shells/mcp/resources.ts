import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { BuzzChatError } from './client.js';
import type { ToolContext } from './context.js';

export const RECENT_CHAT_URI = 'buzzchat://chat/recent';
export const SETTINGS_URI = 'buzzchat://settings';
const RECENT_CHAT_LIMIT = 100;

/** Read-only context a host can attach to a conversation without a tool call. */
export function registerResources({ server, api }: ToolContext): void {
  server.registerResource(
    'recent-chat',
    RECENT_CHAT_URI,
    {
      title: 'Recent chat',
      description: `The last ${RECENT_CHAT_LIMIT} lines of the active account's live stream chat, oldest first (JSON).`,
      mimeType: 'application/json',
    },
    async (uri) => json(uri, () => api.recentChat(RECENT_CHAT_LIMIT)),
  );

  server.registerResource(
    'settings',
    SETTINGS_URI,
    {
      title: 'Bot settings',
      description: "The active account's bot settings: welcome, FAQ rules, timers, commands, giveaway, moderation (JSON).",
      mimeType: 'application/json',
    },
    async (uri) => json(uri, () => api.settings()),
  );
}

async function json(uri: URL, load: () => Promise<unknown>) {
  try {
    const data = await load();
    return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(data, null, 2) }] };
  } catch (err) {
    // A resource read has no isError result: the API error travels as a JSON-RPC error with its code in the
    // message and in `data`. Not an McpError: its message already carries "MCP error -32603:", which the
    // client would prefix a second time.
    if (err instanceof BuzzChatError) {
      throw Object.assign(new Error(`${err.code}: ${err.message}`), {
        code: ErrorCode.InternalError,
        data: { code: err.code, status: err.status },
      });
    }
    throw err;
  }
}
