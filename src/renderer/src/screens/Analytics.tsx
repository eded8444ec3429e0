import { useEffect } from 'react';
import { Bar, Card, Empty, Notice, Stat } from '../components/ui.js';
import { axisLabel, formatDateTime, formatNumber } from '../format.js';
import { useArea } from '../hooks.js';
import type { Analytics as AnalyticsData, FaqTrigger, Period, Show, Timeline, TopChatter } from '../api/types.js';
import { PastShows, ShowPicker } from './analytics/ShowPicker.js';
import { clockTime } from './overview/show-text.js';
import '../styles/cockpit.css';

const PERIODS: { id: Period; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: 'day', label: '24 hours' },
  { id: 'week', label: 'Week' },
  { id: 'month', label: 'Month' },
  { id: 'all', label: 'All time' },
];

export function Analytics() {
  const a = useArea('analytics');
  const shows = useArea('shows');
  useEffect(() => {
    void a.load();
    void shows.load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const picked = a.show ? (shows.recent.find((s) => s.id === a.show) ?? null) : null;
  const scope = a.show ? 'show' : 'period';

  return (
    <div className="screen">
      <div className="screen-head">
        <h1>Analytics</h1>
        <div className="analytics-choice">
          <ShowPicker shows={shows.recent} value={a.show} onChange={(id) => void a.load(undefined, id)} />
          <div className="segmented" role="group" aria-label="Period">
            {PERIODS.map((p) => (
              <button
                key={p.id}
                type="button"
                aria-pressed={!a.show && a.period === p.id}
                className={!a.show && a.period === p.id ? 'active' : ''}
                onClick={() => void a.load(p.id)}
              >
                {p.label}
              </button>
            ))}
          </div>
        </div>
      </div>
      <Notice tone="bad">{a.error}</Notice>
      {a.data && <Summary data={a.data} show={picked} />}
      <Card title="Chat activity">{a.timeline ? <ActivityChart timeline={a.timeline} scope={scope} /> : <Empty>Loading…</Empty>}</Card>
      <div className="grid grid-2">
        <Card title="What the bot sent">{a.data ? <Breakdown data={a.data} scope={scope} /> : <Empty>Loading…</Empty>}</Card>
        <Card title="Top FAQ triggers">
          <Triggers triggers={a.triggers} scope={scope} />
        </Card>
        <Card title="Top chatters">
          <Chatters chatters={a.chatters} scope={scope} />
        </Card>
      </div>
      <PastShows
        shows={shows.recent}
        selected={a.show}
        onSelect={(id) => {
          void a.load(undefined, id);
          // The list is at the bottom: bring the show's figures into view.
          document.querySelector('.content')?.scrollTo({ top: 0 });
        }}
      />
    </div>
  );
}

function Summary({ data, show }: { data: AnalyticsData; show: Show | null }) {
  return (
    <Card>
      {data.show && (
        <p className="show-scope muted small">
          Figures of the show of {formatDateTime(show?.startedAt ?? data.since)}
          {data.until ? ` to ${clockTime(data.until)}` : ', still on air'}.
        </p>
      )}
      <div className="stats stats-4">
        <Stat label="Bot messages" value={formatNumber(data.totalMessages)} />
        <Stat label="Chat messages received" value={formatNumber(data.messagesReceived)} />
        <Stat label="Unique chatters" value={formatNumber(data.uniqueChatters)} />
        <Stat
          label={data.show ? 'Show started' : 'Since'}
          value={<span className="stat-small">{data.since ? formatDateTime(data.since) : 'the beginning'}</span>}
        />
      </div>
    </Card>
  );
}

function Breakdown({ data, scope }: { data: AnalyticsData; scope: string }) {
  const rows = [
    { label: 'Welcomes', value: data.welcomeMessages, tone: 'a' },
    { label: 'FAQ replies', value: data.faqReplies, tone: 'b' },
    { label: 'Timers', value: data.timerMessages, tone: 'c' },
    { label: 'Commands', value: data.commandReplies, tone: 'd' },
    { label: 'API / MCP', value: data.apiMessages, tone: 'e' },
    { label: 'Other', value: data.otherMessages, tone: 'f' },
  ];
  if (data.totalMessages === 0) return <Empty>The bot has not sent anything in this {scope}.</Empty>;
  return (
    <div className="bars">
      {rows.map((r) => (
        <Bar
          key={r.label}
          label={r.label}
          value={r.value}
          max={data.totalMessages}
          tone={r.tone}
          display={`${formatNumber(r.value)} · ${Math.round((r.value / data.totalMessages) * 1000) / 10}%`}
        />
      ))}
    </div>
  );
}

function Triggers({ triggers, scope }: { triggers: FaqTrigger[]; scope: string }) {
  if (triggers.length === 0) return <Empty>No FAQ rule has fired in this {scope}.</Empty>;
  const max = Math.max(...triggers.map((t) => t.count));
  return (
    <div className="bars">
      {triggers.map((t) => (
        <Bar key={t.keyword} label={t.keyword} value={t.count} max={max} tone="b" display={formatNumber(t.count)} />
      ))}
    </div>
  );
}

/** Bars per bucket: viewers' lines stacked under what was sent. Inline SVG, no chart library. */
function ActivityChart({ timeline, scope }: { timeline: Timeline; scope: string }) {
  const { buckets } = timeline;
  const max = Math.max(1, ...buckets.map((b) => b.received + b.sent));
  if (buckets.every((b) => b.received + b.sent === 0)) return <Empty>No chat in this {scope}.</Empty>;
  const W = 10;
  const H = 120;
  const spanDays = (Date.parse(buckets[buckets.length - 1]!.start) - Date.parse(buckets[0]!.start)) / 86_400_000;
  const label = (iso: string) => axisLabel(iso, timeline.bucketMinutes, spanDays);
  const ticks = [0, Math.floor((buckets.length - 1) / 2), buckets.length - 1];
  return (
    <div className="activity">
      <svg viewBox={`0 0 ${buckets.length * W} ${H}`} preserveAspectRatio="none" role="img" aria-label="Chat lines per period">
        {buckets.map((b, i) => {
          const hr = (b.received / max) * H;
          const hs = (b.sent / max) * H;
          return (
            <g key={b.start}>
              <title>{`${label(b.start)}: ${b.received} from viewers, ${b.sent} sent`}</title>
              <rect className="activity-received" x={i * W + 1} width={W - 2} y={H - hr} height={hr} />
              <rect className="activity-sent" x={i * W + 1} width={W - 2} y={H - hr - hs} height={hs} />
            </g>
          );
        })}
      </svg>
      <div className="activity-axis muted small">
        {ticks.map((i, k) => (
          <span key={k}>{label(buckets[i]!.start)}</span>
        ))}
      </div>
      <div className="activity-legend muted small">
        <span className="swatch activity-received" /> from viewers <span className="swatch activity-sent" /> sent · peak {formatNumber(max)} per{' '}
        {bucketLength(timeline.bucketMinutes)}
      </div>
    </div>
  );
}

/** "5 min", "6 h", "1 day(s)": a show's buckets are minutes long. */
function bucketLength(minutes: number): string {
  if (minutes >= 1440) return `${minutes / 1440} day(s)`;
  return minutes >= 60 ? `${minutes / 60} h` : `${minutes} min`;
}

function Chatters({ chatters, scope }: { chatters: TopChatter[]; scope: string }) {
  if (chatters.length === 0) return <Empty>Nobody has chatted in this {scope}.</Empty>;
  const max = Math.max(...chatters.map((c) => c.messages));
  return (
    <div className="bars">
      {chatters.map((c) => (
        <Bar key={c.username} label={c.username} value={c.messages} max={max} tone="c" display={formatNumber(c.messages)} />
      ))}
    </div>
  );
}
