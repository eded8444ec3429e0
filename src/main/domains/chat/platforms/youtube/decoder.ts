/**
 * YouTube live chat as its iframe polls it: `POST youtubei/v1/live_chat/get_live_chat` answers
 * `continuationContents.liveChatContinuation.actions[]`, each `addChatItemAction.item.<renderer>`
 * (replays wrap them in `replayChatItemAction.actions[]`). Shapes from recorded responses in
 * LinaTsukusu/youtube-chat test/testdata (tests/fixtures/wire/youtube/SOURCE.md).
 */
import type { DecodeResult, WireDecoder, WireEvent } from '../../wire/types.js';
import { MAX_RESPONSE_CHARS, asId, asObject, asText, epochMs, malformed, ok, parseBounded, unknown, type JsonObject } from '../wire-json.js';
import { parsePurchaseAmount } from './amount.js';

/** Live polls only: replay polls (`get_live_chat_replay`) are old messages the bot must not answer. */
export const YOUTUBE_RESPONSE_URL = /^https:\/\/www\.youtube\.com\/youtubei\/v1\/live_chat\/get_live_chat(?:\?|$)/;

const MAX_ACTIONS = 2000;
const MAX_RUNS = 500;

type ItemResult = WireEvent | 'malformed' | null;

/** Text runs joined as a viewer reads them: standard emoji as their character, custom emoji by shortcut. */
export function runsText(message: unknown): string | null {
  const m = asObject(message);
  if (!m) return null;
  if (typeof m.simpleText === 'string') return m.simpleText;
  if (!Array.isArray(m.runs)) return null;
  let text = '';
  for (const run of m.runs.slice(0, MAX_RUNS)) {
    const r = asObject(run);
    if (!r) continue;
    if (typeof r.text === 'string') text += r.text;
    else text += emojiText(asObject(r.emoji));
  }
  return text;
}

function emojiText(emoji: JsonObject | null): string {
  if (!emoji) return '';
  const shortcut = Array.isArray(emoji.shortcuts) ? asText(emoji.shortcuts[0]) : null;
  // A standard emoji's id is the character itself ("👏"); a channel emoji's id is opaque, its shortcut is ":name:".
  if (emoji.isCustomEmoji !== true) {
    const id = asText(emoji.emojiId);
    if (id) return id;
  }
  const label = asText(asObject(asObject(asObject(emoji.image)?.accessibility)?.accessibilityData)?.label);
  return shortcut ?? label ?? '';
}

function authorOf(r: JsonObject): { userId: string | null; username: string } | null {
  const username = asText(asObject(r.authorName)?.simpleText);
  return username ? { userId: asText(r.authorExternalChannelId), username } : null;
}

function textMessage(r: JsonObject): ItemResult {
  const author = authorOf(r);
  const text = runsText(r.message);
  if (!author || text === null) return 'malformed';
  return { type: 'message', id: asId(r.id), ...author, text, at: epochMs(r.timestampUsec) };
}

function paid(r: JsonObject, sticker: boolean): ItemResult {
  const author = authorOf(r);
  if (!author) return 'malformed';
  const { amount, currency } = parsePurchaseAmount(asText(asObject(r.purchaseAmountText)?.simpleText));
  const text = sticker ? asText(asObject(asObject(asObject(r.sticker)?.accessibility)?.accessibilityData)?.label) : runsText(r.message);
  return {
    type: 'tip',
    id: asId(r.id),
    ...author,
    amount,
    currency,
    text: text || null,
    at: epochMs(r.timestampUsec),
    ...(sticker ? { variant: 'sticker' } : {}),
  };
}

function membershipGift(r: JsonObject): ItemResult {
  const header = asObject(asObject(r.header)?.liveChatSponsorshipsHeaderRenderer);
  const username = header ? asText(asObject(header.authorName)?.simpleText) : null;
  if (!header || !username) return 'malformed';
  const runs = asObject(header.primaryText)?.runs;
  // The count is the one all-digit run of the localised line ("10" in "10 件の … ギフトを贈りました").
  const countRun = Array.isArray(runs) ? runs.map((x) => asText(asObject(x)?.text)).find((t) => t !== null && /^\d+$/.test(t)) : undefined;
  return {
    type: 'tip',
    id: asId(r.id),
    userId: asText(r.authorExternalChannelId),
    username,
    amount: null,
    currency: null,
    text: runsText(header.primaryText),
    at: epochMs(r.timestampUsec),
    variant: 'membership_gift',
    ...(countRun ? { quantity: Number(countRun) } : {}),
  };
}

function decodeItem(item: JsonObject): ItemResult {
  const [name, value] = Object.entries(item)[0] ?? [];
  const r = asObject(value);
  if (!name || !r) return null;
  switch (name) {
    case 'liveChatTextMessageRenderer':
      return textMessage(r);
    case 'liveChatPaidMessageRenderer':
      return paid(r, false);
    case 'liveChatPaidStickerRenderer':
      return paid(r, true);
    case 'liveChatMembershipItemRenderer': {
      const author = authorOf(r);
      return author ? { type: 'join', ...author, at: epochMs(r.timestampUsec) } : 'malformed';
    }
    case 'liveChatSponsorshipsGiftPurchaseAnnouncementRenderer':
      return membershipGift(r);
    default:
      // Engagement notices, placeholders, tickers, gift redemptions: not chat lines.
      return null;
  }
}

/** The items of one action, unwrapping a replay wrapper. */
function itemsOf(action: JsonObject): JsonObject[] {
  const add = asObject(asObject(action.addChatItemAction)?.item);
  if (add) return [add];
  const replayed = asObject(action.replayChatItemAction)?.actions;
  if (!Array.isArray(replayed)) return [];
  return replayed.slice(0, MAX_ACTIONS).flatMap((a) => {
    const inner = asObject(asObject(asObject(a)?.addChatItemAction)?.item);
    return inner ? [inner] : [];
  });
}

/** One get_live_chat response body to events. Pure; never throws. */
export function decodeYouTubeResponse(body: string): DecodeResult {
  const parsed = parseBounded(body, MAX_RESPONSE_CHARS);
  if (typeof parsed === 'string') return malformed(parsed);
  const root = asObject(parsed.value);
  if (!root) return malformed('response is not a JSON object');
  const continuation = asObject(asObject(root.continuationContents)?.liveChatContinuation);
  if (!continuation) return unknown('no continuationContents.liveChatContinuation');
  // A poll with nothing new has no `actions` at all.
  if (continuation.actions === undefined) return ok([]);
  if (!Array.isArray(continuation.actions)) return malformed('actions is not an array');
  const events: WireEvent[] = [];
  let bad = 0;
  for (const action of continuation.actions.slice(0, MAX_ACTIONS)) {
    const a = asObject(action);
    if (!a) {
      bad++;
      continue;
    }
    for (const item of itemsOf(a)) {
      const result = decodeItem(item);
      if (result === 'malformed') bad++;
      else if (result) events.push(result);
    }
  }
  if (events.length === 0 && bad > 0) return malformed(`${bad} chat item(s) with wrong types`);
  return ok(events);
}

export const youtubeDecoder: WireDecoder = {
  platform: 'youtube',
  responseUrl: YOUTUBE_RESPONSE_URL,
  decodeResponse: decodeYouTubeResponse,
};
