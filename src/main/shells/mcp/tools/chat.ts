import { z } from 'zod';
import { MESSAGE_MAX, messagesApi } from '../../../../shared/contract/messages.js';
import type { JsonObject } from '../client.js';
import { accountArg, guarded, ok, plural, responseOf } from '../results.js';
import type { ToolContext } from '../context.js';

/** Sending to the live chat, following delivery, and reading what the chat session sees. */
export function registerChatTools({ server, api, logger }: ToolContext): void {
  server.registerTool(
    'buzzchat_send_message',
    {
      title: 'Send chat message',
      description:
        'Post a message to the live stream chat as the bot. It is queued and sent by the chat session (after `delay` ms); ' +
        'follow delivery with buzzchat_get_message_status. Fails with BOT_INACTIVE while the bot is off (see buzzchat_toggle_bot).',
      inputSchema: z
        .object({
          message: z.string().min(1).max(MESSAGE_MAX).describe(`Text to post, 1-${MESSAGE_MAX} characters, as viewers will see it`),
          delay: z.number().int().min(0).max(3_600_000).optional().describe('Milliseconds to wait before sending (default 0)'),
          account: accountArg,
        })
        .strict(),
      outputSchema: responseOf(messagesApi.send).extend({
        messageId: z.string().describe('msg_… id for buzzchat_get_message_status'),
        scheduledFor: z.string().describe('When it is due to be sent (ISO 8601)'),
      }),
      // Posts publicly on a third-party platform: not idempotent (each call is another chat line), open world.
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    guarded(logger, 'buzzchat_send_message', async ({ message, delay, account }) => {
      const r = await api.sendMessage(message, delay, account);
      return ok(`Queued message ${r.messageId} (${r.status}); due at ${r.scheduledFor}.`, r);
    }),
  );

  server.registerTool(
    'buzzchat_get_message_status',
    {
      title: 'Get message delivery status',
      description: 'Delivery status of a message sent with buzzchat_send_message: queued, sending, sent, failed or cancelled.',
      inputSchema: z
        .object({
          messageId: z
            .string()
            .regex(/^msg_[a-z0-9]+$/, 'must be a msg_ id')
            .describe('The msg_… id returned by buzzchat_send_message'),
        })
        .strict(),
      outputSchema: responseOf(messagesApi.get).extend({ error: z.string().nullable().describe('Why the last attempt failed') }),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_get_message_status', async ({ messageId }) => {
      const m = await api.getMessage(messageId);
      const detail = m.status === 'sent' ? ` at ${m.sentAt}` : m.status === 'failed' ? `: ${m.error ?? 'unknown error'}` : '';
      return ok(`Message ${m.messageId} is ${m.status}${detail} (${plural(m.attempts, 'attempt')}).`, m);
    }),
  );

  server.registerTool(
    'buzzchat_get_chat_status',
    {
      title: 'Get chat connection status',
      description:
        'Whether BuzzChat is connected to the live stream chat: connection, LIVE indicator, logged-in user, last message, ' +
        'last error and queued outgoing messages, per account.',
      inputSchema: z.object({ account: accountArg }).strict(),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_get_chat_status', async ({ account }) => {
      const data = await api.chatStatus(account);
      return ok(describeChatStatus(data), data);
    }),
  );

  server.registerTool(
    'buzzchat_get_recent_chat',
    {
      title: 'Get recent chat',
      description: 'The most recent lines of the live stream chat (viewers and the bot), oldest first, to see what viewers are asking.',
      inputSchema: z
        .object({
          limit: z.number().int().min(1).max(500).optional().describe('How many recent lines to return (default 50)'),
          account: accountArg,
        })
        .strict(),
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guarded(logger, 'buzzchat_get_recent_chat', async ({ limit, account }) => {
      const data = await api.recentChat(limit ?? 50, account);
      return ok(describeChatLines(data), data);
    }),
  );
}

/** The chat module owns these shapes; read them defensively so a new field never breaks the summary. */
function sessionsOf(data: JsonObject): JsonObject[] {
  if (Array.isArray(data.sessions)) return data.sessions as JsonObject[];
  if (Array.isArray(data.accounts)) return data.accounts as JsonObject[];
  return 'connected' in data ? [data] : [];
}

export function describeChatStatus(data: JsonObject): string {
  const sessions = sessionsOf(data);
  if (sessions.length === 0) return 'No chat session is running.';
  return sessions
    .map((s) => {
      const who = String(s.accountId ?? s.platform ?? 'chat');
      const state = s.connected ? (s.live ? 'connected, LIVE' : 'connected, not live') : 'not connected';
      const err = s.lastError ? `; last error: ${String(s.lastError)}` : '';
      return `${who}: ${state}${err}`;
    })
    .join('\n');
}

export function chatLinesOf(data: JsonObject): JsonObject[] {
  for (const k of ['messages', 'lines', 'items']) if (Array.isArray(data[k])) return data[k] as JsonObject[];
  return [];
}

export function describeChatLines(data: JsonObject): string {
  const lines = chatLinesOf(data);
  if (lines.length === 0) return 'No chat lines yet.';
  const shown = lines.map((l) => `${String(l.username ?? '?')}: ${String(l.text ?? l.message ?? '')}`);
  return `${plural(lines.length, 'chat line')}:\n${shown.join('\n')}`;
}
