import { Badge, Empty } from '../../components/ui.js';
import { formatDateTime, formatTime } from '../../format.js';
import type { Claim, Draw } from '../../api/types.js';
import { ClaimBadge } from './Winners.js';

interface Props {
  draws: Draw[];
  claims: Claim[];
  /** The draw whose reveal is still drumrolling: its winners stay hidden here too until the reveal shows them. */
  revealing: string | null;
  busy: boolean;
  onReroll: (username: string, drawId: string) => void;
}

/**
 * Every draw of the round, newest first, rerolls included (each is a draw of its own, marked as such). Any winner
 * still standing in any draw can be rerolled from here; a replaced one says who replaced them.
 */
export function DrawHistory(props: Props) {
  if (props.draws.length === 0) return <Empty>No draws in this round yet.</Empty>;
  const byId = new Map(props.draws.map((d) => [d.drawId, d]));
  const replacement = (drawId: string, winner: string) => props.draws.find((r) => r.rerollOf === drawId && r.replaced === winner);
  return (
    <table className="table draw-history">
      <thead>
        <tr>
          <th>When</th>
          <th>Draw</th>
          <th>Winners</th>
          <th className="num">Entries</th>
        </tr>
      </thead>
      <tbody>
        {[...props.draws].reverse().map((d) => {
          const of = d.rerollOf ? byId.get(d.rerollOf) : undefined;
          return (
            <tr key={d.drawId} className={d.rerollOf ? 'draw-reroll' : undefined} data-draw-id={d.drawId}>
              <td className="nowrap">{whenOf(d.timestamp)}</td>
              <td>
                {d.rerollOf ? (
                  <>
                    <Badge tone="warn">Reroll</Badge>{' '}
                    <span className="small">
                      replaced {d.replaced}
                      {of ? ` (draw of ${formatTime(of.timestamp)})` : ''}
                    </span>
                  </>
                ) : (
                  <Badge>Draw</Badge>
                )}
              </td>
              <td>
                {props.revealing === d.drawId ? (
                  <span className="muted">Drawing…</span>
                ) : (
                  <ul className="history-winners">
                    {d.winners.map((w) => (
                      <HistoryWinner
                        key={w}
                        winner={w}
                        replacedBy={d.rerolled.includes(w) ? (replacement(d.drawId, w)?.winners[0] ?? '?') : null}
                        claim={props.claims.find((c) => c.drawId === d.drawId && c.username === w)}
                        busy={props.busy}
                        onReroll={() => props.onReroll(w, d.drawId)}
                      />
                    ))}
                  </ul>
                )}
              </td>
              <td className="num">{d.entriesCount}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A round is usually one show: today's draws by their time (to the second), older ones with their date. */
function whenOf(iso: string): string {
  return new Date(iso).toDateString() === new Date().toDateString() ? formatTime(iso) : formatDateTime(iso);
}

function HistoryWinner(props: { winner: string; replacedBy: string | null; claim: Claim | undefined; busy: boolean; onReroll: () => void }) {
  const w = props.winner;
  if (props.replacedBy !== null) {
    return (
      <li className="history-replaced">
        <s title="Replaced by a reroll">{w}</s>
        <span className="muted small">rerolled</span>
        <span className="small">→ {props.replacedBy}</span>
      </li>
    );
  }
  const noShow = props.claim?.status === 'expired';
  return (
    <li className={noShow ? 'winner-no-show' : undefined}>
      <span className="history-name">{w}</span>
      <ClaimBadge claim={props.claim} />
      <button
        type="button"
        className={`btn btn-small ${noShow ? 'btn-primary' : 'btn-ghost'}`}
        disabled={props.busy}
        aria-label={`Reroll ${w}`}
        title="Replace this winner (no-show)"
        onClick={props.onReroll}
      >
        Reroll
      </button>
    </li>
  );
}
