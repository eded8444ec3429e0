import { useState, type CSSProperties } from 'react';
import { Card, Field, Notice } from '../components/ui.js';
import { useArea } from '../hooks.js';
import {
  OVERLAY_PAGES,
  OVERLAY_PARAMS,
  OVERLAY_SCOPE,
  overlayUrl,
  type OverlayPage,
  type OverlayParam,
  type OverlayParamName,
  type OverlayParamValues,
} from '../../../shared/contract/overlays.js';

const PAGE_LABEL: Record<OverlayPage, string> = { chat: 'Chat', giveaway: 'Giveaway' };

// A checkerboard behind the preview, as OBS shows transparency; sizes like a small browser source.
const PREVIEW_STYLE: CSSProperties = {
  width: '100%',
  height: 320,
  border: '1px solid var(--border)',
  borderRadius: 8,
  background: 'repeating-conic-gradient(#2a2d36 0% 25%, #1c1e25 0% 50%) 50% / 24px 24px',
};

/**
 * "OBS overlays" on the API keys screen: a key with only overlays:read, the two ready-to-paste browser-source URLs
 * with the look chosen here, and a live preview of each page with that key.
 */
export function OverlaysCard() {
  const o = useArea('overlays');
  const keys = useArea('keys');
  const listed = o.key ? keys.list.find((k) => k.id === o.key!.id) : undefined;
  // Once the list is loaded, a key it lacks or shows revoked is no use in OBS any more.
  const gone = o.key !== null && keys.list.length > 0 && (!listed || listed.revokedAt !== null);
  const base = window.location.origin;

  return (
    <Card title="OBS overlays">
      <div className="stack">
        <p className="muted">
          Show your chat and giveaway on stream: add each URL as a Browser source in OBS (transparent, sized as you like). They use a key that can
          only read what the overlays show ({OVERLAY_SCOPE}); revoke it below to switch them off.
        </p>
        <Notice tone="bad">{o.error}</Notice>
        {gone && (
          <Notice tone="warn" onDismiss={o.forgetKey}>
            The overlay key was revoked: overlays using it show nothing. Create a new one and paste the new URLs into OBS.
          </Notice>
        )}
        {!o.key || gone ? (
          <div className="row wrap">
            <button type="button" className="btn btn-primary" disabled={o.busy === 'create'} onClick={() => void o.createKey()}>
              Create overlay URLs
            </button>
            <span className="small muted">Makes a key named "OBS overlays" with the {OVERLAY_SCOPE} scope.</span>
          </div>
        ) : (
          <>
            {OVERLAY_PAGES.map((page) => (
              <UrlRow key={page} label={`${PAGE_LABEL[page]} overlay`} url={overlayUrl(base, page, o.key!.secret, o.params)} />
            ))}
            <Params values={o.params} onChange={o.setParam} />
            <div className="stack">
              <div className="row" role="tablist" aria-label="Preview">
                <span className="field-label">Preview</span>
                {OVERLAY_PAGES.map((page) => (
                  <button
                    key={page}
                    type="button"
                    role="tab"
                    aria-selected={o.preview === page}
                    className={`btn btn-small ${o.preview === page ? 'btn-primary' : 'btn-ghost'}`}
                    onClick={() => o.setPreview(page)}
                  >
                    {PAGE_LABEL[page]}
                  </button>
                ))}
              </div>
              <iframe
                title={`${PAGE_LABEL[o.preview]} overlay preview`}
                src={overlayUrl(base, o.preview, o.key.secret, o.params)}
                referrerPolicy="no-referrer"
                style={PREVIEW_STYLE}
              />
              <span className="small muted">Chat lines appear here as they arrive; the giveaway shows its keyword, entries and winners.</span>
            </div>
          </>
        )}
      </div>
    </Card>
  );
}

function UrlRow(props: { label: string; url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Field label={props.label}>
      <div className="row">
        <input readOnly value={props.url} aria-label={`${props.label} URL`} onFocus={(e) => e.target.select()} onChange={() => setCopied(false)} />
        <button
          type="button"
          className="btn"
          onClick={() =>
            void navigator.clipboard.writeText(props.url).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </Field>
  );
}

function Params(props: { values: OverlayParamValues; onChange: <K extends OverlayParamName>(name: K, value: OverlayParamValues[K]) => void }) {
  const entries = Object.entries(OVERLAY_PARAMS) as [OverlayParamName, OverlayParam][];
  return (
    <div className="grid grid-3">
      {entries.map(([name, rule]) => {
        const value = props.values[name] ?? rule.default;
        const only = rule.pages.length === 1 ? ` (${PAGE_LABEL[rule.pages[0]!].toLowerCase()})` : '';
        const set = (v: unknown) => props.onChange(name, v as OverlayParamValues[typeof name]);
        if (rule.kind === 'flag') {
          return (
            <label key={name} className="check">
              <input type="checkbox" checked={value as boolean} onChange={(e) => set(e.target.checked)} />
              {rule.label}
              {only}
            </label>
          );
        }
        return (
          <Field key={name} label={rule.label + only}>
            {rule.kind === 'enum' ? (
              <select value={value as string} onChange={(e) => set(e.target.value)}>
                {rule.values.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            ) : rule.kind === 'color' ? (
              <input type="color" value={`#${value as string}`} onChange={(e) => set(e.target.value.slice(1))} />
            ) : (
              <NumberInput min={rule.min} max={rule.max} value={value as number} onChange={set} />
            )}
          </Field>
        );
      })}
    </div>
  );
}

/** Typed freely (a draft while it is out of range, as "3" on the way to "36"); only a valid number is kept. */
function NumberInput(props: { min: number; max: number; value: number; onChange: (n: number) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      type="number"
      min={props.min}
      max={props.max}
      value={draft ?? String(props.value)}
      onChange={(e) => {
        const n = Number(e.target.value);
        const valid = e.target.value !== '' && Number.isInteger(n) && n >= props.min && n <= props.max;
        setDraft(valid ? null : e.target.value);
        if (valid) props.onChange(n);
      }}
      onBlur={() => setDraft(null)}
    />
  );
}
