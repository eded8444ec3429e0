import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { INGEST_BINDING, pageScriptConfig, pageScriptSource, type PagePayload, type PageRow } from '../../src/main/domains/chat/page-script.js';
import { builtinProfile } from '../../src/main/domains/chat/profiles.js';
import { launchTestBrowser, type TestBrowser } from '../helpers/browser.js';

/**
 * The ingest script on fixture markup, inside real Chromium: fixtures are served by page.route, so each is
 * a real navigation and the init script runs exactly as on a live site.
 */
let browser: TestBrowser;
beforeAll(async () => {
  browser = await launchTestBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Fixture {
  page: Page;
  payloads: PagePayload[];
  rows(): PageRow[];
  waitRows(n: number): Promise<PageRow[]>;
}

async function open(platform: string, html: string, frames: Record<string, string> = {}): Promise<Fixture> {
  const ctx = await browser.context.browser()!.newContext();
  const payloads: PagePayload[] = [];
  await ctx.exposeBinding(INGEST_BINDING, (_src, p: PagePayload) => void payloads.push(p));
  await ctx.addInitScript({ content: pageScriptSource(pageScriptConfig(builtinProfile(platform))) });
  await ctx.route('http://fixture.test/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    void route.fulfill({ contentType: 'text/html', body: path === '/' ? html : (frames[path] ?? '') });
  });
  const page = await ctx.newPage();
  await page.goto('http://fixture.test/');
  const rows = () => payloads.flatMap((p) => p.rows);
  return {
    page,
    payloads,
    rows,
    waitRows: async (n) => {
      const end = Date.now() + 5000;
      while (rows().length < n) {
        if (Date.now() > end) throw new Error(`only ${rows().length} of ${n} rows`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return rows();
    },
  };
}

const pick = (r: PageRow) => ({ kind: r.kind, username: r.username, text: r.text });

describe('row parsing per platform', () => {
  // The practice page's older markup (test ids on name and text, id and timestamp attributes), read through the
  // Whatnot profile's last fallbacks. The practice profile is Whatnot's: it reads no id or time from a row.
  it('practice (Whatnot profile): username and text from their own elements, never the whole row as both', async () => {
    const f = await open(
      'practice',
      `<div data-testid="chat-messages">
         <div data-testid="chat-message" data-message-id="m1" data-ts="1700000000000"><img alt=""><span data-testid="username">alice</span><span class="badge">MOD</span><span data-testid="message-text">how much is shipping?</span></div>
         <div class="chat-message" data-message-id="m2"><span class="username">bob:</span> <span class="message-text">  enter   me </span></div>
         <div data-testid="chat-message"><span data-testid="username">carol</span> this row has no text element</div>
         <div data-testid="chat-message" data-message-id="sys"><span data-testid="message-text">Giveaway starts soon</span></div>
       </div>`,
    );
    const rows = await f.waitRows(3);
    expect(rows.map(pick)).toEqual([
      { kind: 'message', username: 'alice', text: 'how much is shipping?' },
      { kind: 'message', username: 'bob', text: 'enter me' },
      { kind: 'message', username: 'carol', text: 'this row has no text element' },
    ]);
    expect(rows[0]).toMatchObject({ key: expect.stringMatching(/^k:/), ts: null, initial: true });
    expect(rows[2]!.key).toMatch(/^k:/);
    expect(f.payloads.find((p) => p.attached)!.attached).toEqual({ container: '[data-testid="chat-messages"]' });
  });

  it('Whatnot: class-based fallbacks pick the outermost row, and joins are joins', async () => {
    const f = await open(
      'whatnot',
      `<section class="LiveChat_root"><div class="ChatMessages_list">
         <div class="ChatMessage_row"><div class="ChatMessage_inner"><span class="Username_x">dana</span><span class="MessageText_y">hi all</span></div></div>
         <div class="ChatMessage_row" data-kind="join"><span class="Username_x">erin</span><span class="MessageText_y">joined</span></div>
       </div></section>`,
    );
    const rows = await f.waitRows(2);
    expect(rows.map(pick)).toEqual([
      { kind: 'message', username: 'dana', text: 'hi all' },
      { kind: 'join', username: 'erin', text: 'joined' },
    ]);
  });

  it('YouTube: only the live_chat frame is read, with #author-name and #message', async () => {
    const chat = `<yt-live-chat-item-list-renderer><div id="items">
        <yt-live-chat-text-message-renderer id="yt1"><span id="author-name">Frank</span><span id="message">first!</span></yt-live-chat-text-message-renderer>
      </div></yt-live-chat-item-list-renderer>`;
    const f = await open('youtube', `<div id="items"><p>not chat</p></div><iframe src="/live_chat?v=1"></iframe>`, { '/live_chat': chat });
    const rows = await f.waitRows(1);
    expect(rows.map(pick)).toEqual([{ kind: 'message', username: 'Frank', text: 'first!' }]);
    expect(rows[0]!.key).toBe('id:yt1');
  });

  it('reads a message whole: Twitch emotes and mentions beside the text fragments, YouTube emoji images', async () => {
    const twitch = await open(
      'twitch',
      `<div data-test-selector="chat-scrollable-area__message-container"><div data-a-target="chat-line-message"><span data-a-target="chat-message-username">gina</span><span aria-hidden="true">: </span><span data-a-target="chat-line-message-body"><span class="text-fragment" data-a-target="chat-message-text">hey </span><span data-a-target="chat-message-mention">@host</span><span class="text-fragment" data-a-target="chat-message-text"> how much is shipping </span><div data-test-selector="emote-button"><img class="chat-line__message--emote" alt="Kappa"></div><span class="text-fragment" data-a-target="chat-message-text"> to Canada?</span></span></div></div>`,
    );
    expect((await twitch.waitRows(1)).map(pick)).toEqual([
      { kind: 'message', username: 'gina', text: 'hey @host how much is shipping Kappa to Canada?' },
    ]);
    const yt = await open('youtube', `<iframe src="/live_chat?v=1"></iframe>`, {
      '/live_chat': `<yt-live-chat-item-list-renderer><div id="items"><yt-live-chat-text-message-renderer id="y2"><span id="author-name">Ana</span><span id="message">enter <img alt="&#127881;" src="data:,"> please</span></yt-live-chat-text-message-renderer></div></yt-live-chat-item-list-renderer>`,
    });
    expect((await yt.waitRows(1)).map(pick)).toEqual([{ kind: 'message', username: 'Ana', text: 'enter 🎉 please' }]);
  });

  it('Twitch, Kick and eBay: their own username and text elements', async () => {
    const twitch = await open(
      'twitch',
      `<div data-test-selector="chat-scrollable-area__message-container"><div data-a-target="chat-line-message" data-a-id="t1"><span data-a-target="chat-message-username">gina</span><span>: </span><span data-a-target="chat-message-text">PogChamp</span></div></div>`,
    );
    const kick = await open(
      'kick',
      `<div id="chatroom"><div id="chatroom-messages"><div data-chat-entry="k1" class="chat-entry"><span class="chat-entry-username">hank</span><span class="chat-entry-content">yo</span></div></div></div>`,
    );
    const ebay = await open(
      'ebay',
      `<ul class="comments-list"><li class="comment-item"><span class="commenter-name">ivy</span><span class="comment-text">is it graded?</span></li></ul>`,
    );
    expect((await twitch.waitRows(1)).map(pick)).toEqual([{ kind: 'message', username: 'gina', text: 'PogChamp' }]);
    expect((await kick.waitRows(1)).map(pick)).toEqual([{ kind: 'message', username: 'hank', text: 'yo' }]);
    expect((await ebay.waitRows(1)).map(pick)).toEqual([{ kind: 'message', username: 'ivy', text: 'is it graded?' }]);
  });
});

describe('identity without platform ids (eBay markup)', () => {
  const html = `<ul class="comments-list" id="list"><li class="comment-item"><span class="commenter-name">jo</span><span class="comment-text">hello</span></li></ul>`;
  const add = (page: Page, user: string, text: string) =>
    page.evaluate(
      ([u, t]) => {
        const li = document.createElement('li');
        li.className = 'comment-item';
        li.innerHTML = `<span class="commenter-name">${u}</span><span class="comment-text">${t}</span>`;
        document.getElementById('list')!.appendChild(li);
      },
      [user, text],
    );

  it('pushes new rows as they are added, batched, not as history', async () => {
    const f = await open('ebay', html);
    await f.waitRows(1);
    await f.page.evaluate(() => {
      for (let i = 0; i < 50; i++) {
        const li = document.createElement('li');
        li.className = 'comment-item';
        li.innerHTML = `<span class="commenter-name">u${i}</span><span class="comment-text">enter</span>`;
        document.getElementById('list')!.appendChild(li);
      }
    });
    const rows = await f.waitRows(51);
    expect(rows.slice(1).every((r) => !r.initial)).toBe(true);
    expect(new Set(rows.map((r) => r.key)).size).toBe(51);
    // 50 rows added in one task reach Node in one call, not fifty (other calls, the attach and page state, come
    // whenever they come: only the calls carrying these rows are counted).
    const carrying = f.payloads.filter((p) => p.rows.some((r) => /^u\d+$/.test(r.username)));
    expect(carrying.map((p) => p.rows.length)).toEqual([50]);
  });

  it('gives a re-rendered copy of a row (same content, old node gone) the old key; a real repeat gets a new one', async () => {
    const f = await open('ebay', html);
    await add(f.page, 'kim', 'enter');
    const [first, second] = await f.waitRows(2);
    // Framework re-render: the whole list is replaced by fresh nodes with the same content.
    await f.page.evaluate(() => {
      const list = document.getElementById('list')!;
      const copy = list.cloneNode(true) as HTMLElement;
      list.replaceWith(copy);
    });
    const again = (await f.waitRows(4)).slice(2);
    expect(again.map((r) => r.key).sort()).toEqual([first!.key, second!.key].sort());
    // The same user repeating the same words while the old row is still on screen is a new message.
    await add(f.page, 'kim', 'enter');
    const rows = await f.waitRows(5);
    expect(rows[4]!.key).not.toBe(second!.key);
  });

  it('waits for a row whose content is filled in after insertion', async () => {
    const f = await open('ebay', html);
    await f.waitRows(1);
    await f.page.evaluate(() => {
      const li = document.createElement('li');
      li.className = 'comment-item';
      document.getElementById('list')!.appendChild(li);
      setTimeout(() => (li.innerHTML = '<span class="commenter-name">late</span><span class="comment-text">filled later</span>'), 30);
    });
    const rows = await f.waitRows(2);
    expect(pick(rows[1]!)).toEqual({ kind: 'message', username: 'late', text: 'filled later' });
  });
});

describe('probe', () => {
  it('reports which selector matched per role', async () => {
    const f = await open(
      'whatnot',
      `<span data-testid="live-indicator">LIVE</span><div class="chat-messages"><div class="chat-message"><span class="username">a</span><span class="message-text">b</span></div></div><textarea placeholder="Send a message..."></textarea>`,
    );
    await f.waitRows(1);
    const health = await f.page.evaluate(() => (window as any).__bcProbe());
    expect(health.chatContainer.matched).toBe('.chat-messages');
    expect(health.messageItem.matched).toBe('.chat-message');
    expect(health.username.matched).toBe('.username');
    // Whatnot's own input selectors end with a bare textarea, tried before the extension's placeholder forms.
    expect(health.chatInput.matched).toBe('textarea');
    expect(health.liveIndicator.matched).toBe('[data-testid="live-indicator"]');
    expect(health.sendButton.matched).toBeNull();
    expect(f.payloads.some((p) => p.state?.live === true)).toBe(true);
  });
});

describe('what a person sees', () => {
  it('leaves out hidden parts (stylesheet, inline style, hidden, aria-hidden, tooltips, scripts) and keeps emoji images; names leave badge images out', async () => {
    // The whole chat sits in a collapsed panel: a hidden ancestor must not blank every row.
    const f = await open(
      'ebay',
      `<style>.gone { display: none }</style>
       <div style="display:none"><div id="chatting-container">
         <div data-index="1"><span class="user-name"><img alt="Top buyer" src="data:,">buyer_one</span>
           <span class="message-content">is <span class="gone">SECRET</span>this <span hidden>x</span>graded<span aria-hidden="true"> (edited)</span>?<div role="tooltip">tip</div><script>var a = 1;</script><span style="display: none">inline</span> <img alt="&#128293;" src="data:,"><br>thanks</span></div>
       </div></div>`,
    );
    expect((await f.waitRows(1)).map(pick)).toEqual([{ kind: 'message', username: 'buyer_one', text: 'is this graded? 🔥 thanks' }]);
  });

  it('without a text element, reads the row minus its name the same way', async () => {
    const f = await open(
      'ebay',
      `<style>.stamp { display: none }</style><div data-testid="chat-messages-container">
         <div data-index="3"><img alt="" src="data:,"><span class="X_username__a1">buyer_two</span><span class="stamp">12:01</span><span class="X_body__b2">ships <img alt="&#128230;" src="data:,"> today?</span></div>
       </div>`,
    );
    expect((await f.waitRows(1)).map(pick)).toEqual([{ kind: 'message', username: 'buyer_two', text: 'ships 📦 today?' }]);
  });

  const whatnotRow = (index: number, href: string, name: string, lines: string[]) =>
    `<div data-index="${index}"><div data-testid="chat-message"><a href="${href}"><img alt="avatar" src="data:,"></a><div>${name}${lines.map((l) => `<div>${l}</div>`).join('')}</div></div></div>`;

  it('Whatnot by structure: the name line, the lines after it, the name from the /user/ link, and joins by their text', async () => {
    const f = await open(
      'whatnot',
      `<div data-testid="virtuoso-item-list">
        ${whatnotRow(1, '/user/ann', '<div><strong>ann</strong><img alt="Verified seller" src="data:,"></div>', ['two lines', 'in <b>one</b> message'])}
        ${whatnotRow(2, '/user/caf%C3%A9_cards?ref=chat', '<div><span>café_cards</span></div>', ['grading?'])}
        ${whatnotRow(3, '/user/bo', '<div><strong>bo</strong></div>', ['joined &#128075;'])}
        ${whatnotRow(4, '/user/cy', '<div><strong>cy</strong></div>', ['dee joined'])}
      </div>`,
    );
    expect((await f.waitRows(4)).map(pick)).toEqual([
      { kind: 'message', username: 'ann', text: 'two lines in one message' },
      { kind: 'message', username: 'café_cards', text: 'grading?' },
      { kind: 'join', username: 'bo', text: 'joined 👋' },
      // Someone writing that another viewer joined is a message, under their own name.
      { kind: 'message', username: 'cy', text: 'dee joined' },
    ]);
    // data-index is a list position, not an id: the keys are the script's own.
    expect(f.rows().every((r) => r.key.startsWith('k:'))).toBe(true);
  });

  it('reads a viewer count from its text ("1,234") or, with none, from its aria-label ("1.2K watching")', async () => {
    const whatnot = await open('whatnot', `<header><strong class="tabular-nums">1,234</strong></header><div data-testid="virtuoso-item-list"></div>`);
    const ebay = await open('ebay', `<div class="Live_viewCount_x1" aria-label="1.2K watching"><svg></svg></div><div id="chatting-container"></div>`);
    // The newest state: the new page's about:blank reports one too.
    const viewers = (f: Fixture) => f.payloads.filter((p) => p.state).at(-1)?.state?.viewers;
    await expect.poll(() => viewers(whatnot)).toBe(1234);
    await expect.poll(() => viewers(ebay)).toBe(1200);
  });
});
