import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.js';
import { call, connectMcp, startCore, textOf, type McpSession } from './harness.js';
import { chatStatus } from '../../helpers/chat-status.js';

// One core and one MCP server process for the file; tests run in order and build on each other's state.
let t: TestApp;
let mcp: McpSession;
let accountId: string;

beforeAll(async () => {
  t = await startCore();
  mcp = await connectMcp(['--api-key', t.key, '--url', t.app.baseUrl]);
  accountId = (await t.call('GET', '/api/v1/accounts')).json.data.accounts[0].id;
});
afterAll(async () => {
  await mcp?.close();
  await t?.stop();
});

const TOOLS = {
  buzzchat_send_message: { readOnly: false, destructive: false, idempotent: false },
  buzzchat_get_message_status: { readOnly: true },
  buzzchat_get_chat_status: { readOnly: true },
  buzzchat_get_recent_chat: { readOnly: true },
  buzzchat_get_giveaway_entries: { readOnly: true },
  buzzchat_pick_winner: { readOnly: false, destructive: false, idempotent: false },
  buzzchat_reroll_winner: { readOnly: false, destructive: false, idempotent: false },
  buzzchat_clear_giveaway_entries: { readOnly: false, destructive: true, idempotent: true },
  buzzchat_open_giveaway: { readOnly: false, destructive: false, idempotent: false },
  buzzchat_close_giveaway: { readOnly: false, destructive: false, idempotent: true },
  buzzchat_get_show: { readOnly: true },
  buzzchat_get_settings: { readOnly: true },
  buzzchat_update_settings: { readOnly: false, destructive: true, idempotent: true },
  buzzchat_toggle_bot: { readOnly: false, destructive: false, idempotent: true },
  buzzchat_list_accounts: { readOnly: true },
  buzzchat_switch_account: { readOnly: false, destructive: false, idempotent: true },
  buzzchat_get_analytics: { readOnly: true },
  buzzchat_get_top_chatters: { readOnly: true },
  buzzchat_list_webhooks: { readOnly: true },
} as const;

describe('tool listing', () => {
  it('lists every tool with a title, annotations and described input fields', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((x) => x.name).sort()).toEqual(Object.keys(TOOLS).sort());
    for (const tool of tools) {
      const want = TOOLS[tool.name as keyof typeof TOOLS];
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description!.length, tool.name).toBeGreaterThan(20);
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(want.readOnly);
      if (!want.readOnly) {
        const w = want as { destructive: boolean; idempotent: boolean };
        expect(tool.annotations?.destructiveHint, tool.name).toBe(w.destructive);
        expect(tool.annotations?.idempotentHint, tool.name).toBe(w.idempotent);
      }
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        expect((schema as { description?: string }).description, `${tool.name}.${field}`).toBeTruthy();
      }
    }
  });

  it('publishes the reference tools with their input contracts and output schemas', async () => {
    const { tools } = await mcp.client.listTools();
    const byName = Object.fromEntries(tools.map((x) => [x.name, x]));
    const send = byName.buzzchat_send_message!;
    expect(send.inputSchema.required).toEqual(['message']);
    expect(send.inputSchema.properties!.message).toMatchObject({ type: 'string', minLength: 1, maxLength: 500 });
    expect(send.inputSchema.properties!.delay).toMatchObject({ type: 'integer', minimum: 0 });
    expect(send.outputSchema?.properties).toHaveProperty('messageId');
    expect(byName.buzzchat_get_analytics!.inputSchema.properties!.period).toMatchObject({ enum: ['day', 'week', 'month', 'all'] });
    expect(byName.buzzchat_pick_winner!.inputSchema.properties!.count).toMatchObject({ type: 'integer', minimum: 1 });
    expect(byName.buzzchat_toggle_bot!.inputSchema).toMatchObject({ required: ['active'], properties: { active: { type: 'boolean' } } });
    expect(byName.buzzchat_update_settings!.inputSchema.properties).toHaveProperty('faqRules');
    expect(byName.buzzchat_update_settings!.inputSchema.properties).not.toHaveProperty('botActive');
  });
});

describe('messages', () => {
  it('refuses to send while the bot is off, as the API does', async () => {
    const r = await call(mcp, 'buzzchat_send_message', { message: 'too early' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/^BOT_INACTIVE: /);
    expect(r.structuredContent).toBeUndefined();
    expect((await t.call('GET', '/api/v1/messages')).json.data.messages).toHaveLength(0);
  });

  it('toggle_bot turns the bot on and off through the settings', async () => {
    const on = await call(mcp, 'buzzchat_toggle_bot', { active: true });
    expect(on.isError).toBeFalsy();
    expect(on.structuredContent).toEqual({ botActive: true });
    expect(textOf(on)).toContain('ON');
    expect((await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(true);
    await call(mcp, 'buzzchat_toggle_bot', { active: false });
    expect((await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(false);
    await call(mcp, 'buzzchat_toggle_bot', { active: true });
    expect((await t.call('GET', '/api/v1/settings')).json.data.botActive).toBe(true);
  });

  let messageId: string;
  it('send_message queues a message that the API lists', async () => {
    const r = await call(mcp, 'buzzchat_send_message', { message: 'Flash sale: 20% off!', delay: 5000 });
    expect(r.isError).toBeFalsy();
    const out = r.structuredContent as { messageId: string; status: string; scheduledFor: string };
    expect(out.messageId).toMatch(/^msg_/);
    expect(out.status).toBe('queued');
    expect(textOf(r)).toContain(out.messageId);
    messageId = out.messageId;
    const listed = (await t.call('GET', '/api/v1/messages')).json.data.messages;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ messageId, message: 'Flash sale: 20% off!', status: 'queued' });
    const due = Date.parse(listed[0].scheduledFor) - Date.parse(listed[0].createdAt);
    expect(due).toBe(5000);
  });

  it('get_message_status reports the delivery state, and NOT_FOUND for an unknown id', async () => {
    const r = await call(mcp, 'buzzchat_get_message_status', { messageId });
    expect(r.structuredContent).toMatchObject({ messageId, status: 'queued', message: 'Flash sale: 20% off!', attempts: 0 });
    expect(textOf(r)).toContain('is queued');
    const missing = await call(mcp, 'buzzchat_get_message_status', { messageId: 'msg_doesnotexist' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^NOT_FOUND: /);
  });
});

describe('giveaway', () => {
  it('lists entries added through the API', async () => {
    for (const username of ['alice', 'bob', 'carol']) {
      expect((await t.call('POST', '/api/v1/giveaway/entries', { username })).status).toBe(201);
    }
    const r = await call(mcp, 'buzzchat_get_giveaway_entries');
    const out = r.structuredContent as { count: number; uniqueUsers: number; entries: { username: string }[] };
    expect(out.count).toBe(3);
    expect(out.uniqueUsers).toBe(3);
    expect(out.entries.map((e) => e.username)).toEqual(['alice', 'bob', 'carol']);
    expect(textOf(r)).toContain('3 entries from 3 users');
    const page = await call(mcp, 'buzzchat_get_giveaway_entries', { limit: 1, offset: 1 });
    expect((page.structuredContent as typeof out).entries.map((e) => e.username)).toEqual(['bob']);
    expect((page.structuredContent as typeof out).count).toBe(3);
  });

  let first: { winners: string[]; drawId: string };
  it('pick_winner draws distinct winners and the draw is recorded', async () => {
    const r = await call(mcp, 'buzzchat_pick_winner', { count: 2 });
    expect(r.isError).toBeFalsy();
    first = r.structuredContent as typeof first;
    expect(first.winners).toHaveLength(2);
    expect(new Set(first.winners).size).toBe(2);
    for (const w of first.winners) expect(['alice', 'bob', 'carol']).toContain(w);
    const draws = (await t.call('GET', '/api/v1/giveaway/draws')).json.data.draws;
    expect(draws.map((d: { drawId: string }) => d.drawId)).toEqual([first.drawId]);
  });

  it('reroll replaces a winner with someone who has not won', async () => {
    const r = await call(mcp, 'buzzchat_reroll_winner', { username: first.winners[0] });
    const out = r.structuredContent as { replaced: string; winners: string[] };
    expect(out.replaced).toBe(first.winners[0]);
    const third = ['alice', 'bob', 'carol'].find((u) => !first.winners.includes(u));
    expect(out.winners).toEqual([third]);
    const notWinner = await call(mcp, 'buzzchat_reroll_winner', { username: 'nobody' });
    expect(notWinner.isError).toBe(true);
    expect(textOf(notWinner)).toMatch(/^VALIDATION_ERROR: .*nobody/);
  });

  it('clear_giveaway_entries empties the round; pick_winner then explains why it cannot draw', async () => {
    const r = await call(mcp, 'buzzchat_clear_giveaway_entries');
    expect(r.structuredContent).toMatchObject({ cleared: 3 });
    expect((await t.call('GET', '/api/v1/giveaway/entries')).json.data.count).toBe(0);
    const empty = await call(mcp, 'buzzchat_pick_winner');
    expect(empty.isError).toBe(true);
    expect(textOf(empty)).toMatch(/^VALIDATION_ERROR: Nobody has entered the giveaway yet/);
  });
});

describe('the live show', () => {
  it('open_giveaway opens entries for a time with a new keyword; close_giveaway closes them', async () => {
    const r = await call(mcp, 'buzzchat_open_giveaway', { durationSeconds: 120, keyword: 'gimme' });
    expect(r.isError).toBeFalsy();
    const status = (await t.call('GET', '/api/v1/giveaway/status')).json.data;
    expect(status).toMatchObject({ state: 'open', keyword: 'gimme' });
    expect(Date.parse(status.closesAt) - Date.parse(status.opensAt)).toBe(120_000);
    expect(r.structuredContent).toMatchObject({ state: 'open', keyword: 'gimme', closesAt: status.closesAt });
    expect(textOf(r)).toContain(`Giveaway open until ${status.closesAt}: viewers enter by typing "gimme".`);
    const tooShort = await call(mcp, 'buzzchat_open_giveaway', { durationSeconds: 5 });
    expect(tooShort.isError).toBe(true);

    const c = await call(mcp, 'buzzchat_close_giveaway');
    expect(c.structuredContent).toMatchObject({ state: 'closed' });
    expect((await t.call('GET', '/api/v1/giveaway/status')).json.data.state).toBe('closed');
  });

  it('get_show says when there is no show, then reports the running show with its figures', async () => {
    const none = await call(mcp, 'buzzchat_get_show');
    expect(none.structuredContent).toEqual({ show: null, running: false });
    expect(textOf(none)).toMatch(/^No show yet/);

    // The chat connecting starts a show; one viewer line counts in it.
    const s = t.app.services;
    const id = s.accounts.active().id;
    s.events.emit('chat.status', id, chatStatus(id, { connected: true, live: true }));
    await expect.poll(async () => (await t.call('GET', '/api/v1/shows/current')).json.data.show).not.toBeNull();
    const show = (await t.call('GET', '/api/v1/shows/current')).json.data.show;
    const r = await call(mcp, 'buzzchat_get_show');
    expect(r.structuredContent).toEqual({ show, running: true });
    expect(textOf(r)).toMatch(new RegExp(`^Show on whatnot live since ${show.startedAt}: 0 chat lines from 0 chatters`));
  });
});

describe('settings', () => {
  it('get_settings returns the same settings as the API, with a summary', async () => {
    const r = await call(mcp, 'buzzchat_get_settings');
    const rest = (await t.call('GET', '/api/v1/settings')).json.data;
    expect(r.structuredContent).toEqual(rest);
    expect(textOf(r)).toMatch(/^Bot is ON; welcome on \("Welcome to the stream, \{username\}!" after 3s\); 0 FAQ rules/);
  });

  it('update_settings changes welcome, FAQ rules and timers through PATCH /settings', async () => {
    const r = await call(mcp, 'buzzchat_update_settings', {
      welcomeMessage: 'Hey {username}, glad you are here!',
      welcomeDelay: 1000,
      faqRules: [{ triggers: ['shipping'], response: 'We ship within 2 days.' }],
      timerMessages: [{ message: 'Follow for more drops!', intervalMinutes: 15 }],
    });
    expect(r.isError).toBeFalsy();
    expect(textOf(r)).toContain('Updated welcomeMessage, welcomeDelay, faqRules, timerMessages');
    const rest = (await t.call('GET', '/api/v1/settings')).json.data;
    expect(rest.welcomeMessage).toBe('Hey {username}, glad you are here!');
    expect(rest.welcomeDelay).toBe(1000);
    expect(rest.faqRules).toHaveLength(1);
    expect(rest.faqRules[0]).toMatchObject({ triggers: ['shipping'], response: 'We ship within 2 days.' });
    expect(rest.timerMessages[0]).toMatchObject({ message: 'Follow for more drops!', intervalMinutes: 15 });
    expect(rest.botActive).toBe(true);
    expect(r.structuredContent).toEqual({ ...rest, warnings: [] });
  });

  it('rejects bad settings before calling the API and leaves them unchanged', async () => {
    const cases: Record<string, unknown>[] = [
      {},
      { welcomeDelay: -1 },
      { botActive: false },
      { faqRules: [{ triggers: ['x'] }] },
      { welcomeMsg: 'typo' },
    ];
    for (const args of cases) {
      const r = await call(mcp, 'buzzchat_update_settings', args);
      expect(r.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(r)).toMatch(/Input validation error|VALIDATION_ERROR/);
    }
    const rest = (await t.call('GET', '/api/v1/settings')).json.data;
    expect(rest.botActive).toBe(true);
    expect(rest.welcomeDelay).toBe(1000);
    expect(rest.faqRules).toHaveLength(1);
  });
});

describe('accounts', () => {
  it('lists accounts and switches the active one', async () => {
    const created = await t.call('POST', '/api/v1/accounts', { name: 'Summer Sale', platform: 'youtube' });
    const second = created.json.data.account.id as string;
    const list = await call(mcp, 'buzzchat_list_accounts');
    const accounts = (list.structuredContent as { accounts: { id: string; isActive: boolean }[] }).accounts;
    expect(accounts.map((a) => a.id).sort()).toEqual([accountId, second].sort());
    expect(accounts.find((a) => a.id === accountId)!.isActive).toBe(true);
    expect(textOf(list)).toContain('Summer Sale');

    const sw = await call(mcp, 'buzzchat_switch_account', { accountId: second });
    expect(sw.structuredContent).toMatchObject({ account: { id: second, isActive: true } });
    const rest = (await t.call('GET', '/api/v1/accounts')).json.data.accounts;
    expect(rest.find((a: { id: string }) => a.id === second).isActive).toBe(true);

    // Tools now act on the new account unless told otherwise.
    expect((await call(mcp, 'buzzchat_get_settings')).structuredContent).toMatchObject({ botActive: false });
    expect((await call(mcp, 'buzzchat_get_settings', { account: accountId })).structuredContent).toMatchObject({ botActive: true });

    const missing = await call(mcp, 'buzzchat_switch_account', { accountId: 'acc_nope' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^NOT_FOUND: /);
    await call(mcp, 'buzzchat_switch_account', { accountId });
  });
});

describe('analytics', () => {
  it('reports what the bot sent and the top FAQ triggers of the period', async () => {
    const now = t.app.services.clock.now();
    const ev = t.app.services.chatEvents;
    const base = { accountId, text: 'x', at: now };
    ev.record({ ...base, direction: 'sent', cause: 'welcome', username: null });
    ev.record({ ...base, direction: 'sent', cause: 'faq', username: null });
    ev.record({ ...base, direction: 'sent', cause: 'faq', username: null });
    ev.record({ ...base, direction: 'sent', cause: 'timer', username: null });
    ev.record({ ...base, direction: 'received', cause: null, username: 'alice', trigger: 'shipping' });
    ev.record({ ...base, direction: 'received', cause: null, username: 'bob', trigger: 'shipping' });
    ev.record({ ...base, direction: 'received', cause: null, username: 'bob', trigger: 'payment' });

    const r = await call(mcp, 'buzzchat_get_analytics', { period: 'day' });
    expect(r.isError).toBeFalsy();
    const rest = (await t.call('GET', '/api/v1/analytics?period=day')).json.data;
    expect(r.structuredContent).toEqual({
      ...rest,
      faqTriggers: [
        { keyword: 'shipping', count: 2 },
        { keyword: 'payment', count: 1 },
      ],
    });
    expect(rest).toMatchObject({ totalMessages: 4, welcomeMessages: 1, faqReplies: 2, timerMessages: 1, period: 'day' });
    expect(textOf(r)).toContain(
      'day: 4 bot messages (1 welcome, 2 FAQ, 1 timer), 3 chat lines from 2 chatters. Top FAQ triggers: shipping (2), payment (1).',
    );

    const week = await call(mcp, 'buzzchat_get_analytics', { topTriggers: 1 });
    expect(week.structuredContent).toMatchObject({ period: 'week', faqTriggers: [{ keyword: 'shipping', count: 2 }] });
    const other = await call(mcp, 'buzzchat_get_analytics', { period: 'all', account: 'acc_nope' });
    expect(textOf(other)).toMatch(/^NOT_FOUND: /);

    const top = await call(mcp, 'buzzchat_get_top_chatters', { period: 'day', limit: 5 });
    expect(top.isError).toBeFalsy();
    expect(top.structuredContent).toEqual((await t.call('GET', '/api/v1/analytics/top-chatters?period=day&limit=5')).json.data);
    expect(textOf(top)).toContain('Top chatters (day): bob (2), alice (1).');
  });
});

describe('resources', () => {
  it('lists the chat and settings resources and reads settings as JSON', async () => {
    const { resources } = await mcp.client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual(['buzzchat://chat/recent', 'buzzchat://settings']);
    const read = await mcp.client.readResource({ uri: 'buzzchat://settings' });
    const content = read.contents[0] as { mimeType: string; text: string };
    expect(content.mimeType).toBe('application/json');
    expect(JSON.parse(content.text)).toEqual((await t.call('GET', '/api/v1/settings')).json.data);
  });
});

describe('webhooks', () => {
  it('list_webhooks shows the webhooks registered through the API', async () => {
    const empty = await call(mcp, 'buzzchat_list_webhooks');
    expect(empty.structuredContent).toEqual({ webhooks: [] });
    expect(textOf(empty)).toContain('No webhooks registered.');
    const created = await t.call('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hooks', events: ['giveaway.entry', 'giveaway.winner'] });
    expect(created.status).toBe(201);
    const r = await call(mcp, 'buzzchat_list_webhooks');
    const hooks = (r.structuredContent as { webhooks: { id: string; secret?: string }[] }).webhooks;
    expect(hooks.map((h) => h.id)).toEqual([created.json.data.id]);
    expect(hooks[0]!.secret).toBeUndefined();
    expect(textOf(r)).toContain(`${created.json.data.id} http://127.0.0.1:9/hooks [giveaway.entry, giveaway.winner]`);
    // A paused endpoint says how many events wait for it.
    await t.call('PATCH', `/api/v1/webhooks/${created.json.data.id}`, { active: false });
    await t.call('POST', '/api/v1/giveaway/entries', { username: 'held_viewer' });
    const paused = await call(mcp, 'buzzchat_list_webhooks');
    expect(textOf(paused)).toContain('(inactive, 1 events held until re-enabled)');
  });
});

describe('chat against the real core', () => {
  it('get_chat_status, get_recent_chat and the chat resource read the chat module routes', async () => {
    const status = await call(mcp, 'buzzchat_get_chat_status');
    expect(status.isError).toBeFalsy();
    const rest = (await t.call('GET', '/api/v1/chat/status')).json.data;
    expect(rest.connected).toBe(false);
    expect(JSON.stringify(status.structuredContent)).toContain(rest.accountId);

    t.app.services.chatEvents.record({
      accountId,
      direction: 'received',
      cause: null,
      username: 'mcp_viewer',
      text: 'is this live?',
      at: t.app.services.clock.now(),
    });
    const recent = await call(mcp, 'buzzchat_get_recent_chat', { limit: 5 });
    expect(recent.isError).toBeFalsy();
    expect(textOf(recent)).toContain('mcp_viewer');
    expect(textOf(recent)).toContain('is this live?');

    const read = await mcp.client.readResource({ uri: 'buzzchat://chat/recent' });
    expect((read.contents[0] as { text: string }).text).toContain('is this live?');
  });
});
