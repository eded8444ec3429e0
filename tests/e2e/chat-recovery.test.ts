import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserPid, startChatHarness, type ChatHarness } from './chat-harness.js';

let h: ChatHarness;
beforeAll(async () => {
  h = await startChatHarness({ settings: { sendMinSpacingMs: 0, botActive: true }, chat: { restartBaseMs: 100 } });
});
afterAll(async () => {
  await h?.stop();
});

function noDuplicates() {
  const counts = new Map<string, number>();
  for (const l of h.lines) counts.set(l.rowKey, (counts.get(l.rowKey) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1);
}

async function expectWorking(tag: string) {
  const m = await h.inject(`viewer_${tag}`, `still here after ${tag}`);
  const line = await h.waitFor(`a line after ${tag}`, () => h.lines.find((l) => l.rowKey === `id:${m.id}`), 20_000);
  expect(line.history).toBe(false);
  const res = await h.t.call('POST', '/api/v1/messages/send', { message: `bot reply after ${tag}` });
  const id = res.json.data.messageId;
  await h.waitFor(`sent after ${tag}`, () => h.t.app.services.messages.get(id).status === 'sent', 20_000);
}

describe('browser loss', () => {
  it('restarts after the browser process is killed, without delivering any row twice', async () => {
    await expectWorking('start');
    const statuses: boolean[] = [];
    const off = h.t.app.services.bus.subscribe((e) => {
      if (e.type === 'chat.status') statuses.push(e.data.connected as boolean);
    });
    const pid = browserPid(path.join(h.t.dataDir, 'profiles', h.accountId));
    expect(pid).not.toBeNull();
    const before = h.chat.driver.session(h.accountId);
    process.kill(pid!, 'SIGKILL');
    await h.waitFor(
      'a new browser session',
      () => {
        const s = h.chat.driver.session(h.accountId);
        return s !== null && s !== before && s.ready() && s.attached;
      },
      20_000,
    );
    // Rows posted while the browser was down are on screen when it comes back: history, never triggers.
    await expectWorking('kill');
    off();
    expect(statuses).toContain(false);
    expect(statuses[statuses.length - 1]).toBe(true);
    expect(noDuplicates()).toEqual([]);
  });

  it('restarts when the window is closed under it', async () => {
    const before = h.chat.driver.session(h.accountId)!;
    await before.currentPage()!.context().close();
    await h.waitFor(
      'a new browser session',
      () => {
        const s = h.chat.driver.session(h.accountId);
        return s !== null && s !== before && s.ready() && s.attached;
      },
      20_000,
    );
    await expectWorking('close');
    expect(noDuplicates()).toEqual([]);
    const st = (await h.t.call('GET', '/api/v1/chat/status')).json.data;
    expect(st.connected).toBe(true);
  });

  it('disconnects and reconnects on request', async () => {
    const off = await h.t.call('POST', '/api/v1/chat/disconnect');
    expect(off.json.data.connected).toBe(false);
    expect(h.chat.driver.session(h.accountId)).toBeNull();
    const on = await h.t.call('POST', '/api/v1/chat/connect', {});
    expect(on.status).toBe(200);
    expect(on.json.data.connected).toBe(true);
    await expectWorking('reconnect');
    expect(noDuplicates()).toEqual([]);
    const bad = await h.t.call('POST', '/api/v1/chat/connect', { url: 'ftp://nope' });
    expect(bad.status).toBe(400);
  });
});

describe('account switch', () => {
  it('closes the old account chat and opens the new one (practice mode: the practice page)', async () => {
    const first = h.accountId;
    const created = await h.t.call('POST', '/api/v1/accounts', { name: 'Second Store', platform: 'whatnot' });
    expect(created.status).toBeLessThan(300);
    const second = created.json.data.account.id;
    const sw = await h.t.call('POST', '/api/v1/accounts/switch', { accountId: second });
    expect(sw.status).toBe(200);
    await h.waitFor('the second account to attach', () => h.chat.driver.session(second)?.attached, 20_000);
    await h.waitFor('the first account to close', () => h.chat.driver.session(first) === null);
    const st = (await h.t.call('GET', `/api/v1/chat/status?account=${second}`)).json.data;
    expect(st).toMatchObject({ accountId: second, connected: true, platform: 'practice' });
    const m = await h.inject('switch_viewer', 'hello second store');
    const line = await h.waitFor('a line for the second account', () => h.lines.find((l) => l.rowKey === `id:${m.id}`));
    expect(line.accountId).toBe(second);
  });
});
