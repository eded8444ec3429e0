import { Field, Toggle } from '../../components/ui.js';
import { LinesInput, NumberInput, errorAt } from './inputs.js';
import type { EditorProps } from './types.js';

export function WelcomeEditor({ draft, errors, edit }: EditorProps) {
  return (
    <div className="form-grid">
      <div className="field-wide">
        <Toggle checked={draft.welcomeEnabled} onChange={(v) => edit((d) => ({ ...d, welcomeEnabled: v }))} label="Welcome new viewers" />
      </div>
      <Field label="Welcome message" hint="{username} is replaced with the viewer's name" error={errorAt(errors, 'welcomeMessage')} wide>
        <input aria-label="Welcome message" value={draft.welcomeMessage} onChange={(e) => edit((d) => ({ ...d, welcomeMessage: e.target.value }))} />
      </Field>
      <Field label="More welcome messages (one per line, rotated)" error={errorAt(errors, 'welcomeMessages')} wide>
        <LinesInput label="More welcome messages" value={draft.welcomeMessages} onChange={(v) => edit((d) => ({ ...d, welcomeMessages: v }))} />
      </Field>
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
          <NumberInput label="Welcomes per minute" min={1} max={120} value={draft.welcomeMaxPerMinute} onChange={(v) => edit((d) => ({ ...d, welcomeMaxPerMinute: v as number }))} />
        </Field>
      )}
      {'botMaxMessagesPerMinute' in draft && (
        <Field label="Bot messages per minute (all kinds)" error={errorAt(errors, 'botMaxMessagesPerMinute')}>
          <NumberInput label="Bot messages per minute" min={1} max={600} value={draft.botMaxMessagesPerMinute} onChange={(v) => edit((d) => ({ ...d, botMaxMessagesPerMinute: v as number }))} />
        </Field>
      )}
      <Field label="Minimum gap between bot messages (ms)" error={errorAt(errors, 'sendMinSpacingMs')}>
        <NumberInput label="Minimum gap between bot messages" min={0} max={60000} step={100} value={draft.sendMinSpacingMs} onChange={(v) => edit((d) => ({ ...d, sendMinSpacingMs: v as number }))} />
      </Field>
      <Field label="Your username on the platform" hint="Your own messages never trigger the bot" error={errorAt(errors, 'hostUsername')}>
        <input aria-label="Host username" value={draft.hostUsername ?? ''} onChange={(e) => edit((d) => ({ ...d, hostUsername: e.target.value.trim() ? e.target.value : null }))} />
      </Field>
    </div>
  );
}
