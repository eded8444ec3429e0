import { Card, Empty } from '../../components/ui.js';
import { formatDateTime, formatNumber } from '../../format.js';
import type { Show } from '../../api/types.js';
import { formatTotals, showDuration } from '../overview/show-text.js';

/** "Nov 30, 8:00 PM · 1 h 5 min", or "… · on air" for tonight's. */
function showLabel(s: Show): string {
  const when = new Date(s.startedAt).toLocaleString([], { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  return `${when} · ${s.endedAt ? showDuration(s) : 'on air'}`;
}

/** Recent shows beside the period choice: picking one restricts every figure to that show. */
export function ShowPicker(props: { shows: Show[]; value: string | null; onChange: (id: string | null) => void }) {
  if (props.shows.length === 0) return null;
  return (
    <select aria-label="Show" value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || null)}>
      <option value="">Whole period</option>
      {props.shows.map((s) => (
        <option key={s.id} value={s.id}>
          Show: {showLabel(s)}
        </option>
      ))}
    </select>
  );
}

/** The past shows with their figures; clicking one shows its analytics above. */
export function PastShows(props: { shows: Show[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <Card title="Shows">
      {props.shows.length === 0 ? (
        <Empty>No show yet. A show is recorded from the moment your live page goes live until it ends.</Empty>
      ) : (
        <div className="past-shows">
          <table className="table" aria-label="Past shows">
            <thead>
              <tr>
                <th>Date</th>
                <th>Duration</th>
                <th className="num">Messages</th>
                <th className="num">Chatters</th>
                <th className="num">Entries</th>
                <th className="num">Winners</th>
                <th className="num">Sales</th>
              </tr>
            </thead>
            <tbody>
              {props.shows.map((s) => {
                const sales = formatTotals(s.stats.salesTotals);
                return (
                  <tr key={s.id} className={s.id === props.selected ? 'selected' : ''}>
                    <td>
                      <button
                        type="button"
                        className="link-like"
                        aria-current={s.id === props.selected ? 'true' : undefined}
                        onClick={() => props.onSelect(s.id)}
                      >
                        {formatDateTime(s.startedAt)}
                      </button>
                    </td>
                    <td>{s.endedAt ? showDuration(s) : 'on air'}</td>
                    <td className="num">{formatNumber(s.stats.messages)}</td>
                    <td className="num">{formatNumber(s.stats.chatters)}</td>
                    <td className="num">{formatNumber(s.stats.giveawayEntries)}</td>
                    <td className="num">{formatNumber(s.stats.winnersDrawn)}</td>
                    <td className="num">
                      {formatNumber(s.stats.itemsSold)}
                      {sales && <span className="muted"> · {sales}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
