import { truncateText } from '../../../shared/text.js';
import { BUILTIN_PROFILES as PROFILES } from './platforms/profiles.js';
import type { PlatformProfile } from './platforms/profile.js';
import type { ModeratorAction } from './types.js';

export { SELECTOR_ROLES, type PlatformProfile, type SelectorRole, type SelectorSet } from './platforms/profile.js';

export function builtinProfile(platform: string): PlatformProfile {
  const p = Object.hasOwn(PROFILES, platform) ? PROFILES[platform] : undefined;
  if (!p) throw new Error(`No chat profile for platform "${platform}" (known: ${Object.keys(PROFILES).join(', ')})`);
  return p;
}

export function knownPlatforms(): string[] {
  return Object.keys(PROFILES);
}

/** Fills a moderator command template, or null when the platform has no such command. */
export function moderatorCommand(profile: PlatformProfile, action: ModeratorAction, arg: string): string | null {
  const template = profile.moderatorCommands[action];
  if (!template) return null;
  const value = action === 'hide' || action === 'timeout' ? arg.replace(/^@/, '').trim() : arg.trim();
  if (!value) return null;
  const filled = template.replace(/\{(user|seconds|text)\}/g, value);
  return truncateText(filled, profile.maxMessageLength);
}
