import type { ReactNode } from 'react';
import { shadowedFaqTriggers } from '../../../../shared/settings-checks.js';
import { Empty, Field, Toggle } from '../../components/ui.js';
import { CommaInput, LinesInput, NumberInput, errorAt, itemErrors } from './inputs.js';
import { Placeholders, Preview } from './preview.js';
import { replaceAt, splitLines, type Command, type EditorProps, type FaqRule, type TimerMessage } from './types.js';

/** Up/down arrows for lists whose order matters (FAQ rules: the higher one answers first). */
interface Order {
  index: number;
  count: number;
  onMove: (to: number) => void;
}

function ItemCard(props: {
  title: ReactNode;
  enabled: boolean;
  onEnabled: (v: boolean) => void;
  onRemove: () => void;
  problems: string[];
  order?: Order;
  children: ReactNode;
}) {
  const o = props.order;
  return (
    <div className={`item-card ${props.enabled ? '' : 'item-disabled'} ${props.problems.length ? 'has-error' : ''}`}>
      <div className="item-head">
        {o && <span className="item-number">{o.index + 1}</span>}
        <div className="item-title">{props.title}</div>
        {o && (
          <span className="order-buttons">
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-label="Move up"
              title="Move up: answers before the rules below"
              disabled={o.index === 0}
              onClick={() => o.onMove(o.index - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-label="Move down"
              title="Move down"
              disabled={o.index === o.count - 1}
              onClick={() => o.onMove(o.index + 1)}
            >
              ↓
            </button>
          </span>
        )}
        <Toggle checked={props.enabled} onChange={props.onEnabled} label={props.enabled ? 'On' : 'Off'} />
        <button type="button" className="btn btn-small btn-ghost-danger" onClick={props.onRemove}>
          Remove
        </button>
      </div>
      {props.problems.map((p) => (
        <div key={p} className="field-error">
          {p}
        </div>
      ))}
      <div className="form-grid">{props.children}</div>
    </div>
  );
}

/** Moves item `from` to index `to` (the rest keep their order). */
export function moveItem<T>(list: T[], from: number, to: number): T[] {
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item!);
  return out;
}

export const NEW_RULE: FaqRule = {
  triggers: [],
  responses: [],
  matchMode: 'word',
  caseSensitive: false,
  cooldownSeconds: 30,
  userCooldownSeconds: 120,
  priority: 0,
  enabled: true,
};

export function FaqEditor({ draft, errors, edit }: EditorProps) {
  const set = (i: number, next: FaqRule) => edit((d) => ({ ...d, faqRules: replaceAt(d.faqRules, i, next) }));
  const move = (from: number, to: number) => edit((d) => ({ ...d, faqRules: moveItem(d.faqRules, from, to) }));
  // The same check PATCH /settings answers with, run on what is on screen.
  const shadowed = shadowedFaqTriggers(draft.faqRules);
  return (
    <div className="items">
      <p className="muted small">
        When several rules match a message, the one higher in this list answers (unless another has a higher priority). Put specific questions above
        broad ones.
      </p>
      {draft.faqRules.length === 0 && <Empty>No FAQ rules yet. Add one to answer common questions automatically.</Empty>}
      {draft.faqRules.map((r, i) => {
        const p = `faqRules.${i}`;
        const lines = [...(r.response !== undefined ? [r.response] : []), ...(r.responses ?? [])];
        const mine = shadowed.filter((w) => w.path === p);
        return (
          <ItemCard
            key={r.id ?? `new-${i}`}
            title={r.triggers.length ? r.triggers.join(', ') : 'New rule'}
            enabled={r.enabled}
            onEnabled={(v) => set(i, { ...r, enabled: v })}
            onRemove={() => edit((d) => ({ ...d, faqRules: d.faqRules.filter((_, j) => j !== i) }))}
            problems={itemErrors(errors, p, ['triggers', 'response', 'responses', 'matchMode', 'cooldownSeconds', 'userCooldownSeconds', 'priority'])}
            order={{ index: i, count: draft.faqRules.length, onMove: (to) => move(i, to) }}
          >
            {mine.map((w) => (
              <div key={w.trigger} className="notice notice-warn field-wide overlap" role="status">
                <span>{w.message}</span>
                {w.otherIndex !== undefined && w.otherIndex < i && draft.faqRules[w.otherIndex]!.priority <= r.priority && (
                  <button type="button" className="btn btn-small" onClick={() => move(i, w.otherIndex!)}>
                    Move above “{draft.faqRules[w.otherIndex]!.triggers.join(', ')}”
                  </button>
                )}
              </div>
            ))}
            <Field
              label="Triggers (comma-separated)"
              hint="Whole words or phrases, e.g. shipping, how much"
              error={errorAt(errors, `${p}.triggers`)}
              wide
            >
              <CommaInput label="Triggers" value={r.triggers} onChange={(v) => set(i, { ...r, triggers: v })} />
            </Field>
            <Field label="Responses (one per line, rotated)" error={errorAt(errors, `${p}.response`) ?? errorAt(errors, `${p}.responses`)} wide>
              <LinesInput
                label="Responses"
                value={lines}
                onChange={(v) => {
                  const { first, rest } = splitLines(v);
                  set(i, { ...r, response: first, responses: rest });
                }}
              />
            </Field>
            {lines[0] && (
              <div className="field-wide">
                <Preview text={lines[0]} kind="faq" draft={draft} />
              </div>
            )}
            <Field label="Match" error={errorAt(errors, `${p}.matchMode`)}>
              <select
                aria-label="Match mode"
                value={r.matchMode}
                onChange={(e) => set(i, { ...r, matchMode: e.target.value as FaqRule['matchMode'] })}
              >
                <option value="word">Words / phrases</option>
                <option value="regex">Regular expression</option>
              </select>
            </Field>
            <Field label="Priority" hint="Higher answers first; equal: higher in the list" error={errorAt(errors, `${p}.priority`)}>
              <NumberInput label="Priority" min={-1000} max={1000} value={r.priority} onChange={(v) => set(i, { ...r, priority: v as number })} />
            </Field>
            <Field label="Cooldown (s)" error={errorAt(errors, `${p}.cooldownSeconds`)}>
              <NumberInput label="Cooldown" min={0} value={r.cooldownSeconds} onChange={(v) => set(i, { ...r, cooldownSeconds: v as number })} />
            </Field>
            <Field label="Per-viewer cooldown (s)" error={errorAt(errors, `${p}.userCooldownSeconds`)}>
              <NumberInput
                label="Per-viewer cooldown"
                min={0}
                value={r.userCooldownSeconds}
                onChange={(v) => set(i, { ...r, userCooldownSeconds: v as number })}
              />
            </Field>
            <div className="field">
              <Toggle checked={r.caseSensitive} onChange={(v) => set(i, { ...r, caseSensitive: v })} label="Case sensitive" />
            </div>
          </ItemCard>
        );
      })}
      <button type="button" className="btn" onClick={() => edit((d) => ({ ...d, faqRules: [...d.faqRules, { ...NEW_RULE }] }))}>
        + Add FAQ rule
      </button>
      <Placeholders kind="faq" />
    </div>
  );
}

const NEW_TIMER: TimerMessage = { messages: [], intervalMinutes: 10, minChatLines: 0, jitterPercent: 10, enabled: true };

export function TimersEditor({ draft, errors, edit }: EditorProps) {
  const set = (i: number, next: TimerMessage) => edit((d) => ({ ...d, timerMessages: replaceAt(d.timerMessages, i, next) }));
  return (
    <div className="items">
      {draft.timerMessages.length === 0 && <Empty>No timers yet. Timers post a message every few minutes while you are live.</Empty>}
      {draft.timerMessages.map((t, i) => {
        const p = `timerMessages.${i}`;
        const lines = [...(t.message !== undefined ? [t.message] : []), ...(t.messages ?? [])];
        return (
          <ItemCard
            key={t.id ?? `new-${i}`}
            title={lines[0] ?? 'New timer'}
            enabled={t.enabled}
            onEnabled={(v) => set(i, { ...t, enabled: v })}
            onRemove={() => edit((d) => ({ ...d, timerMessages: d.timerMessages.filter((_, j) => j !== i) }))}
            problems={itemErrors(errors, p, ['message', 'messages', 'intervalMinutes', 'minChatLines', 'jitterPercent'])}
          >
            <Field label="Messages (one per line, rotated)" error={errorAt(errors, `${p}.message`) ?? errorAt(errors, `${p}.messages`)} wide>
              <LinesInput
                label="Timer messages"
                value={lines}
                onChange={(v) => {
                  const { first, rest } = splitLines(v);
                  set(i, { ...t, message: first, messages: rest });
                }}
              />
            </Field>
            {lines.map((l, j) => (
              <div key={`${j}-${l}`} className="field-wide">
                <Preview text={l} kind="timer" draft={draft} label={`Preview of timer message ${j + 1}`} />
              </div>
            ))}
            <Field label="Every (minutes)" error={errorAt(errors, `${p}.intervalMinutes`)}>
              <NumberInput
                label="Interval in minutes"
                min={0.1}
                step={0.5}
                value={t.intervalMinutes}
                onChange={(v) => set(i, { ...t, intervalMinutes: v as number })}
              />
            </Field>
            <Field label="Min. chat lines between posts" error={errorAt(errors, `${p}.minChatLines`)}>
              <NumberInput label="Minimum chat lines" min={0} value={t.minChatLines} onChange={(v) => set(i, { ...t, minChatLines: v as number })} />
            </Field>
            <Field label="Jitter (%)" error={errorAt(errors, `${p}.jitterPercent`)}>
              <NumberInput
                label="Jitter percent"
                min={0}
                max={50}
                value={t.jitterPercent}
                onChange={(v) => set(i, { ...t, jitterPercent: v as number })}
              />
            </Field>
          </ItemCard>
        );
      })}
      <button type="button" className="btn" onClick={() => edit((d) => ({ ...d, timerMessages: [...d.timerMessages, { ...NEW_TIMER }] }))}>
        + Add timer
      </button>
      <Placeholders kind="timer" />
    </div>
  );
}

const NEW_COMMAND: Command = { name: '', response: '', cooldownSeconds: 10, enabled: true };

export function CommandsEditor({ draft, errors, edit }: EditorProps) {
  const set = (i: number, next: Command) => edit((d) => ({ ...d, commands: replaceAt(d.commands, i, next) }));
  return (
    <div className="items">
      {draft.commands.length === 0 && <Empty>No custom commands yet. Viewers type !name to get the response.</Empty>}
      {draft.commands.map((c, i) => {
        const p = `commands.${i}`;
        return (
          <ItemCard
            key={`cmd-${i}`}
            title={c.name ? `!${c.name}` : 'New command'}
            enabled={c.enabled}
            onEnabled={(v) => set(i, { ...c, enabled: v })}
            onRemove={() => edit((d) => ({ ...d, commands: d.commands.filter((_, j) => j !== i) }))}
            problems={itemErrors(errors, p, ['name', 'response', 'cooldownSeconds'])}
          >
            <Field label="Command" hint="Letters, digits, _ and -" error={errorAt(errors, `${p}.name`)}>
              <input aria-label="Command name" value={c.name} placeholder="discord" onChange={(e) => set(i, { ...c, name: e.target.value })} />
            </Field>
            <Field label="Cooldown (s)" error={errorAt(errors, `${p}.cooldownSeconds`)}>
              <NumberInput
                label="Command cooldown"
                min={0}
                value={c.cooldownSeconds}
                onChange={(v) => set(i, { ...c, cooldownSeconds: v as number })}
              />
            </Field>
            <Field label="Response" error={errorAt(errors, `${p}.response`)} wide>
              <input aria-label="Command response" value={c.response} onChange={(e) => set(i, { ...c, response: e.target.value })} />
            </Field>
            <div className="field-wide">
              <Preview text={c.response} kind="command" draft={draft} />
            </div>
          </ItemCard>
        );
      })}
      <button type="button" className="btn" onClick={() => edit((d) => ({ ...d, commands: [...d.commands, { ...NEW_COMMAND }] }))}>
        + Add command
      </button>
      <Placeholders kind="command" />
    </div>
  );
}
