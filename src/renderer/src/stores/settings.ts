import { createStore } from 'zustand/vanilla';
import { ApiRequestError, type ApiClient } from '../api/client.js';
import type { LiveEvent, Settings, SettingsPatch } from '../api/types.js';
import type { BotTestResult } from '../../../shared/contract/bot.js';
import type { SettingsWarning } from '../../../shared/contract/settings.js';
import { oldKeywordTexts } from '../../../shared/settings-checks.js';
import { plainError } from '../format.js';

/** Each editor saves only its own top-level fields, so unsaved edits elsewhere are never sent by accident. */
export const SECTIONS = {
  welcome: [
    'welcomeEnabled',
    'welcomeMessage',
    'welcomeMessages',
    'welcomeDelay',
    'welcomeMaxPerMinute',
    'botMaxMessagesPerMinute',
    'hostUsername',
    'sendMinSpacingMs',
  ],
  faq: ['faqRules'],
  timers: ['timerMessages'],
  commands: ['commands'],
  moderation: ['moderation'],
  giveaway: ['giveaway'],
  thanks: ['thanks'],
} as const satisfies Record<string, readonly (keyof Settings)[]>;
export type Section = keyof typeof SECTIONS;

export interface SettingsState {
  saved: Settings | null;
  draft: Settings | null;
  /** Field path (`faqRules.0.triggers`) -> server message, from the last failed save. */
  errors: Record<string, string>;
  /** Per-section message: a save error without a field path, or "Saved". */
  notice: Partial<Record<Section, { tone: 'good' | 'bad' | 'warn'; text: string }>>;
  saving: Section | null;
  loadError: string | null;
  /** What the last save of each section answered beside the settings (saved anyway). */
  warnings: Partial<Record<Section, SettingsWarning[]>>;
  /** The bot tester: the last answer of POST /bot/test. */
  test: { busy: boolean; result: BotTestResult | null; error: string | null };
  runTest(message: string, username?: string): Promise<void>;
  /** keepDrafts: sections with unsaved edits keep them (coming back to the screen); otherwise all is reloaded. */
  load(options?: { keepDrafts?: boolean }): Promise<void>;
  /** Sections with unsaved edits. */
  dirtySections(): Section[];
  edit(update: (draft: Settings) => Settings): void;
  isDirty(section: Section): boolean;
  save(section: Section): Promise<boolean>;
  revert(section: Section): void;
  /** The saved settings as a file to back up or copy to another account; never includes the bot switch. */
  exportFile(): { name: string; json: string } | null;
  /** Applies a settings file (all of it, or any of its top-level fields) in one validated PATCH. */
  importFile(text: string): Promise<boolean>;
  importNotice: { tone: 'good' | 'bad'; text: string } | null;
  onEvent(e: LiveEvent): void;
}

function pick(s: Settings, section: Section): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const k of SECTIONS[section]) out[k] = s[k];
  return out as Partial<Settings>;
}

export function sectionOf(path: string): Section | null {
  const top = path.split('.')[0] as keyof Settings;
  for (const [section, fields] of Object.entries(SECTIONS) as [Section, readonly string[]][]) if (fields.includes(top)) return section;
  return null;
}

export function createSettingsStore(api: ApiClient) {
  return createStore<SettingsState>()((set, get) => ({
    saved: null,
    draft: null,
    errors: {},
    notice: {},
    saving: null,
    loadError: null,
    importNotice: null,
    warnings: {},
    test: { busy: false, result: null, error: null },
    runTest: async (message, username) => {
      set((s) => ({ test: { ...s.test, busy: true, error: null } }));
      try {
        const result = await api.testBot(message, username || undefined);
        set({ test: { busy: false, result, error: null } });
      } catch (err) {
        set({ test: { busy: false, result: null, error: plainError(err) } });
      }
    },
    dirtySections: () => (Object.keys(SECTIONS) as Section[]).filter((k) => get().isDirty(k)),
    exportFile: () => {
      const saved = get().saved;
      if (!saved) return null;
      const { botActive: _ignored, ...rest } = saved;
      return { name: `buzzchat-settings-${new Date().toISOString().slice(0, 10)}.json`, json: JSON.stringify(rest, null, 2) };
    },
    importFile: async (text) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        set({ importNotice: { tone: 'bad', text: 'This file is not JSON: export settings from BuzzChat to get one.' } });
        return false;
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        set({ importNotice: { tone: 'bad', text: 'This file does not hold BuzzChat settings (expected a JSON object).' } });
        return false;
      }
      // Importing must not switch the bot on or off behind the seller's back.
      const { botActive: _ignored, ...patch } = parsed as Record<string, unknown>;
      try {
        const next = withoutWarnings(await api.patchSettings(patch as SettingsPatch));
        set({
          saved: next,
          draft: structuredClone(next),
          errors: {},
          notice: {},
          importNotice: { tone: 'good', text: `Imported ${Object.keys(patch).length} settings.` },
        });
        return true;
      } catch (err) {
        // The server validates the whole file first, so a refused import changed nothing.
        set({ importNotice: { tone: 'bad', text: `Nothing imported: ${plainError(err)}` } });
        return false;
      }
    },
    load: async (options = {}) => {
      try {
        const s = await api.getSettings();
        const cur = get();
        if (options.keepDrafts && cur.draft && cur.saved) {
          // Back on the screen with edits not saved yet: they stay, the rest is refreshed.
          let draft = structuredClone(s);
          for (const section of cur.dirtySections()) draft = { ...draft, ...structuredClone(pick(cur.draft, section)) } as Settings;
          set({ saved: s, draft, loadError: null });
        } else set({ saved: s, draft: structuredClone(s), loadError: null, errors: {}, notice: {}, warnings: {} });
      } catch (err) {
        set({ loadError: plainError(err) });
      }
    },
    edit: (update) => {
      const d = get().draft;
      if (d) set({ draft: update(structuredClone(d)) });
    },
    isDirty: (section) => {
      const { saved, draft } = get();
      return !!saved && !!draft && JSON.stringify(pick(saved, section)) !== JSON.stringify(pick(draft, section));
    },
    save: async (section) => {
      const draft = get().draft;
      if (!draft) return false;
      const clearSection = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).filter(([p]) => sectionOf(p) !== section));
      set((s) => ({ saving: section, errors: clearSection(s.errors), notice: { ...s.notice, [section]: undefined } }));
      try {
        const answer = await api.patchSettings(pick(draft, section) as SettingsPatch);
        const next = withoutWarnings(answer);
        const draftAfter = { ...(get().draft ?? next), ...pick(next, section) } as Settings;
        // A text the seller already fixed in another tab (not saved yet) is not worth a warning: that tab shows its dot.
        const warnings = ((answer as { warnings?: SettingsWarning[] }).warnings ?? []).filter(
          (w) => w.code !== 'old-keyword' || oldKeywordTexts(w.keyword!, draftAfter).some((x) => x.path === w.path),
        );
        // Take the server's normalised values (ids, trimmed text, defaults) for this section only.
        set((s) => ({
          saved: next,
          draft: s.draft ? { ...s.draft, ...pick(next, section) } : structuredClone(next),
          warnings: { ...s.warnings, [section]: warnings },
          notice: {
            ...s.notice,
            [section]: warnings.length
              ? {
                  tone: 'warn' as const,
                  text: `Saved, but ${warnings.length === 1 ? 'one thing needs' : `${warnings.length} things need`} a look (below).`,
                }
              : { tone: 'good' as const, text: 'Saved' },
          },
        }));
        return true;
      } catch (err) {
        const fields = err instanceof ApiRequestError ? err.fieldErrors : {};
        const text = Object.keys(fields).length > 0 ? 'Not saved: please fix the highlighted fields.' : `Not saved: ${plainError(err)}`;
        set((s) => ({ errors: { ...s.errors, ...fields }, notice: { ...s.notice, [section]: { tone: 'bad' as const, text } } }));
        return false;
      } finally {
        set({ saving: null });
      }
    },
    revert: (section) => {
      const { saved, draft } = get();
      if (!saved || !draft) return;
      set((s) => ({
        draft: { ...draft, ...structuredClone(pick(saved, section)) } as Settings,
        errors: Object.fromEntries(Object.entries(s.errors).filter(([p]) => sectionOf(p) !== section)),
        notice: { ...s.notice, [section]: undefined },
      }));
    },
    onEvent: (e) => {
      if (e.type !== 'settings.updated' && e.type !== 'bot.started' && e.type !== 'bot.stopped') return;
      const { saved, draft } = get();
      if (!saved || !draft) return;
      // Saved elsewhere (API, MCP, another window): refresh the sections the user is not editing.
      void api.getSettings().then(
        (next) => {
          const cur = get();
          if (!cur.draft || !cur.saved) return;
          let merged = { ...cur.draft, botActive: next.botActive } as Settings;
          for (const section of Object.keys(SECTIONS) as Section[]) {
            if (!cur.isDirty(section)) merged = { ...merged, ...structuredClone(pick(next, section)) } as Settings;
          }
          set({ saved: next, draft: merged });
        },
        () => {},
      );
    },
  }));
}

/** PATCH answers the settings plus `warnings`; the store keeps them apart. */
function withoutWarnings(answer: Settings & { warnings?: unknown }): Settings {
  const { warnings: _w, ...settings } = answer;
  return settings as Settings;
}
