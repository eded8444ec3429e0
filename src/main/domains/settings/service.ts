import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/database.js';
import { parseOrThrow } from '../../http/parse.js';
import type { EventPublisher } from '../../kernel/events/publisher.js';
import { newId } from '../../kernel/ids.js';
import type { Logger } from '../../kernel/logger.js';
import { settingsWarnings } from '../../../shared/settings-checks.js';
import { defaultSettings, settingsPatchSchema, settingsSchema, type Settings, type SettingsWarning } from './schema.js';
import type { SettingsStore } from './store.js';

type Listener = (accountId: string, next: Settings, previous: Settings) => void;

/**
 * Per-account settings with an in-memory cache (the bot reads them on every chat line).
 * PATCH merges into the stored value and validates the result as a whole, so nothing invalid is ever saved.
 */
export class SettingsService {
  private cache = new Map<string, Settings>();
  private listeners = new Set<Listener>();

  constructor(
    private db: Db,
    private store: SettingsStore,
    private clock: Clock,
    private events: EventPublisher,
    private logger: Logger,
  ) {}

  get(accountId: string): Settings {
    const cached = this.cache.get(accountId);
    if (cached) return cached;
    const raw = this.store.get(accountId);
    let settings: Settings;
    if (raw === undefined) settings = defaultSettings();
    else {
      const parsed = settingsSchema.safeParse(raw);
      if (parsed.success) settings = parsed.data;
      else {
        // Stored by an older version with a field we no longer accept: keep what still validates.
        this.logger.warn(`Settings of ${accountId} did not validate; unknown fields dropped`);
        settings = settingsSchema.parse({ ...defaultSettings(), ...pickKnown(raw) });
      }
    }
    this.cache.set(accountId, withIds(settings));
    return this.cache.get(accountId)!;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  update(accountId: string, patchInput: unknown): Settings {
    const patch = parseOrThrow(settingsPatchSchema, patchInput, 'settings');
    const previous = this.get(accountId);
    const raw = patchInput as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...previous, ...raw };
    // Nested objects merge one level deep, so `{ "moderation": { "enabled": true } }` keeps the word list.
    if (patch.moderation) merged.moderation = { ...previous.moderation, ...(raw.moderation as object) };
    if (patch.giveaway) merged.giveaway = { ...previous.giveaway, ...(raw.giveaway as object) };
    if (patch.thanks) merged.thanks = { ...previous.thanks, ...(raw.thanks as object) };
    const next = withIds(parseOrThrow(settingsSchema, merged, 'settings'));
    this.db.transaction(() => {
      this.store.put(accountId, next, this.clock.now());
      this.cache.set(accountId, next);
      if (next.botActive !== previous.botActive) {
        this.events.emit(next.botActive ? 'bot.started' : 'bot.stopped', accountId, { accountId });
      }
      this.events.emit('settings.updated', accountId, { accountId, fields: Object.keys(raw) });
    })();
    for (const l of this.listeners) l(accountId, next, previous);
    return next;
  }

  /** PATCH /settings: the update, and what the new settings do that the seller may not expect. */
  updateWithWarnings(accountId: string, patchInput: unknown): Settings & { warnings: SettingsWarning[] } {
    const previous = this.get(accountId);
    const next = this.update(accountId, patchInput);
    return { ...next, warnings: settingsWarnings(previous, next, Object.keys(patchInput as object)) };
  }

  setBotActive(accountId: string, active: boolean): Settings {
    return this.update(accountId, { botActive: active });
  }
}

function withIds(s: Settings): Settings {
  let changed = false;
  const timerMessages = s.timerMessages.map((t) => (t.id ? t : ((changed = true), { ...t, id: newId('tmr', 8) })));
  const faqRules = s.faqRules.map((r) => (r.id ? r : ((changed = true), { ...r, id: newId('faq', 8) })));
  return changed ? { ...s, timerMessages, faqRules } : s;
}

function pickKnown(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null) return {};
  const known = new Set(Object.keys(settingsSchema.shape));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!known.has(k)) continue;
    const one = settingsSchema.shape[k as keyof typeof settingsSchema.shape].safeParse(v);
    if (one.success) out[k] = v;
  }
  return out;
}
