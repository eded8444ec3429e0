import { Icon } from '../../components/icons.js';
import { Badge } from '../../components/ui.js';
import { formatTime } from '../../format.js';
import type { Claim, DrawResult } from '../../api/types.js';
import { formatCountdown, useNow } from './clock.js';

/** The latest draw's winners, each with its claim state and a reroll. */
export function LastDraw(props: { draw: DrawResult; claims: Claim[]; busy: boolean; onReroll: (username: string) => void }) {
  return (
    <div className="winners">
      <div className="winners-title">
        {props.draw.replaced ? `Rerolled ${props.draw.replaced}` : 'Winners'}{' '}
        <span className="muted small">
          from {props.draw.entriesCount} entries at {formatTime(props.draw.timestamp)}
        </span>
      </div>
      <ul>
        {props.draw.winners.map((w) => {
          const claim = props.claims.find((c) => c.drawId === props.draw.drawId && c.username === w);
          return (
            <li key={w} className={claim?.status === 'expired' ? 'winner-no-show' : undefined}>
              <span className="winner-name">
                <Icon name="trophy" size={20} /> {w} <ClaimBadge claim={claim} />
              </span>
              <button
                type="button"
                className={`btn btn-small ${claim?.status === 'expired' ? 'btn-primary' : 'btn-ghost'}`}
                disabled={props.busy}
                onClick={() => props.onReroll(w)}
                aria-label={`Reroll ${w}`}
                title="Replace this winner (no-show)"
              >
                Reroll
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** With a claim window: a live countdown while the winner has not written yet; a no-show is the one to reroll. */
export function ClaimBadge(props: { claim: Claim | undefined }) {
  const c = props.claim;
  if (!c) return null;
  if (c.status === 'claimed') return <Badge tone="good">{`claimed ${formatTime(c.claimedAt!)}`}</Badge>;
  if (c.status === 'pending') return <ClaimCountdown deadline={c.deadline} />;
  return <Badge tone="warn">no-show: reroll?</Badge>;
}

function ClaimCountdown(props: { deadline: string }) {
  const now = useNow(1000);
  const left = Date.parse(props.deadline) - now;
  return (
    <span className="badge badge-info claim-countdown" role="timer" aria-label="Time left to claim">
      {left > 0 ? `claim within ${formatCountdown(left)}` : 'checking…'}
    </span>
  );
}
