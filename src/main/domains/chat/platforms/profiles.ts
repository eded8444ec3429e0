/** The built-in DOM profile of each platform (each file cites its evidence); the wire decoders are in decoders.ts. */
import type { PlatformProfile } from './profile.js';
import { ebayProfile } from './ebay/profile.js';
import { kickProfile } from './kick/profile.js';
import { twitchProfile } from './twitch/profile.js';
import { practiceProfile, whatnotProfile } from './whatnot/profile.js';
import { youtubeProfile } from './youtube/profile.js';

export const BUILTIN_PROFILES: Readonly<Record<string, PlatformProfile>> = {
  whatnot: whatnotProfile,
  youtube: youtubeProfile,
  twitch: twitchProfile,
  kick: kickProfile,
  ebay: ebayProfile,
  practice: practiceProfile,
};
