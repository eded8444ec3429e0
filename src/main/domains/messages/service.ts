import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import { ApiError, notFound } from '../../http/errors.js';
import { textLength, truncateText } from '../../../shared/text.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import { newId } from '../../kernel/ids.js';
import type { Cause } from '../../../shared/contract/messages.js';
import type { MessageRow, MessageStore } from './store.js';

export type { MessageRow } from './store.js';
import type { MessageStatus, MessageView } from './schema.js';
import { MESSAGE_MAX } from './schema.js';

export function toMessageView(r: MessageRow): MessageView {
  return {
    messageId: r.id,
    accountId: r.account_id,
    message: r.text,
    cause: r.cause,
    status: r.status,
    attempts: r.attempts,
    error: r.error,
    createdAt: new Date(r.created_at).toISOString(),
    scheduledFor: new Date(r.not_before).toISOString(),
    sentAt: r.sent_at === null ? null : new Date(r.sent_at).toISOString(),
  };
}

/**
 * The bot's own texts (a filled template, a long winners list) are not refused when they run past MESSAGE_MAX:
 * the sender splits them for the platform. This bounds them all the same, cut between characters.
 */
export const BOT_TEXT_MAX = 10 * MESSAGE_MAX;

export interface EnqueueInput {
  accountId: string;
  text: string;
  cause: Cause;
  delayMs?: number;
}

/**
 * The durable outgoing queue. Everything the bot or the API wants to say is written here first;
 * the chat session drains it (throttled) and reports back with markSent/markFailed.
 */
export class MessageService {
  private listeners = new Set<(accountId: string) => void>();

  constructor(
    private db: Db,
    private store: MessageStore,
    private clock: Clock,
    private events: EventPublisher,
  ) {
    store.requeueInterrupted();
  }

  private notify(accountId: string): void {
    for (const l of this.listeners) l(accountId);
  }

  /** Called whenever something is queued, so a sleeping drainer wakes up. */
  onQueued(listener: (accountId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  enqueue(input: EnqueueInput): MessageView {
    const now = this.clock.now();
    const id = newId('msg');
    const text = this.admissibleText(input);
    this.store.insert({ id, accountId: input.accountId, text, cause: input.cause, notBefore: now + (input.delayMs ?? 0), createdAt: now });
    const view = toMessageView(this.store.byId(id)!);
    this.events.emit('message.queued', input.accountId, { messageId: id, message: text, cause: input.cause, scheduledFor: view.scheduledFor });
    this.notify(input.accountId);
    return view;
  }

  /** One length for every way in: an API text over MESSAGE_MAX is refused, never stored cut. */
  private admissibleText(input: EnqueueInput): string {
    const length = textLength(input.text);
    if (input.cause === 'api' && length > MESSAGE_MAX) {
      throw new ApiError('VALIDATION_ERROR', `Invalid body: message: message must be at most ${MESSAGE_MAX} characters (got ${length})`);
    }
    return length > BOT_TEXT_MAX ? truncateText(input.text, BOT_TEXT_MAX) : input.text;
  }

  get(id: string): MessageView {
    const r = this.store.byId(id);
    if (!r) throw notFound(`Message ${id}`);
    return toMessageView(r);
  }

  count(accountId: string, status: MessageStatus): number {
    return this.store.count(accountId, status);
  }

  list(accountId: string, status: MessageStatus | undefined, limit: number): MessageView[] {
    return this.store.list(accountId, status, limit).map(toMessageView);
  }

  /** Takes the next due message and marks it `sending`. */
  claimNext(accountId: string): MessageRow | undefined {
    return this.db.transaction(() => {
      const row = this.store.nextDue(accountId, this.clock.now());
      if (!row) return undefined;
      this.store.setStatus(row.id, 'sending', row.attempts + 1, row.error, null);
      return { ...row, status: 'sending' as const, attempts: row.attempts + 1 };
    })();
  }

  /** Epoch ms of the earliest queued message, due or not; null when the queue is empty. */
  nextDueTime(accountId: string): number | null {
    return this.store.nextDueTime(accountId);
  }

  /** The sender stopped (quitting, page gone) before this message was done: it goes back, its attempt not counted. */
  release(id: string, error: string | null = null): void {
    const r = this.store.byId(id);
    this.store.release(id, error);
    // The queue that will send it may already be waiting (a restarted browser's): wake it.
    if (r) this.notify(r.account_id);
  }

  /** A part of a message split for the platform's length cap is in chat (durable, so it is never posted again). */
  markPartSent(id: string, partsSent: number): void {
    this.store.setPartsSent(id, partsSent);
  }

  markSent(id: string): MessageView {
    const now = this.clock.now();
    return this.db.transaction(() => {
      const r = this.store.byId(id);
      if (!r) throw notFound(`Message ${id}`);
      this.store.setStatus(id, 'sent', r.attempts, null, now);
      const view = toMessageView(this.store.byId(id)!);
      this.events.emit('message.sent', r.account_id, { messageId: id, message: r.text, cause: r.cause, sentAt: view.sentAt });
      return view;
    })();
  }

  /** A failed attempt: back to the queue after `retryInMs`, or failed for good when null. */
  markFailed(id: string, error: string, retryInMs: number | null): MessageView {
    return this.db.transaction(() => {
      const r = this.store.byId(id);
      if (!r) throw notFound(`Message ${id}`);
      if (retryInMs !== null) {
        this.store.reschedule(id, error, this.clock.now() + retryInMs);
        // A queue other than the one that failed it (after a browser restart) must learn of the new due time.
        queueMicrotask(() => this.notify(r.account_id));
      } else {
        this.store.setStatus(id, 'failed', r.attempts, error, null);
        this.events.emit('message.failed', r.account_id, { messageId: id, message: r.text, cause: r.cause, error });
      }
      return toMessageView(this.store.byId(id)!);
    })();
  }
}
