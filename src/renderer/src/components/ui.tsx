import { useEffect, useState, type ReactNode } from 'react';

/** Small presentational building blocks; no data fetching here. */

export function Card(props: { title?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`card ${props.className ?? ''}`}>
      {(props.title || props.actions) && (
        <header className="card-head">
          {props.title && <h2>{props.title}</h2>}
          {props.actions && <div className="card-actions">{props.actions}</div>}
        </header>
      )}
      {props.children}
    </section>
  );
}

export function Stat(props: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="stat">
      <div className="stat-value">{props.value}</div>
      <div className="stat-label">{props.label}</div>
      {props.hint && <div className="stat-hint">{props.hint}</div>}
    </div>
  );
}

export function Toggle(props: { checked: boolean; onChange: (v: boolean) => void; label: string; disabled?: boolean; big?: boolean }) {
  return (
    <label className={`toggle ${props.big ? 'toggle-big' : ''}`}>
      <input type="checkbox" role="switch" checked={props.checked} disabled={props.disabled} onChange={(e) => props.onChange(e.target.checked)} />
      <span className="toggle-track" aria-hidden="true">
        <span className="toggle-thumb" />
      </span>
      <span className="toggle-label">{props.label}</span>
    </label>
  );
}

export function Notice(props: { tone: 'good' | 'bad' | 'info' | 'warn'; children: ReactNode; onDismiss?: () => void }) {
  if (!props.children) return null;
  return (
    <div className={`notice notice-${props.tone}`} role={props.tone === 'bad' ? 'alert' : 'status'}>
      <span>{props.children}</span>
      {props.onDismiss && (
        <button type="button" className="link" onClick={props.onDismiss} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}

export function Empty(props: { children: ReactNode }) {
  return <div className="empty">{props.children}</div>;
}

export function Badge(props: { tone?: 'good' | 'bad' | 'warn' | 'muted' | 'info'; children: ReactNode }) {
  return <span className={`badge badge-${props.tone ?? 'muted'}`}>{props.children}</span>;
}

export function FieldError(props: { error?: string }) {
  return props.error ? <div className="field-error">{props.error}</div> : null;
}

export function Field(props: { label: string; hint?: string; error?: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`field ${props.error ? 'has-error' : ''} ${props.wide ? 'field-wide' : ''}`}>
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.hint && !props.error && <span className="field-hint">{props.hint}</span>}
      <FieldError error={props.error} />
    </label>
  );
}

/** Destructive actions take two clicks; no blocking window.confirm. */
export function ConfirmButton(props: { label: string; confirmLabel: string; onConfirm: () => void; disabled?: boolean; small?: boolean }) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const t = setTimeout(() => setArmed(false), 4000);
    return () => clearTimeout(t);
  }, [armed]);
  return (
    <button
      type="button"
      className={`btn ${armed ? 'btn-danger' : 'btn-ghost-danger'} ${props.small ? 'btn-small' : ''}`}
      disabled={props.disabled}
      onClick={() => {
        if (armed) {
          setArmed(false);
          props.onConfirm();
        } else setArmed(true);
      }}
    >
      {armed ? props.confirmLabel : props.label}
    </button>
  );
}

/** A secret shown once: selectable text and a copy button. */
export function SecretReveal(props: { title: string; secret: string; note: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="secret" role="dialog" aria-label={props.title}>
      <strong>{props.title}</strong>
      <p className="muted">{props.note}</p>
      <div className="secret-row">
        <code className="secret-value">{props.secret}</code>
        <button
          type="button"
          className="btn"
          onClick={() =>
            void navigator.clipboard.writeText(props.secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={props.onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

/** Horizontal bar with label and value, for breakdowns. */
export function Bar(props: { label: string; value: number; max: number; display?: string; tone?: string }) {
  const pct = props.max > 0 ? Math.max(0, Math.min(100, (props.value / props.max) * 100)) : 0;
  return (
    <div className="bar">
      <div className="bar-label">{props.label}</div>
      <div className="bar-track">
        <div className={`bar-fill ${props.tone ? `bar-${props.tone}` : ''}`} style={{ width: `${pct}%` }} />
      </div>
      <div className="bar-value">{props.display ?? props.value}</div>
    </div>
  );
}
