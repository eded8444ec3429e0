import { useEffect, useRef, useState } from 'react';
import { useStores } from './hooks.js';
import type { Stores } from './stores/index.js';

/**
 * Keyboard shortcuts for the show: a seller's hands are busy, so the few things done mid-stream have keys.
 * None fires while typing in a field, with a modifier held (browser and OS shortcuts), or under a dialog.
 * Draw and reroll take Shift, so a stray key press cannot pick a winner.
 */
export const SHORTCUTS: { keys: string[]; label: string }[] = [
  { keys: ['B'], label: 'Turn the bot on or off' },
  { keys: ['Shift', 'D'], label: 'Draw a giveaway winner' },
  { keys: ['Shift', 'R'], label: 'Reroll the last winner' },
  { keys: ['/'], label: 'Write in chat (opens Live chat)' },
  { keys: ['?'], label: 'Show or hide these shortcuts' },
];

/** Whether a key press belongs to what has focus (a text field, a list, a menu) rather than to the app. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return target.closest('[role="menu"]') !== null;
}

/** Focuses the chat input once the Live chat screen has rendered it. */
function focusChatInput(): void {
  if (!window.location.hash.startsWith('#/chat')) window.location.hash = '#/chat';
  let tries = 30;
  const attempt = () => {
    const el = document.getElementById('chat-input');
    if (el) el.focus();
    else if (--tries > 0) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

async function toggleBot(stores: Stores): Promise<string> {
  const o = stores.overview.getState();
  if (o.botActive === null) await o.load();
  await stores.overview.getState().toggleBot();
  const after = stores.overview.getState();
  return after.error ?? (after.botActive ? 'Bot started' : 'Bot stopped');
}

async function draw(stores: Stores): Promise<string> {
  const g = stores.giveaway.getState();
  await g.draw(1);
  const after = stores.giveaway.getState();
  return after.error ?? `Winner: ${after.lastDraw?.winners.join(', ') ?? '—'}`;
}

async function reroll(stores: Stores): Promise<string> {
  let g = stores.giveaway.getState();
  if (!g.lastDraw) {
    await g.load();
    g = stores.giveaway.getState();
  }
  const last = g.lastDraw;
  if (!last) return 'No draw to reroll yet';
  if (last.winners.length !== 1) {
    window.location.hash = '#/giveaway';
    return 'Several winners: choose the one to reroll';
  }
  await g.reroll(last.winners[0]!, last.drawId);
  const after = stores.giveaway.getState();
  return after.error ?? `Rerolled: ${after.lastDraw?.winners.join(', ') ?? '—'}`;
}

/** The app's keymap: installs the shortcuts and renders their help dialog and a short confirmation. */
export function Shortcuts() {
  const stores = useStores();
  const [help, setHelp] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const say = (text: string) => {
      setToast(text);
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setToast(null), 4000);
    };
    const run = (action: (s: Stores) => Promise<string>) => void action(stores).then(say, (err: unknown) => say(String(err)));
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e.target)) return;
      if (e.key === 'Escape') return setHelp(false);
      if (e.key === '?') {
        e.preventDefault();
        return setHelp((h) => !h);
      }
      // Another dialog (unsaved changes) is asking something: keys are its.
      if (document.querySelector('[aria-modal="true"]:not(.shortcuts-dialog)')) return;
      const key = e.key.toLowerCase();
      if (key === 'b' && !e.shiftKey) run(toggleBot);
      else if (key === 'd' && e.shiftKey) run(draw);
      else if (key === 'r' && e.shiftKey) run(reroll);
      else if (e.key === '/') focusChatInput();
      else return;
      e.preventDefault();
      setHelp(false);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [stores]);

  return (
    <>
      <div className="shortcut-toast" role="status" aria-live="polite">
        {toast}
      </div>
      {help && <ShortcutHelp onClose={() => setHelp(false)} />}
    </>
  );
}

const FOCUSABLE =
  'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside a modal dialog (wraps at both ends) and closes it on Escape. */
export function trapFocus(e: React.KeyboardEvent<HTMLElement>, onClose: () => void): void {
  if (e.key === 'Escape') {
    e.preventDefault();
    onClose();
    return;
  }
  if (e.key !== 'Tab') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (items.length === 0) return e.preventDefault();
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const at = document.activeElement;
  if (e.shiftKey && (at === first || !e.currentTarget.contains(at))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (at === last || !e.currentTarget.contains(at))) {
    e.preventDefault();
    first.focus();
  }
}

function ShortcutHelp(props: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        className="dialog shortcuts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        aria-describedby="shortcuts-hint"
        onKeyDown={(e) => trapFocus(e, props.onClose)}
      >
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <p id="shortcuts-hint" className="muted small">
          They work anywhere in the dashboard, except while you type in a field.
        </p>
        <dl className="shortcut-list">
          {SHORTCUTS.map((s) => (
            <div key={s.label}>
              <dt>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' + '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{s.label}</dd>
            </div>
          ))}
        </dl>
        <div className="row">
          <span className="spacer" />
          <button ref={close} type="button" className="btn" onClick={props.onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
