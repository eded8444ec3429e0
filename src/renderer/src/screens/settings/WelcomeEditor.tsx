import { Field, Toggle } from '../../components/ui.js';
import { LinesInput, NumberInput, errorAt } from './inputs.js';
import { Placeholders, Preview } from './preview.js';
import { splitLines, type EditorProps } from './types.js';

export function WelcomeEditor({ draft, errors, edit, saved }: EditorProps) {
  return (
    <div className="form-grid">
      <div className="field-wide">
        <Toggle checked={draft.welcomeEnabled} onChange={(v) => edit((d) => ({ ...d, welcomeEnabled: v }))} label="Welcome new viewers" />
      </div>
      <WelcomeMessages draft={draft} errors={errors} edit={edit} saved={saved} />
      <Field label="Delay before welcoming (seconds)" error={errorAt(errors, 'welcomeDelay')}>
        <NumberInput
          label="Welcome delay in seconds"
          min={0}
          max={600}
          step={0.5}
          value={draft.welcomeDelay / 1000}
          onChange={(v) => edit((d) => ({ ...d, welcomeDelay: v === null ? (null as unknown as number) : Math.round(v * 1000) }))}
        />
      </Field>
      {'welcomeMaxPerMinute' in draft && (
        <Field label="Welcomes per minute" hint="Beyond this, viewers share one welcome" error={errorAt(errors, 'welcomeMaxPerMinute')}>
          <NumberInput
            label="Welcomes per minute"
            min={1}
            max={120}
            value={draft.welcomeMaxPerMinute}
            onChange={(v) => edit((d) => ({ ...d, welcomeMaxPerMinute: v as number }))}
          />
        </Field>
      )}
      {'botMaxMessagesPerMinute' in draft && (
        <Field label="Bot messages per minute (all kinds)" error={errorAt(errors, 'botMaxMessagesPerMinute')}>
          <NumberInput
            label="Bot messages per minute"
            min={1}
            max={600}
            value={draft.botMaxMessagesPerMinute}
            onChange={(v) => edit((d) => ({ ...d, botMaxMessagesPerMinute: v as number }))}
          />
        </Field>
      )}
      <Field label="Minimum gap between bot messages (ms)" error={errorAt(errors, 'sendMinSpacingMs')}>
        <NumberInput
          label="Minimum gap between bot messages"
          min={0}
          max={60000}
          step={100}
          value={draft.sendMinSpacingMs}
          onChange={(v) => edit((d) => ({ ...d, sendMinSpacingMs: v as number }))}
        />
      </Field>
      <Field label="Your username on the platform" hint="Your own messages never trigger the bot" error={errorAt(errors, 'hostUsername')}>
        <input
          aria-label="Host username"
          value={draft.hostUsername ?? ''}
          onChange={(e) => edit((d) => ({ ...d, hostUsername: e.target.value.trim() ? e.target.value : null }))}
        />
      </Field>
    </div>
  );
}

/**
 * All welcome messages in one list (welcomeMessage first, then welcomeMessages), so a second line that takes
 * turns with the first is never out of sight: replacing "the" message while an old one still rotates was easy
 * to miss with two fields.
 */
function WelcomeMessages({ draft, errors, edit }: EditorProps) {
  const lines = [draft.welcomeMessage, ...draft.welcomeMessages].filter((l) => l !== '');
  const error = errorAt(errors, 'welcomeMessage') ?? errorAt(errors, 'welcomeMessages');
  return (
    <div className="field field-wide">
      <Field label="Welcome messages (one per line)" error={error} wide>
        <LinesInput
          label="Welcome messages"
          value={lines}
          onChange={(v) => {
            const { first, rest } = splitLines(v);
            edit((d) => ({ ...d, welcomeMessage: first ?? '', welcomeMessages: rest }));
          }}
        />
      </Field>
      <div className="rotation" role="status" aria-label="Welcome rotation">
        {lines.length <= 1
          ? 'Every new viewer gets this message.'
          : `These ${lines.length} messages take turns: the first viewer gets message 1, the next one message 2, and so on. Delete a line to stop sending it.`}
      </div>
      <ol className="previews">
        {lines.map((l, i) => (
          <li key={`${i}-${l}`}>
            <Preview text={l} kind="welcome" draft={draft} label={`Preview of welcome message ${i + 1}`} />
          </li>
        ))}
      </ol>
      <Placeholders kind="welcome" />
    </div>
  );
}
