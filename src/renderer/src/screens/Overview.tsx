import { useEffect, useState } from 'react';
import { Badge, Card, Empty, Notice, Stat, Toggle } from '../components/ui.js';
import { formatNumber, formatTime, timeAgo } from '../format.js';
import { useArea } from '../hooks.js';
import type { ChatStatus, SelectorHealth } from '../api/types.js';
import type { ActivityItem } from '../stores/live.js';
import { CheckPage } from './overview/CheckPage.js';
import { ChatPaths } from './overview/ChatPaths.js';
import { Checklist } from './overview/Checklist.js';
import { ShowCard } from './overview/ShowCard.js';
import { lastEnded } from '../stores/shows.js';
import '../styles/cockpit.css';

export function Overview() {
  const o = useArea('overview');
  const live = useArea('live');
  const accounts = useArea('accounts');
  const shows = useArea('shows');
  const newcomer = useArea('newcomer');
  useEffect(() => {
    void o.load();
    void shows.load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    void newcomer.checkPractice(accounts.list);
  }, [accounts.list]); // eslint-disable-line react-hooks/exhaustive-deps
  // Each step ticks from what the app knows now; a step once reached stays ticked.
  useEffect(() => {
    if (!o.loaded || !shows.loaded) return;
    newcomer.note({ accounts: accounts.list, chat: o.chat, current: shows.current, recent: shows.recent, practiceShows: newcomer.practiceShows });
  }, [o.loaded, shows.loaded, accounts.list, o.chat, shows.current, shows.recent, newcomer.practiceShows]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (o.activity) live.backfill(o.activity);
  }, [o.activity]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="screen">
      <h1>Overview</h1>
      <Notice tone="bad">{o.error}</Notice>
      <div className={`cockpit-row ${newcomer.hidden ? '' : 'with-checklist'}`}>
        <ShowCard
          loaded={shows.loaded}
          current={shows.current}
          figures={shows.figures}
          events={shows.events}
          viewers={shows.viewers}
          last={lastEnded(shows.recent)}
          error={shows.error}
        />
        {!newcomer.hidden && <Checklist done={newcomer.done} onHide={newcomer.hide} />}
      </div>
      <div className="grid grid-3">
        <Card title="Bot" className="bot-card">
          <Toggle
            big
            checked={o.botActive === true}
            disabled={o.botActive === null || o.toggling}
            onChange={() => void o.toggleBot()}
            label={o.botActive ? 'Running' : 'Stopped'}
          />
          <p className="muted small">
            {o.botActive ? 'Welcomes, FAQ replies, timers and giveaway entries are active.' : 'The bot reads chat but does not reply or send.'}
          </p>
        </Card>
        <ChatStatusCard
          chat={o.chat}
          accountUrl={accounts.active()?.url ?? null}
          available={o.chatAvailable}
          loaded={o.loaded}
          busy={o.chatBusy}
          onConnect={(v, url) => void o.setChatConnected(v, url)}
        />
        <Card title="Today" actions={<span className="muted small">since midnight</span>}>
          <div className="stats stats-2">
            <Stat label="Bot messages" value={formatNumber(o.today?.totalMessages)} />
            <Stat label="Chat messages" value={formatNumber(o.today?.messagesReceived)} />
            <Stat label="Chatters" value={formatNumber(o.today?.uniqueChatters)} />
            <Stat label="FAQ replies" value={formatNumber(o.today?.faqReplies)} />
          </div>
        </Card>
      </div>
      <ActivityFeed items={live.feed} />
    </div>
  );
}

function ChatStatusCard(props: {
  chat: ChatStatus | null;
  accountUrl: string | null;
  available: boolean;
  loaded: boolean;
  busy: boolean;
  onConnect: (connect: boolean, url?: string) => void;
}) {
  const { chat } = props;
  // The live page changes with every show on most platforms: let the seller paste this show's URL here.
  const known = chat?.url ?? props.accountUrl;
  const [url, setUrl] = useState(known ?? '');
  // A URL that becomes known later fills an empty field; set while rendering (React's pattern for state that
  // follows a prop), not in an effect that renders twice.
  const [seen, setSeen] = useState(known);
  if (known !== seen) {
    setSeen(known);
    if (known && !url) setUrl(known);
  }
  const action = chat?.connected && (
    <button type="button" className="btn btn-small" disabled={props.busy} onClick={() => props.onConnect(false)}>
      Disconnect
    </button>
  );
  return (
    <Card title="Chat connection" actions={action} className="chat-card-connection">
      {!props.available ? (
        <Empty>Chat connection is not available in this build.</Empty>
      ) : !chat ? (
        <Empty>{props.loaded ? 'No chat status yet.' : 'Loading…'}</Empty>
      ) : (
        <div className="kv">
          <div>
            {chat.connected ? <Badge tone="good">Connected</Badge> : <Badge tone="bad">Disconnected</Badge>}{' '}
            {chat.live ? <Badge tone="info">LIVE</Badge> : <Badge>Not live</Badge>}
          </div>
          <dl>
            <dt>Platform</dt>
            <dd>{chat.platform ?? '—'}</dd>
            <dt>Signed in as</dt>
            <dd>{chat.loggedInAs ?? '—'}</dd>
            <dt>Last message</dt>
            <dd>{timeAgo(chat.lastMessageAt)}</dd>
            {chat.queued !== null && (
              <>
                <dt>Queued</dt>
                <dd>{chat.queued}</dd>
              </>
            )}
          </dl>
          <ChatPaths chat={chat} />
          {!chat.connected && (
            <form
              className="row connect-form"
              onSubmit={(e) => {
                e.preventDefault();
                props.onConnect(true, url.trim() || undefined);
              }}
            >
              <input
                aria-label="Live page URL"
                placeholder="Live page URL (blank: the account's)"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
              />
              <button className="btn btn-small btn-primary" disabled={props.busy}>
                Connect
              </button>
            </form>
          )}
          {chat.lastError && <Notice tone="warn">{chat.lastError}</Notice>}
          <SelectorHealthList selectors={chat.selectors} connected={chat.connected} />
          <CheckPage />
        </div>
      )}
    </Card>
  );
}

/** Which selector found each part of the chat: when a site changes its markup, this says what broke. */
function SelectorHealthList(props: { selectors: SelectorHealth[]; connected: boolean }) {
  if (!props.connected || props.selectors.length === 0) return null;
  const missing = props.selectors.filter((s) => s.matched === null);
  return (
    <details className="selectors">
      <summary>
        Page selectors: {missing.length === 0 ? <Badge tone="good">all found</Badge> : <Badge tone="warn">{`${missing.length} not found`}</Badge>}
      </summary>
      <ul>
        {props.selectors.map((s) => (
          <li key={s.role} title={`Tried: ${s.tried.join('  ·  ')}`}>
            <span className="muted">{s.role}</span> {s.matched === null ? <Badge tone="warn">not found</Badge> : <code>{s.matched}</code>}
          </li>
        ))}
      </ul>
      {missing.length > 0 && (
        <p className="muted small">Add your own selectors in selectors.json in the data folder; they are tried first on the next connect.</p>
      )}
    </details>
  );
}

function ActivityFeed(props: { items: ActivityItem[] }) {
  return (
    <Card title="Live activity" className="feed-card">
      {props.items.length === 0 ? (
        <Empty>Nothing yet. Bot, giveaway, chat and message events appear here as they happen.</Empty>
      ) : (
        <ul className="feed">
          {props.items.map((i) => (
            <li key={i.id} className={`feed-item tone-${i.tone}`}>
              <time>{formatTime(i.at)}</time>
              <span>{i.text}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
