/**
 * Which wire decoder reads which platform's traffic. eBay Live has none: no public source shows its
 * socket frames (social_stream reads eBay's DOM only), so eBay stays on the DOM path.
 */
import type { WireDecoder } from '../wire/types.js';
import { kickDecoder } from './kick/decoder.js';
import { twitchDecoder } from './twitch/decoder.js';
import { whatnotDecoder } from './whatnot/decoder.js';
import { youtubeDecoder } from './youtube/decoder.js';

/** The practice stream speaks Whatnot's frames on its local socket, so Whatnot's decoder reads it. */
const practiceDecoder: WireDecoder = { ...whatnotDecoder, platform: 'practice' };

const DECODERS: Record<string, WireDecoder> = {
  whatnot: whatnotDecoder,
  practice: practiceDecoder,
  twitch: twitchDecoder,
  kick: kickDecoder,
  youtube: youtubeDecoder,
};

export function wireDecoder(platform: string): WireDecoder | null {
  return Object.hasOwn(DECODERS, platform) ? DECODERS[platform]! : null;
}
