import { describe, expect, it } from 'vitest';
import type { ChatDiagnosis } from '../../src/shared/contract/chat-diagnosis.js';
import { KnownWords, MASK_TEXT_JS, maskDetail, maskJson, maskPayload, maskText, reportUrl } from '../../src/main/domains/chat/diagnostics/mask.js';
import { problemsOf, summaryOf, type ProblemFacts } from '../../src/main/domains/chat/diagnostics/problems.js';
import { ChatDiagnostics, SAMPLES_PER_TYPE } from '../../src/main/domains/chat/diagnostics/recorder.js';
import type { ChatLine } from '../../src/main/domains/chat/types.js';
import type { DecodeResult, WireDecoder } from '../../src/main/domains/chat/wire/types.js';

describe('masking', () => {
  it('replaces letters with x and digits with 0, keeping length, spaces and punctuation', () => {
    expect(maskText('Hello, World 42!')).toBe('xxxxx, xxxxx 00!');
    expect(maskText('Zoë Ünal')).toBe('xxx xxxx');
    expect(maskText('日本語 ok?')).toBe('xxx xx?');
    expect(maskText('nice 🔥')).toBe('xxxx *');
  });

  it('in the page by the same rule', () => {
    const inPage = new Function(`return (${MASK_TEXT_JS})`)() as (s: string) => string;
    for (const s of ['Hello, World 42!', 'Zoë Ünal', '日本語 ok?', 'nice 🔥', 'a\u0301b']) expect(inPage(s)).toBe(maskText(s));
  });

  it('scrubs known names from kept values as whole words, in any case and URL-encoded', () => {
    const known = new KnownWords(['BobSmith', 'enter', '@al', 'zoë']);
    expect(known.scrub('user-bobsmith-row')).toBe('user-xxxxxxxx-row');
    expect(known.scrub('flex items-center')).toBe('flex items-center');
    expect(known.scrub('enter now')).toBe('xxxxx now');
    // A short name is only ever a whole token.
    expect(known.scrub('al alpha')).toBe('xx alpha');
    expect(known.has('zo%C3%AB')).toBe(true);
    expect(known.has('data-row')).toBe(false);
  });

  it('masks every string of a Phoenix frame but its event and topic prefix; keys stay', () => {
    const known = new KnownWords(['bob']);
    const frame = [
      '1',
      null,
      'livestream:abc-123',
      'new_msg',
      { id: 'm1', user: { id: '42', username: 'bob' }, message: 'Hi Bob!', type: 'chat', n: 3 },
    ];
    expect(maskJson(frame, known)).toEqual([
      '0',
      null,
      'livestream:xxx-000',
      'new_msg',
      { id: 'x0', user: { id: '00', username: 'xxx' }, message: 'xx xxx!', type: 'chat', n: 3 },
    ]);
  });

  it('parses JSON inside strings (Pusher) and keeps event names unless they hold a known name', () => {
    const known = new KnownWords(['carol']);
    const raw = JSON.stringify({
      event: 'App\\Events\\ChatMessageEvent',
      data: JSON.stringify({ content: 'yo', sender: { username: 'carol' }, type: 'message' }),
      channel: 'chatrooms.7.v2',
    });
    expect(maskPayload(raw, known)).toEqual({
      event: 'App\\Events\\ChatMessageEvent',
      data: { $json: { content: 'xx', sender: { username: 'xxxxx' }, type: 'message' } },
      channel: 'xxxxxxxxx.0.x0',
    });
    expect(maskJson({ type: 'carol' }, known)).toEqual({ type: 'xxxxx' });
    expect(maskJson({ type: 'two words' }, known)).toEqual({ type: 'xxx xxxxx' });
    expect(maskJson({ carol: 1 }, known)).toEqual({ xxxxx: 1 });
  });

  it('keeps IRC commands and tag keys, masks tag values, prefixes and parameters', () => {
    const line = '@badge-info=;display-name=Dave;msg-id=resub :dave!dave@dave.tmi.twitch.tv USERNOTICE #chan :Great stream';
    expect(maskPayload(line, new KnownWords([]))).toBe(
      '@badge-info=;display-name=xxxx;msg-id=resub :xxxx!xxxx@xxxx.xxx.xxxxxx.xx USERNOTICE #xxxx :xxxxx xxxxxx',
    );
    expect(maskPayload('PING :tmi.twitch.tv', new KnownWords([]))).toBe('PING :xxx.xxxxxx.xx');
    expect(maskPayload('just some text 1', new KnownWords([]))).toBe('xxxx xxxx xxxx 0');
  });

  it('masks quoted parts and known names in a refusal reason; page URLs lose their query and fragment', () => {
    expect(maskDetail('Unexpected token "hello eve" in JSON from eve', new KnownWords(['eve']))).toBe(
      'Unexpected token "xxxxx xxx" in JSON from xxx',
    );
    expect(reportUrl('https://www.youtube.com/watch?v=abc#t=1')).toBe('https://www.youtube.com/watch');
    expect(reportUrl(null)).toBeNull();
  });
});

describe('the recorder', () => {
  const decoder = (results: DecodeResult[]): WireDecoder => ({ platform: 'x', socketUrl: /x/, decodeFrame: () => results.shift()! });
  const line = (rowKey: string, username = 'u'): ChatLine => ({
    accountId: 'a',
    platform: 'x',
    kind: 'message',
    username,
    text: 't',
    rowKey,
    history: false,
    self: false,
    pageTs: null,
    receivedAt: 1000,
  });

  it('keeps the same decode results, at most 20 frames per event type, and the last 5 lines with their reader', () => {
    let listener: (l: ChatLine) => void = () => {};
    let now = 1_000_000;
    const diag = new ChatDiagnostics({ onLine: (l) => ((listener = l), () => {}) }, () => now);
    const results: DecodeResult[] = [];
    for (let i = 0; i < 30; i++)
      results.push({ ok: true, events: [{ type: 'message', id: `m${i}`, userId: null, username: `n${i}`, text: 'hi', at: null }] });
    results.push({ ok: false, reason: 'malformed', detail: 'bad' }, { ok: true, events: [] });
    const d = diag.decoder('a', decoder([...results]))!;
    expect(d.responseUrl).toBeUndefined();
    for (const r of results) expect(d.decodeFrame!(`frame`)).toEqual(r);
    const rec = diag.record('a');
    expect(rec.groups.get('message')).toHaveLength(SAMPLES_PER_TYPE);
    expect(rec.groups.get('message')!.at(-1)!.raw).toBe('frame');
    expect(rec.groups.get('malformed')).toHaveLength(1);
    expect(rec.groups.get('empty')).toHaveLength(1);
    expect(rec.frames.byType(now)).toEqual({ message: 30, malformed: 1, empty: 1 });
    expect(rec.lastWireChatAt).toBe(now);
    now += 61_000;
    expect(rec.frames.byType(now)).toEqual({});
    // Keys: the page's k:, the stream's w:, and a platform id the stream had carried.
    for (const key of ['k:doc:1', 'w:run:1', 'id:m29', 'id:never-on-the-wire', 'k:doc:2', 'k:doc:3']) listener(line(key));
    expect(rec.lines.map((l) => l.path)).toEqual(['wire', 'wire', 'dom', 'dom', 'dom']);
    expect(diag.decoder('a', null)).toBeNull();
  });

  it('keeps at most about 1 MB of frames per account, dropping the oldest first', () => {
    const diag = new ChatDiagnostics({ onLine: () => () => {} }, () => 0);
    const big = 'x'.repeat(150_000);
    const types = ['tip', 'raid', 'viewers', 'stream', 'giveaway', 'product', 'message', 'join'] as const;
    const results = types.map((type) => ({ ok: true, events: [{ type }] }) as unknown as DecodeResult);
    const d = diag.decoder('a', decoder([...results]))!;
    for (let i = 0; i < types.length; i++) d.decodeFrame!(big);
    const rec = diag.record('a');
    const kept = [...rec.groups.values()].flat();
    expect(kept.length).toBeLessThan(types.length);
    expect(kept.reduce((n, s) => n + s.chars, 0)).toBeLessThanOrEqual(1_000_000);
    expect(rec.groups.get('join')).toHaveLength(1);
    expect(rec.groups.get('tip')).toHaveLength(0);
  });
});

describe('the problems', () => {
  const base = (): ProblemFacts['d'] => ({
    accountId: 'a',
    platform: 'whatnot',
    checkedAt: '',
    connected: true,
    live: true,
    url: null,
    selectors: { chatInput: { matched: 'textarea', tried: ['textarea'] }, liveIndicator: { matched: 'footer', tried: ['footer'] } },
    page: { container: '.list', rows: 10, parsed: 10, missingName: 0, missingText: 0 },
    wire: {
      available: true,
      live: true,
      framesPerMin: 10,
      framesByType: {},
      eventsByType: { message: 3 },
      unknown: 0,
      malformed: 0,
      lastChatAt: null,
    },
    dom: { live: true, rowsPerMin: 3, role: 'fallback' },
    lastLines: [],
  });
  const facts = (patch: (d: ProblemFacts['d']) => void, extra: Partial<ProblemFacts> = {}): ProblemFacts => {
    const d = base();
    patch(d);
    return { d, lastError: null, pageOnlyLines: 0, malformedPerMin: 0, now: 0, ...extra };
  };
  const codes = (f: ProblemFacts) => problemsOf(f).map((p) => `${p.code}:${p.severity}`);

  it('none when both readers work', () => {
    const problems = problemsOf(facts(() => {}));
    expect(problems).toEqual([]);
    expect(summaryOf(problems, base())).toBe('Healthy: reading chat from the data stream and the page.');
  });

  it('not connected comes alone, with the reason', () => {
    const p = problemsOf(facts((d) => (d.connected = false), { lastError: 'page crashed' }));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ code: 'not-connected', severity: 'error', message: 'Not connected: no chat page is open (page crashed).' });
  });

  it('rows without a username: the site changed how names are shown (an error when the data stream does not carry chat)', () => {
    const p = problemsOf(
      facts((d) => {
        d.page!.missingName = 10;
        d.wire.eventsByType = {};
      }),
    );
    expect(p[0]!.message).toBe('The chat list was found but no row had a username: the site probably changed how names are shown.');
    expect(p[0]!.fix).toMatch(/^Send a site report .* or add a username selector in selectors\.json/);
    expect(p[0]!.severity).toBe('error');
    expect(codes(facts((d) => (d.page!.missingName = 10)))).toEqual(['no-username:warning']);
    expect(codes(facts((d) => (d.page!.missingName = 6)))).toEqual(['no-username:warning']);
    expect(codes(facts((d) => (d.page!.missingName = 2)))).toEqual([]);
  });

  it('the other page problems: no text, no input, no container, rows missing while the stream carries chat, unreadable page', () => {
    expect(codes(facts((d) => (d.page!.missingText = 10)))).toEqual(['no-text:warning']);
    const input = problemsOf(facts((d) => (d.selectors.chatInput!.matched = null)));
    expect(input[0]).toMatchObject({ code: 'no-input', severity: 'error', message: 'The chat input was not found: BuzzChat cannot post.' });
    expect(codes(facts((d) => (d.page = { container: null, rows: 0, parsed: 0, missingName: 0, missingText: 0 })))).toEqual(['no-container:warning']);
    expect(codes(facts((d) => ((d.page!.rows = 0), (d.page!.parsed = 0))))).toEqual(['no-rows:warning']);
    expect(codes(facts((d) => ((d.page!.rows = 0), (d.wire.eventsByType = {}))))).toEqual([]);
    expect(codes(facts((d) => (d.page = null)))).toEqual(['page-unreadable:error']);
  });

  it('the data stream: silent, carrying no chat, refusing frames; no LIVE badge is a note', () => {
    const silent = problemsOf(facts((d) => ((d.wire.live = false), (d.wire.eventsByType = {}))));
    expect(silent[0]).toMatchObject({
      code: 'wire-silent',
      severity: 'warning',
      message: "No frames from the site's data stream in the last minute: BuzzChat is reading the page only.",
    });
    expect(codes(facts(() => {}, { pageOnlyLines: 2 }))).toEqual(['wire-no-chat:warning']);
    expect(codes(facts((d) => (d.wire.available = false), { pageOnlyLines: 2 }))).toEqual([]);
    expect(codes(facts(() => {}, { malformedPerMin: 3 }))).toEqual(['wire-malformed:warning']);
    const notLive = facts((d) => ((d.live = false), (d.selectors.liveIndicator!.matched = null)));
    expect(codes(notLive)).toEqual(['not-live:info']);
    expect(summaryOf(problemsOf(notLive), notLive.d)).toMatch(/^Healthy/);
    // Worst first.
    expect(codes(facts((d) => ((d.selectors.chatInput!.matched = null), (d.page!.missingName = 10)), { malformedPerMin: 1 }))[0]).toBe(
      'no-input:error',
    );
  });

  it('says how many problems and the worst one in its summary', () => {
    const d = base() as ChatDiagnosis;
    d.selectors.chatInput!.matched = null;
    expect(summaryOf(problemsOf({ d, lastError: null, pageOnlyLines: 1, malformedPerMin: 0, now: 0 }), d)).toBe(
      '2 problem(s): The chat input was not found: BuzzChat cannot post.',
    );
  });
});
