import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import type { Logger } from '../../kernel/logger.js';
import type { ChatGateway, ChatLine, LineReaction } from '../chat/types.js';
import type { GiveawayService } from '../giveaway/service.js';
import type { MessageService } from '../messages/service.js';
import type { SettingsService } from '../settings/service.js';
import type { BotAction, SendCause } from './actions.js';
import type { ClaimTracker } from './claims.js';
import type { BotEngine, LineResult, StreamContext } from './engine.js';

export interface ReactorDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  events: EventPublisher;
  settings: SettingsService;
  messages: MessageService;
  giveaway: GiveawayService;
}

/** Carries out the engine's actions: queued messages, giveaway entries, moderation. */
export function actionRunner(s: ReactorDeps, gateway: Pick<ChatGateway, 'moderatorCommand'>) {
  /** Performs the actions; returns whether a giveaway entry was accepted. */
  return function apply(accountId: string, actions: BotAction[]): { entryAccepted: boolean } {
    let entryAccepted = false;
    for (const a of actions) {
      if (a.type === 'send') s.messages.enqueue({ accountId, text: a.text, cause: a.cause, delayMs: a.delayMs });
      else if (a.type === 'giveaway-entry') {
        const outcome = s.giveaway.addEntry(accountId, {
          username: a.username,
          text: a.text,
          source: 'chat',
          entriesPerUser: s.settings.get(accountId).giveaway.entriesPerUser,
        });
        entryAccepted ||= outcome.accepted;
      } else {
        const command = a.action === 'hide' ? gateway.moderatorCommand(accountId, 'hide', a.username) : null;
        if (command) s.messages.enqueue({ accountId, text: command, cause: 'moderation' });
        s.logger.info(`Moderation (${a.reason}) ${a.username}: ${command ?? 'logged only'} [${a.detail}]`);
        s.events.emit('moderation.hit', accountId, {
          accountId,
          username: a.username,
          reason: a.reason,
          detail: a.detail,
          action: a.action,
          command,
        });
      }
    }
    return { entryAccepted };
  };
}

/**
 * What the bot does with one chat line: the host's own lines may enter the giveaway; a viewer's line may be a
 * winner's claim, and an active bot answers it (FAQ, command, welcome, giveaway entry, moderation). Returns what
 * it made of the line, which the chat domain publishes with it (analytics records it from there). The chat
 * domain delivers each line once (it de-duplicates both of its readers), so nothing here does it again.
 */
export function lineReactor(
  s: ReactorDeps,
  engine: (accountId: string) => BotEngine,
  claims: (accountId: string) => ClaimTracker,
  apply: ReturnType<typeof actionRunner>,
  stream: (accountId: string) => StreamContext,
) {
  return function onLine(line: ChatLine): LineReaction | null {
    const accountId = line.accountId;
    const now = s.clock.now();
    if (line.self) {
      // The bot's own posts are counted when the queue marks them sent; what the host typed by hand may enter
      // the giveaway when the host is not excluded.
      if (!line.manual || !s.settings.get(accountId).botActive) return null;
      const host = engine(accountId).hostLine(line);
      if (host.actions.length) s.db.transaction(() => apply(accountId, host.actions))();
      return null;
    }
    if (line.kind === 'message' && !line.history && claims(accountId).onChat(line.username, now) > 0) {
      s.events.emit('giveaway.claimed', accountId, { username: line.username, claimedAt: new Date(now).toISOString() });
    }
    const e = engine(accountId);
    const result: LineResult = s.settings.get(accountId).botActive
      ? e.handleLine(line, stream(accountId))
      : { actions: [], match: e.inspect(line), cause: null };
    let cause: SendCause | null = result.cause;
    s.db.transaction(() => {
      const { entryAccepted } = apply(accountId, result.actions);
      if (cause === 'giveaway' && !entryAccepted) cause = null;
      const m = result.match;
      if (m) {
        s.events.emit('message.received', accountId, {
          username: line.username,
          message: line.text,
          matched:
            m.type === 'faq' ? { type: 'faq', ruleId: m.ruleId, trigger: m.trigger } : { type: 'command', command: m.command, trigger: m.trigger },
          accountId,
        });
      }
    })();
    return line.kind === 'message' ? { cause, trigger: result.match?.trigger ?? null } : null;
  };
}
