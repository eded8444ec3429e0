import type { ChatDiagnosis } from '../../../../shared/contract/chat-diagnosis.js';
import type { BrowserSession } from '../browser-session.js';
import type { ChatSessionStatus } from '../types.js';
import { diagnosePage, type PageDiagnosis } from './page.js';
import { problemsOf, summaryOf, WIRE_GRACE_MS } from './problems.js';
import type { AccountRecord, ChatDiagnostics } from './recorder.js';

/** What the diagnosis asks of the chat driver (ChatDriver has all of it). */
export interface DiagnosisSource {
  status(accountId: string): Promise<ChatSessionStatus>;
  session(accountId: string): BrowserSession | null;
  hostName(accountId: string): string | null;
  readonly diagnostics: ChatDiagnostics;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Everything the diagnosis says, plus what the site report reuses. */
export interface DiagnosisRun {
  diagnosis: ChatDiagnosis;
  status: ChatSessionStatus;
  record: AccountRecord;
}

/** The status the driver keeps, one evaluation in the page (the page reader's own code), and what the recorder saw. */
export async function runDiagnosis(src: DiagnosisSource, accountId: string, now: number): Promise<DiagnosisRun> {
  const status = await src.status(accountId);
  const record = src.diagnostics.record(accountId);
  const page = status.connected ? await diagnosePage(src.session(accountId)?.currentPage() ?? null) : null;
  const selectors = mergeSelectors(status.selectorHealth, page);
  const w = status.paths.wire;
  const d: Omit<ChatDiagnosis, 'problems' | 'healthy' | 'summary'> = {
    accountId,
    platform: status.platform,
    checkedAt: new Date(now).toISOString(),
    connected: status.connected,
    live: status.live,
    url: status.url,
    selectors,
    page: page && { container: page.container, rows: page.rows, parsed: page.parsed, missingName: page.noName, missingText: page.noText },
    wire: {
      available: w.available,
      live: w.live,
      framesPerMin: w.framesPerMin,
      framesByType: record.frames.byType(now),
      eventsByType: w.byType,
      unknown: w.unknown,
      malformed: w.malformed,
      lastChatAt: iso(record.lastWireChatAt),
    },
    dom: { live: status.paths.dom.live, rowsPerMin: status.paths.dom.rowsPerMin, role: status.paths.dom.role },
    lastLines: record.lines.map((l) => ({ username: l.username, text: l.text, kind: l.kind, path: l.path, at: new Date(l.at).toISOString() })),
  };
  const problems = problemsOf({
    d,
    lastError: status.lastError,
    pageOnlyLines: pageOnlyLines(record, now),
    malformedPerMin: record.frames.byType(now).malformed ?? 0,
    now,
  });
  const healthy = !problems.some((p) => p.severity !== 'info');
  return { diagnosis: { ...d, problems, healthy, summary: summaryOf(problems, d) }, status, record };
}

/** The page's own probe when it answered (it is the newest); the status's otherwise. */
function mergeSelectors(health: ChatSessionStatus['selectorHealth'], page: PageDiagnosis | null): ChatDiagnosis['selectors'] {
  const out: ChatDiagnosis['selectors'] = {};
  for (const [role, h] of Object.entries(health)) out[role] = page?.probe[role] ?? h;
  return out;
}

/** Lines the page delivered after the data stream's last chat line, old enough that the stream had time to carry them. */
function pageOnlyLines(record: AccountRecord, now: number): number {
  const since = record.lastWireChatAt ?? -Infinity;
  return record.lines.filter((l) => l.path === 'dom' && l.at > since && l.at <= now - WIRE_GRACE_MS).length;
}

/** GET /chat/diagnose. */
export async function diagnose(src: DiagnosisSource, accountId: string): Promise<ChatDiagnosis> {
  return (await runDiagnosis(src, accountId, src.diagnostics.now())).diagnosis;
}
