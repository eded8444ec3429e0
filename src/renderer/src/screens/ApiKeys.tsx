import { useEffect, useState } from 'react';
import { Badge, Card, ConfirmButton, Empty, Notice, SecretReveal } from '../components/ui.js';
import { formatDateTime, timeAgo } from '../format.js';
import { useArea } from '../hooks.js';
import { SCOPES, type Scope } from '../api/types.js';
import { AssistantsCard } from './AssistantsCard.js';
import { OverlaysCard } from './OverlaysCard.js';

export function ApiKeys() {
  const k = useArea('keys');
  useEffect(() => {
    void k.load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="screen">
      <h1>API keys</h1>
      <p className="muted">Keys let automation (scripts, MCP clients, Zapier-style tools) use the local API at this address.</p>
      <Notice tone="bad">{k.error}</Notice>
      {k.created && (
        <SecretReveal
          title={`Key "${k.created.apiKey.name}" created`}
          secret={k.created.key}
          note="Copy it now: it is shown only once and cannot be recovered."
          onDone={k.dismissCreated}
        />
      )}
      <AssistantsCard />
      <OverlaysCard />
      <Card title="Create a key">
        <CreateKey busy={k.busy === 'create'} onCreate={k.create} />
      </Card>
      <Card title="Keys">
        {k.list.length === 0 ? (
          <Empty>No API keys yet.</Empty>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Key</th>
                <th>Scopes</th>
                <th>Created</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {k.list.map((key) => (
                <tr key={key.id} className={key.revokedAt ? 'row-muted' : ''}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td className="small">{key.scopes ? key.scopes.join(', ') : 'all'}</td>
                  <td className="small">{formatDateTime(key.createdAt)}</td>
                  <td className="small">{timeAgo(key.lastUsedAt)}</td>
                  <td className="actions-cell">
                    {key.revokedAt ? (
                      <Badge>revoked</Badge>
                    ) : (
                      <ConfirmButton
                        small
                        label="Revoke"
                        confirmLabel="Revoke?"
                        disabled={k.busy === key.id}
                        onConfirm={() => void k.revoke(key.id)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

function CreateKey(props: { busy: boolean; onCreate: (name: string, scopes?: Scope[]) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const [limited, setLimited] = useState(false);
  const [scopes, setScopes] = useState<Scope[]>(['analytics:read', 'messages:send']);
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onCreate(name.trim(), limited ? scopes : undefined).then((ok) => ok && setName(''));
      }}
    >
      <div className="row">
        <input aria-label="Key name" placeholder="e.g. Claude Desktop" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <button className="btn btn-primary" disabled={props.busy || !name.trim() || (limited && scopes.length === 0)}>
          Create key
        </button>
      </div>
      <label className="check">
        <input type="checkbox" checked={limited} onChange={(e) => setLimited(e.target.checked)} /> Limit to chosen scopes (otherwise full access)
      </label>
      {limited && (
        <div className="checks">
          {SCOPES.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                checked={scopes.includes(s)}
                onChange={(e) => setScopes(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s))}
              />
              {s}
            </label>
          ))}
        </div>
      )}
    </form>
  );
}
