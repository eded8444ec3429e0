import type { ChatGateway, ChatLine } from '../chat/types.js';
import type { BusEvent } from '../../kernel/events/bus.js';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { EventBus } from '../../kernel/events/bus.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import type { Logger } from '../../kernel/logger.js';
import type { AccountService } from '../accounts/service.js';
import type { ChatEventLog } from '../analytics/service.js';
import type { Domain } from '../define.js';
import type { GiveawayService } from '../giveaway/service.js';
import type { MessageService } from '../messages/service.js';
import type { SettingsService } from '../settings/service.js';
import type { BotAction, SendCause } from './actions.js';
import { ClaimTracker } from './claims.js';
import { BotEngine, type LineResult } from './engine.js';
import { claimRoutes } from './routes.js';
import { botTestRoutes } from './tester.js';
import { render } from './text.js';
import { TIMER_BACKLOG_LIMIT } from './timers.js';

/** Optional extras a gateway may offer beyond the contract (the driver reads the page's viewer count). */
export interface GatewayExtras {
  viewerCount?(accountId: string): number | null;
}

export interface BotModuleOptions {
  /** Timer tick period; 0 disables the interval (tests call tick() by hand). */
  tickMs?: number;
  random?: () => number;
}

/** What the bot uses: it reads settings and accounts, queues messages, adds giveaway entries. */
export interface BotDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  events: EventPublisher;
  accounts: AccountService;
  settings: SettingsService;
  messages: MessageService;
  giveaway: GiveawayService;
  chatEvents: ChatEventLog;
}

export interface BotModule extends Domain {
  /** The engine of an account (created on first use). */
  engine(accountId: string): BotEngine;
  /** One timer/coalescing step for every active account; the interval calls it each second. */
  tick(): void;
  claims: (accountId: string) => ClaimTracker;
}

/** Remembers recently seen row keys, so a line the driver delivers twice is handled once. */
class RecentKeys {
  private set = new Set<string>();
  private order: string[] = [];
  constructor(private max = 5000) {}
  seen(key: string): boolean {
    if (this.set.has(key)) return true;
    this.set.add(key);
    this.order.push(key);
    if (this.order.length > this.max) this.set.delete(this.order.splice(0, this.order.length - this.max)[0]!);
    return false;
  }
}

/**
 * Wires the pure engine to the app: chat lines from the gateway in; the send queue, giveaway entries,
 * chat_events rows and bus events out. Every received line is recorded whether the bot is on or not;
 * only an active bot acts. Sending itself (and its throttling) is the chat driver's, via the queue.
 */
export function botModule(s: BotDeps, gateway: ChatGateway & GatewayExtras, options: BotModuleOptions = {}): BotModule {
  const engines = new Map<string, BotEngine>();
  const claimTrackers = new Map<string, ClaimTracker>();
  const recent = new Map<string, RecentKeys>();
  const unsubscribe: (() => void)[] = [];
  let timer: NodeJS.Timeout | null = null;

  const engine = (accountId: string) => {
    let e = engines.get(accountId);
    if (!e) engines.set(accountId, (e = new BotEngine(s.settings.get(accountId), { clock: s.clock, random: options.random })));
    return e;
  };
  const claims = (accountId: string) => {
    let c = claimTrackers.get(accountId);
    if (!c) claimTrackers.set(accountId, (c = new ClaimTracker()));
    return c;
  };
  const viewerCount = (accountId: string) => gateway.viewerCount?.(accountId) ?? null;
  const stream = (accountId: string) => ({ viewerCount: viewerCount(accountId), giveawayEntries: () => s.giveaway.entryCount(accountId) });

  /** Performs the engine's actions; returns whether a giveaway entry was accepted. */
  function apply(accountId: string, actions: BotAction[]): { entryAccepted: boolean } {
    let entryAccepted = false;
    for (const a of actions) {
      if (a.type === 'send') s.messages.enqueue({ accountId, text: a.text, cause: a.cause, delayMs: a.delayMs });
      else if (a.type === 'giveaway-entry') {
        const outcome = s.giveaway.addEntry(accountId, { username: a.username, text: a.text, source: 'chat', entriesPerUser: s.settings.get(accountId).giveaway.entriesPerUser });
        entryAccepted ||= outcome.accepted;
      } else {
        const command = a.action === 'hide' ? gateway.moderatorCommand(accountId, 'hide', a.username) : null;
        if (command) s.messages.enqueue({ accountId, text: command, cause: 'moderation' });
        s.logger.info(`Moderation (${a.reason}) ${a.username}: ${command ?? 'logged only'} [${a.detail}]`);
      }
    }
    return { entryAccepted };
  }

  function onLine(line: ChatLine): void {
    const accountId = line.accountId;
    let keys = recent.get(accountId);
    if (!keys) recent.set(accountId, (keys = new RecentKeys()));
    if (line.rowKey && keys.seen(line.rowKey)) return;
    const now = s.clock.now();
    if (line.self) {
      // The bot's own posts are recorded when the queue marks them sent; what the host typed by hand is recorded
      // here, and may enter the giveaway when the host is not excluded.
      if (!line.manual) return;
      const hostResult = s.settings.get(accountId).botActive ? engine(accountId).hostLine(line) : null;
      s.db.transaction(() => {
        s.chatEvents.record({ accountId, direction: 'sent', cause: 'manual', username: line.username, text: line.text, rowKey: line.rowKey, at: now });
        if (hostResult) apply(accountId, hostResult.actions);
      })();
      return;
    }
    if (line.kind === 'message' && !line.history && claims(accountId).onChat(line.username, now) > 0) {
      s.events.emit('giveaway.claimed', accountId, { username: line.username, claimedAt: new Date(now).toISOString() });
    }
    const e = engine(accountId);
    const active = s.settings.get(accountId).botActive;
    const result: LineResult = active ? e.handleLine(line, stream(accountId)) : { actions: [], match: e.inspect(line), cause: null };
    s.db.transaction(() => {
      const { entryAccepted } = apply(accountId, result.actions);
      let cause: SendCause | null = result.cause;
      if (cause === 'giveaway' && !entryAccepted) cause = null;
      if (line.kind === 'message') {
        s.chatEvents.record({
          accountId,
          direction: 'received',
          cause,
          username: line.username,
          text: line.text,
          rowKey: line.rowKey,
          trigger: result.match?.trigger ?? null,
          at: now,
        });
      }
      if (result.match) {
        const m = result.match;
        s.events.emit('message.received', accountId, {
          username: line.username,
          message: line.text,
          matched: m.type === 'faq' ? { type: 'faq', ruleId: m.ruleId, trigger: m.trigger } : { type: 'command', command: m.command, trigger: m.trigger },
          accountId,
        });
      }
    })();
  }

  function tick(): void {
    for (const account of s.accounts.list()) {
      try {
        if (!s.settings.get(account.id).botActive) continue;
        const actions = engine(account.id).tick({
          live: gateway.isLive(account.id),
          queued: s.messages.list(account.id, 'queued', TIMER_BACKLOG_LIMIT).length,
          ...stream(account.id),
        });
        if (actions.length) s.db.transaction(() => apply(account.id, actions))();
      } catch (err) {
        s.logger.error(`Bot tick failed for ${account.id}:`, err);
      }
    }
  }

  /** Runs inside the publisher's transaction: the announcement commits (or rolls back) with the draw. */
  function onBusEvent(event: BusEvent): void {
    const accountId = event.accountId;
    if (!accountId) return;
    if (event.type === 'bot.started') engines.get(accountId)?.resetSession();
    if (event.type !== 'giveaway.winner') return;
    const winners = (event.data.winners as string[] | undefined) ?? [];
    const g = s.settings.get(accountId);
    claims(accountId).onDraw(String(event.data.drawId), winners, s.clock.now(), g.giveaway.claimWindowSeconds);
    if (g.botActive && g.giveaway.announceWinners && winners.length) {
      const names = winners.join(', ');
      const text = render(g.giveaway.winnerMessage, {
        winners: names,
        winner: names,
        claimSeconds: g.giveaway.claimWindowSeconds,
        host: g.hostUsername,
        keyword: g.giveaway.keyword,
        entries: () => s.giveaway.entryCount(accountId),
      });
      s.messages.enqueue({ accountId, text, cause: 'giveaway' });
    }
  }

  return {
    name: 'bot',
    routes: [...claimRoutes(s, claims), ...botTestRoutes(s, engine)],
    engine,
    tick,
    claims,
    start() {
      unsubscribe.push(
        gateway.onLine((line) => {
          try {
            onLine(line);
          } catch (err) {
            s.logger.error('Bot failed on a chat line:', err);
          }
        }),
        s.settings.onChange((accountId, next) => {
          try {
            engines.get(accountId)?.configure(next);
          } catch (err) {
            // The settings are saved already; keep the previous rules rather than fail the request.
            s.logger.error(`Bot could not apply the settings of ${accountId}:`, err);
          }
        }),
        s.bus.subscribe((event) => {
          try {
            onBusEvent(event);
          } catch (err) {
            // A failed announcement must not roll back the draw it announces.
            s.logger.error(`Bot failed on ${event.type}:`, err);
          }
        }),
      );
      const every = options.tickMs ?? 1000;
      if (every > 0) {
        timer = setInterval(tick, every);
        timer.unref();
      }
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      for (const u of unsubscribe.splice(0)) u();
    },
  };
}
