import type { ChatGateway } from '../chat/types.js';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import type { EventBus } from '../../kernel/events/bus.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import type { Logger } from '../../kernel/logger.js';
import type { AccountService } from '../accounts/service.js';
import type { Domain } from '../define.js';
import type { GiveawayService } from '../giveaway/service.js';
import type { MessageService } from '../messages/service.js';
import type { SettingsService } from '../settings/service.js';
import { announcer } from './announcer.js';
import { ClaimTracker } from './claims.js';
import { BotEngine } from './engine.js';
import { actionRunner, lineReactor } from './reactor.js';
import { claimRoutes } from './routes.js';
import { botTestRoutes } from './tester.js';
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
}

export interface BotModule extends Domain {
  /** The engine of an account (created on first use). */
  engine(accountId: string): BotEngine;
  /** One timer/coalescing step for every active account; the interval calls it each second. */
  tick(): void;
  claims: (accountId: string) => ClaimTracker;
}

/**
 * Wires the pure engine to the app: chat lines from the gateway in (reactor.ts); queued messages, giveaway
 * entries and bus events out; winners and the platform's tips, raids and sales announced (announcer.ts); timers
 * on a tick. Only an active bot acts; what it made of each line goes back to the chat domain, which publishes it.
 */
export function botModule(s: BotDeps, gateway: ChatGateway & GatewayExtras, options: BotModuleOptions = {}): BotModule {
  const engines = new Map<string, BotEngine>();
  const claimTrackers = new Map<string, ClaimTracker>();
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
  const stream = (accountId: string) => ({
    viewerCount: gateway.viewerCount?.(accountId) ?? null,
    giveawayEntries: () => s.giveaway.entryCount(accountId),
  });
  const apply = actionRunner(s, gateway);
  const onLine = lineReactor(s, engine, claims, apply, stream);
  const onBusEvent = announcer(s, claims);

  function tick(): void {
    for (const account of s.accounts.list()) {
      try {
        // The giveaway's last call and closing happen on time whether or not the bot is on (it only announces them).
        s.giveaway.window.tick(account.id);
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

  /** Each listener guarded: the bot failing on one event must not break the chat or the publisher. */
  const guarded =
    <A, R>(what: (a: A) => string, fn: (a: A) => R) =>
    (a: A): R | null => {
      try {
        return fn(a);
      } catch (err) {
        s.logger.error(`Bot failed on ${what(a)}:`, err);
        return null;
      }
    };

  return {
    name: 'bot',
    routes: [...claimRoutes(s, claims), ...botTestRoutes(s, engine)],
    engine,
    tick,
    claims,
    start() {
      unsubscribe.push(
        gateway.onLine((line) => guarded(() => 'a chat line', onLine)(line) ?? undefined),
        s.settings.onChange((accountId, next) => {
          try {
            engines.get(accountId)?.configure(next);
          } catch (err) {
            // The settings are saved already; keep the previous rules rather than fail the request.
            s.logger.error(`Bot could not apply the settings of ${accountId}:`, err);
          }
        }),
        s.bus.subscribe(
          guarded(
            (e) => e.type,
            (e) => {
              if (e.type === 'bot.started' && e.accountId) engines.get(e.accountId)?.resetSession();
              onBusEvent(e);
            },
          ),
        ),
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
