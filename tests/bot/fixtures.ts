import type { ChatGateway, ChatLine, LineReaction, ModeratorAction } from '../../src/main/domains/chat/types.js';
import type { EventPublisher } from '../../src/main/kernel/events/publisher.js';
import { ManualClock } from '../../src/main/kernel/clock.js';
import { BotEngine } from '../../src/main/domains/bot/engine.js';
import { settingsSchema, type Settings } from '../../src/main/domains/settings/schema.js';

/** Settings as the API would store them: the patch validated through the real schema, with rule ids. */
export function settings(patch: Record<string, unknown> = {}): Settings {
  const s = settingsSchema.parse({ botActive: true, welcomeDelay: 0, ...patch });
  return {
    ...s,
    faqRules: s.faqRules.map((r, i) => ({ ...r, id: r.id ?? `faq_${i}` })),
    timerMessages: s.timerMessages.map((t, i) => ({ ...t, id: t.id ?? `tmr_${i}` })),
  };
}

let seq = 0;
export function line(username: string, text: string, extra: Partial<ChatLine> = {}): ChatLine {
  seq++;
  return {
    accountId: 'acc_test',
    platform: 'whatnot',
    kind: 'message',
    username,
    text,
    rowKey: `row_${seq}`,
    history: false,
    self: false,
    pageTs: null,
    receivedAt: 0,
    ...extra,
  };
}

export const join = (username: string) => line(username, '', { kind: 'join' });

export function engine(patch: Record<string, unknown> = {}, random = () => 0.5) {
  const clock = new ManualClock();
  const e = new BotEngine(settings(patch), { clock, random });
  return { clock, e };
}

/** The texts of the send actions of a batch. */
export const texts = (actions: { type: string }[]) =>
  actions.filter((a): a is { type: 'send'; text: string } => a.type === 'send').map((a) => a.text);

/**
 * A ChatGateway the test drives by hand. Like the chat driver, it hands each line to its listeners (the bot) and
 * then publishes it with what they made of it, when given the app's publisher (analytics records from there).
 */
export class FakeGateway implements ChatGateway {
  private listeners = new Set<(line: ChatLine) => LineReaction | void>();
  events: EventPublisher | null = null;
  live = true;
  commands: Record<ModeratorAction, ((arg: string) => string) | null> = { hide: (u) => `/hide ${u}`, timeout: null, slow: null, announce: null };
  viewers: number | null = 42;

  onLine(listener: (line: ChatLine) => LineReaction | void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  isLive(): boolean {
    return this.live;
  }
  moderatorCommand(_accountId: string, action: ModeratorAction, arg: string): string | null {
    return this.commands[action]?.(arg) ?? null;
  }
  viewerCount(): number | null {
    return this.viewers;
  }
  push(l: ChatLine): void {
    let reaction: LineReaction | null = null;
    for (const fn of this.listeners) reaction = fn(l) ?? reaction;
    this.events?.emit('chat.message', l.accountId, { ...l, reaction });
  }
  get listenerCount(): number {
    return this.listeners.size;
  }
}
