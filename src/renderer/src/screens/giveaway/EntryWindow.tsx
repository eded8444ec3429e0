import { useState } from 'react';
import type { GiveawayStatusView, OpenGiveawayInput } from '../../../../shared/contract/giveaway.js';
import { Badge } from '../../components/ui.js';
import { formatTime } from '../../format.js';
import { formatCountdown, useNow } from './clock.js';

const DURATIONS = [
  { seconds: 60, label: '1 min' },
  { seconds: 120, label: '2 min' },
  { seconds: 300, label: '5 min' },
  { seconds: 600, label: '10 min' },
  { seconds: 0, label: 'Until I close it' },
];

interface Props {
  status: GiveawayStatusView | null;
  entries: number;
  draws: number;
  busy: boolean;
  onOpen: (input: Partial<OpenGiveawayInput>) => void;
  onClose: () => void;
  onSaveKeyword: (keyword: string) => Promise<boolean>;
}

/** Keyword, open / close and the countdown to the closing, with when the last call goes out. */
export function EntryWindow(props: Props) {
  const s = props.status;
  if (!s) return <div className="muted">Loading…</div>;
  return s.state === 'open' || s.state === 'scheduled' ? <OpenWindow {...props} status={s} /> : <OpenForm {...props} status={s} />;
}

function OpenForm(props: Props & { status: GiveawayStatusView }) {
  const [keyword, setKeyword] = useState(props.status.keyword);
  const [duration, setDuration] = useState(120);
  // A finished round (drawn already) is usually not where the next giveaway should start.
  const [fresh, setFresh] = useState(props.draws > 0 && props.entries > 0);
  return (
    <form
      className="entry-window"
      onSubmit={(e) => {
        e.preventDefault();
        const k = keyword.trim();
        props.onOpen({
          ...(k && k !== props.status.keyword && { keyword: k }),
          ...(duration > 0 && { durationSeconds: duration }),
          newRound: fresh && props.entries > 0,
        });
      }}
    >
      <div className="entry-state">
        {props.status.state === 'off' ? <Badge tone="warn">Entries off</Badge> : <Badge>Closed</Badge>}
        {props.status.closesAt && <span className="muted small">closed at {formatTime(props.status.closesAt)}</span>}
      </div>
      <div className="row wrap">
        <label className="inline-field">
          Keyword
          <input
            className="keyword-input"
            aria-label="Giveaway keyword"
            value={keyword}
            maxLength={50}
            onChange={(e) => setKeyword(e.target.value)}
          />
        </label>
        <label className="inline-field">
          Open for
          <select aria-label="Open for" value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
            {DURATIONS.map((d) => (
              <option key={d.seconds} value={d.seconds}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {props.entries > 0 && (
        <label className="check">
          <input type="checkbox" checked={fresh} onChange={(e) => setFresh(e.target.checked)} /> Start with no entries (clears the {props.entries} of
          this round)
        </label>
      )}
      <div className="row">
        <button className="btn btn-primary btn-big" disabled={props.busy || !keyword.trim()}>
          Open giveaway
        </button>
        <span className="muted small">Viewers enter by typing “{keyword.trim() || '…'}” in chat.</span>
      </div>
    </form>
  );
}

function OpenWindow(props: Props & { status: GiveawayStatusView }) {
  const s = props.status;
  const now = useNow(250);
  const [keyword, setKeyword] = useState(s.keyword);
  const closes = s.closesAt ? Date.parse(s.closesAt) : null;
  const opens = s.opensAt ? Date.parse(s.opensAt) : null;
  const left = closes === null ? null : closes - now;
  const lastCall = s.lastCallAt ? Date.parse(s.lastCallAt) : null;
  const share = closes !== null && opens !== null && closes > opens ? Math.min(1, Math.max(0, (now - opens) / (closes - opens))) : null;
  const ending = left !== null && lastCall !== null && now >= lastCall;
  return (
    <div className={`entry-window entry-open ${ending ? 'entry-ending' : ''}`}>
      <div className="entry-state">
        <Badge tone="good">{s.state === 'scheduled' ? 'Opens soon' : 'Open'}</Badge>
        <span className="entry-keyword">
          Keyword <strong>{s.keyword}</strong>
        </span>
      </div>
      {left !== null ? (
        <div className="countdown" role="timer" aria-label="Time left to enter">
          <span className="countdown-value">{formatCountdown(left)}</span> <span className="muted">left</span>
        </div>
      ) : (
        <div className="countdown">
          <span className="countdown-value countdown-open">Open</span> <span className="muted">until you close it</span>
        </div>
      )}
      {share !== null && (
        <div className="countdown-bar" aria-hidden="true">
          <span style={{ width: `${share * 100}%` }} />
        </div>
      )}
      {lastCall !== null && (
        <div className="muted small last-call">
          {s.lastCallSent
            ? '✓ Last call sent'
            : now < lastCall
              ? `Last call at ${formatTime(s.lastCallAt)} (in ${formatCountdown(lastCall - now)})`
              : 'Last call: the window is too short for one'}
        </div>
      )}
      <div className="row wrap">
        <button type="button" className="btn btn-big btn-danger" disabled={props.busy} onClick={props.onClose}>
          Close entries now
        </button>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void props.onSaveKeyword(keyword.trim());
          }}
        >
          <input
            className="keyword-input"
            aria-label="Giveaway keyword"
            value={keyword}
            maxLength={50}
            onChange={(e) => setKeyword(e.target.value)}
          />
          <button className="btn btn-small" disabled={props.busy || !keyword.trim() || keyword.trim() === s.keyword}>
            Change keyword
          </button>
        </form>
      </div>
    </div>
  );
}
