import { useState } from 'react';
import type { BotTestResult } from '../../../../shared/contract/bot.js';
import { Badge, Card, Notice } from '../../components/ui.js';

/** Type a chat line, see what the bot would do (POST /bot/test): nothing is sent. */
export function BotTester(props: {
  state: { busy: boolean; result: BotTestResult | null; error: string | null };
  onTest: (message: string, username?: string) => Promise<void>;
  botActive: boolean;
}) {
  const [message, setMessage] = useState('');
  const [username, setUsername] = useState('');
  const r = props.state.result;
  return (
    <Card title="Test a chat message">
      <p className="muted small">What would the bot do if a viewer wrote this? Saved settings are used; nothing is sent to chat.</p>
      <form
        className="row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          if (message.trim()) void props.onTest(message.trim(), username.trim() || undefined);
        }}
      >
        <input
          className="grow"
          aria-label="Test message"
          placeholder="how much is shipping to canada?"
          value={message}
          maxLength={500}
          onChange={(e) => setMessage(e.target.value)}
        />
        <input
          aria-label="Test viewer name"
          placeholder="viewer name (optional)"
          value={username}
          maxLength={100}
          onChange={(e) => setUsername(e.target.value)}
        />
        <button className="btn" disabled={props.state.busy || !message.trim()}>
          {props.state.busy ? 'Testing…' : 'Test'}
        </button>
      </form>
      <Notice tone="bad">{props.state.error}</Notice>
      {r && <Outcome r={r} />}
    </Card>
  );
}

function Outcome({ r }: { r: BotTestResult }) {
  const what = !r.matched
    ? null
    : r.matched.type === 'faq'
      ? `FAQ rule ${r.matched.ruleIndex + 1} (“${r.matched.trigger}”)`
      : `the command !${r.matched.command}`;
  return (
    <div className="test-result" role="status" aria-label="Test result">
      {what && <div>Matches {what}</div>}
      {r.reply !== null && (
        <div>
          <Badge tone="good">Replies</Badge> <span className="preview-text">{r.reply}</span>
        </div>
      )}
      {r.reason && (
        <div>
          <Badge tone={r.reason.code === 'bot-off' ? 'warn' : 'muted'}>{r.reply === null ? 'No reply' : 'Note'}</Badge> {r.reason.message}
        </div>
      )}
      {r.giveawayEntry && (
        <div>
          <Badge tone="info">Enters the giveaway</Badge>
        </div>
      )}
      {r.welcome && <div className="muted small">A new viewer is also welcomed: “{r.welcome}”</div>}
    </div>
  );
}
