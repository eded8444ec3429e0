import { z } from 'zod';
import { route, type RouteDef } from '../../http/route.js';
import { parseOrThrow } from '../../http/parse.js';
import type { PracticeController } from './controller.js';
import {
  burstBody,
  configBody,
  detachBody,
  injectBody,
  injectManyBody,
  injectOneBody,
  listQuery,
  pathsBody,
  practiceMessage,
  sendBody,
  showEventBody,
  simulationStartBody,
} from './schema.js';

const TAG = 'Practice';
/** The control API makes chat the bot acts on: only the dashboard's session or a key allowed to write chat. */
const SCOPE = 'chat:write';

const stateSchema = z
  .object({
    live: z.boolean(),
    viewers: z.number().int(),
    hostName: z.string(),
    livestreamId: z.string(),
    pages: z.number().int().describe('Pages with the chat channel joined'),
    socketDrops: z.number().int(),
    paths: z.object({ frames: z.enum(['flowing', 'stopped']), markup: z.enum(['whatnot', 'alternate']) }),
    simulation: z.object({ running: z.boolean(), rate: z.number(), seed: z.number(), giveawayKeyword: z.string(), generated: z.number().int() }).loose(),
    counts: z.object({ total: z.number().int(), lastSeq: z.number().int() }).loose(),
  })
  .loose();
const pagesSchema = z.object({ pages: z.number().int() });
const hostMessageSchema = z.object({ id: z.string(), seq: z.number().int(), text: z.string(), ts: z.number(), command: z.string().nullable() });
const injectedSchema = z.object({ messages: z.array(practiceMessage.pick({ id: true, seq: true, ts: true, username: true, text: true, kind: true })) });

/** The practice stream's control API: the app's auth, rate limits, error envelope and OpenAPI entries apply. */
export function practiceApiRoutes(c: PracticeController): RouteDef[] {
  const stream = c.stream;
  const post = (path: string, summary: string, handler: () => unknown, response: z.ZodType = stateSchema) =>
    route({ method: 'post', path, tag: TAG, summary, scope: SCOPE, body: z.object({}).strict(), response, handler });
  return [
    route({ method: 'get', path: '/practice/state', tag: TAG, summary: 'Practice stream state: live, viewers, pages, paths, simulation, counts', scope: SCOPE, response: stateSchema, handler: () => c.state() }),
    route({
      method: 'post',
      path: '/practice/inject',
      tag: TAG,
      summary: 'Add viewer lines to the practice chat (one, or {messages: [...]})',
      scope: SCOPE,
      body: z.unknown(),
      bodyDoc: injectBody,
      response: injectedSchema,
      status: 201,
      handler: ({ body }) => {
        // Pick the shape first so a mistake gets a precise message rather than a union's "Invalid input".
        const raw = body ?? {};
        const many = typeof raw === 'object' && raw !== null && 'messages' in raw;
        const lines = many ? parseOrThrow(injectManyBody, raw, 'body').messages : [parseOrThrow(injectOneBody, raw, 'body')];
        const added = stream.append(lines.map((l) => ({ ...l, category: 'injected' as const })));
        return { messages: added.map(({ id, seq, ts, username, text, kind }) => ({ id, seq, ts, username, text, kind })) };
      },
    }),
    route({
      method: 'post',
      path: '/practice/send',
      tag: TAG,
      summary: 'Post as the host without a page (what typing into the page does); moderator commands are carried out',
      scope: SCOPE,
      body: sendBody,
      response: hostMessageSchema,
      status: 201,
      handler: ({ body }) => stream.postHost(body.text),
    }),
    route({
      method: 'get',
      path: '/practice/host-messages',
      tag: TAG,
      summary: "The host's posts and commands, oldest first (`since`: epoch ms)",
      scope: SCOPE,
      query: listQuery,
      response: z.object({ hostName: z.string(), messages: z.array(hostMessageSchema) }),
      handler: ({ query }) => ({ hostName: stream.hostName, messages: stream.hostMessages(query.since) }),
    }),
    route({
      method: 'get',
      path: '/practice/messages',
      tag: TAG,
      summary: 'Recent chat lines with their ground-truth category, oldest first',
      scope: SCOPE,
      query: listQuery,
      response: z.object({ messages: z.array(practiceMessage) }),
      handler: ({ query }) => ({ messages: stream.recent({ limit: query.limit, afterSeq: query.afterSeq }) }),
    }),
    route({ method: 'post', path: '/practice/config', tag: TAG, summary: 'Change rate, mix, keyword, host name, viewers, hostile behaviours', scope: SCOPE, body: configBody, response: stateSchema, handler: ({ body }) => c.configure(body) }),
    route({
      method: 'post',
      path: '/practice/simulation/start',
      tag: TAG,
      summary: 'Start simulated viewers (optionally at a new rate, messages per second)',
      scope: SCOPE,
      body: simulationStartBody,
      response: stateSchema,
      handler: ({ body }) => {
        c.simulator.start(body.rate);
        return c.state();
      },
    }),
    post('/practice/simulation/stop', 'Stop simulated viewers', () => (c.simulator.stop(), c.state())),
    route({
      method: 'post',
      path: '/practice/simulation/burst',
      tag: TAG,
      summary: 'Generate n simulated lines at once',
      scope: SCOPE,
      body: burstBody,
      response: stateSchema,
      handler: ({ body }) => (c.simulator.burst(body.count), c.state()),
    }),
    route({
      method: 'post',
      path: '/practice/show-event',
      tag: TAG,
      summary: 'Make the show do something now: viewers, tip, raid, or the next giveaway or auction step',
      scope: SCOPE,
      body: showEventBody,
      response: stateSchema,
      handler: ({ body }) => (c.show.step(body.event), c.state()),
    }),
    post('/practice/live/start', 'Go live', () => c.setLive(true)),
    post('/practice/live/end', 'End the show', () => c.setLive(false)),
    post('/practice/reload', 'Reload every open practice page', () => (stream.control({ action: 'reload' }), { pages: c.hub.pages }), pagesSchema),
    post('/practice/rerender', 'Replace every chat row node with a fresh one, as a framework re-render does', () => (stream.control({ action: 'rerender' }), { pages: c.hub.pages }), pagesSchema),
    route({
      method: 'post',
      path: '/practice/detach',
      tag: TAG,
      summary: 'Take a few recent rows out of the DOM and put the same nodes back',
      scope: SCOPE,
      body: detachBody,
      response: pagesSchema,
      handler: ({ body }) => (stream.control({ action: 'detach', count: body.count ?? 1 }), { pages: c.hub.pages }),
    }),
    route({
      method: 'post',
      path: '/practice/paths',
      tag: TAG,
      summary: 'Break or mend a path: frames "stopped" (chat only in the DOM) or markup "alternate" (chat only on the socket)',
      scope: SCOPE,
      body: pathsBody,
      response: stateSchema,
      handler: ({ body }) => c.setPaths(body),
    }),
    post('/practice/socket/drop', "Drop every page's socket now (pages reconnect and rejoin)", () => ({ dropped: c.hub.dropAll() }), z.object({ dropped: z.number().int() })),
    post('/practice/reset', 'Clear the chat and the host log', () => c.reset()),
  ];
}
