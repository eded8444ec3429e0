import type { ChatDiagnosis, ChatProblem } from '../../../../shared/contract/chat-diagnosis.js';

/** Lines read from the page only after this long without the data stream carrying them: the stream lost the chat. */
export const WIRE_GRACE_MS = 2000;

/** What the problems are computed from: the diagnosis without them, plus a few facts the driver knows. */
export interface ProblemFacts {
  d: Omit<ChatDiagnosis, 'problems' | 'healthy' | 'summary'>;
  lastError: string | null;
  /** Lines the page delivered after the data stream's last chat line (and at least WIRE_GRACE_MS ago). */
  pageOnlyLines: number;
  /** Frames the decoder refused in the last minute. */
  malformedPerMin: number;
  now: number;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const SELECTORS_FILE = 'selectors.json in the data folder';
const report = 'send a site report (Export site report on the Overview, or `buzzchat doctor --report FILE`)';
const REPORT = report.charAt(0).toUpperCase() + report.slice(1);

/** The problems, worst first, each in plain words with what to do. */
export function problemsOf(f: ProblemFacts): ChatProblem[] {
  const { d } = f;
  const out: ChatProblem[] = [];
  const add = (code: ChatProblem['code'], severity: ChatProblem['severity'], message: string, fix: string) =>
    out.push({ code, severity, message, fix });
  if (!d.connected) {
    add(
      'not-connected',
      'error',
      `Not connected: no chat page is open${f.lastError ? ` (${f.lastError})` : ''}.`,
      "Connect the chat on the Overview (or POST /api/v1/chat/connect) with the show's live page URL.",
    );
    return out;
  }
  const wireChat = d.wire.available && (d.wire.eventsByType.message ?? 0) + (d.wire.eventsByType.join ?? 0) > 0;
  if (!d.page) {
    add(
      'page-unreadable',
      'error',
      'The chat page did not answer: it may still be loading, or it crashed.',
      'Wait a few seconds and check again; if it persists, disconnect and connect again.',
    );
  } else {
    pageProblems(d.page, d.selectors, wireChat, add);
  }
  if (d.wire.available && !d.wire.live) {
    add(
      'wire-silent',
      'warning',
      "No frames from the site's data stream in the last minute: BuzzChat is reading the page only.",
      'Nothing to do while it reads the page well; if chat lines are missing, reload the page (disconnect, connect). If it stays silent, ' +
        report +
        '.',
    );
  } else if (d.wire.available && f.pageOnlyLines > 0) {
    add(
      'wire-no-chat',
      'warning',
      `The site's data stream stopped carrying chat: the last ${f.pageOnlyLines === 1 ? 'line was' : `${f.pageOnlyLines} lines were`} read from the page only. BuzzChat is reading the page only.`,
      `Nothing to do while the page is read well; reconnecting may bring the stream back. If it keeps happening, ${report}: the site may have changed its data format.`,
    );
  }
  if (f.malformedPerMin > 0) {
    add(
      'wire-malformed',
      'warning',
      `${f.malformedPerMin} frame${f.malformedPerMin === 1 ? '' : 's'} from the site's data stream could not be read in the last minute: the site may have changed its data format.`,
      `${REPORT}; it includes those frames, masked.`,
    );
  }
  if (!d.live && d.selectors.liveIndicator?.matched === null) {
    add(
      'not-live',
      'info',
      'The page shows no LIVE badge: timers and live-only features wait until the show is live.',
      'Nothing to do before the show starts. If the show is live, ' + report + '.',
    );
  }
  return out.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

type Add = (code: ChatProblem['code'], severity: ChatProblem['severity'], message: string, fix: string) => void;

function pageProblems(page: NonNullable<ChatDiagnosis['page']>, selectors: ChatDiagnosis['selectors'], wireChat: boolean, add: Add): void {
  const stillWire = wireChat ? " BuzzChat still reads chat from the site's data stream." : '';
  const pageOnly = wireChat ? 'warning' : 'error';
  if (page.container === null) {
    add(
      'no-container',
      pageOnly,
      `The chat list was not found on the page: the site probably changed its layout, or this is not a live show's page.${stillWire}`,
      `Open the show's live page. If it is one, ${report}, or add a chatContainer selector in ${SELECTORS_FILE}.`,
    );
  } else if (page.rows === 0) {
    if (wireChat) {
      add(
        'no-rows',
        'warning',
        `The chat list was found but no row in it matched, while the data stream carries chat: the site probably changed how rows are marked.${stillWire}`,
        `${REPORT}, or add a messageItem selector in ${SELECTORS_FILE}.`,
      );
    }
  } else {
    if (page.missingName === page.rows) {
      add(
        'no-username',
        pageOnly,
        `The chat list was found but no row had a username: the site probably changed how names are shown.${stillWire}`,
        `${REPORT} or add a username selector in ${SELECTORS_FILE}.`,
      );
    } else if (page.missingName * 2 > page.rows) {
      add(
        'no-username',
        'warning',
        `${page.missingName} of ${page.rows} chat rows had no username: some lines are not read.`,
        `${REPORT} or add a username selector in ${SELECTORS_FILE}.`,
      );
    }
    if (page.missingText > 0 && page.missingText === page.rows) {
      add(
        'no-text',
        pageOnly,
        `The chat list was found but no row had a message text: the site probably changed how messages are shown.${stillWire}`,
        `${REPORT} or add a messageText selector in ${SELECTORS_FILE}.`,
      );
    }
  }
  if (selectors.chatInput?.matched === null) {
    add(
      'no-input',
      'error',
      'The chat input was not found: BuzzChat cannot post.',
      `Sign in to the site in the chat window (a signed-out page has no chat input). If you are signed in, ${report} or add a chatInput selector in ${SELECTORS_FILE}.`,
    );
  }
}

/** One line for people: "Healthy: reading chat from the data stream and the page" or the worst problem. */
export function summaryOf(problems: ChatProblem[], d: Pick<ChatDiagnosis, 'connected' | 'wire' | 'page'>): string {
  const worst = problems.find((p) => p.severity !== 'info');
  if (worst) return `${problems.filter((p) => p.severity !== 'info').length} problem(s): ${worst.message}`;
  const readers = [d.wire.available && d.wire.live ? 'the data stream' : null, d.page?.container ? 'the page' : null].filter(Boolean);
  return `Healthy: reading chat from ${readers.join(' and ') || 'the page'}.`;
}
