import { useEffect, useState } from 'react';
import { Badge, Card, ConfirmButton, Empty, Notice } from '../components/ui.js';
import { formatDateTime, withScheme } from '../format.js';
import { useArea } from '../hooks.js';
import { PLATFORMS, type Account, type Platform } from '../api/types.js';

export function Accounts() {
  const a = useArea('accounts');
  useEffect(() => {
    void a.load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="screen">
      <h1>Accounts</h1>
      <p className="muted">Each account has its own settings, giveaway, analytics and browser profile.</p>
      <Notice tone="bad">{a.error}</Notice>
      <Card title="Add an account">
        <CreateAccount busy={a.busy === 'create'} onCreate={a.create} />
      </Card>
      <Card title="Accounts">
        <ul className="accounts">
          {a.list.map((acc) => (
            <AccountRow
              key={acc.id}
              account={acc}
              busy={a.busy === acc.id}
              onUpdate={(patch) => a.update(acc.id, patch)}
              onSwitch={() => void a.switchTo(acc.id)}
              onDelete={() => void a.remove(acc.id)}
            />
          ))}
        </ul>
      </Card>
      <Backups />
    </div>
  );
}

/** Every account's data is in one database, copied daily; this card shows the copies and takes one now. */
function Backups() {
  const b = useArea('backups');
  useEffect(() => {
    void b.load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  if (!b.available) return null;
  const action = (
    <button type="button" className="btn btn-small" disabled={b.busy !== null} onClick={() => void b.takeNow()}>
      {b.busy ? 'Backing up…' : 'Back up now'}
    </button>
  );
  return (
    <Card title="Backups" actions={action}>
      <p className="muted small">
        Everything (all accounts, settings, giveaways, analytics, keys) is copied to {b.directory ?? 'the backups folder'} once a day; the newest 7
        daily copies are kept, and copies you take yourself or made before an update are never deleted. To restore, quit BuzzChat, copy a backup over
        buzzchat.db and delete buzzchat.db-wal and buzzchat.db-shm if they are there.
      </p>
      <Notice tone="bad">{b.error}</Notice>
      {b.taken && <Notice tone="good">{`Saved ${b.taken}`}</Notice>}
      {b.list.length === 0 ? (
        <Empty>No backup yet: the first daily copy is made a minute after BuzzChat starts.</Empty>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>When</th>
              <th>Kind</th>
              <th>Size</th>
              <th>File</th>
            </tr>
          </thead>
          <tbody>
            {b.list.slice(0, 10).map((x) => (
              <tr key={x.file}>
                <td>{formatDateTime(x.createdAt)}</td>
                <td>{x.kind}</td>
                <td>{formatBytes(x.bytes)}</td>
                <td className="muted small">{x.file}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function formatBytes(n: number): string {
  return n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function CreateAccount(props: { busy: boolean; onCreate: (input: { name: string; platform: Platform; url?: string | null }) => Promise<boolean> }) {
  const [name, setName] = useState('');
  const [platform, setPlatform] = useState<Platform>('whatnot');
  const [url, setUrl] = useState('');
  return (
    <form
      className="row wrap"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onCreate({ name: name.trim(), platform, url: withScheme(url) || null }).then((ok) => ok && (setName(''), setUrl('')));
      }}
    >
      <input aria-label="Account name" placeholder="Account name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      <PlatformSelect value={platform} onChange={setPlatform} />
      <input
        aria-label="Live page URL"
        className="grow"
        placeholder="Live page URL (optional)"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
      />
      <button className="btn btn-primary" disabled={props.busy || !name.trim()}>
        Add
      </button>
    </form>
  );
}

function AccountRow(props: {
  account: Account;
  busy: boolean;
  onUpdate: (patch: { name: string; platform: Platform; url: string | null }) => Promise<boolean>;
  onSwitch: () => void;
  onDelete: () => void;
}) {
  const { account } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(account.name);
  const [platform, setPlatform] = useState<Platform>(account.platform);
  const [url, setUrl] = useState(account.url ?? '');
  const reset = () => (setEditing(false), setName(account.name), setPlatform(account.platform), setUrl(account.url ?? ''));
  return (
    <li className={`account ${account.isActive ? 'account-active' : ''}`}>
      <div className="account-main">
        {editing ? (
          <form
            className="row wrap"
            onSubmit={(e) => {
              e.preventDefault();
              void props.onUpdate({ name: name.trim(), platform, url: withScheme(url) || null }).then((ok) => ok && setEditing(false));
            }}
          >
            <input aria-label="Account name" value={name} autoFocus maxLength={100} onChange={(e) => setName(e.target.value)} />
            <PlatformSelect value={platform} onChange={setPlatform} />
            <input
              aria-label="Live page URL"
              className="grow"
              placeholder="Live page URL (optional)"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
            <button className="btn btn-small btn-primary" disabled={props.busy || !name.trim()}>
              Save
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={reset}>
              Cancel
            </button>
          </form>
        ) : (
          <>
            <strong>{account.name}</strong> {account.isActive && <Badge tone="good">active</Badge>} <Badge>{account.platform}</Badge>
            <div className="muted small">
              {account.url ??
                (account.platform === 'practice'
                  ? 'Built-in practice stream: no URL needed'
                  : 'No live page yet: add it here, or paste it on the Overview when you connect')}{' '}
              · created {formatDateTime(account.createdAt)}
            </div>
          </>
        )}
      </div>
      {!editing && (
        <div className="account-actions">
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(true)}>
            Edit
          </button>
          {!account.isActive && (
            <button type="button" className="btn btn-small" disabled={props.busy} onClick={props.onSwitch}>
              Switch to
            </button>
          )}
          {!account.isActive && (
            <ConfirmButton small label="Delete" confirmLabel="Delete all its data?" disabled={props.busy} onConfirm={props.onDelete} />
          )}
        </div>
      )}
    </li>
  );
}

function PlatformSelect(props: { value: Platform; onChange: (p: Platform) => void }) {
  return (
    <select aria-label="Platform" value={props.value} onChange={(e) => props.onChange(e.target.value as Platform)}>
      {PLATFORMS.map((p) => (
        <option key={p} value={p}>
          {p}
        </option>
      ))}
    </select>
  );
}
