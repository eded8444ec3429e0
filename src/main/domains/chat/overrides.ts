import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { builtinProfile, knownPlatforms, SELECTOR_ROLES, type PlatformProfile, type SelectorRole } from './profiles.js';

const selectorList = z.array(z.string().trim().min(1, 'a selector must not be empty').max(500)).max(50);

/** `<dataDir>/selectors.json`: per platform, per role, selectors tried before the built-in ones. */
export const selectorOverridesSchema = z.record(
  z.string().refine((p) => knownPlatforms().includes(p), { message: `platform must be one of: ${knownPlatforms().join(', ')}` }),
  z.partialRecord(z.enum(SELECTOR_ROLES), selectorList),
);
export type SelectorOverrides = Partial<Record<string, Partial<Record<SelectorRole, string[]>>>>;

export const SELECTORS_FILE = 'selectors.json';

export class SelectorOverridesError extends Error {}

/** Reads and validates the overrides file; a missing file means no overrides, a bad one is a clear error. */
export function loadSelectorOverrides(dataDir: string): SelectorOverrides {
  const file = path.join(dataDir, SELECTORS_FILE);
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new SelectorOverridesError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  return parseSelectorOverrides(raw, file);
}

export function parseSelectorOverrides(raw: string, where = SELECTORS_FILE): SelectorOverrides {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new SelectorOverridesError(`${where} is not valid JSON: ${(err as Error).message}`);
  }
  const result = selectorOverridesSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new SelectorOverridesError(
      `${where} is invalid: ${issues}. Expected {"<platform>": {"<role>": ["css selector", ...]}} with roles ${SELECTOR_ROLES.join(', ')}`,
    );
  }
  return result.data as SelectorOverrides;
}

/** The built-in profile with the user's selectors put first (duplicates dropped, order kept). */
export function profileWithOverrides(platform: string, overrides: SelectorOverrides): PlatformProfile {
  const base = builtinProfile(platform);
  // `practice` is the Whatnot profile, so Whatnot overrides apply to it too (its own come first).
  const layers = [overrides[platform], platform === 'practice' ? overrides.whatnot : undefined].filter((l) => l !== undefined);
  if (layers.length === 0) return base;
  const selectors = { ...base.selectors };
  for (const role of SELECTOR_ROLES) {
    const extra = layers.flatMap((l) => l[role] ?? []);
    if (extra.length > 0) selectors[role] = [...new Set([...extra, ...base.selectors[role]])];
  }
  return { ...base, selectors };
}
