import { useEffect, useState } from 'react';
import { Badge, Card, Empty, Notice, Stat } from '../../components/ui.js';
import { formatDateTime, formatNumber } from '../../format.js';
import type { Analytics, Show, StoredStreamEvent } from '../../api/types.js';
import { clockTime, describeStreamEvent, formatTotals, showDuration } from './show-text.js';

export interface ShowCardProps {
  loaded: boolean;
  current: Show | null;
  figures: Analytics | null;
  events: StoredStreamEvent[];
  viewers: number | null;
  last: Show | null;
  /** The last refetch failed: the figures shown may be behind. */
  error: string | null;
}

/** Tonight's show while it runs, with what the platform reported; otherwise the last show and when one starts. */
export function ShowCard(props: ShowCardProps) {
  const { current } = props;
  return (
    <Card
      title="Tonight's show"
      className="show-card"
      actions={current ? <Badge tone="info">On air</Badge> : props.loaded ? <Badge>No show on air</Badge> : null}
    >
      <Notice tone="warn">{props.error}</Notice>
      {current ? <RunningShow {...props} current={current} /> : !props.loaded ? <Empty>Loading…</Empty> : <NoShow last={props.last} />}
    </Card>
  );
}

/** Re-renders every 30 s so the running time moves. */
function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

function RunningShow(props: ShowCardProps & { current: Show }) {
  const now = useNow();
  const { current: show, figures } = props;
  const s = show.stats;
  const tips = formatTotals(s.tipTotals);
  const sales = formatTotals(s.salesTotals);
  return (
    <>
      <p className="show-when" aria-label="Show time">
        Started at <strong>{clockTime(show.startedAt)}</strong> · on air for <strong>{showDuration(show, now)}</strong>
        {show.title && <span className="muted"> · {show.title}</span>}
      </p>
      <div className="stats show-stats" role="group" aria-label="Show figures">
        <Stat label="Chat messages" value={formatNumber(figures?.messagesReceived ?? s.messages)} />
        <Stat label="Chatters" value={formatNumber(figures?.uniqueChatters ?? s.chatters)} />
        <Stat label="FAQ answers" value={formatNumber(figures?.faqReplies ?? s.faqAnswers)} />
        <Stat label="Giveaway entries" value={formatNumber(s.giveawayEntries)} />
        <Stat label="Winners" value={formatNumber(s.winnersDrawn)} />
        <Stat label="Tips" value={formatNumber(s.tips)} hint={tips || undefined} />
        <Stat label="Raids" value={formatNumber(s.raids)} hint={s.raids ? `${formatNumber(s.raidViewers)} viewers brought` : undefined} />
        <Stat label="Items sold" value={formatNumber(s.itemsSold)} hint={sales || undefined} />
        <Stat
          label="Viewers now"
          value={formatNumber(props.viewers)}
          hint={s.peakViewers !== null ? `peak ${formatNumber(s.peakViewers)}` : 'the site has not said'}
        />
      </div>
      <div>
        <h3 className="show-subhead">What the platform reported</h3>
        {props.events.length === 0 ? (
          <p className="muted small">No tips, raids or sales yet. They appear here as the site reports them.</p>
        ) : (
          <ul className="show-events" aria-label="What the platform reported">
            {props.events.map((e) => (
              <li key={e.id}>
                <time>{clockTime(e.at)}</time> <span>{describeStreamEvent(e.event)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}

function NoShow(props: { last: Show | null }) {
  const { last } = props;
  return (
    <>
      <p className="show-when">
        A show starts by itself when your live page goes live (on sites that show no live badge, when the chat connects), and ends when the page ends
        it.
      </p>
      {last ? (
        <div role="group" aria-label="Last show">
          <p className="muted small">
            Last show: {formatDateTime(last.startedAt)}, {showDuration(last)}
          </p>
          <div className="stats show-stats last-show-stats">
            <Stat label="Chat messages" value={formatNumber(last.stats.messages)} />
            <Stat label="Chatters" value={formatNumber(last.stats.chatters)} />
            <Stat label="Giveaway entries" value={formatNumber(last.stats.giveawayEntries)} />
            <Stat label="Winners" value={formatNumber(last.stats.winnersDrawn)} />
            <Stat label="Tips" value={formatNumber(last.stats.tips)} hint={formatTotals(last.stats.tipTotals) || undefined} />
            <Stat label="Items sold" value={formatNumber(last.stats.itemsSold)} hint={formatTotals(last.stats.salesTotals) || undefined} />
          </div>
        </div>
      ) : (
        <p className="muted small">No show yet: its figures appear here from the first one.</p>
      )}
    </>
  );
}
