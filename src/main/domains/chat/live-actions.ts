import type { z } from 'zod';
import { senderOf, type chatHistoryLineSchema, type chatMessagesQuery } from '../../../shared/contract/chat.js';
import { ApiError } from '../../http/errors.js';
import type { AccountService } from '../accounts/service.js';
import type { ChatEventLog } from '../analytics/service.js';
import type { MessageService } from '../messages/service.js';
import type { ModeratorAction } from './types.js';

/** What the seller does from the Live chat screen: write as themselves, moderate a viewer, look back. */
export interface LiveActionDeps {
  accounts: AccountService;
  messages: MessageService;
  chatEvents: ChatEventLog;
  /** The name the host posts under (the page's, else settings' hostUsername); null when unknown. */
  hostName(accountId: string): string | null;
  moderatorCommand(accountId: string, action: ModeratorAction, arg: string): string | null;
}

type HistoryLine = z.input<typeof chatHistoryLineSchema>;

/**
 * The host's own message. Unlike POST /messages/send it does not need the bot: it is the seller typing. It goes
 * through the same queue (spacing, retries, echo confirmation) with cause `manual`, and is recorded once, when
 * the queue marks it sent: its echo is recognised as a queued text, not as a new line typed on the site.
 */
export function sendAsHost(d: LiveActionDeps, accountId: string, message: string) {
  const m = d.messages.enqueue({ accountId, text: message, cause: 'manual' });
  return { messageId: m.messageId, status: m.status, cause: 'manual' as const, scheduledFor: m.scheduledFor };
}

/** Queues the platform's moderator command for a viewer, or says plainly that the platform has none. */
export function moderate(d: LiveActionDeps, accountId: string, action: 'hide' | 'timeout', username: string) {
  const command = d.moderatorCommand(accountId, action, username);
  if (!command) {
    const platform = d.accounts.get(accountId).platform;
    throw new ApiError('VALIDATION_ERROR', `The ${platform} chat has no ${action} command BuzzChat can type; use the site's own moderation tools`);
  }
  const m = d.messages.enqueue({ accountId, text: command, cause: 'moderation' });
  return { messageId: m.messageId, status: m.status, command };
}

/**
 * Stored lines, newest first. Sent rows are stored without a name (the queue records them); they are shown under
 * the name the host posts as, the one their echo carries live, so a line looks the same in history and live.
 */
export function chatHistory(d: LiveActionDeps, accountId: string, q: z.output<typeof chatMessagesQuery>): { messages: HistoryLine[] } {
  const rows = d.chatEvents.history(accountId, { q: q.q, before: q.before, limit: q.limit });
  let host: string | null | undefined;
  return {
    messages: rows.map((r) => ({
      id: r.id,
      direction: r.direction,
      username: r.username ?? (r.direction === 'sent' ? (host === undefined ? (host = d.hostName(accountId)) : host) : null),
      sender: senderOf(r.direction, r.cause),
      text: r.text,
      cause: r.cause,
      rowKey: r.row_key,
      messageId: r.message_id,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}
