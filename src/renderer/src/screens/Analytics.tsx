import { useEffect } from 'react';
import { Bar, Card, Empty, Notice, Stat } from '../components/ui.js';
import { formatDateTime, formatNumber } from '../format.js';
import { useArea } from '../hooks.js';
import type { Analytics as AnalyticsData, FaqTrigger, Period } from '../api/types.js';

const PERIODS: { id: Period; label: string }[] = [
  { id: 'day', label: 'Today' },
  { id: 'week', label: 'Week' },
  { id: 'month', label: 'Month' },
  { id: 'all', label: 'All time' },
];

export function Analytics() {
  const a = useArea('analytics');
  useEffect(() => {
    void a.load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="screen">
      <div className="screen-head">
        <h1>Analytics</h1>
        <div className="segmented" role="group" aria-label="Period">
          {PERIODS.map((p) => (
            <button key={p.id} type="button" aria-pressed={a.period === p.id} className={a.period === p.id ? 'active' : ''} onClick={() => void a.load(p.id)}>
              {p.label}
            </button>
          ))}
        </div>
      </div>
      <Notice tone="bad">{a.error}</Notice>
      {a.data && <Summary data={a.data} />}
      <div className="grid grid-2">
        <Card title="What the bot sent">{a.data ? <Breakdown data={a.data} /> : <Empty>Loading…</Empty>}</Card>
        <Card title="Top FAQ triggers">
          <Triggers triggers={a.triggers} />
        </Card>
      </div>
    </div>
  );
}

function Summary({ data }: { data: AnalyticsData }) {
  return (
    <Card>
      <div className="stats stats-4">
        <Stat label="Bot messages" value={formatNumber(data.totalMessages)} />
        <Stat label="Chat messages received" value={formatNumber(data.messagesReceived)} />
        <Stat label="Unique chatters" value={formatNumber(data.uniqueChatters)} />
        <Stat label="Since" value={<span className="stat-small">{data.since ? formatDateTime(data.since) : 'the beginning'}</span>} />
      </div>
    </Card>
  );
}

function Breakdown({ data }: { data: AnalyticsData }) {
  const rows = [
    { label: 'Welcomes', value: data.welcomeMessages, tone: 'a' },
    { label: 'FAQ replies', value: data.faqReplies, tone: 'b' },
    { label: 'Timers', value: data.timerMessages, tone: 'c' },
    { label: 'Commands', value: data.commandReplies, tone: 'd' },
    { label: 'API / MCP', value: data.apiMessages, tone: 'e' },
    { label: 'Other', value: data.otherMessages, tone: 'f' },
  ];
  if (data.totalMessages === 0) return <Empty>The bot has not sent anything in this period.</Empty>;
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

function Triggers({ triggers }: { triggers: FaqTrigger[] }) {
  if (triggers.length === 0) return <Empty>No FAQ rule has fired in this period.</Empty>;
  const max = Math.max(...triggers.map((t) => t.count));
  return (
    <div className="bars">
      {triggers.map((t) => (
        <Bar key={t.keyword} label={t.keyword} value={t.count} max={max} tone="b" display={formatNumber(t.count)} />
      ))}
    </div>
  );
}
