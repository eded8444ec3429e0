import { useEffect, useState } from 'react';
import { Badge, Card, ConfirmButton, Empty, Notice, Stat } from '../components/ui.js';
import { formatNumber, formatTime } from '../format.js';
import { useArea } from '../hooks.js';
import type { GiveawayEntry } from '../api/types.js';
import '../styles/giveaway.css';
import { DrawHistory } from './giveaway/DrawHistory.js';
import { EntryWindow } from './giveaway/EntryWindow.js';
import { Reveal } from './giveaway/Reveal.js';
import { LastDraw } from './giveaway/Winners.js';

export function Giveaway() {
  const g = useArea('giveaway');
  const [wanted, setWanted] = useState(1);
  // Never more winners than viewers who entered: the server refuses that, so the form does not offer it.
  const max = Math.max(1, g.uniqueUsers);
  const count = Math.min(wanted, max);
  useEffect(() => {
    void g.load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="screen giveaway-screen">
      <h1>Giveaway</h1>
      <Notice tone="bad">{g.error}</Notice>
      <Card
        title="Entries"
        className="entry-card"
        actions={
          <a className="small" href="#/settings">
            Messages the bot says…
          </a>
        }
      >
        <EntryWindow
          status={g.status}
          entries={g.count}
          draws={g.draws.length}
          busy={g.busy !== null}
          onOpen={(input) => void g.open(input)}
          onClose={() => void g.close()}
          onSaveKeyword={g.saveKeyword}
        />
      </Card>
      {g.reveal && <Reveal key={g.reveal.key} draw={g.reveal} onShown={g.revealed} onDone={g.dismissReveal} />}
      <div className="grid grid-giveaway">
        <Card
          title="Current round"
          actions={
            <ConfirmButton
              small
              label="Clear entries"
              confirmLabel={`Clear ${g.count} entries?`}
              disabled={g.busy !== null || g.count === 0}
              onConfirm={() => void g.clear()}
            />
          }
        >
          <div className="stats stats-2">
            <Stat label="Entries" value={formatNumber(g.count)} />
            <Stat label="Unique viewers" value={formatNumber(g.uniqueUsers)} />
          </div>
          <form
            className="row draw-form"
            onSubmit={(e) => {
              e.preventDefault();
              void g.draw(count);
            }}
          >
            <label className="inline-field">
              Winners
              <input
                type="number"
                min={1}
                max={max}
                value={count}
                onChange={(e) => setWanted(Math.min(max, Math.max(1, Math.floor(Number(e.target.value)) || 1)))}
                aria-label="Number of winners"
              />
            </label>
            <button className="btn btn-primary" disabled={g.busy !== null || g.uniqueUsers === 0}>
              Draw {count === 1 ? 'a winner' : `${count} winners`}
            </button>
            {g.uniqueUsers > 0 && (
              <span className="muted small">{g.uniqueUsers === 1 ? '1 viewer entered' : `up to ${g.uniqueUsers}: one per viewer who entered`}</span>
            )}
          </form>
          <AddEntry busy={g.busy === 'add'} onAdd={g.addEntry} />
          {g.lastDraw && !g.revealing && (
            <LastDraw draw={g.lastDraw} claims={g.claims} busy={g.busy !== null} onReroll={(u) => void g.reroll(u, g.lastDraw!.drawId)} />
          )}
        </Card>
        <Card
          title={
            <>
              Entries <Badge tone="info">live</Badge>
            </>
          }
        >
          <EntryList entries={g.entries} total={g.count} />
        </Card>
      </div>
      <Card title="Draw history">
        <DrawHistory
          draws={g.draws}
          claims={g.claims}
          revealing={g.revealing ? (g.reveal?.drawId ?? null) : null}
          busy={g.busy !== null}
          onReroll={(u, drawId) => void g.reroll(u, drawId)}
        />
      </Card>
    </div>
  );
}

function AddEntry(props: { busy: boolean; onAdd: (username: string) => Promise<boolean> }) {
  const [name, setName] = useState('');
  return (
    <form
      className="row add-entry"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) void props.onAdd(name.trim()).then((ok) => ok && setName(''));
      }}
    >
      <input placeholder="Add a viewer by name" aria-label="Viewer name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
      <button className="btn" disabled={props.busy || !name.trim()}>
        Add entry
      </button>
    </form>
  );
}

function EntryList(props: { entries: GiveawayEntry[]; total: number }) {
  if (props.entries.length === 0) return <Empty>No entries yet. Viewers enter by typing the keyword in chat.</Empty>;
  const shown = props.entries.slice(-200).reverse();
  return (
    <>
      <ul className="entries">
        {shown.map((e, i) => (
          <li key={`${e.username}-${e.timestamp}-${i}`}>
            <span>{e.username}</span>
            <span className="muted small">
              {e.source !== 'chat' && e.source !== 'live' ? `${e.source} · ` : ''}
              {formatTime(e.timestamp)}
            </span>
          </li>
        ))}
      </ul>
      {props.total > shown.length && (
        <div className="muted small">
          Showing the latest {shown.length} of {props.total}.
        </div>
      )}
    </>
  );
}
