import { useState, type ReactNode } from 'react';
import { Empty } from '../../components/ui.js';
import { formatTime } from '../../format.js';
import type { ChatSearch } from '../../stores/chat.js';
import { SenderTag } from './ChatRow.js';

export const SEARCH_MIN = 2;

/** The search field over the stored chat history (GET /chat/messages?q=). */
export function SearchBox(props: { active: boolean; onSearch: (q: string) => void; onClear: () => void }) {
  const [q, setQ] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  return (
    <form
      className="chat-search"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        const v = q.trim();
        if (v.length < SEARCH_MIN) return setHint(`Type at least ${SEARCH_MIN} characters`);
        setHint(null);
        props.onSearch(v);
      }}
    >
      <input
        type="search"
        aria-label="Search chat history"
        placeholder="Search chat history"
        value={q}
        maxLength={100}
        onChange={(e) => setQ(e.target.value)}
      />
      {props.active && (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            setQ('');
            props.onClear();
          }}
        >
          Back to live
        </button>
      )}
      {hint && <span className="field-error">{hint}</span>}
    </form>
  );
}

/** `text` with each case-insensitive occurrence of `q` marked. */
function highlight(text: string, q: string): ReactNode[] {
  const out: ReactNode[] = [];
  const lower = text.toLowerCase();
  const needle = q.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(needle); i >= 0 && needle; i = lower.indexOf(needle, at)) {
    if (i > at) out.push(text.slice(at, i));
    out.push(<mark key={i}>{text.slice(i, i + needle.length)}</mark>);
    at = i + needle.length;
  }
  out.push(text.slice(at));
  return out;
}

/** Matches, newest first, a page at a time. */
export function SearchResults(props: { search: ChatSearch; onMore: () => void }) {
  const s = props.search;
  return (
    // A Tab stop, so a keyboard can scroll the matches (the lines themselves are not focusable).
    <div className="chat-lines chat-results" role="region" aria-label="Search results" tabIndex={0} aria-busy={s.loading}>
      <p className="muted small" role="status">
        {s.loading && !s.results.length
          ? `Searching for “${s.q}”…`
          : `${s.results.length}${s.done ? '' : '+'} line${s.results.length === 1 ? '' : 's'} matching “${s.q}”, newest first`}
      </p>
      {s.error && <div className="field-error">{s.error}</div>}
      {!s.loading && !s.error && s.results.length === 0 && <Empty>Nothing in the stored chat matches “{s.q}”.</Empty>}
      <ul className="chat-result-list">
        {s.results.map((l) => (
          <li key={`${l.id}`} className={`chat-line chat-${l.sender}`}>
            <time dateTime={l.at}>
              {new Date(l.at).toLocaleDateString()} {formatTime(l.at)}
            </time>
            <strong className="chat-name">{highlight(l.username, s.q)}</strong>
            <SenderTag line={l} />
            <span className="chat-text">{highlight(l.text, s.q)}</span>
          </li>
        ))}
      </ul>
      {!s.done && s.results.length > 0 && (
        <button type="button" className="btn" disabled={s.loading} onClick={props.onMore}>
          {s.loading ? 'Loading…' : 'Load older matches'}
        </button>
      )}
    </div>
  );
}
