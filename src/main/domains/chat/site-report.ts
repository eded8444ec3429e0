import { siteReportFileName, type SiteReport } from '../../../shared/contract/chat-diagnosis.js';
import { APP_VERSION } from '../../../shared/version.js';
import { runDiagnosis, type DiagnosisSource } from './diagnostics/diagnose.js';
import { KnownWords, maskDetail, maskPayload, reportUrl } from './diagnostics/mask.js';
import { pageMarkup } from './diagnostics/page.js';
import type { AccountRecord } from './diagnostics/recorder.js';

/** Markup kept in a report at most (characters): the newest rows are kept, the oldest dropped first. */
export const REPORT_MARKUP_MAX = 200_000;

/**
 * A site report: what a developer needs to fix BuzzChat for a site that changed, and nothing a viewer said or is
 * called. No cookies, storage, headers or query strings; text and names masked in the page before the markup
 * leaves it, frames masked here. The diagnosis's last lines are left out (they are the viewers' own words).
 */
export async function siteReport(src: DiagnosisSource, accountId: string, now: number): Promise<SiteReport> {
  const { diagnosis: d, status, record } = await runDiagnosis(src, accountId, now);
  const known = knownWords(record, [status.loggedInAs, src.hostName(accountId)]);
  const rowSelectors = [...(d.selectors.messageItem?.tried ?? []), ...(d.selectors.joinItem?.tried ?? [])];
  const markup = d.connected
    ? await pageMarkup(src.session(accountId)?.currentPage() ?? null, { known: known.list, rowSelectors, maxChars: REPORT_MARKUP_MAX })
    : null;
  return {
    format: 'buzzchat-site-report/1',
    appVersion: APP_VERSION,
    platform: d.platform,
    pageUrl: reportUrl(d.url),
    createdAt: new Date(now).toISOString(),
    selectors: d.selectors,
    problems: d.problems,
    page: d.page,
    wire: d.wire,
    markup,
    frames: frameSamples(record, known),
  };
}

function knownWords(record: AccountRecord, extra: (string | null)[]): KnownWords {
  const words: string[] = extra.filter((w): w is string => !!w);
  for (const l of record.lines) words.push(l.username, l.text);
  for (const n of record.names.values()) words.push(n);
  return new KnownWords(words);
}

function frameSamples(record: AccountRecord, known: KnownWords): SiteReport['frames'] {
  const out: SiteReport['frames'] = {};
  for (const [group, list] of record.groups) {
    if (list.length === 0) continue;
    out[group] = list.map((s) => ({
      at: new Date(s.at).toISOString(),
      source: s.source,
      result: s.result,
      events: s.events,
      detail: s.detail === null ? null : maskDetail(s.detail, known),
      chars: s.chars,
      payload: s.raw === null ? null : maskPayload(s.raw, known),
    }));
  }
  return out;
}

/** POST /chat/site-report: the report, named as a file for browsers and `curl -OJ`. */
export async function siteReportDownload(
  src: DiagnosisSource,
  accountId: string,
  res: { setHeader(name: string, value: string): unknown },
): Promise<SiteReport> {
  const report = await siteReport(src, accountId, src.diagnostics.now());
  res.setHeader('Content-Disposition', `attachment; filename="${siteReportFileName(report)}"`);
  return report;
}
