import { memo } from 'react';
import { Badge, Empty } from '../../components/ui.js';
import { formatTime } from '../../format.js';
import type { OutgoingMessage } from '../../api/types.js';

const STATUS_TONE = { queued: 'info', sending: 'info', sent: 'good', failed: 'bad', cancelled: 'muted' } as const;

/** The send queue: what the bot and the host sent or are about to send, with delivery status. Memoised: chat lines do not touch it. */
export const Outgoing = memo(function Outgoing(props: { messages: OutgoingMessage[] }) {
  if (props.messages.length === 0) return <Empty>No messages sent yet.</Empty>;
  return (
    <ul className="outgoing">
      {props.messages.map((m) => (
        <li key={m.messageId}>
          <div className="outgoing-head">
            <Badge tone={STATUS_TONE[m.status]}>{m.status}</Badge>
            <span className="muted small">{m.cause === 'manual' ? 'you' : m.cause}</span>
            <time className="muted small">{formatTime(m.sentAt ?? m.scheduledFor)}</time>
          </div>
          <div className="outgoing-text">{m.message}</div>
          {m.error && <div className="field-error">{m.error}</div>}
        </li>
      ))}
    </ul>
  );
});
