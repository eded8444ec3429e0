import { useEffect, useState } from 'react';
import { Icon } from '../components/icons.js';
import { Badge, Card, ConfirmButton, Empty, Notice, Stat } from '../components/ui.js';
import { formatDateTime, formatNumber, formatTime } from '../format.js';
import { useArea } from '../hooks.js';
import type { Claim, Draw, DrawResult, GiveawayEntry } from '../api/types.js';

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
    <div className="screen">
      <h1>Giveaway</h1>
      <Notice tone="bad">{g.error}</Notice>
      <div className="grid grid-giveaway">
        <Card
          title="Current round"
          actions={<ConfirmButton small label="Clear entries" confirmLabel={`Clear ${g.count} entries?`} disabled={g.busy !== null || g.count === 0} onConfirm={() => void g.clear()} />}
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
              <input type="number" min={1} max={max} value={count} onChange={(e) => setWanted(Math.min(max, Math.max(1, Math.floor(Number(e.target.value)) || 1)))} aria-label="Number of winners" />
            </label>
            <button className="btn btn-primary" disabled={g.busy !== null || g.uniqueUsers === 0}>
              Draw {count === 1 ? 'a winner' : `${count} winners`}
            </button>
            {g.uniqueUsers > 0 && <span className="muted small">{g.uniqueUsers === 1 ? '1 viewer entered' : `up to ${g.uniqueUsers}: one per viewer who entered`}</span>}
          </form>
          <AddEntry busy={g.busy === 'add'} onAdd={g.addEntry} />
          {g.lastDraw && <LastDraw draw={g.lastDraw} claims={g.claims} busy={g.busy !== null} onReroll={(u) => void g.reroll(u, g.lastDraw!.drawId)} />}
        </Card>
        <Card title={<>Entries <Badge tone="info">live</Badge></>}>
          <EntryList entries={g.entries} total={g.count} />
        </Card>
      </div>
      <Card title="Draw history">
        <DrawHistory draws={g.draws} busy={g.busy !== null} onReroll={(u, drawId) => void g.reroll(u, drawId)} />
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

function LastDraw(props: { draw: DrawResult; claims: Claim[]; busy: boolean; onReroll: (username: string) => void }) {
  return (
    <div className="winners">
      <div className="winners-title">
        {props.draw.replaced ? `Rerolled ${props.draw.replaced}` : 'Winners'} <span className="muted small">from {props.draw.entriesCount} entries at {formatTime(props.draw.timestamp)}</span>
      </div>
      <ul>
        {props.draw.winners.map((w) => (
          <li key={w}>
            <span className="winner-name">
              <Icon name="trophy" size={20} /> {w} <ClaimBadge claim={props.claims.find((c) => c.drawId === props.draw.drawId && c.username === w)} />
            </span>
            <button type="button" className="btn btn-small btn-ghost" disabled={props.busy} onClick={() => props.onReroll(w)} title="Replace this winner (no-show)">
              Reroll
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** With a claim window: has the winner written in chat yet? A no-show is the one to reroll. */
function ClaimBadge(props: { claim: Claim | undefined }) {
  const c = props.claim;
  if (!c) return null;
  if (c.status === 'claimed') return <Badge tone="good">{`claimed ${formatTime(c.claimedAt!)}`}</Badge>;
  if (c.status === 'pending') return <Badge tone="info">{`waiting until ${formatTime(c.deadline)}`}</Badge>;
  return <Badge tone="warn">no-show</Badge>;
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
      {props.total > shown.length && <div className="muted small">Showing the latest {shown.length} of {props.total}.</div>}
    </>
  );
}

/** Every draw of the round, rerolls included (they are draws of their own); a winner still standing can be rerolled. */
function DrawHistory(props: { draws: Draw[]; busy: boolean; onReroll: (username: string, drawId: string) => void }) {
  if (props.draws.length === 0) return <Empty>No draws in this round yet.</Empty>;
  const byId = new Map(props.draws.map((d) => [d.drawId, d]));
  return (
    <table className="table draw-history">
      <thead>
        <tr>
          <th>When</th>
          <th>Draw</th>
          <th>Winners</th>
          <th>Entries</th>
        </tr>
      </thead>
      <tbody>
        {[...props.draws].reverse().map((d) => {
          const of = d.rerollOf ? byId.get(d.rerollOf) : undefined;
          return (
            <tr key={d.drawId}>
              <td>{formatDateTime(d.timestamp)}</td>
              <td>
                {d.rerollOf ? (
                  <>
                    <Badge tone="warn">Reroll</Badge> <span className="small">replaced {d.replaced}{of ? ` (draw of ${formatTime(of.timestamp)})` : ''}</span>
                  </>
                ) : (
                  <Badge>Draw</Badge>
                )}
              </td>
              <td>
                <ul className="history-winners">
                  {d.winners.map((w) => {
                    const rerolled = d.rerolled.includes(w);
                    return (
                      <li key={w}>
                        {rerolled ? <s title="Replaced by a reroll">{w}</s> : <span>{w}</span>}
                        {rerolled ? (
                          <span className="muted small"> rerolled</span>
                        ) : (
                          <button type="button" className="btn btn-small btn-ghost" disabled={props.busy} aria-label={`Reroll ${w}`} title="Replace this winner (no-show)" onClick={() => props.onReroll(w, d.drawId)}>
                            Reroll
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </td>
              <td>{d.entriesCount}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
