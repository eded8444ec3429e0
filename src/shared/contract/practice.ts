import { z } from 'zod';
import { op } from './op.js';

/** What a simulated viewer line is, as ground truth for tests and benches (never rendered into the page). */
export const messageCategory = z.enum(['greeting', 'faq', 'giveaway', 'decoy', 'repeat', 'emoji', 'long', 'chatter', 'join', 'injected', 'host']);
export type MessageCategory = z.infer<typeof messageCategory>;

/** Relative weights of what simulated viewers do; categories left out keep their default weight. */
export const chatMix = z
  .object({
    greeting: z.number().min(0).max(1000),
    faq: z.number().min(0).max(1000),
    giveaway: z.number().min(0).max(1000),
    decoy: z.number().min(0).max(1000),
    repeat: z.number().min(0).max(1000),
    emoji: z.number().min(0).max(1000),
    long: z.number().min(0).max(1000),
    chatter: z.number().min(0).max(1000),
    join: z.number().min(0).max(1000),
  })
  .strict();
export type ChatMix = z.infer<typeof chatMix>;

export const DEFAULT_MIX: ChatMix = {
  greeting: 10,
  faq: 12,
  giveaway: 12,
  decoy: 4,
  repeat: 6,
  emoji: 8,
  long: 2,
  chatter: 30,
  join: 16,
};

/** One chat row as the server keeps it and sends it to pages (as a Phoenix `new_msg`). */
export const practiceMessage = z.object({
  /** Monotonic across resets, so a reader's "after" cursor never goes backwards. */
  seq: z.number().int(),
  /** Stable platform id: the `id` of the `new_msg` frame (the DOM rows carry none, like Whatnot's). */
  id: z.string(),
  kind: z.enum(['message', 'join']),
  username: z.string(),
  text: z.string(),
  /** Posted by the logged-in host through the page's input. */
  host: z.boolean(),
  /** Whatnot's `new_msg.type` when it is not a plain line (`/announce` posts an "announcement"). */
  variant: z.enum(['announcement']).optional(),
  category: messageCategory,
  /** Server epoch ms when the message entered the stream. */
  ts: z.number(),
});
export type PracticeMessage = z.infer<typeof practiceMessage>;

/** Behaviours real sites show that a driver must survive. Intervals of 0 turn the periodic form off. */
export const hostileConfig = z
  .object({
    rerenderEveryMs: z.number().int().min(0).max(3_600_000),
    reloadEveryMs: z.number().int().min(0).max(3_600_000),
    detachEveryMs: z.number().int().min(0).max(3_600_000),
    /** Drop every page's socket this often (the page reconnects with backoff and rejoins). */
    dropSocketEveryMs: z.number().int().min(0).max(3_600_000),
    /** Rows the virtual list keeps mounted; older ones leave the DOM and come back when scrolled to. */
    mountedRows: z.number().int().min(10).max(5000),
  })
  .strict();
export type HostileConfig = z.infer<typeof hostileConfig>;

/** The page's socket client: Phoenix's JS client heartbeats every 30 s and reconnects with backoff. */
export const socketConfig = z
  .object({
    heartbeatMs: z.number().int().min(50).max(300_000),
    reconnectBaseMs: z.number().int().min(10).max(60_000),
    reconnectMaxMs: z.number().int().min(10).max(300_000),
  })
  .strict();
export type SocketConfig = z.infer<typeof socketConfig>;

const name = z.string().trim().min(1).max(64);
const text = z.string().min(1).max(2000);

export const practiceOptions = z
  .object({
    hostName: name.default('PracticeHost'),
    seed: z.number().int().default(1),
    /** Simulated viewer messages per second. */
    rate: z.number().min(0).max(20_000).default(1),
    simulate: z.boolean().default(false),
    live: z.boolean().default(true),
    viewers: z.number().int().min(0).max(10_000_000).default(128),
    giveawayKeyword: z.string().trim().min(1).max(32).default('enter'),
    mix: chatMix.partial().default({}),
    /** Messages shown on page load and replayed on every channel join. */
    historySize: z.number().int().min(0).max(1000).default(50),
    /** Messages the server keeps for history and the fallback feed. */
    bufferSize: z.number().int().min(10).max(100_000).default(2000),
    /** While simulating: a show event (tip, raid, giveaway step, auction step) this often; 0 = none. */
    showEveryMs: z.number().int().min(0).max(3_600_000).default(4000),
    /** The show's id in topics and payloads (`livestream:<id>`); random per process when left out. */
    livestreamId: z
      .string()
      .regex(/^[\w-]{1,64}$/)
      .optional(),
    hostile: hostileConfig.partial().default({}),
    socket: socketConfig.partial().default({}),
  })
  .strict();
export type PracticeOptionsInput = z.input<typeof practiceOptions>;
export type PracticeOptions = z.output<typeof practiceOptions>;

// ---- Control API ----

const injectOne = z
  .object({
    username: name,
    text,
    kind: z.enum(['message', 'join']).default('message'),
  })
  .strict();

/** One line, or `{messages: [...]}`; the service picks the shape so a mistake gets a precise message. */
export const injectBody = z.union([z.object({ messages: z.array(injectOne).min(1).max(2000) }).strict(), injectOne]);
export const injectOneBody = injectOne;
export const injectManyBody = z.object({ messages: z.array(injectOne).min(1).max(2000) }).strict();

export const configBody = z
  .object({
    rate: z.number().min(0).max(20_000),
    mix: chatMix.partial(),
    giveawayKeyword: z.string().trim().min(1).max(32),
    seed: z.number().int(),
    hostName: name,
    viewers: z.number().int().min(0).max(10_000_000),
    showEveryMs: z.number().int().min(0).max(3_600_000),
    hostile: hostileConfig.partial(),
  })
  .partial()
  .strict();
export type ConfigBody = z.infer<typeof configBody>;

export const simulationStartBody = z
  .object({ rate: z.number().min(0).max(20_000) })
  .partial()
  .strict();

export const burstBody = z.object({ count: z.number().int().min(1).max(10_000) }).strict();

export const detachBody = z
  .object({ count: z.number().int().min(1).max(50) })
  .partial()
  .strict();

/** Whatnot has no published cap; 500 is the working one (platforms.md). */
export const HOST_MESSAGE_MAX = 500;
export const sendBody = z.object({ text: z.string().trim().min(1).max(HOST_MESSAGE_MAX) }).strict();

/**
 * Break one of the two paths a reader has on purpose: `frames: "stopped"` keeps chat off the socket (the page
 * renders from its fallback feed), `markup: "alternate"` renders chat in markup no Whatnot selector matches.
 */
export const pathsBody = z
  .object({
    frames: z.enum(['flowing', 'stopped']),
    markup: z.enum(['whatnot', 'alternate']),
  })
  .partial()
  .strict();
export type PathsBody = z.infer<typeof pathsBody>;
export type PathsState = Required<PathsBody>;

export const SHOW_EVENTS = ['viewers', 'tip', 'raid', 'giveaway', 'auction'] as const;
export const showEventBody = z
  .object({
    /** `giveaway` and `auction` advance that cycle one step (start, entries/bids, winner/sold). */
    event: z.enum(SHOW_EVENTS),
  })
  .strict();
export type ShowEventName = (typeof SHOW_EVENTS)[number];

export const listQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100_000).optional(),
    afterSeq: z.coerce.number().int().min(0).optional(),
    since: z.coerce.number().min(0).optional(),
  })
  .strict();

const TAG = 'Practice';
/** The control API makes chat the bot acts on: only the dashboard's session or a key allowed to write chat. */
const SCOPE = 'chat:write' as const;

const stateSchema = z
  .object({
    live: z.boolean(),
    viewers: z.number().int(),
    hostName: z.string(),
    livestreamId: z.string(),
    pages: z.number().int().describe('Pages with the chat channel joined'),
    socketDrops: z.number().int(),
    paths: z.object({ frames: z.enum(['flowing', 'stopped']), markup: z.enum(['whatnot', 'alternate']) }),
    simulation: z
      .object({ running: z.boolean(), rate: z.number(), seed: z.number(), giveawayKeyword: z.string(), generated: z.number().int() })
      .loose(),
    counts: z.object({ total: z.number().int(), lastSeq: z.number().int() }).loose(),
  })
  .loose();
const pagesSchema = z.object({ pages: z.number().int() });
const hostMessageSchema = z.object({ id: z.string(), seq: z.number().int(), text: z.string(), ts: z.number(), command: z.string().nullable() });
const injectedSchema = z.object({
  messages: z.array(practiceMessage.pick({ id: true, seq: true, ts: true, username: true, text: true, kind: true })),
});

const stateOnly = { scope: SCOPE, tag: TAG } as const;
const emptyBody = z.object({}).strict();

/** The practice stream's control API (demo, tests, benches): it makes chat the bot acts on, so it needs chat:write. */
export const practiceApi = {
  state: op({
    method: 'get',
    path: '/practice/state',
    ...stateOnly,
    summary: 'Practice stream state: live, viewers, pages, paths, simulation, counts',
    response: stateSchema,
  }),
  inject: op({
    method: 'post',
    path: '/practice/inject',
    ...stateOnly,
    summary: 'Add viewer lines to the practice chat (one, or {messages: [...]})',
    body: z.unknown(),
    bodyDoc: injectBody,
    response: injectedSchema,
    status: 201,
  }),
  send: op({
    method: 'post',
    path: '/practice/send',
    ...stateOnly,
    summary: 'Post as the host without a page (what typing into the page does); moderator commands are carried out',
    body: sendBody,
    response: hostMessageSchema,
    status: 201,
  }),
  hostMessages: op({
    method: 'get',
    path: '/practice/host-messages',
    ...stateOnly,
    summary: "The host's posts and commands, oldest first (`since`: epoch ms)",
    query: listQuery,
    response: z.object({ hostName: z.string(), messages: z.array(hostMessageSchema) }),
  }),
  messages: op({
    method: 'get',
    path: '/practice/messages',
    ...stateOnly,
    summary: 'Recent chat lines with their ground-truth category, oldest first',
    query: listQuery,
    response: z.object({ messages: z.array(practiceMessage) }),
  }),
  config: op({
    method: 'post',
    path: '/practice/config',
    ...stateOnly,
    summary: 'Change rate, mix, keyword, host name, viewers, hostile behaviours',
    body: configBody,
    response: stateSchema,
  }),
  simulationStart: op({
    method: 'post',
    path: '/practice/simulation/start',
    ...stateOnly,
    summary: 'Start simulated viewers (optionally at a new rate, messages per second)',
    body: simulationStartBody,
    response: stateSchema,
  }),
  simulationStop: op({
    method: 'post',
    path: '/practice/simulation/stop',
    ...stateOnly,
    summary: 'Stop simulated viewers',
    body: emptyBody,
    response: stateSchema,
  }),
  burst: op({
    method: 'post',
    path: '/practice/simulation/burst',
    ...stateOnly,
    summary: 'Generate n simulated lines at once',
    body: burstBody,
    response: stateSchema,
  }),
  showEvent: op({
    method: 'post',
    path: '/practice/show-event',
    ...stateOnly,
    summary: 'Make the show do something now: viewers, tip, raid, or the next giveaway or auction step',
    body: showEventBody,
    response: stateSchema,
  }),
  liveStart: op({ method: 'post', path: '/practice/live/start', ...stateOnly, summary: 'Go live', body: emptyBody, response: stateSchema }),
  liveEnd: op({ method: 'post', path: '/practice/live/end', ...stateOnly, summary: 'End the show', body: emptyBody, response: stateSchema }),
  reload: op({
    method: 'post',
    path: '/practice/reload',
    ...stateOnly,
    summary: 'Reload every open practice page',
    body: emptyBody,
    response: pagesSchema,
  }),
  rerender: op({
    method: 'post',
    path: '/practice/rerender',
    ...stateOnly,
    summary: 'Replace every chat row node with a fresh one, as a framework re-render does',
    body: emptyBody,
    response: pagesSchema,
  }),
  detach: op({
    method: 'post',
    path: '/practice/detach',
    ...stateOnly,
    summary: 'Take a few recent rows out of the DOM and put the same nodes back',
    body: detachBody,
    response: pagesSchema,
  }),
  paths: op({
    method: 'post',
    path: '/practice/paths',
    ...stateOnly,
    summary: 'Break or mend a path: frames "stopped" (chat only in the DOM) or markup "alternate" (chat only on the socket)',
    body: pathsBody,
    response: stateSchema,
  }),
  dropSocket: op({
    method: 'post',
    path: '/practice/socket/drop',
    ...stateOnly,
    summary: "Drop every page's socket now (pages reconnect and rejoin)",
    body: emptyBody,
    response: z.object({ dropped: z.number().int() }),
  }),
  reset: op({
    method: 'post',
    path: '/practice/reset',
    ...stateOnly,
    summary: 'Clear the chat and the host log',
    body: emptyBody,
    response: stateSchema,
  }),
};
