import { useEffect } from 'react';
import { Badge, Card, Empty, Notice, Stat, Toggle } from '../components/ui.js';
import { formatNumber, formatTime, timeAgo } from '../format.js';
import { useArea } from '../hooks.js';
import type { ChatStatus } from '../api/types.js';
import type { ActivityItem } from '../stores/live.js';

export function Overview() {
  const o = useArea('overview');
  const live = useArea('live');
  useEffect(() => {
    void o.load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="screen">
      <h1>Overview</h1>
      <Notice tone="bad">{o.error}</Notice>
      <div className="grid grid-3">
        <Card title="Bot" className="bot-card">
          <Toggle big checked={o.botActive === true} disabled={o.botActive === null || o.toggling} onChange={() => void o.toggleBot()} label={o.botActive ? 'Running' : 'Stopped'} />
          <p className="muted small">
            {o.botActive ? 'Welcomes, FAQ replies, timers and giveaway entries are active.' : 'The bot reads chat but does not reply or send.'}
          </p>
        </Card>
        <ChatStatusCard chat={o.chat} available={o.chatAvailable} loaded={o.loaded} busy={o.chatBusy} onConnect={(v) => void o.setChatConnected(v)} />
        <Card title="Today">
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

function ChatStatusCard(props: { chat: ChatStatus | null; available: boolean; loaded: boolean; busy: boolean; onConnect: (connect: boolean) => void }) {
  const { chat } = props;
  const action = chat && (
    <button type="button" className="btn btn-small" disabled={props.busy} onClick={() => props.onConnect(!chat.connected)}>
      {chat.connected ? 'Disconnect' : 'Connect'}
    </button>
  );
  return (
    <Card title="Chat connection" actions={action}>
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
          {chat.lastError && <Notice tone="warn">{chat.lastError}</Notice>}
        </div>
      )}
    </Card>
  );
}

function ActivityFeed(props: { items: ActivityItem[] }) {
  return (
    <Card title="Live activity" className="feed-card">
      {props.items.length === 0 ? (
        <Empty>Nothing yet. Events appear here as they happen.</Empty>
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
