import { useEffect, useState } from 'react';
import { Badge, Card, ConfirmButton, Empty, Notice, SecretReveal, Toggle } from '../components/ui.js';
import { formatDateTime } from '../format.js';
import { useArea } from '../hooks.js';
import { WEBHOOK_EVENTS, type Webhook, type WebhookDelivery, type WebhookEventType, type WebhookTestResult } from '../api/types.js';

export function Webhooks() {
  const w = useArea('webhooks');
  useEffect(() => {
    void w.load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  if (w.loaded && w.list === null) {
    return (
      <div className="screen">
        <h1>Webhooks</h1>
        <Card>
          <Empty>Webhooks are not available in this build.</Empty>
        </Card>
      </div>
    );
  }
  const selected = w.list?.find((x) => x.id === w.selected) ?? null;
  return (
    <div className="screen">
      <h1>Webhooks</h1>
      <Notice tone="bad">{w.error}</Notice>
      {w.created?.secret && (
        <SecretReveal
          title="Webhook created — signing secret"
          secret={w.created.secret}
          note="Copy it now: it is shown only once. Use it to verify the X-BuzzChat-Signature header."
          onDone={w.dismissCreated}
        />
      )}
      <Card title="Add a webhook">
        <CreateWebhook busy={w.busy === 'create'} onCreate={w.create} />
        {(w.privateRefused || w.allowPrivateNetworks) && w.allowPrivateNetworks !== null && (
          <div className="private-networks">
            <Toggle
              checked={w.allowPrivateNetworks}
              disabled={w.busy === 'config'}
              onChange={(v) => void w.setAllowPrivateNetworks(v)}
              label="Allow addresses on my local network"
            />
            <p className="muted small">
              For a receiver on this network (a home server, 192.168.x.x, 10.x.x.x). Leave it off unless you run one: it lets BuzzChat send to any
              machine on your network. This computer itself (localhost) is always allowed.
            </p>
          </div>
        )}
      </Card>
      <Card title="Webhooks">
        {!w.list || w.list.length === 0 ? (
          <Empty>No webhooks yet.</Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>URL</th>
                <th>Events</th>
                <th>Active</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {w.list.map((h) => (
                <WebhookRow
                  key={h.id}
                  hook={h}
                  busy={w.busy === h.id}
                  selected={w.selected === h.id}
                  test={w.tests[h.id]}
                  onToggle={(v) => void w.setActive(h.id, v)}
                  onTest={() => void w.test(h.id)}
                  onDelete={() => void w.remove(h.id)}
                  onSelect={() => void w.select(w.selected === h.id ? null : h.id)}
                />
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {selected && (
        <Card title={`Deliveries — ${selected.url}`}>
          <Deliveries list={w.deliveries} />
        </Card>
      )}
    </div>
  );
}

function CreateWebhook(props: { busy: boolean; onCreate: (url: string, events: WebhookEventType[]) => Promise<boolean> }) {
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['giveaway.entry', 'giveaway.winner']);
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onCreate(url.trim(), events).then((ok) => ok && setUrl(''));
      }}
    >
      {/* Plain text, not type=url: a bare example.com/hook is fine, https:// is added on save. */}
      <input
        aria-label="Webhook URL"
        type="text"
        inputMode="url"
        spellCheck={false}
        placeholder="https://example.com/webhooks/buzzchat"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
      />
      <div className="checks">
        {WEBHOOK_EVENTS.map((ev) => (
          <label key={ev} className="check">
            <input
              type="checkbox"
              checked={events.includes(ev)}
              onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))}
            />
            {ev}
          </label>
        ))}
      </div>
      <div>
        <button className="btn btn-primary" disabled={props.busy || !url.trim() || events.length === 0}>
          Create webhook
        </button>
      </div>
    </form>
  );
}

function WebhookRow(props: {
  hook: Webhook;
  busy: boolean;
  selected: boolean;
  test: WebhookTestResult | { error: string } | undefined;
  onToggle: (v: boolean) => void;
  onTest: () => void;
  onDelete: () => void;
  onSelect: () => void;
}) {
  const { hook, test } = props;
  return (
    <tr className={props.selected ? 'row-selected' : ''}>
      <td className="url-cell">
        <div>{hook.url}</div>
        {hook.disabledReason !== null && <div className="field-error">Disabled by BuzzChat: {hook.disabledReason}</div>}
        {!hook.active && hook.heldEvents > 0 && (
          <div className="small">
            {hook.heldEvents} {hook.heldEvents === 1 ? 'event' : 'events'} held — delivered when re-enabled
          </div>
        )}
        {test && <TestOutcome test={test} />}
      </td>
      <td className="small">{hook.events.join(', ')}</td>
      <td>
        <Toggle checked={hook.active} disabled={props.busy} onChange={props.onToggle} label={hook.active ? 'On' : 'Off'} />
      </td>
      <td className="actions-cell">
        <button type="button" className="btn btn-small" disabled={props.busy} onClick={props.onTest}>
          Test
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={props.onSelect}>
          {props.selected ? 'Hide log' : 'Log'}
        </button>
        <ConfirmButton small label="Delete" confirmLabel="Delete?" disabled={props.busy} onConfirm={props.onDelete} />
      </td>
    </tr>
  );
}

function TestOutcome({ test }: { test: WebhookTestResult | { error: string } }) {
  if ('delivered' in test) {
    return (
      <div className="small test-outcome">
        {test.delivered ? <Badge tone="good">Delivered</Badge> : <Badge tone="bad">Not delivered</Badge>}{' '}
        {test.responseCode !== null && `HTTP ${test.responseCode}`} · {test.responseTime} ms {test.error && `· ${test.error}`}
      </div>
    );
  }
  return <div className="field-error test-outcome">{test.error}</div>;
}

function Deliveries({ list }: { list: WebhookDelivery[] }) {
  if (list.length === 0) return <Empty>No deliveries yet.</Empty>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>When</th>
          <th>Event</th>
          <th>Status</th>
          <th>HTTP</th>
          <th>Attempts</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {list.map((d) => (
          <tr key={d.id}>
            <td>{formatDateTime(d.at)}</td>
            <td>{d.eventType}</td>
            <td>
              <Badge tone={d.status === 'delivered' ? 'good' : d.status === 'pending' ? 'info' : d.status === 'held' ? 'warn' : 'bad'}>
                {d.status}
              </Badge>
            </td>
            <td>{d.responseCode ?? '—'}</td>
            <td>{d.attempts}</td>
            <td className="small">{d.error ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
