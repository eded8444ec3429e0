import { useEffect, useRef, useState } from 'react';
import { Badge, Card, Empty, Notice } from '../components/ui.js';
import { formatTime } from '../format.js';
import { useArea } from '../hooks.js';
import type { ChatLine, OutgoingMessage } from '../api/types.js';
import { queuedCount } from '../stores/chat.js';

const MESSAGE_MAX = 500;

export function LiveChat() {
  const c = useArea('chat');
  useEffect(() => {
    void c.load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="screen screen-chat">
      <h1>Live chat</h1>
      <Notice tone="bad">{c.error}</Notice>
      <div className="chat-layout">
        <Card title="Chat" className="chat-card">
          <ChatLines lines={c.lines} historyAvailable={c.historyAvailable} />
          <SendBox sending={c.sending} error={c.sendError} onSend={c.send} />
        </Card>
        <Card title={<>Send queue <Badge tone={queuedCount(c.outgoing) > 0 ? 'info' : 'muted'}>{queuedCount(c.outgoing)} waiting</Badge></>}>
          <Outgoing messages={c.outgoing} />
        </Card>
      </div>
    </div>
  );
}

function ChatLines(props: { lines: ChatLine[]; historyAvailable: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  useEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [props.lines]);
  return (
    <div
      className="chat-lines"
      ref={ref}
      onScroll={(e) => {
        const el = e.currentTarget;
        // Follow new lines only while the user is at the bottom.
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {props.lines.length === 0 ? (
        <Empty>{props.historyAvailable ? 'No chat lines yet. They appear live once the chat is connected.' : 'Chat history is not available in this build; new lines appear live.'}</Empty>
      ) : (
        props.lines.map((l) => (
          <div key={l.key} className={`chat-line ${l.kind === 'join' ? 'chat-join' : ''} ${l.self ? 'chat-self' : ''}`}>
            <time>{formatTime(l.at)}</time>
            <strong>{l.username}</strong>
            <span>{l.kind === 'join' ? 'joined' : l.text}</span>
          </div>
        ))
      )}
    </div>
  );
}

function SendBox(props: { sending: boolean; error: string | null; onSend: (text: string) => Promise<boolean> }) {
  const [text, setText] = useState('');
  const submit = async () => {
    if (!text.trim()) return;
    if (await props.onSend(text)) setText('');
  };
  return (
    <form
      className="send-box"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <input
        aria-label="Message"
        placeholder="Type a message to send to chat…"
        value={text}
        maxLength={MESSAGE_MAX}
        onChange={(e) => setText(e.target.value)}
      />
      <span className="muted small counter">{text.length}/{MESSAGE_MAX}</span>
      <button className="btn btn-primary" disabled={props.sending || !text.trim()}>
        Send
      </button>
      {props.error && <div className="field-error send-error">{props.error}</div>}
    </form>
  );
}

const STATUS_TONE = { queued: 'info', sending: 'info', sent: 'good', failed: 'bad', cancelled: 'muted' } as const;

function Outgoing(props: { messages: OutgoingMessage[] }) {
  if (props.messages.length === 0) return <Empty>No messages sent yet.</Empty>;
  return (
    <ul className="outgoing">
      {props.messages.map((m) => (
        <li key={m.messageId}>
          <div className="outgoing-head">
            <Badge tone={STATUS_TONE[m.status]}>{m.status}</Badge>
            <span className="muted small">{m.cause}</span>
            <time className="muted small">{formatTime(m.sentAt ?? m.scheduledFor)}</time>
          </div>
          <div className="outgoing-text">{m.message}</div>
          {m.error && <div className="field-error">{m.error}</div>}
        </li>
      ))}
    </ul>
  );
}
