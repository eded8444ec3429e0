import { useEffect, useId, useRef, useState } from 'react';
import { useArea, useStores } from '../hooks.js';
import { deriveAlerts, type Alert, type AlertAction } from '../stores/alerts.js';
import { Toggle } from './ui.js';
import {
  beep,
  notifyEnabled,
  notifyPermission,
  pageUnseen,
  setNotifyEnabled,
  setSoundEnabled,
  showNotification,
  soundEnabled,
} from './alert-notify.js';
import '../styles/alerts.css';

/**
 * The status strip above every screen: what needs the seller now, in plain words, each with its fix. Chat lost is
 * announced at once (role="alert"); the rest politely (role="status"). Both regions stay in the page so screen
 * readers announce what appears in them.
 */
export function AlertStrip() {
  const a = useArea('alerts');
  const alerts = deriveAlerts(a).filter((x) => a.dismissed[x.kind] !== x.key);
  useNotify(alerts, a.loaded);
  const urgent = alerts.filter((x) => x.kind === 'chat');
  const polite = alerts.filter((x) => x.kind !== 'chat');
  return (
    <div className={`alert-strip ${alerts.length ? '' : 'alert-strip-empty'}`}>
      <div role="alert" aria-label="Urgent alerts">
        {urgent.map((x) => (
          <AlertRow key={x.kind} alert={x} />
        ))}
      </div>
      <div role="status" aria-label="Alerts">
        {polite.map((x) => (
          <AlertRow key={x.kind} alert={x} />
        ))}
      </div>
    </div>
  );
}

/** A native notification (and the optional beep) for each alert that appears while the seller looks elsewhere. */
function useNotify(alerts: Alert[], loaded: boolean): void {
  const seen = useRef<Set<string> | null>(null);
  const keys = alerts.map((x) => x.key).join('|');
  useEffect(() => {
    if (!loaded) return;
    // What is there when the dashboard opens is on screen already: only what appears later is news.
    if (seen.current === null) {
      seen.current = new Set(alerts.map((x) => x.key));
      return;
    }
    const fresh = alerts.filter((x) => !seen.current!.has(x.key));
    for (const x of fresh) {
      seen.current.add(x.key);
      if (pageUnseen()) showNotification(x.title, x.detail ?? '', `buzzchat-${x.kind}`, () => openFix(x.actions));
    }
    if (fresh.length && soundEnabled()) beep();
  }, [keys, loaded]); // eslint-disable-line react-hooks/exhaustive-deps
}

function openFix(actions: AlertAction[]): void {
  const href = actions.find((x) => x.href)?.href;
  if (href) window.location.hash = href;
}

function AlertRow(props: { alert: Alert }) {
  const x = props.alert;
  const stores = useStores();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listId = useId();
  const reroll = async (r: NonNullable<AlertAction['reroll']>) => {
    setBusy(true);
    setError(null);
    await stores.giveaway.getState().reroll(r.username, r.drawId);
    setBusy(false);
    setError(stores.giveaway.getState().error);
  };
  return (
    <div className={`alert alert-${x.tone}`} data-kind={x.kind}>
      <span className="alert-mark" aria-hidden="true">
        {x.tone === 'bad' ? '!' : 'i'}
      </span>
      <div className="alert-body">
        <strong className="alert-title">{x.title}</strong>
        {x.detail && <span className="alert-detail">{x.detail}</span>}
        {error && <span className="alert-detail alert-error">{error}</span>}
        {x.items && open && (
          <ul id={listId} className="alert-items">
            {x.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="alert-actions">
        {x.items && (
          <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide' : 'Show'}
          </button>
        )}
        {x.actions.map((act) =>
          act.href ? (
            <a key={act.label} className="btn btn-small" href={act.href}>
              {act.label}
            </a>
          ) : (
            <button key={act.label} type="button" className="btn btn-small" disabled={busy} onClick={() => void reroll(act.reroll!)}>
              {act.label}
            </button>
          ),
        )}
        <button
          type="button"
          className="alert-dismiss"
          aria-label={`Dismiss: ${x.title}`}
          title="Dismiss"
          onClick={() => stores.alerts.getState().dismiss(x.kind)}
        >
          ×
        </button>
      </div>
    </div>
  );
}

/** The seller's choices for alerts: a native notification when the dashboard is not in view, and a beep. */
export function AlertOptions() {
  const [permission, setPermission] = useState(notifyPermission);
  const [notify, setNotify] = useState(notifyEnabled);
  const [sound, setSound] = useState(soundEnabled);
  return (
    <details className="alert-options">
      <summary>Alert options</summary>
      <Toggle
        label="Notify when not in view"
        checked={notify}
        disabled={permission === 'unsupported' || permission === 'denied'}
        onChange={(on) =>
          // The seller's click: the only moment a browser lets the page ask for the permission.
          void setNotifyEnabled(on).then((now) => {
            setNotify(now);
            setPermission(notifyPermission());
          })
        }
      />
      {permission === 'denied' && <p className="muted small">Notifications are blocked for this page in the browser's site settings.</p>}
      <Toggle
        label="Sound"
        checked={sound}
        onChange={(on) => {
          setSoundEnabled(on);
          setSound(on);
          if (on) beep();
        }}
      />
    </details>
  );
}
