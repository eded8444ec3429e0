import type { ChatDiagnosis, ChatProblem } from '../../../../shared/contract/chat-diagnosis.js';
import { Badge, Notice } from '../../components/ui.js';
import { formatTime } from '../../format.js';
import { useArea } from '../../hooks.js';
import { downloadJson } from '../../download.js';

const TONE: Record<ChatProblem['severity'], 'bad' | 'warn' | 'info'> = { error: 'bad', warning: 'warn', info: 'info' };
const LABEL: Record<ChatProblem['severity'], string> = { error: 'Problem', warning: 'Warning', info: 'Note' };

/** "Check this page" on the Overview's chat card: what reads the chat, what is wrong in plain words, and the site report. */
export function CheckPage() {
  const c = useArea('checkPage');
  const exportReport = async () => {
    const f = await c.exportReport();
    if (!f) return;
    downloadJson(f);
  };
  return (
    <div className="check-page">
      <div className="row wrap" style={{ marginTop: 10 }}>
        <button type="button" className="btn btn-small" disabled={c.checking} onClick={() => void c.check()}>
          {c.checking ? 'Checking…' : c.open ? 'Check again' : 'Check this page'}
        </button>
        {c.open && (
          <button type="button" className="btn btn-small btn-ghost" disabled={c.exporting} onClick={() => void exportReport()}>
            {c.exporting ? 'Exporting…' : 'Export site report'}
          </button>
        )}
        {c.open && (
          <button type="button" className="btn btn-small btn-ghost" onClick={c.close}>
            Close
          </button>
        )}
      </div>
      {c.open && <Notice tone="bad">{c.error}</Notice>}
      {c.open && c.diagnosis && <Diagnosis d={c.diagnosis} />}
    </div>
  );
}

function Diagnosis({ d }: { d: ChatDiagnosis }) {
  return (
    <section aria-label="Chat check" className="check-result">
      <p>
        {d.healthy ? <Badge tone="good">Healthy</Badge> : <Badge tone="bad">Needs attention</Badge>} {/* Unhealthy: the problems below say it. */}
        {d.healthy && <span className="small">{d.summary.replace(/^Healthy: r/, 'R')}</span>}
      </p>
      {d.problems.length > 0 && (
        <ul className="check-problems" style={{ listStyle: 'none', padding: 0, display: 'grid', gap: 8 }}>
          {d.problems.map((p) => (
            <li key={p.code} data-code={p.code}>
              <Badge tone={TONE[p.severity]}>{LABEL[p.severity]}</Badge> {p.message}
              <div className="muted small">{p.fix}</div>
            </li>
          ))}
        </ul>
      )}
      {d.problems.some((p) => p.severity !== 'info') && (
        <p className="muted small">
          The site report holds the chat's layout and data with every name and message replaced by x and 0: send it as it is.
        </p>
      )}
      {d.connected && <Details d={d} />}
    </section>
  );
}

function Details({ d }: { d: ChatDiagnosis }) {
  const frames = Object.entries(d.wire.framesByType).sort((a, b) => b[1] - a[1]);
  return (
    <div className="selectors">
      <h4>Page parts</h4>
      <ul aria-label="Page parts">
        {Object.entries(d.selectors).map(([role, s]) => (
          <li key={role} title={`Tried: ${s.tried.join('  ·  ')}`}>
            <span className="muted">{role}</span> {s.matched === null ? <Badge tone="warn">not found</Badge> : <code>{s.matched}</code>}
          </li>
        ))}
      </ul>
      {d.page && (
        <p>
          Chat rows: {d.page.rows} on the page, {d.page.parsed} read, {d.page.missingName} without a name, {d.page.missingText} without a text.
        </p>
      )}
      <h4>Data stream, last minute</h4>
      {!d.wire.available ? (
        <p className="muted">BuzzChat has no reader for this site's data stream: it reads the page.</p>
      ) : frames.length === 0 ? (
        <p className="muted">No frames.</p>
      ) : (
        <ul aria-label="Frames per type">
          {frames.map(([type, n]) => (
            <li key={type}>
              <span className="muted">{type}</span> {n}
            </li>
          ))}
        </ul>
      )}
      <h4>Last lines</h4>
      {d.lastLines.length === 0 ? (
        <p className="muted">No chat line read yet.</p>
      ) : (
        <ul aria-label="Last lines">
          {d.lastLines.map((l, i) => (
            <li key={i}>
              <span className="muted">{formatTime(l.at)}</span> <Badge tone="muted">{l.path === 'wire' ? 'data stream' : 'page'}</Badge>{' '}
              <b>{l.username}</b> {l.kind === 'join' ? <span className="muted">joined</span> : l.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
