import { Field, Toggle } from '../../components/ui.js';
import { mapBotTexts, oldKeywordTexts } from '../../../../shared/settings-checks.js';
import { replaceLiterally } from '../../../../shared/templates.js';
import { DateTimeInput, LinesInput, NumberInput, errorAt } from './inputs.js';
import { Placeholders, Preview } from './preview.js';
import type { EditorProps } from './types.js';

export function ModerationEditor({ draft, errors, edit }: EditorProps) {
  const m = draft.moderation;
  const set = (patch: Partial<typeof m>) => edit((d) => ({ ...d, moderation: { ...d.moderation, ...patch } }));
  return (
    <div className="form-grid">
      <div className="field-wide">
        <Toggle checked={m.enabled} onChange={(v) => set({ enabled: v })} label="Moderation on" />
      </div>
      <Field label="Blocked words (one per line)" error={errorAt(errors, 'moderation.blockedWords')} wide>
        <LinesInput label="Blocked words" rows={4} value={m.blockedWords} onChange={(v) => set({ blockedWords: v })} />
      </Field>
      <Field label="Action" error={errorAt(errors, 'moderation.action')}>
        <select aria-label="Moderation action" value={m.action} onChange={(e) => set({ action: e.target.value as typeof m.action })}>
          <option value="log">Log only</option>
          <option value="hide">Hide message (platform moderator command)</option>
        </select>
      </Field>
      <Field label="Max repeats of one text" hint="0 = off" error={errorAt(errors, 'moderation.maxRepeats')}>
        <NumberInput label="Max repeats" min={0} max={100} value={m.maxRepeats} onChange={(v) => set({ maxRepeats: v as number })} />
      </Field>
      <Field label="Repeat window (s)" error={errorAt(errors, 'moderation.repeatWindowSeconds')}>
        <NumberInput
          label="Repeat window"
          min={1}
          max={3600}
          value={m.repeatWindowSeconds}
          onChange={(v) => set({ repeatWindowSeconds: v as number })}
        />
      </Field>
      <Field label="Max capitals (%)" hint="Lines of 12+ letters; 0 = off" error={errorAt(errors, 'moderation.maxCapsPercent')}>
        <NumberInput label="Max capitals" min={0} max={100} value={m.maxCapsPercent} onChange={(v) => set({ maxCapsPercent: v as number })} />
      </Field>
      <div className="field-wide">
        <Toggle checked={m.blockLinks} onChange={(v) => set({ blockLinks: v })} label="Flag links to other sites" />
      </div>
      <Field
        label="Allowed domains (one per line)"
        hint="e.g. whatnot.com; their subdomains are allowed too"
        error={errorAt(errors, 'moderation.allowedDomains')}
        wide
      >
        <LinesInput label="Allowed domains" rows={2} value={m.allowedDomains} onChange={(v) => set({ allowedDomains: v })} />
      </Field>
    </div>
  );
}

export function GiveawaySettingsEditor({ draft, errors, edit, saved }: EditorProps) {
  const g = draft.giveaway;
  const set = (patch: Partial<typeof g>) => edit((d) => ({ ...d, giveaway: { ...d.giveaway, ...patch } }));
  // While the keyword is being changed: the texts that would keep telling viewers the old one.
  const previous = saved?.giveaway.keyword ?? g.keyword;
  const stale = oldKeywordTexts(previous, draft);
  return (
    <div className="form-grid">
      <div className="field-wide">
        <Toggle checked={g.enabled} onChange={(v) => set({ enabled: v })} label="Accept entries from chat" />
      </div>
      <Field label="Keyword" hint="Matched as a whole word" error={errorAt(errors, 'giveaway.keyword')}>
        <input aria-label="Giveaway keyword" value={g.keyword} onChange={(e) => set({ keyword: e.target.value })} />
      </Field>
      {stale.length > 0 && (
        <div className="notice notice-warn field-wide keyword-warning" role="status">
          <span>
            {stale.length === 1 ? 'One text still tells' : `${stale.length} texts still tell`} viewers to type “{previous}”:{' '}
            {stale.map((w) => w.message.split(' still says')[0]).join('; ')}.
          </span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => edit((d) => mapBotTexts(d, (t) => replaceLiterally(t, previous, '{keyword}')))}
          >
            Use {'{keyword}'} in {stale.length === 1 ? 'it' : 'them'}
          </button>
        </div>
      )}
      <Field label="Entries per viewer" error={errorAt(errors, 'giveaway.entriesPerUser')}>
        <NumberInput label="Entries per viewer" min={1} max={100} value={g.entriesPerUser} onChange={(v) => set({ entriesPerUser: v as number })} />
      </Field>
      <Field label="Opens at" hint="Empty = open now" error={errorAt(errors, 'giveaway.opensAt')}>
        <DateTimeInput label="Opens at" value={g.opensAt} onChange={(v) => set({ opensAt: v })} />
      </Field>
      <Field label="Closes at" hint="Empty = no end" error={errorAt(errors, 'giveaway.closesAt')}>
        <DateTimeInput label="Closes at" value={g.closesAt} onChange={(v) => set({ closesAt: v })} />
      </Field>
      <Field label="Claim window (s)" hint="0 = none" error={errorAt(errors, 'giveaway.claimWindowSeconds')}>
        <NumberInput
          label="Claim window"
          min={0}
          max={86400}
          value={g.claimWindowSeconds}
          onChange={(v) => set({ claimWindowSeconds: v as number })}
        />
      </Field>
      <div className="field">
        <Toggle checked={g.excludeHost} onChange={(v) => set({ excludeHost: v })} label="Exclude host" />
        <Toggle checked={g.announceWinners} onChange={(v) => set({ announceWinners: v })} label="Announce winners in chat" />
      </div>
      <Field label="Winner message" hint="{winners} becomes the names of the winners" error={errorAt(errors, 'giveaway.winnerMessage')} wide>
        <input aria-label="Winner message" value={g.winnerMessage} onChange={(e) => set({ winnerMessage: e.target.value })} />
      </Field>
      <div className="field-wide">
        <Preview text={g.winnerMessage} kind="winner" draft={draft} />
        <Placeholders kind="winner" />
      </div>
    </div>
  );
}
