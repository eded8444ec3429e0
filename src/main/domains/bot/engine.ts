import type { ChatLine } from '../chat/types.js';
import type { Clock } from '../../kernel/clock.js';
import { usernameKey } from '../../../shared/usernames.js';
import type { Settings } from '../settings/schema.js';
import { send, type BotAction, type LineMatch, type ModerateAction, type SendCause } from './actions.js';
import { Budget } from './budget.js';
import { CommandResponder } from './commands.js';
import { FaqResponder } from './faq.js';
import { EntryKeyword, giveawayOpen } from './giveaway-entry.js';
import { Moderator } from './moderation.js';
import { formatTimeLeft } from '../../../shared/templates.js';
import { clockTime, lineWords, render, type TemplateVars } from './text.js';
import { OFFLINE_GRACE_MS, TimerScheduler, type TimerTickContext } from './timers.js';
import { Welcomer } from './welcome.js';

export interface EngineOptions {
  clock: Clock;
  /** [0, 1) source for timer jitter; tests pin it. */
  random?: () => number;
}

/** What the edges know about the stream that the engine cannot see. */
export interface StreamContext {
  viewerCount?: number | null;
  /** Entries of the current giveaway round, asked only when a text uses `{entries}`. */
  giveawayEntries?: () => number;
}

export interface LineResult {
  actions: BotAction[];
  /** The FAQ rule or command the line matched (also when cooling down), for analytics and `message.received`. */
  match: LineMatch | null;
  /** What the line triggered, for the chat_events row: null when nothing. */
  cause: SendCause | null;
}

/** What the bot would do with a line now (POST /bot/test), with no side effect on its state. */
export interface DryRun {
  host: boolean;
  moderation: ModerateAction | null;
  command: { command: string; text: string | null; coolingMs: number } | null;
  faq: { ruleId: string; index: number; trigger: string; text: string | null; coolingMs: number; perUser: boolean } | null;
  budgetLeft: boolean;
  giveawayEntry: boolean;
  welcome: string | null;
}

const NOTHING: LineResult = Object.freeze({ actions: [], match: null, cause: null }) as LineResult;

/**
 * The bot's rules over chat lines and time, with no I/O: lines and ticks in, actions out.
 * One engine per account; its state (who was welcomed, cooldowns, timer schedules) lives as long
 * as the app, independent of the chat page. `configure` recompiles matchers and keeps the state.
 */
export class BotEngine {
  private s!: Settings;
  private hostKey: string | null = null;
  private readonly faq = new FaqResponder();
  private readonly commands = new CommandResponder();
  private readonly moderator = new Moderator();
  private readonly keyword = new EntryKeyword();
  private readonly welcomer = new Welcomer();
  private readonly timers: TimerScheduler;
  private readonly budget = new Budget(20);
  private readonly clock: Clock;
  /** For stream sessions: a stream seen live, then off air past the grace, then live again is a new show. */
  private seenLive = false;
  private offAirSince: number | null = null;

  constructor(settings: Settings, options: EngineOptions) {
    this.clock = options.clock;
    this.timers = new TimerScheduler(options.random ?? Math.random);
    this.configure(settings);
  }

  get settings(): Settings {
    return this.s;
  }

  configure(s: Settings): void {
    this.s = s;
    this.hostKey = s.hostUsername ? usernameKey(s.hostUsername) : null;
    this.faq.configure(s.faqRules);
    this.commands.configure(s.commands);
    this.moderator.configure(s.moderation);
    this.keyword.configure(s.giveaway);
    this.timers.configure(s.timerMessages, this.clock.now());
    this.budget.perMinute = s.botMaxMessagesPerMinute;
  }

  /** A new stream session (bot started): everyone may be welcomed again; timers restart their intervals. */
  resetSession(): void {
    this.welcomer.resetSession();
    this.timers.reset();
  }

  /** When a timer is next due, for diagnostics. */
  timerDueAt(id: string): number | undefined {
    return this.timers.dueAt(id);
  }

  get welcomesWaiting(): number {
    return this.welcomer.waitingCount;
  }

  isHost(username: string): boolean {
    return this.hostKey !== null && usernameKey(username) === this.hostKey;
  }

  /** What a line matches, with no side effect on cooldowns or state (analytics while the bot is off). */
  inspect(line: ChatLine): LineMatch | null {
    if (line.self || line.history || line.kind !== 'message' || this.isHost(line.username)) return null;
    const cmd = this.commands.peek(line.text);
    if (cmd) return { type: 'command', command: cmd.name, trigger: `!${cmd.name}` };
    const m = this.faq.peek(line.text, lineWords(line.text));
    return m ? { type: 'faq', ruleId: m.ruleId, trigger: m.trigger } : null;
  }

  /**
   * A line the host typed (by name, or marked self by the chat driver as what the seller typed by hand):
   * it triggers nothing, except a giveaway entry when the host is not excluded. Bot posts never come here.
   */
  hostLine(line: ChatLine): LineResult {
    if (line.history || line.kind !== 'message' || this.s.giveaway.excludeHost || !this.enters(line.text, this.clock.now())) return NOTHING;
    return { actions: [{ type: 'giveaway-entry', username: line.username, text: line.text }], match: null, cause: 'giveaway' };
  }

  handleLine(line: ChatLine, ctx: StreamContext = {}): LineResult {
    // The bot's own echoes and what was on screen before it attached never trigger anything.
    if (line.self || line.history) return NOTHING;
    const now = this.clock.now();
    const host = this.isHost(line.username);
    const key = usernameKey(line.username);
    const vars = this.vars(now, ctx, line.username);
    if (line.kind === 'join') {
      const welcome = host ? null : this.welcomer.onViewer(line.username, key, now, this.s, this.budget, vars);
      return welcome ? { actions: [welcome], match: null, cause: 'welcome' } : NOTHING;
    }
    if (host) return this.hostLine(line);
    this.timers.onChatLine();
    const w = lineWords(line.text);
    const violation = this.moderator.check(line.username, key, line.text, w, now);
    if (violation) return { actions: [violation], match: null, cause: 'moderation' };

    const actions: BotAction[] = [];
    let match: LineMatch | null = null;
    const affordable = this.budget.allows(now);
    const cmd = affordable ? this.commands.handle(line.text, now, this.s, vars, giveawayOpen(this.s.giveaway, now)) : null;
    const peekedCmd = affordable ? null : this.commands.peek(line.text);
    if (cmd || peekedCmd) {
      const name = cmd?.command ?? peekedCmd!.name;
      match = { type: 'command', command: name, trigger: `!${name}` };
      if (cmd?.action) actions.push(cmd.action);
    } else {
      const reply = affordable ? this.faq.reply(line.text, w, key, now) : null;
      const m = reply?.match ?? (affordable ? null : this.faq.peek(line.text, w));
      if (m) match = { type: 'faq', ruleId: m.ruleId, trigger: m.trigger };
      if (reply?.response) actions.push(send(render(reply.response, vars), 'faq'));
    }
    for (const a of actions) if (a.type === 'send') this.budget.spend(now);
    if (this.enters(line.text, now)) actions.push({ type: 'giveaway-entry', username: line.username, text: line.text });
    const welcome = this.welcomer.hasWelcomed(key) ? null : this.welcomer.onViewer(line.username, key, now, this.s, this.budget, vars);
    if (welcome) actions.push(welcome);
    return { actions, match, cause: causeOf(actions) };
  }

  /** The bot's answer to `text` from `username` now, computed without sending or changing any state. */
  dryRun(text: string, username: string, ctx: StreamContext = {}): DryRun {
    const now = this.clock.now();
    const key = usernameKey(username);
    const vars = this.vars(now, ctx, username);
    const w = lineWords(text);
    // A fresh moderator: the real one counts repeats, and a test line must not count as one.
    const moderator = new Moderator();
    moderator.configure(this.s.moderation);
    const cmd = this.commands.preview(text, now, this.s, vars, giveawayOpen(this.s.giveaway, now));
    const faq = cmd ? null : this.faq.check(text, w, key, now);
    return {
      host: this.isHost(username),
      moderation: moderator.check(username, key, text, w, now),
      command: cmd,
      faq: faq && {
        ruleId: faq.match.ruleId,
        index: faq.index,
        trigger: faq.match.trigger,
        text: faq.response === null ? null : render(faq.response, vars),
        coolingMs: faq.coolingMs,
        perUser: faq.perUser,
      },
      budgetLeft: this.budget.allows(now),
      giveawayEntry: this.enters(text, now),
      welcome: this.welcomer.preview(username, key, this.s, vars),
    };
  }

  /** Time passing: coalesced welcomes and timers. Call about once a second while the bot is active. */
  tick(ctx: TimerTickContext & StreamContext): BotAction[] {
    const now = this.clock.now();
    if (!ctx.live) this.offAirSince ??= now;
    else {
      // The next show of a bot left on between streams welcomes everyone again.
      if (this.seenLive && this.offAirSince !== null && now - this.offAirSince >= OFFLINE_GRACE_MS) this.welcomer.resetSession();
      this.seenLive = true;
      this.offAirSince = null;
    }
    const vars = this.vars(now, ctx, '');
    const out: BotAction[] = [];
    const welcome = this.welcomer.flush(now, this.s, this.budget, vars);
    if (welcome) out.push(welcome);
    const timer = this.timers.tick(now, ctx, this.budget, vars);
    if (timer) out.push(timer);
    return out;
  }

  private enters(text: string, now: number): boolean {
    return giveawayOpen(this.s.giveaway, now) && this.keyword.matches(text);
  }

  private vars(now: number, ctx: StreamContext, username: string): TemplateVars {
    return {
      username,
      time: clockTime(now),
      viewerCount: ctx.viewerCount ?? null,
      host: this.s.hostUsername ?? null,
      keyword: this.s.giveaway.keyword,
      entries: ctx.giveawayEntries ?? null,
      timeLeft: this.s.giveaway.closesAt ? formatTimeLeft(Date.parse(this.s.giveaway.closesAt) - now) : null,
    };
  }
}

const CAUSE_ORDER: SendCause[] = ['command', 'faq', 'giveaway', 'welcome'];

function causeOf(actions: BotAction[]): SendCause | null {
  const causes = new Set<SendCause>(actions.map((a) => (a.type === 'send' ? a.cause : a.type === 'giveaway-entry' ? 'giveaway' : 'moderation')));
  return CAUSE_ORDER.find((c) => causes.has(c)) ?? null;
}
