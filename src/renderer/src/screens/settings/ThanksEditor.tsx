import { Field, Toggle } from '../../components/ui.js';
import type { TemplateKind } from '../../../../shared/templates.js';
import { errorAt } from './inputs.js';
import { Placeholders, Preview } from './preview.js';
import type { EditorProps } from './types.js';
import '../../styles/cockpit.css';

type Rule = 'tips' | 'raids' | 'sales';

const RULES: { id: Rule; kind: TemplateKind; toggle: string; label: string; when: string }[] = [
  { id: 'tips', kind: 'tip', toggle: 'Thank tippers', label: 'Tip thank-you', when: 'A viewer tips, cheers bits, sends a Super Chat or gifts subs.' },
  { id: 'raids', kind: 'raid', toggle: 'Welcome raiders', label: 'Raid thank-you', when: "Another streamer's viewers arrive in a raid." },
  { id: 'sales', kind: 'sale', toggle: 'Congratulate buyers', label: 'Sale thank-you', when: 'An item sells in your show.' },
];

/** Thanks the bot says when the platform reports a tip, a raid or a sale: each on or off, with its text. */
export function ThanksEditor({ draft, errors, edit }: EditorProps) {
  const set = (id: Rule, patch: Partial<{ enabled: boolean; message: string }>) =>
    edit((d) => ({ ...d, thanks: { ...d.thanks, [id]: { ...d.thanks[id], ...patch } } }));
  return (
    <div className="form-grid">
      <p className="field-wide muted small">
        The bot thanks viewers when the site itself reports a tip, raid or sale (Whatnot, Twitch, YouTube, Kick). Only while the bot runs.
      </p>
      {RULES.map((r) => {
        const rule = draft.thanks[r.id];
        return (
          <div key={r.id} className="field-wide thanks-rule">
            <Toggle checked={rule.enabled} onChange={(v) => set(r.id, { enabled: v })} label={r.toggle} />
            <span className="muted small">{r.when}</span>
            <Field label={r.label} error={errorAt(errors, `thanks.${r.id}`)} wide>
              <input aria-label={r.label} value={rule.message} onChange={(e) => set(r.id, { message: e.target.value })} />
            </Field>
            <Preview text={rule.message} kind={r.kind} draft={draft} label={`Preview of the ${r.label.toLowerCase()}`} />
            <Placeholders kind={r.kind} />
          </div>
        );
      })}
    </div>
  );
}
